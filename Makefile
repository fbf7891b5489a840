# Quick start: `make run` serves the product with demo data (and runs its background jobs);
# `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
VAR ?= var
# The address emails link to in the local demonstration: the port it serves on.
SITE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
# `make run` is a local demonstration: debug pages on, email printed to the console.
RUN_ENV := DEBUG=1 DEMO=1 SITE_URL=$(SITE_URL)

.PHONY: run serve load install development-settings test test-fast test-browser lint assets lock messages check-deploy clean

run: install development-settings
	$(RUN_ENV) $(BIN)/maturity migrate --noinput
	$(RUN_ENV) $(BIN)/maturity framework load
	$(RUN_ENV) $(BIN)/maturity demo load
	@echo "Serving on http://$(HOST):$(PORT)/ with a worker for background jobs (press Ctrl+C to stop both)"
	@$(RUN_ENV) $(BIN)/maturity worker & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	  $(RUN_ENV) $(BIN)/maturity runserver $(HOST):$(PORT)

install: $(BIN)/.installed

# The demonstration's settings, which .venv/bin/maturity reads in this checkout when SECRET_KEY is
# not set (README: The command line), so that its commands work here with no variables.
development-settings:
	@mkdir -p $(VAR)
	@printf '%s\n' '# Written by `make run`: the settings .venv/bin/maturity uses in this checkout when SECRET_KEY' \
	  '# is not set. Delete this file to stop it; a deployment sets SECRET_KEY, which ignores it.' \
	  'DEBUG=1' 'DEMO=1' 'SITE_URL=$(SITE_URL)' > $(VAR)/development.env

$(BIN)/.installed: pyproject.toml requirements/dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is needed: set PYTHON=/path/to/python3.11")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV): on Debian, install the venv module with: apt-get install python3.11-venv"; \
	  rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@mkdir -p var
	@touch $@

test: install
	$(BIN)/pytest

test-fast: install
	$(BIN)/pytest -m "not browser"

test-browser: install
	$(BIN)/pytest -m browser

# The linter, the formatter's check (it changes nothing) and the type checker, with the settings in
# pyproject.toml; .pre-commit-config.yaml runs the same three from this venv.
lint: install
	$(BIN)/ruff check src tests perf
	$(BIN)/ruff format --check src tests perf
	$(BIN)/mypy

# The Welsh catalogue (docs/adr/0025-cymraeg.md): finds every text marked for translation, adds the new
# ones to src/maturity/locale/cy/LC_MESSAGES/django.po (untranslated, for a translator) and compiles it.
# tests/test_translations.py fails while any text lacks its Welsh.
MESSAGE_KEYWORDS := counted:2,3 gettext_lazy ngettext_lazy:1,2 pgettext_lazy:1c,2
messages: install
	@mkdir -p $(VAR)
	$(BIN)/pybabel -q extract --mapping-file babel.cfg --keywords "$(MESSAGE_KEYWORDS)" --add-location file \
	  --sort-by-file --add-comments TRANSLATORS: --project "Procurement maturity toolkit" --output-file $(VAR)/messages.pot src
	$(BIN)/pybabel -q update --input-file $(VAR)/messages.pot --output-dir src/maturity/locale --domain django \
	  --locale cy --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date
	$(BIN)/pybabel compile --directory src/maturity/locale --domain django --locale cy --statistics

# Rebuilds the committed GOV.UK Frontend CSS/JS and the vendored axe-core (needs Node.js and npm).
assets:
	bash assets/build.sh

# Re-pins every dependency after a change to pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --output-file requirements/base.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --extra test --extra lint --output-file requirements/dev.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-header --no-emit-index-url --no-emit-find-links --extra test --extra bench --constraint requirements/dev.txt --output-file requirements/bench.txt pyproject.toml

# The deployment checklist with production settings (a throwaway secret, a real host name).
check-deploy: install
	SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(60))') \
	ALLOWED_HOSTS=maturity.example.org SERVICE_OPERATOR="Example Council" SERVICE_CONTACT_EMAIL=procurement@example.org \
	$(BIN)/maturity check --deploy --fail-level WARNING

# The production server (gunicorn) with the settings from the environment (README: Production).
serve: install
	HOST=$(HOST) PORT=$(PORT) $(BIN)/maturity serve

# The load test (perf/load.py): the production server on PostgreSQL under a mixed read load,
# DURATION seconds (60 by default); installs the bench extra (locust) first.
load: install
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/bench.txt
	$(BIN)/python perf/load.py --duration $(or $(DURATION),60)

clean:
	rm -rf $(VENV) var/static build *.egg-info src/*.egg-info
