#!/usr/bin/env bash
# Install Debian's Chromium and chromedriver for the browser tests (pytest -m browser).
# Idempotent: does nothing when both are already there. Uses sudo only when not run as root.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver

if [[ -x "$CHROMIUM" && -x "$CHROMEDRIVER" ]]; then
    echo "chromium and chromedriver already installed"
    exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-browser.sh: not root and sudo is missing; run as root to install chromium" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends chromium chromium-driver

for bin in "$CHROMIUM" "$CHROMEDRIVER"; do
    if [[ ! -x "$bin" ]]; then
        echo "install-browser.sh: $bin is still missing after apt-get install" >&2
        exit 1
    fi
done
echo "installed: $("$CHROMIUM" --version 2>/dev/null || echo chromium)"
