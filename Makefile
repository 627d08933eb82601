# znak: `make run` serves on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench model clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Train only when no model artifact exists; `znak train` retrains on demand.
model: artifacts/LATEST

artifacts/LATEST: | $(STAMP)
	$(BIN)/znak train

run: $(STAMP) model
	$(BIN)/znak serve --host 127.0.0.1 --port 8000

test: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP) model
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) artifacts .pytest_cache
