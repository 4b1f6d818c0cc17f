#!/usr/bin/env bash
# Idempotent set-up: virtual environment, Python packages, bun, database migrations; with --browser also a
# Chromium for the end-to-end tests. Fast the second time (each step checks before it works).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)

if [ ! -x "$VENV/bin/python" ]; then
  echo "==> creating the virtual environment in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$STAMP" ]; then
  echo "==> installing Python packages (pyproject.toml)"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".[test]"
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
fi

# Reflex's own bun download needs the internet; bun from the npm registry works (docs/TOOLCHAIN).
if ! command -v bun >/dev/null 2>&1; then
  echo "==> installing bun from the npm registry"
  npm install --global --silent bun >/dev/null
fi

if [ "${1:-}" = "--browser" ]; then
  if ! "$VENV/bin/python" - <<'PY' >/dev/null 2>&1
from pathlib import Path
from playwright.sync_api import sync_playwright
with sync_playwright() as p:
    raise SystemExit(0 if Path(p.chromium.executable_path).exists() else 1)
PY
  then
    if [ ! -x /usr/bin/chromium ]; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "==> installing Debian's chromium for the browser tests"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
      else
        echo "No Chromium found. Install one: 'sudo apt-get install chromium' or '.venv/bin/playwright install chromium'." >&2
        exit 1
      fi
    fi
  fi
fi

mkdir -p data
echo "==> migrating the database"
REFLEX_USE_SYSTEM_BUN=1 REFLEX_TELEMETRY_ENABLED=false "$VENV/bin/reflex" db migrate >/dev/null
