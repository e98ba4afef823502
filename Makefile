# rsec — the two commands a newcomer runs (see README.md).
.PHONY: run test install lint

run:      ## install everything, load demo data on SQLite and start the server on :8000
	bash scripts/run.sh

test:     ## install everything and run the whole test suite (SQLite, browser, PostgreSQL)
	bash scripts/test.sh

install:  ## create .venv and install rsec with its test tools
	bash scripts/bootstrap.sh

lint:
	.venv/bin/ruff check src tests benchmarks && .venv/bin/ruff format --check src tests benchmarks
