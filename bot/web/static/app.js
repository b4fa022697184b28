// Rukun dashboard: sign in with the Mini App's initData, and refresh broadcasts' progress.
// No library, no network beyond this server.
(function () {
  "use strict";

  function initDataFromFragment() {
    // Telegram opens a Mini App with #tgWebAppData=<initData>&tgWebAppVersion=…
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash) return "";
    var params = new URLSearchParams(hash);
    return params.get("tgWebAppData") || "";
  }

  function signIn() {
    var box = document.getElementById("signin");
    if (!box) return;
    var initData = initDataFromFragment();
    if (!initData) return; // a desktop browser: the page says to use /dasbor's link
    var body = new URLSearchParams();
    body.set("init_data", initData);
    fetch(box.dataset.auth, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return [r.ok, j]; }); })
      .then(function (res) {
        if (res[0] && res[1].ok) {
          var here = window.location.pathname;
          window.location.replace(here.endsWith("/") ? res[1].next : here + window.location.search);
        } else {
          document.getElementById("signin-failed").hidden = false;
          box.dataset.result = "refused";
        }
      })
      .catch(function () { document.getElementById("signin-failed").hidden = false; });
  }

  function refreshBroadcasts() {
    var rows = document.querySelectorAll("li.broadcast");
    rows.forEach(function (row) {
      var state = row.dataset.state;
      if (state !== "sending" && state !== "queued" && state !== "scheduled") return;
      fetch(row.dataset.progress, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) return;
          row.dataset.state = p.state;
          row.querySelector(".state").textContent = p.state;
          row.querySelector(".bar").style.setProperty("--w", p.pct + "%");
          row.querySelector(".sent").textContent = p.sent;
          row.querySelector(".total").textContent = p.total;
          row.querySelector(".failed").textContent = p.failed + p.blocked;
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    signIn();
    if (document.querySelector("li.broadcast")) {
      window.setInterval(refreshBroadcasts, 3000);
    }
  });
})();
