# One task runner for laptops and CI.  `make serve` and `make test` each set up
# what they need first (a virtual environment in .venv), so each is one command
# on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every Python package, with its hashes: made from pyproject.toml by `make lock`.
LOCK := requirements/lock.txt
# Material for MkDocs prints a notice at every build unless NO_MKDOCS_2_WARNING is
# set, and ProperDocs' notice (shown when a plugin asks for it) is silenced by
# DISABLE_MKDOCS_2_WARNING=true (README, "Platform").
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

# pip as `make setup` runs it. The lock holds the hashes of PyPI's files, so pip's
# configuration files (an extra index, a constraint) are not read; PIP_* variables
# still apply (PIP_INDEX_URL for a mirror of PyPI), and a PIP_CONFIG_FILE set in the
# environment is used instead. Where a machine's pip.conf names an index folder
# that does not exist, this also spares one warning per package.
PIP_CONFIG_FILE ?= /dev/null
PIP := PIP_CONFIG_FILE=$(PIP_CONFIG_FILE) $(BIN)/python -m pip --disable-pip-version-check

.PHONY: setup system setup-browser lock serve build check test test-browser lint properdocs-compare linkcheck bench clean

# The lock first, every file checked against its hash; then the project itself, which
# no hash can cover (an editable install), built with the lock's setuptools and
# nothing else (--no-deps --no-build-isolation). The one warning silenced is
# setuptools' note that an editable install can be shadowed by a folder of the
# same name: here that folder is the package itself.
$(VENV)/.setup-done: $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(LOCK)
	PYTHONWARNINGS='ignore:Editable installation' $(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

setup: $(VENV)/.setup-done system

# System libraries the build needs (Debian's names): Cairo, fontconfig and a font, for
# the infographics' PNG and PDF files (CairoSVG). Installed with apt-get when missing
# and this is root (a fresh CI machine); otherwise the command to run is printed.
# Skipped where there is no dpkg (the build then names what is missing).
SYSTEM_PACKAGES := libcairo2 fontconfig fonts-dejavu-core
system:
	@command -v dpkg >/dev/null 2>&1 || exit 0; \
	missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || printf '%s ' $$p; done); \
	[ -z "$$missing" ] && exit 0; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing $$missing(Debian packages the build needs)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "make: the build needs these Debian packages: $$missing- install them with: sudo apt-get install $$missing" >&2; exit 1; \
	fi

# Remake the lock after changing the dependencies in pyproject.toml (or
# requirements/build.in); the pins already in the lock are kept where they still fit.
# `make lock LOCK_FLAGS=--upgrade` moves every package to its newest allowed version.
# One lock for every Python the project supports (pyproject.toml's requires-python)
# and every platform, from PyPI; the next `make` command installs it.
LOCK_FLAGS ?=
lock: setup
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra test --extra properdocs --extra ci \
	  --universal --generate-hashes --custom-compile-command 'make lock' --quiet $(LOCK_FLAGS) -o $(LOCK)

# The browser suite's checkers, pinned in package.json / package-lock.json: axe-core
# (accessibility rules, injected into the pages) and vnu-jar (the Nu Html Checker, run
# on the installed Java). --ignore-scripts: nothing is downloaded besides the packages.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

setup-browser: node_modules/.package-lock.json

serve: setup
	$(BIN)/mkdocs serve --livereload --dirty -a 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

test: setup setup-browser lint
	$(BIN)/python -m pytest

# Only the browser suite (tests/browser/, marker "browser"): Chromium, axe-core, the
# keyboard, reflow, privacy, CSP, language, links, safety and HTML checks.
# Screenshots and the external-link report go to test-artifacts/.
test-browser: setup setup-browser
	$(BIN)/python -m pytest -m browser tests/browser tests/test_search_browser.py

# Lint and type checks (ruff, mypy; settings in pyproject.toml).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy resource_library

# Builds the site with MkDocs and with ProperDocs (both --strict) into temporary
# folders and fails, with a short diff, unless the two sites are the same.
properdocs-compare: setup
	$(BIN)/python scripts/compare-builds

# Every link between the pages of site/ (run `make build` first); nothing outside is fetched.
linkcheck: setup
	.ci/linkcheck site

bench: setup
	scripts/bench --serve

clean:
	rm -rf site .pytest_cache test-artifacts
