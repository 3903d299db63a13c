#!/usr/bin/env bash
# Install Debian's Chromium (and Playwright for Python when a virtualenv is active) for the HTML
# reader's browser tests.  Idempotent; runs as root in CI.  Playwright drives the system browser
# (/usr/bin/chromium): never run `playwright install`, which downloads a browser from a CDN.
# Playwright itself is also in the `test` extra, so `pip install -e '.[test]'` brings it.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
chromium --version 2>/dev/null | grep -i chromium

PYTHON="${PYTHON:-python3}"
if "$PYTHON" -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)' 2>/dev/null; then
    # Inside a virtualenv: make sure Playwright is there.
    "$PYTHON" -c "import playwright" 2>/dev/null || "$PYTHON" -m pip install -q "playwright>=1.40"
    "$PYTHON" -c "import importlib.metadata as m; print('playwright', m.version('playwright'))"
else
    echo "browser-setup: no virtualenv active; Playwright comes with pip install -e '.[test]'"
fi
