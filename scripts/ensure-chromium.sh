#!/usr/bin/env bash
# Browser tests drive Debian's Chromium, or the one MESHWORK_CHROMIUM names;
# Playwright cannot download browsers here.
set -euo pipefail
chromium="${MESHWORK_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ -n "${MESHWORK_CHROMIUM:-}" ]; then
  echo "meshwork: MESHWORK_CHROMIUM is $chromium, which is not an executable" >&2
  exit 1
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "meshwork: installing Debian's Chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "meshwork: the browser tests need Chromium at /usr/bin/chromium (or MESHWORK_CHROMIUM set to another); install it with: sudo apt-get install -y chromium" >&2
  exit 1
fi
