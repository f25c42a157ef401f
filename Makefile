# Inkwell — see README.md. Every target installs what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
# uv manages the Python environment; a machine without it gets a private copy in .tools/.
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
RUN := $(UV) run --frozen
INKWELL := $(RUN) python -m server.cli
NPM := npm --prefix client

.PHONY: help setup python-deps client-deps client run web worker migrate seed lint typecheck \
	test test-python test-client api-types check-api-types bench clean

help:
	@echo "make run      install everything, start PostgreSQL/Redis (embedded if unset), web, worker, mail sink"
	@echo "make test     install everything and run the whole suite (lint, Python, client, browser)"
	@echo "make web | worker | migrate | seed | lint | bench | api-types"

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet "uv>=0.4"

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

python-deps: .venv/.synced

client/node_modules/.installed: client/package.json client/package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

client-deps: client/node_modules/.installed

setup: python-deps client-deps

client: client-deps
	$(NPM) run build

run: setup client
	$(INKWELL) run

web: python-deps
	$(INKWELL) web

worker: python-deps
	$(INKWELL) worker

migrate: python-deps
	$(INKWELL) migrate

seed: python-deps
	$(INKWELL) seed

lint: setup
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) mypy .
	$(NPM) run typecheck

# The client's API types are generated from the server's OpenAPI document.
api-types: setup
	$(INKWELL) openapi > client/openapi.json
	$(NPM) run gen:api

check-api-types: setup
	@tmp=$$(mktemp -d); \
	$(INKWELL) openapi > $$tmp/openapi.json && \
	cp $$tmp/openapi.json client/.openapi.check.json && \
	(cd client && npx openapi-typescript .openapi.check.json -o .schema.check.d.ts >/dev/null) && \
	rm -f client/.openapi.check.json; \
	if ! diff -q client/.schema.check.d.ts client/src/api/schema.d.ts >/dev/null || \
	   ! diff -q $$tmp/openapi.json client/openapi.json >/dev/null; then \
		rm -f client/.schema.check.d.ts; \
		echo "client API types are stale: run 'make api-types' and commit the result"; exit 1; \
	fi; rm -f client/.schema.check.d.ts; echo "client API types match /openapi.json"

test-client: client-deps
	$(NPM) run typecheck
	$(NPM) test
	$(NPM) run build

# pytest-xdist workers; each has its own database and Redis databases (tests/conftest.py).
TEST_WORKERS ?= 2

test-python: python-deps
	$(INKWELL) services -- $(RUN) pytest -n $(TEST_WORKERS) --cov --cov-report=term $(PYTEST_ARGS)

test: setup lint check-api-types test-client test-python

bench: setup client
	$(INKWELL) services -- $(RUN) python -m bench $(BENCH)

clean:
	rm -rf .venv .tools client/node_modules client/dist
