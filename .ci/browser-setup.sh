#!/usr/bin/env bash
# Install Debian's Chromium and Playwright for Python, for the HTML reader's browser tests.
# Idempotent: does nothing that is already done.  Runs as root in CI.
# Playwright drives the system browser (/usr/bin/chromium); we never run `playwright install`,
# which would download a browser build from a CDN.
set -euo pipefail

PYTHON="${PYTHON:-python}"

if ! command -v chromium >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

if ! "$PYTHON" -c "import playwright" >/dev/null 2>&1; then
    "$PYTHON" -m pip install -q "playwright>=1.40"
fi

chromium --version
"$PYTHON" -c "import playwright, importlib.metadata as m; print('playwright', m.version('playwright'))"
