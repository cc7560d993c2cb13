#!/usr/bin/env bash
# Browser tests drive Debian's Chromium; Playwright cannot download browsers here.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "meshwork: installing Debian's Chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "meshwork: the browser tests need Chromium at /usr/bin/chromium; install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
