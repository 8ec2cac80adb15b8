# Two commands: `make run` serves the app with demo data; `make test` runs the whole suite.
# Both set everything up from a fresh clone with only Python 3.11+ and make. Without
# DATABASE_URL they start an embedded PostgreSQL whose data lives under .data/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# The embedded database URL, worked out only when DATABASE_URL is not already set.
DB_URL = $${DATABASE_URL:-$$($(PY) -m sos.embedded_db)}

# The browser tests (tests/e2e) drive Debian's Chromium; Playwright's own download is not used.
CHROMIUM := /usr/bin/chromium

.PHONY: run worker test browser lint format stop-db clean bench audit-deps fuzz

$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

# The task queue's worker (exports, reminders, expiry, retention) runs beside the web server and
# is stopped when the server stops, so one command serves everything.
run: $(INSTALLED)
	@export DATABASE_URL="$(DB_URL)" DEBUG=$${DEBUG:-true} && \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py seed_demo && \
	{ $(PY) manage.py procrastinate worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; } && \
	echo "Serving on http://127.0.0.1:8000" && \
	$(PY) manage.py runserver 127.0.0.1:8000

# The worker alone (production runs it as its own service; README, Background work).
worker: $(INSTALLED)
	@export DATABASE_URL="$(DB_URL)" && $(PY) manage.py procrastinate worker

# Tests run with production settings (DEBUG off); only the HTTPS redirect and secure cookies
# are relaxed by the test configuration itself, since the test client and live server speak
# plain HTTP. Without Chromium the browser tests are left out, with one line saying why.
test: $(INSTALLED) browser
	@export DATABASE_URL="$(DB_URL)" SECRET_KEY=test-only-not-secret && \
	$(PY) -m ruff check . && \
	$(PY) -m ruff format --check . && \
	if [ -x $(CHROMIUM) ]; then browser_tests=; else browser_tests=--ignore=tests/e2e; \
	  echo "Skipping the browser tests (tests/e2e): no Chromium at $(CHROMIUM), and it could not be installed here (needs root and apt-get: apt-get install chromium)."; fi && \
	$(PY) -m pytest $$browser_tests $(PYTEST_ARGS)

# The hostile-input harness (tests/fuzz) for longer than `make test` runs it: FUZZ_EXAMPLES
# hostile forms (default 5,000) with a fresh random seed each run, printing what it tried.
FUZZ_EXAMPLES ?= 5000
fuzz: $(INSTALLED)
	@export DATABASE_URL="$(DB_URL)" SECRET_KEY=test-only-not-secret FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) && \
	$(PY) -m pytest tests/fuzz -q $(PYTEST_ARGS)

# Install Debian's Chromium for the browser tests when it is missing and this machine can
# (root with apt-get, as on CI); anywhere else `make test` skips those tests instead.
browser:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get install -y -qq chromium >/dev/null 2>&1 || \
	  { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; } || \
	  true; \
	fi

# Benchmarks, not tests: seeds (or reuses) the bench databases sos_bench_1x and sos_bench_10x
# next to the app's own, measures reports, pages and a load run, and writes bench/results.md.
# BENCH_SIZES: the national target by default (100,000 clients, about 4.4M sessions at 10x);
# BENCH_SIZES=1x=5000,10x=50000 seeds in a third of the time.
BENCH_SIZES ?= 1x=10000,10x=100000
BENCH_ARGS ?=
bench: $(INSTALLED)
	$(PY) -m pip install --quiet -e '.[dev,bench]'
	@export DATABASE_URL="$(DB_URL)" && \
	$(PY) -m bench.run --sizes "$(BENCH_SIZES)" $(BENCH_ARGS)

# Known vulnerabilities in every installed package (SECURITY.md "dependencies"). It asks the
# PyPI vulnerability API, so it needs the network and is not part of `make test`. It audits the
# pinned list of what is installed, less the app itself (editable, not on PyPI); --strict makes
# a package that could not be looked up a failure, never a silent pass.
audit-deps: $(INSTALLED)
	$(PY) -m pip freeze --exclude-editable | \
	  $(VENV)/bin/pip-audit --strict --no-deps --disable-pip --requirement /dev/stdin

lint: $(INSTALLED)
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format: $(INSTALLED)
	$(PY) -m ruff check --fix . && $(PY) -m ruff format .

stop-db: $(INSTALLED)
	$(PY) -m sos.embedded_db --stop

clean: stop-db
	rm -rf $(VENV) .data
