# The README's commands. `make run` and `make test` each set up everything they need.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup system-deps services run test lint format migrate seed

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

system-deps:
	bash scripts/system-deps.sh

services: system-deps
	bash scripts/services.sh

run: setup services
	bash scripts/run.sh

test: setup services
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	bash scripts/test.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmark at city scale: a separate database (BENCH_DB), seeded once; writes docs/benchmarks.md.
BENCH_DB ?= dosonthidua_bench
bench: setup services
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements-bench.txt
	BENCH_DB=$(BENCH_DB) bash scripts/bench.sh
