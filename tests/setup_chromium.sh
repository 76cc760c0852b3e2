#!/bin/sh
# Headless Chromium and CJK fonts for tests/test_viz_browser.py (Debian's packages).
# A no-op when both are there; apt-get as root, sudo -n otherwise; never fails the build
# (the browser test itself decides: it fails in CI without Chromium, skips elsewhere).
set -u
have_fonts() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; }
if [ -x /usr/bin/chromium ] && have_fonts; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup_chromium: no apt-get here; install Chromium yourself (or set CHROMIUM=/path)" >&2
    exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "setup_chromium: not root and no passwordless sudo; the browser test will be skipped" >&2
    exit 0
fi
echo "setup_chromium: installing chromium and fonts-noto-cjk (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null && \
    $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null || \
    echo "setup_chromium: apt-get install failed; the browser test will say why" >&2
exit 0
