# embargo: the commands a developer and CI use. `make help` lists them.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
EMBARGO_SHARED_DATA ?= ../shared/data
export EMBARGO_SHARED_DATA

.PHONY: help setup run test lint types check format clean

help:
	@echo "make run    install into $(VENV) and import every list (from $(EMBARGO_SHARED_DATA) if present, else the publishers)"
	@echo "make test   run the whole test suite"
	@echo "make check  lint, type-check and test"

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

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
