#!/usr/bin/env bash
# Install everything and start rsec on the embedded default: SQLite under var/, demo data and the shipped
# list editions, the background worker (re-screening after a list update), and the server on port 8000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/rsec demo
.venv/bin/rsec db_worker >"${RSEC_VAR_DIR:-var}/worker.log" 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "rsec is starting on http://${RSEC_HOST:-127.0.0.1}:${RSEC_PORT:-8000}/ — sign in as a_officer (see README)"
echo "background worker: pid $worker, log ${RSEC_VAR_DIR:-var}/worker.log"
.venv/bin/rsec runserver "${RSEC_HOST:-127.0.0.1}:${RSEC_PORT:-8000}"
