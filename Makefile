# embargo: the commands a developer and CI use. `make help` lists them.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
EMBARGO_SHARED_DATA ?= ../shared/data
export EMBARGO_SHARED_DATA

.PHONY: help setup java browser postgres run test lint types check format clean

help:
	@echo "make run    install into $(VENV) and import every list (from $(EMBARGO_SHARED_DATA) if present, else the publishers)"
	@echo "make test   run the whole test suite (the Spark tests need Java: make java; the UI's: make browser)"
	@echo "make check  lint, type-check and test"

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[all,dev]'
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

# The web UI's browser tests (tests/web, marker `ui`) drive Debian's headless Chromium (never a
# downloaded browser: no `playwright install`) and run axe-core, installed from npm with tests/web's lock file.
browser:
	@pkgs=""; \
	[ -x /usr/bin/chromium ] || pkgs="chromium"; \
	command -v npm >/dev/null 2>&1 || pkgs="$$pkgs npm"; \
	if [ -z "$$pkgs" ]; then \
		true; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's $$pkgs for the UI tests"; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$pkgs >/dev/null; \
	else \
		echo "warning: the UI's browser tests need$$pkgs (apt-get install$$pkgs, as root); without Chromium they skip" >&2; \
	fi
	@if command -v npm >/dev/null 2>&1 && { [ ! -f tests/web/node_modules/axe-core/axe.min.js ] || \
		[ tests/web/package-lock.json -nt tests/web/node_modules ]; }; then \
		cd tests/web && npm ci --no-audit --no-fund --silent; \
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

test: setup java postgres browser
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check embargo tests bench tools
	$(BIN)/ruff format --check embargo tests bench tools

types: setup
	$(BIN)/mypy

check: lint types test

format: setup
	$(BIN)/ruff format embargo tests
	$(BIN)/ruff check --fix embargo tests

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
