# Social Commerce Warehouse: `make build` builds everything, `make test` checks everything.
# Run from the repository root. See README.md.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
SCALE ?= 1
SEED ?= 42
# Test build: a small scale, its own raw folder and DuckDB file.
TEST_SCALE ?= 0.03
TEST_SEED ?= 7

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW_DIR := $(or $(SCW_RAW_DIR),data/raw)
TRUTH_DIR := data/truth
WAREHOUSE := $(or $(SCW_WAREHOUSE),warehouse.duckdb)
TEST_DIR := target/test
TEST_RAW := $(TEST_DIR)/raw
TEST_TRUTH := $(TEST_DIR)/truth
TEST_WAREHOUSE := $(TEST_DIR)/warehouse.duckdb
TEST_SITE := $(TEST_DIR)/site
# The report site: Evidence (npm) in reports/, checked in Debian's Chromium (never a downloaded browser).
NPM_STAMP := reports/node_modules/.installed
CHROMIUM ?= /usr/bin/chromium

export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export DO_NOT_TRACK := 1

.PHONY: help setup build data warehouse reports test lint test-dbt test-reports test-python bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

# `npm install`, not `npm ci`: the lock lists DuckDB's native bindings for platforms whose builds of
# that version are not on the registry, which `npm ci` rejects; install still follows the lock.
$(NPM_STAMP): reports/package.json reports/package-lock.json
	cd reports && npm install --no-audit --no-fund --loglevel=error
	@touch $@

# Headless Chromium for the report test, from Debian's packages (needs root or sudo once).
$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "setup: install Chromium and set CHROMIUM=/path/to/chromium"; exit 1; }
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		|| { $(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq && $(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

setup: $(STAMP) $(NPM_STAMP)  ## create or update the virtualenv (.venv) and the report site's npm packages

data: $(STAMP)  ## generate raw data when missing or when SCALE/SEED differ from data/raw
	$(BIN)/social-commerce generate --scale $(SCALE) --seed $(SEED) \
		--out $(RAW_DIR) --truth $(TRUTH_DIR) --if-changed

# The warehouse is built into a scratch file and moved into place only when `dbt build`
# succeeded: readers never see a half-built or failed warehouse (rename is atomic).
warehouse: $(STAMP)  ## check raw, source freshness, dbt build into warehouse.duckdb
	$(BIN)/social-commerce check-raw --raw $(RAW_DIR)
	@mkdir -p target
	@rm -f target/warehouse.building.duckdb target/warehouse.building.duckdb.wal
	@if [ -f $(WAREHOUSE) ]; then cp $(WAREHOUSE) target/warehouse.building.duckdb; fi
	SCW_RAW_DIR=$(RAW_DIR) SCW_TRUTH_DIR=$(TRUTH_DIR) SCW_WAREHOUSE=target/warehouse.building.duckdb $(BIN)/dbt source freshness
	SCW_RAW_DIR=$(RAW_DIR) SCW_TRUTH_DIR=$(TRUTH_DIR) SCW_WAREHOUSE=target/warehouse.building.duckdb $(BIN)/dbt build
	mv target/warehouse.building.duckdb $(WAREHOUSE)
	@echo "warehouse ready: $(WAREHOUSE)"

reports: $(NPM_STAMP)  ## build the Evidence report site from the warehouse into reports/build
	reports/scripts/build-site.sh $(abspath $(WAREHOUSE))

build: data warehouse reports  ## set up, generate data, dbt build, report site (SCALE=1 SEED=42 by default)

# sqlfluff lints the models; it skips macro files, whose SQL it checks where models use them.
lint: $(STAMP)  ## ruff and sqlfluff
	$(BIN)/ruff check python tests models
	$(BIN)/ruff format --check python tests models
	SCW_RAW_DIR=tests/fixtures/raw_small SCW_WAREHOUSE=target/lint.duckdb $(BIN)/sqlfluff lint models

test-dbt: $(STAMP)  ## full dbt build with all tests at a small scale, into its own DuckDB file
	$(BIN)/social-commerce generate --scale $(TEST_SCALE) --seed $(TEST_SEED) \
		--out $(TEST_RAW) --truth $(TEST_TRUTH) --if-changed --quiet
	@rm -f $(TEST_WAREHOUSE) $(TEST_WAREHOUSE).wal
	SCW_RAW_DIR=$(TEST_RAW) SCW_TRUTH_DIR=$(TEST_TRUTH) SCW_WAREHOUSE=$(TEST_WAREHOUSE) $(BIN)/dbt build --quiet

# The site is built strictly from the test warehouse, copied to target/test/site (for the privacy
# test) and every page opened in headless Chromium; screenshots go to target/test/screenshots.
test-reports: $(NPM_STAMP) $(CHROMIUM)  ## report site from the test build, every page checked in Chromium
	reports/scripts/build-site.sh $(abspath $(TEST_WAREHOUSE))
	@rm -rf $(TEST_SITE) && cp -r reports/build $(TEST_SITE)
	cd reports && CHROMIUM=$(CHROMIUM) node tests/check_pages.mjs --build $(abspath $(TEST_SITE)) \
		--screenshots $(abspath $(TEST_DIR))/screenshots

test-python: $(STAMP)  ## pytest (unit tests, and integration tests on the test build and test site)
	SCW_TEST_RAW=$(TEST_RAW) SCW_TEST_TRUTH=$(TEST_TRUTH) SCW_TEST_WAREHOUSE=$(TEST_WAREHOUSE) \
		SCW_TEST_SITE=$(TEST_SITE) $(BIN)/pytest

test: lint test-dbt test-reports test-python  ## every check: lint, dbt build + tests, report site in Chromium, pytest

# BENCH_ARGS: more options of `social-commerce bench` (e.g. --time-budget 55).
bench: $(STAMP)  ## time and peak memory of each `make build` stage per scale (bench/results.json)
	$(BIN)/social-commerce bench --scales $(or $(SCALES),1 10) --output bench/results.json $(BENCH_ARGS)

clean:  ## remove generated data, warehouse and build output (keeps .venv)
	rm -rf data target logs warehouse.duckdb warehouse.duckdb.wal reports/build reports/.evidence
