#!/usr/bin/env bash
# Runs every check: type check, lint, formatting, unit and integration tests
# (store tests on SQLite and Postgres), and browser tests in Chromium.
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
scripts/install.sh
scripts/ensure-chromium.sh

# Postgres store tests use the local server when one is up.
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432
fi

step() { echo; echo "=== meshwork test: $* ===" >&2; }
step "type check"; yarn tsc
step "lint"; yarn lint:all
step "formatting"; yarn prettier:check
step "governance gate on the example mesh"; yarn meshwork check catalog-info
step "unit and integration tests"; yarn test:unit
step "browser tests"; yarn test:e2e
echo "meshwork: all checks passed" >&2
