# rolefit — `make help` lists the targets.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_PAGE := examples/vercel-data-engineer.html

.DEFAULT_GOAL := help
.PHONY: help demo test test-fast lint model install clean browser

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "rolefit needs Python 3.11 ($(PY) not found; set PY=...)"; exit 1; }
	$(PY) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP) ## create .venv and install rolefit with its pinned dependencies

demo: $(STAMP) ## install, then classify a bundled job page
	$(BIN)/rolefit classify $(DEMO_PAGE)

test: $(STAMP) browser ## run the whole test suite (slow tests included)
	$(BIN)/python -m pytest

browser: ## install Debian's chromium for the HTML report tests (needs root or sudo)
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test-fast: $(STAMP) ## the fast tests only (no training, browser or Dask)
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) ## ruff
	$(BIN)/ruff check rolefit tests benchmarks
	$(BIN)/ruff format --check rolefit tests benchmarks

model: $(STAMP) ## retrain the shipped classifier from data/ (writes models/)
	$(BIN)/rolefit train

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache build *.egg-info
