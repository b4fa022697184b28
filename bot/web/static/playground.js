// The playground's web chat: one panel per person, polling the bot's messages every second.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
      return r.json();
    });
  }

  function Panel(index, info, root) {
    var self = this;
    this.api = "/api/panels/" + index;
    this.seen = "";
    this.box = el("section", "panel");
    this.box.dataset.role = info.role;
    this.box.appendChild(el("h2", "", info.title));
    this.list = el("div", "messages");
    this.keyboard = el("div", "keyboard");
    this.error = el("div", "error");
    var form = el("form", "compose");
    var input = el("input");
    input.placeholder = "Tulis pesan…";
    input.name = "text";
    var sendBtn = el("button", "", "➤");
    sendBtn.type = "submit";
    sendBtn.title = "Kirim / Send";
    var photo = el("button", "photo", "📷");
    photo.type = "button";
    photo.title = "Kirim foto / Send a photo";
    var pin = el("button", "location", "📍");
    pin.type = "button";
    pin.title = "Kirim lokasi / Send a location";
    var share = el("button", "inline", "@");
    share.type = "button";
    share.title = "Mode inline: cari konten untuk dibagikan / Inline mode: find content to share";
    this.results = el("div", "results");
    form.append(input, sendBtn, photo, pin, share);
    share.addEventListener("click", function () { self.inline(input.value); input.value = ""; });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = input.value;
      input.value = "";
      self.send({ kind: "text", text: text });
    });
    photo.addEventListener("click", function () { self.send({ kind: "photo", text: input.value }); input.value = ""; });
    pin.addEventListener("click", function () { self.send({ kind: "location" }); });
    this.box.append(this.list, this.results, this.keyboard, this.error, form);
    root.appendChild(this.box);
  }

  Panel.prototype.send = function (body) {
    var self = this;
    post(this.api + "/send", body).then(function () { self.error.textContent = ""; self.refresh(); })
      .catch(function (e) { self.error.textContent = e.message; });
  };

  Panel.prototype.inline = function (query) {
    var self = this;
    post(this.api + "/inline", { query: query }).then(function (answer) {
      self.results.replaceChildren();
      if (!answer.results.length) self.results.appendChild(el("div", "muted", "(tidak ada hasil / no results)"));
      answer.results.forEach(function (r) {
        var b = el("button", "result", r.title);
        b.type = "button";
        b.title = r.text;
        b.addEventListener("click", function () {
          post(self.api + "/choose", { id: r.id, query: answer.query }).then(function () {
            self.results.replaceChildren(el("div", "shared", "✔ " + r.title));
          });
        });
        self.results.appendChild(b);
      });
    }).catch(function (e) { self.error.textContent = e.message; });
  };

  Panel.prototype.press = function (messageId, data) {
    var self = this;
    post(this.api + "/press", { message_id: messageId, data: data }).then(function () { self.refresh(); })
      .catch(function (e) { self.error.textContent = e.message; });
  };

  Panel.prototype.draw = function (messages) {
    var self = this;
    this.list.replaceChildren();
    var lastKeyboard = null;
    messages.forEach(function (m) {
      var box = el("div", "msg " + (m.from_bot ? "bot" : "me"));
      box.dataset.id = m.id;
      box.appendChild(el("div", "who", m.name));
      if (m.text) box.appendChild(el("div", "text", m.text));
      m.attached.forEach(function (a) { box.appendChild(el("div", "att", "[" + a + "]")); });
      if (m.inline.length) {
        var buttons = el("div", "buttons");
        m.inline.forEach(function (row) {
          var r = el("div", "row");
          row.forEach(function (b) {
            if (b.url) {
              var a = el("a", "", b.text);
              a.href = b.url;
              a.target = "_blank";
              a.rel = "noopener";
              r.appendChild(a);
            } else {
              var button = el("button", "", b.text);
              button.type = "button";
              button.addEventListener("click", function () { self.press(m.id, b.data); });
              r.appendChild(button);
            }
          });
          buttons.appendChild(r);
        });
        box.appendChild(buttons);
      }
      if (m.from_bot && m.keyboard.length) lastKeyboard = m.keyboard;
      self.list.appendChild(box);
    });
    this.keyboard.replaceChildren();
    (lastKeyboard || []).forEach(function (row) {
      row.forEach(function (label) {
        var b = el("button", "", label);
        b.type = "button";
        b.addEventListener("click", function () { self.send({ kind: "text", text: label }); });
        self.keyboard.appendChild(b);
      });
    });
    this.list.scrollTop = this.list.scrollHeight;
  };

  Panel.prototype.refresh = function () {
    var self = this;
    return fetch(this.api).then(function (r) { return r.json(); }).then(function (messages) {
      var key = JSON.stringify(messages);
      if (key !== self.seen) {
        self.seen = key;
        self.draw(messages);
      }
    }).catch(function () {});
  };

  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("panels");
    fetch("/api/panels").then(function (r) { return r.json(); }).then(function (list) {
      var all = list.map(function (info, i) { return new Panel(i, info, root); });
      function tick() { all.forEach(function (p) { p.refresh(); }); }
      tick();
      window.setInterval(tick, 1000);
    });
  });
})();
