# One command to set up and run the baseline, one to set up and run the tests.
# Needs only Python >= 3.11 and the package registry.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test install bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,report]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/twin run scenarios/baseline.yaml -o results/baseline.nc

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) results report .pytest_cache .hypothesis
