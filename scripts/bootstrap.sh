#!/usr/bin/env bash
# Create .venv and install rsec with its test tools. Safe to run again: a second run with the same
# pyproject.toml and setup.py, and compiled modules that match their sources, installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.rsec-install
want=$(cat pyproject.toml setup.py | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
  && .venv/bin/python -c 'import sys; from rsec import _native; sys.exit(not _native.up_to_date())' 2>/dev/null; then
  exit 0
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
# builds the name matcher's compiled modules too (setup.py; about 1.5 minutes on 2 cores)
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
echo "$want" > "$stamp"
