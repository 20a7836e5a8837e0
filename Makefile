# embargo: the commands a developer and CI use. `make help` lists them.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
EMBARGO_SHARED_DATA ?= ../shared/data
export EMBARGO_SHARED_DATA

.PHONY: help setup java postgres run test lint types check format clean

help:
	@echo "make run    install into $(VENV) and import every list (from $(EMBARGO_SHARED_DATA) if present, else the publishers)"
	@echo "make test   run the whole test suite (the Spark tests need Java: make java)"
	@echo "make check  lint, type-check and test"

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,spark,postgresql]'
	touch $@

# Spark (the embargo[spark] extra, run by the tests in local mode) needs a Java runtime.
java:
	@if command -v java >/dev/null 2>&1; then \
		java -version 2>&1 | head -1; \
	elif [ -x "$$JAVA_HOME/bin/java" ]; then \
		"$$JAVA_HOME/bin/java" -version 2>&1 | head -1; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "no java: installing Debian's openjdk-17-jre-headless for the Spark tests"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null; \
	else \
		echo "error: the Spark tests need Java 17 (e.g. apt-get install openjdk-17-jre-headless, or set JAVA_HOME)" >&2; \
		exit 1; \
	fi

# The PostgreSQL tests start a throwaway server of their own (initdb, pg_ctl in a temporary folder):
# they need the server binaries, which Debian installs under /usr/lib/postgresql/<version>/bin.
postgres:
	@if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then \
		pg_ctl --version; \
	elif ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		ls -d /usr/lib/postgresql/*/bin | tail -1; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "no PostgreSQL: installing Debian's postgresql for the PostgreSQL tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null; \
	else \
		echo "error: the PostgreSQL tests need the server binaries (e.g. apt-get install postgresql)" >&2; \
		exit 1; \
	fi

run: setup
	@if [ -d "$(EMBARGO_SHARED_DATA)" ]; then \
		$(BIN)/embargo update --from "$(EMBARGO_SHARED_DATA)"; \
	else \
		$(BIN)/embargo update; \
	fi
	$(BIN)/embargo lists

test: setup
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check embargo tests bench
	$(BIN)/ruff format --check embargo tests bench

types: setup
	$(BIN)/mypy

check: lint types test

format: setup
	$(BIN)/ruff format embargo tests
	$(BIN)/ruff check --fix embargo tests

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
