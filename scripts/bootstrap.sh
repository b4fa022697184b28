#!/usr/bin/env bash
# Create .venv (if needed) and install Rukun into it. Usage: scripts/bootstrap.sh [extras]
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Rukun needs Python 3.11 or newer (found: $("$python" --version 2>&1))" >&2
  exit 1
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=".venv/.installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  # (pip's notes about this machine's optional local indexes are noise: filtered out)
  .venv/bin/python -m pip install --quiet --upgrade pip 2> >(grep -v '^WARNING: Location' >&2)
  .venv/bin/python -m pip install --quiet -e ".${extras:+[$extras]}" \
    2> >(grep -v -e '^WARNING: Location' -e 'BuildBackendWarning' >&2)
  touch "$stamp"
fi
