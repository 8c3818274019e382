# The two set-up commands: `make app` and `make test`. Each builds .venv from the pinned
# versions in constraints.txt when it is missing or out of date.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASC_PORT ?= 8866

.PHONY: app hub hub-proxy test lint bench chromium postgresql clean notebook-filter

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  echo "python venv module missing: installing python3-venv"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

app: $(STAMP)
	ASC_PORT=$(ASC_PORT) $(BIN)/python -m asc_widgets.serve

# JupyterHub for a team (README "Run it for a team"): run it from a folder of its own, where it
# keeps its database, cookie secret and the people's folders (default .hub/).
HUB_DIR ?= .hub
CHP_VERSION := 5.3.0
CHP := deploy/jupyterhub/node_modules/.bin/configurable-http-proxy
hub: $(STAMP) hub-proxy
	mkdir -p $(HUB_DIR) && cd $(HUB_DIR) && \
	  $(abspath $(BIN))/jupyterhub -f $(abspath deploy/jupyterhub/jupyterhub_config.py)

# JupyterHub's proxy, from npm, beside the Hub's config (Node is on the machine).
hub-proxy: $(CHP)
$(CHP):
	npm install --silent --no-audit --no-fund --prefix deploy/jupyterhub \
	  configurable-http-proxy@$(CHP_VERSION)

# Browser tests need Debian's Chromium, and fonts for Chinese text and flag emoji in the
# screenshots they save; install what is missing when we can (root or sudo).
BROWSER_PACKAGES := chromium fonts-wqy-microhei fonts-noto-color-emoji
chromium:
	@missing=""; for p in $(BROWSER_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; fi

# The registry tests and benchmark run a throwaway PostgreSQL server (tests/postgres_server.py)
# from Debian's package; install it when missing (another apt run may hold the dpkg lock: wait
# and retry). Where it cannot be installed, the PostgreSQL tests fail saying why.
postgresql:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  for try in 1 2 3 4 5 6; do \
	    $$SUDO apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql && break; \
	    echo "apt busy or failed (try $$try of 6); retrying in 20 s"; sleep 20; done; \
	  ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
	    echo "WARNING: PostgreSQL could not be installed; its tests will fail and say why"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .

# Unit, widget and browser tests and the regression notebooks, their stored outputs compared
# by nbval; then the app and analyst notebooks, executed in order in a fresh ASC_HOME (errors
# fail, outputs are not compared: whatever an analyst's JupyterLab saved in them is ignored).
# ASC_DEMO_SELLER=1: notebook 04 lets the sandbox's demo seller consent (no browser here).
# Every temporary file of the run (TMPDIR: the tests', notebooks', browser's and servers')
# goes into one scratch folder, removed afterwards whether the tests pass or fail (others may
# pass through it, not list it: the test PostgreSQL server runs as its own user).
test: $(STAMP) chromium postgresql hub-proxy lint
	scratch=$$(mktemp -d -t asc-test-XXXXXX); trap 'rm -rf "$$scratch"' EXIT; set -e; \
	chmod 711 "$$scratch"; \
	mkdir "$$scratch/app-home" "$$scratch/notebooks-home"; \
	TMPDIR=$$scratch ASC_HOME=$$scratch/app-home $(BIN)/python -m pytest tests \
	  notebooks/regression --nbval --nbval-current-env \
	  --nbval-sanitize-with notebooks/regression/sanitize.cfg; \
	TMPDIR=$$scratch ASC_HOME=$$scratch/notebooks-home ASC_DEMO_SELLER=1 $(BIN)/python -m \
	  pytest notebooks --ignore=notebooks/regression --nbval-lax --nbval-current-env

# Keep the analyst notebooks' outputs out of git: .gitattributes routes notebooks/*.ipynb (not
# notebooks/regression) through the "nbstripout" filter; this defines it for this clone.
NBSTRIPOUT := $(abspath $(BIN))/nbstripout --keep-id
notebook-filter: $(STAMP)
	git config filter.nbstripout.clean '$(NBSTRIPOUT)'
	git config filter.nbstripout.smudge cat
	git config diff.ipynb.textconv '$(NBSTRIPOUT) -t'

bench: $(STAMP) postgresql hub-proxy
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
