#!/usr/bin/env bash
# Install the servers the test suite starts (throwaway, on free ports): PostgreSQL, Redis, and the
# headless Chromium (Debian's package) that tests/web drives through Playwright.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if ! command -v pg_ctl >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  need+=(postgresql)
fi
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "warning: ${need[*]} missing and not root: those tests will be skipped" >&2; exit 0
  fi
else SUDO=""; fi
echo "installing ${need[*]} …" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the services after installing them; the tests start their own.
for svc in redis-server postgresql; do
  $SUDO service "$svc" stop >/dev/null 2>&1 || true
done
