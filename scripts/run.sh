#!/usr/bin/env bash
# Install everything and start rsec on the embedded default: SQLite under var/, demo data, port 8000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/rsec demo
echo "rsec is starting on http://${RSEC_HOST:-127.0.0.1}:${RSEC_PORT:-8000}/ — sign in as a_officer (see README)"
exec .venv/bin/rsec runserver "${RSEC_HOST:-127.0.0.1}:${RSEC_PORT:-8000}"
