# LER Navigator: `make run` starts the chat, `make test` runs every test.
# The environment is created on first use and re-synced only when uv.lock or pyproject.toml change.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
PORT ?= 8501
# uv from PATH, else the copy `pip install --user uv` puts beside python3.
UV ?= $(or $(shell command -v uv 2>/dev/null),python3 -m uv)
# Never download an interpreter: use the Python 3.11 that is on PATH.
export UV_PYTHON_DOWNLOADS := never
STAMP := .venv/.make-synced
# npm ci writes this file; it is newer than package-lock.json while node_modules is current.
NODE_STAMP := node_modules/.package-lock.json
RUN := $(UV) run --frozen

.PHONY: help env node run index test lint format docs bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): uv.lock pyproject.toml
	@$(UV) --version >/dev/null 2>&1 || { \
		echo "uv not found; installing it for this user with pip"; \
		python3 -m pip install --user --quiet uv 2>/dev/null \
		|| python3 -m pip install --user --quiet --break-system-packages uv \
		|| pip install --user --quiet uv; }
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

env: $(STAMP) ## Create or update the environment (.venv)

$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility check is skipped (CI installs npm)"; fi

node: $(NODE_STAMP) ## Install axe-core for the browser test's accessibility check

index: env ## Build the search index, or reuse it while the knowledge is unchanged
	$(RUN) ler-navigator index build

run: index ## Start the chat on http://localhost:8501
	$(RUN) streamlit run app/streamlit_app.py --server.headless true --server.port $(PORT) \
		--browser.serverAddress localhost

test: env node ## Run the whole test suite, the browser test and accessibility check included
	$(RUN) pytest

lint: env ## ruff check and ruff format --check
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: env ## Apply ruff's fixes and formatting
	$(RUN) ruff check --fix .
	$(RUN) ruff format .

docs: env ## Regenerate the settings tables in README.md and docs/configuration.md
	$(RUN) python scripts/gen_config_docs.py

bench: env ## Retrieval and answer benchmarks
	$(RUN) python -m benchmarks.run
	$(RUN) python -m benchmarks.tune_fusion

clean: ## Remove the environment, the index and caches
	rm -rf .venv .data .pytest_cache .ruff_cache node_modules
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
