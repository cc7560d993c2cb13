#!/usr/bin/env bash
# Starts Meshwork for local use: backend on :7007 and frontend on :3000, on the
# embedded SQLite database (kept under .data/), with guest sign-in and the example mesh.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bootstrap.sh
scripts/install.sh
mkdir -p .data/sqlite
# The backend's runtime, as README's "Running on Postgres" asks of production too
# (the frontend's dev server gets it as well: more memory, nothing else).
export NODE_OPTIONS="--max-semi-space-size=64${NODE_OPTIONS:+ $NODE_OPTIONS}"
echo "meshwork: starting; open http://localhost:3000 (backend http://localhost:7007)" >&2
exec yarn start
