# The front door to every task. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

##@ Set-up
$(BIN)/coursefinder: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

# axe-core (package.json devDependency) for the browser tests' accessibility checks.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: install Node.js to run the axe-core checks (CI requires them)" >&2; fi

install: $(BIN)/coursefinder node_modules/axe-core/axe.min.js ## Create .venv and install the project with its test tools (and axe-core for the browser tests)

##@ Run
demo: install ## Start the sample provider sites, crawl, index and serve the portal on http://127.0.0.1:8000
	$(BIN)/coursefinder demo

serve: install ## Serve the portal on the current catalogue
	$(BIN)/coursefinder serve

crawl: install ## Crawl providers (P=<provider id> for one)
	$(BIN)/coursefinder crawl $(if $(P),--provider $(P),)

reindex: install ## Rebuild the search index from the catalogue
	$(BIN)/coursefinder reindex

db-upgrade: install ## Apply database migrations
	$(BIN)/coursefinder db upgrade

##@ Quality
test: install ## Run the whole test suite (lint included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## Lint only
	$(BIN)/ruff check .

reformat: install ## Apply the formatter and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

##@ Translations
translations: install ## Extract strings and update the Welsh catalogue
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --omit-header --no-location portal indexer
	$(BIN)/pybabel update -i translations/messages.pot -d translations

translations-compile: install ## Compile the catalogues (the portal also does this at start-up)
	$(BIN)/pybabel compile -d translations

##@ Measure
bench: install ## Benchmarks (not tests): N=10000 synthetic courses by default
	$(BIN)/coursefinder bench --courses $(or $(N),10000)

accuracy: install ## Per-field accuracy of the normaliser on the devset
	$(BIN)/coursefinder accuracy

relevance: install ## nDCG@10 and recall@20: the crawled sample sites, then the devset as stated
	$(BIN)/coursefinder relevance --crawl
	$(BIN)/coursefinder relevance

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var .pytest_cache .ruff_cache node_modules

help: ## Show this help
	@awk 'BEGIN {FS = ":.*##"} /^##@/ {printf "\n%s\n", substr($$0, 5)} /^[a-zA-Z_-]+:.*##/ {printf "  %-22s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: install demo serve crawl reindex db-upgrade test lint reformat translations translations-compile bench accuracy relevance clean help
