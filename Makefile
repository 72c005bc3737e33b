# The README's commands. Each target creates what it needs (.venv, installs) by itself.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench devscore clean help

help:
	@echo "make demo     screen examples/suppliers.xlsx -> report.xlsx + results.json"
	@echo "make test     run the test suite"
	@echo "make lint     ruff + mypy --strict on src/"
	@echo "make bench    benchmark (writes benchmarks/README.md figures)"
	@echo "make devscore score the labelled dev set in ../shared/devset (if present)"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/screen run examples/suppliers.xlsx -o report.xlsx --json results.json

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/ruff format --check src tests scripts benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

devscore: $(STAMP)
	mkdir -p out
	$(BIN)/screen run ../shared/devset/suppliers_dev.xlsx -o out/dev_xlsx.xlsx --json out/dev_xlsx.json --quiet
	$(BIN)/screen run ../shared/devset/suppliers_dev.csv -o out/dev_csv.xlsx --json out/dev_csv.json --quiet
	$(BIN)/python ../shared/devset/score.py out/dev_xlsx.json out/dev_csv.json --truth ../shared/devset/truth.csv --json out/metrics.json

clean:
	rm -rf $(VENV) build dist out report.xlsx results.json src/*.egg-info
