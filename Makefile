# One task runner for laptops and CI.  `make serve` and `make test` each set up
# what they need first (a virtual environment in .venv), so each is one command
# on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build check test test-browser bench clean

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/mkdocs

serve: setup
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup
	$(BIN)/python -m pytest

bench: setup
	scripts/bench --serve

clean:
	rm -rf site .pytest_cache test-artifacts
