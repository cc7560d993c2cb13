#!/usr/bin/env bash
# Builds every package as it would be published and deployed, checks the
# backend bundle holds each plugin's migrations and that the built lineage
# backend parses on its parser threads, then removes the build output (the
# app backend would serve a stale packages/app/dist).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
# Also when a step fails: stale output would outlive the failure.
trap 'yarn clean >/dev/null' EXIT

yarn build:all
bundled=$(tar -tzf packages/backend/dist/bundle.tar.gz)
for migrations in plugins/*/migrations; do
  if ! grep -q "^$migrations/.*\.js$" <<<"$bundled"; then
    echo "meshwork: the backend bundle lacks $migrations" >&2
    exit 1
  fi
done
NODE_OPTIONS="-r $PWD/scripts/production-build/resolvePublished.cjs" \
  node scripts/production-build/checkParserThreads.cjs
