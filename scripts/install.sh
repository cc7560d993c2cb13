#!/usr/bin/env bash
# Installs dependencies when package manifests or the lockfile changed since
# the last install; otherwise returns at once. Expects scripts/bootstrap.sh sourced.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.meshwork-install-stamp
shopt -s nullglob
manifests=(yarn.lock .yarnrc.yml package.json packages/*/package.json plugins/*/package.json)
stampOf() { echo "$(node -v) $(yarn --version) $(cat "${manifests[@]}" | sha256sum | cut -d' ' -f1)"; }
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(stampOf)" ]; then
  exit 0
fi
echo "meshwork: installing dependencies (first run downloads about 1 GB)" >&2
if [ -n "${CI:-}" ]; then
  yarn install --immutable
else
  yarn install
fi
# After the install, which may have rewritten yarn.lock.
stampOf > "$stamp"
