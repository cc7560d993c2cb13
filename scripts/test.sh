#!/usr/bin/env bash
# Runs every check: type check, lint, formatting, unit and integration tests
# (store tests on SQLite and Postgres), and browser tests in Chromium.
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
scripts/install.sh
scripts/ensure-chromium.sh

# Postgres store tests use the local server when user postgres can sign in
# to it without a password; otherwise set the connection string yourself.
LOCAL_POSTGRES=postgresql://postgres@127.0.0.1:5432
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  psql "$LOCAL_POSTGRES/postgres" -Atqc 'select 1' >/dev/null 2>&1; then
  export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=$LOCAL_POSTGRES
fi

step() { echo; echo "=== meshwork test: $* ===" >&2; }
step "type check"; yarn tsc
step "production build"; scripts/check-production-build.sh
step "lint"; yarn lint:all
step "formatting"; yarn prettier:check
step "governance gate on the example mesh"; yarn meshwork check catalog-info
step "unit and integration tests"; yarn test:unit
step "browser tests"; yarn test:e2e
echo "meshwork: all checks passed" >&2
