#!/usr/bin/env bash
# Install everything and run the whole test suite: SQLite (everything, incl. browser tests), then
# PostgreSQL (every database-backed test again on a server started here). Fails if any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/bootstrap.sh
export RSEC_VAR_DIR="${RSEC_VAR_DIR:-$(mktemp -d /tmp/rsec-test.XXXXXX)}"
unset DATABASE_URL
PYTEST=(.venv/bin/python -m pytest -p no:cacheprovider -q)

echo "== lint (ruff)"
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check --quiet src tests benchmarks
echo "== SQLite: engine and platform tests"
"${PYTEST[@]}" -n 2 -m "not e2e" tests
echo "== SQLite: browser tests (Debian chromium + Playwright)"
"${PYTEST[@]}" -m e2e tests/e2e
echo "== PostgreSQL: platform tests"
bash scripts/with-postgres.sh "${PYTEST[@]}" -n 2 tests/app
