# mskio — `make build` then `make test`. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PIP    := $(BIN)/pip --disable-pip-version-check --quiet

.PHONY: help install build test typecheck unit bench bench-store clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies and mskio

build: $(STAMP) ## create .venv, install, build dist/ from data/, and run the FAIR self-check on it
	$(BIN)/mskio build
	$(BIN)/mskio fair

typecheck: $(STAMP) ## mypy --strict on the package
	$(BIN)/mypy mskio

unit: $(STAMP) ## the test suite only, one worker per core (pytest-xdist; a file's tests stay on one worker)
	$(BIN)/pytest -n auto --dist loadfile

test: typecheck unit ## type-check and run the whole test suite

bench: $(STAMP) ## time mskio build, fair, --help and a rebuild on synthetic corpora of 1-1,000 reviews
	$(BIN)/python scripts/bench.py --reviews 1 10 100 1000 --timeout 600

bench-store: $(STAMP) ## time mskio load and every canned query, embedded and on a local Oxigraph server (needs dist/)
	$(BIN)/python scripts/bench_store.py

clean: ## remove dist/ and the virtual environment
	rm -rf dist $(VENV)
