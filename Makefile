# Two commands: `make run` serves the app with demo data; `make test` runs the whole suite.
# Both set everything up from a fresh clone with only Python 3.11+ and make. Without
# DATABASE_URL they start an embedded PostgreSQL whose data lives under .data/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# The embedded database URL, worked out only when DATABASE_URL is not already set.
DB_URL = $${DATABASE_URL:-$$($(PY) -m sos.embedded_db)}

.PHONY: run test lint format stop-db clean bench

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

run: $(INSTALLED)
	@export DATABASE_URL="$(DB_URL)" DEBUG=$${DEBUG:-true} && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py seed_demo && \
	echo "Serving on http://127.0.0.1:8000" && \
	$(PY) manage.py runserver 127.0.0.1:8000

# Tests run with production settings (DEBUG off); only the HTTPS redirect is relaxed by the
# test configuration itself, since the test client speaks plain HTTP.
test: $(INSTALLED)
	@export DATABASE_URL="$(DB_URL)" SECRET_KEY=test-only-not-secret && \
	$(PY) -m ruff check . && \
	$(PY) -m ruff format --check . && \
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks, not tests: seeds (or reuses) the bench databases sos_bench_1x and sos_bench_10x
# next to the app's own, measures reports, pages and a load run, and writes bench/results.md.
# BENCH_SIZES=1x=5000,10x=50000 by default; national scale: BENCH_SIZES=1x=10000,10x=100000.
BENCH_SIZES ?= 1x=5000,10x=50000
BENCH_ARGS ?=
bench: $(INSTALLED)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	@export DATABASE_URL="$(DB_URL)" && \
	$(PY) -m bench.run --sizes "$(BENCH_SIZES)" $(BENCH_ARGS)

lint: $(INSTALLED)
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: $(INSTALLED)
	$(PY) -m ruff check --fix . && $(PY) -m ruff format .

stop-db: $(INSTALLED)
	$(PY) -m sos.embedded_db --stop

clean: stop-db
	rm -rf $(VENV) .data
