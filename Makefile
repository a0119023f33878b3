# danvan — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := danvan.settings

# `make run` starts the background worker (`danvan worker`) beside the web server and stops it with the server.
.PHONY: run test install install-test assets messages lint bench bench-micro load topology demo screenshots clean mutation

# Stamps: the package is installed editable, so only a change to pyproject.toml (dependencies,
# entry points) needs pip again; `make run` starts at once otherwise.
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard src/danvan/locale/*/LC_MESSAGES/django.po))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(STAMP)

# Front-end packages from the npm registry (package.json, package-lock.json) into node_modules/,
# never copied into the repository: the date picker served to browsers, and axe-core for the tests.
ASSETS := node_modules/.installed
$(ASSETS): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found (apt-get install npm): no date picker, and the browser tests cannot check accessibility"; fi

assets: $(ASSETS)

install: $(STAMP)
	@$(MAKE) -s messages assets

install-test: $(TEST_STAMP)
	@$(MAKE) -s messages assets

messages: $(CATALOGUES)

%.mo: %.po
	@if command -v msgfmt >/dev/null; then cd src/danvan && DEBUG=true ../../$(BIN)/danvan compilemessages -v0; \
	else echo "msgfmt not found (apt-get install gettext): the interface stays Vietnamese only"; fi

# `make run` serves the demo as an office would see it (DEBUG off: Vietnamese 404/500 pages, no
# debug tracebacks) with a secret key made once for this checkout and kept out of git under var/.
# `DEBUG=true make run` gives Django's debugging pages instead.
LOCAL_KEY := var/secret_key
$(LOCAL_KEY):
	@mkdir -p var && (umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(64))' > $@)

run: install $(LOCAL_KEY)
	SECRET_KEY=$$(cat $(LOCAL_KEY)) DEBUG=$${DEBUG:-false} $(BIN)/danvan migrate --no-input -v0
	SECRET_KEY=$$(cat $(LOCAL_KEY)) DEBUG=$${DEBUG:-false} $(BIN)/danvan demo
	@echo ""
	@echo "danvan chạy tại http://127.0.0.1:$(PORT)/  (đăng nhập bằng một tài khoản mẫu ở trên)"
	@echo "Tiến trình nền (gửi thư thông báo) chạy cùng; thư hiện ở đây vì chưa cấu hình SMTP."
	export SECRET_KEY=$$(cat $(LOCAL_KEY)) DEBUG=$${DEBUG:-false} DANVAN_SITE_URL=http://127.0.0.1:$(PORT); \
	$(BIN)/danvan worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/danvan runserver 127.0.0.1:$(PORT)

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports --no-cache

test: install-test lint
	bash scripts/test-all.sh

# PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/danvan_bench): pages at
# two sizes, generator and deadline engine rates, public intake against django-helpdesk (installed
# into var/bench-helpdesk-venv only); writes benchmarks/results.json. Not part of `make test`.
bench: install-test
	SECRET_KEY=$${SECRET_KEY:-danvan-benchmark-run-on-a-throwaway-database} $(BIN)/python benchmarks/run.py

bench-micro: install-test
	$(BIN)/pytest benchmarks --benchmark-only -p no:cacheprovider

# Load and faults on loopback (docs/performance.md): LOAD_CLIENTS (200) people for LOAD_DURATION (60) s
# against gunicorn (LOAD_WORKERS, 4) and PostgreSQL (LOAD_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/danvan_load, dropped, migrated and demo-loaded), kill -9 of the
# server and the worker halfway, then the bad-input corpus through every form. Not part of `make test`.
# More options: `.venv/bin/python scripts/load.py --help` (LOAD_ARGS="--clients 20 --duration 10").
load: install-test
	$(BIN)/python scripts/load.py $(LOAD_ARGS)

# Beyond one machine, on loopback (docs/scaling.md): a PostgreSQL primary and a streaming replica
# (pg_basebackup) as new clusters in a temporary directory, Redis (6379), two gunicorn processes behind
# nginx (apt-get install nginx-light), one shared uploads folder, one worker; a short load through nginx
# with reads right after one's own writes; prints the figures and stops everything. Not part of `make test`.
# TOPOLOGY_ARGS="--clients 20 --seconds 15 --keep".
topology: install-test
	$(BIN)/python scripts/topology.py $(TOPOLOGY_ARGS)

demo: install
	DEBUG=$${DEBUG:-true} $(BIN)/danvan migrate --no-input -v0
	DEBUG=$${DEBUG:-true} $(BIN)/danvan demo

# Screenshots of the main pages on the demo data, for docs/user-guide.md (each page also passes the
# browser tests' accessibility check).
screenshots: install-test
	DANVAN_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q -p no:cacheprovider tests/e2e/test_screenshots.py

clean:
	rm -rf $(VENV) var .pytest_cache node_modules

# Slow (10–30 s per mutant, hours in all), not part of `make test`: mutants of the policy, the permissions, the
# confidentiality code and core; the report goes to var/mutation-report.md (see docs/testing.md).
mutation: install-test
	$(BIN)/python scripts/mutation.py
