# One task runner for laptops and CI.  `make serve` and `make test` each set up
# what they need first (a virtual environment in .venv), so each is one command
# on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-browser serve build check test test-browser linkcheck bench clean

$(BIN)/mkdocs: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/mkdocs

# The browser suite's checkers, pinned in package.json / package-lock.json: axe-core
# (accessibility rules, injected into the pages) and vnu-jar (the Nu Html Checker, run
# on the installed Java). --ignore-scripts: nothing is downloaded besides the packages.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup-browser: node_modules/.package-lock.json

serve: setup
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup setup-browser
	$(BIN)/python -m pytest

# Only the browser suite (tests/browser/, marker "browser"): Chromium, axe-core, the
# keyboard, reflow, privacy, CSP, language, links, safety and HTML checks.
# Screenshots and the external-link report go to test-artifacts/.
test-browser: setup setup-browser
	$(BIN)/python -m pytest -m browser tests/browser tests/test_search_browser.py

# Every link between the pages of site/ (run `make build` first); nothing outside is fetched.
$(BIN)/linkchecker: pyproject.toml | setup
	$(BIN)/pip install --quiet -e '.[test,ci]'
	touch $@

linkcheck: $(BIN)/linkchecker
	.ci/linkcheck site

bench: setup
	scripts/bench --serve

clean:
	rm -rf site .pytest_cache test-artifacts
