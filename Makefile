# The two commands a newcomer needs (README): `make run` and `make test`.
SHELL := /bin/bash
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
VENV := .venv/bin
PORT ?= 3000
# The portal's own address (emailed links, the websocket's allowed origin) follows PORT unless set.
export PUBLIC_URL ?= http://localhost:$(PORT)

# End-to-end options (docs/testing.md): BASE_URL=http://host:port runs against that running instance (it needs
# ENABLE_TEST_HOOKS=true; its TEST_HOOKS_TOKEN goes in E2E_HOOKS_TOKEN), BROWSER=firefox|webkit (Playwright's
# own builds), WORKERS=auto|N (pytest-xdist; 0 = one process). Failure evidence and the HTML report land in test-results/.
# Two browser workers by default (one server; each worker its own data): the suite's time halves on 2 cores.
WORKERS ?= 2
# The unit tests take the same WORKERS (each worker its own temporary database): about half the time on 2 cores.
XDIST = $(if $(filter-out 0,$(WORKERS)),-n $(WORKERS))
E2E_OPTIONS = $(if $(BASE_URL),--base-url $(BASE_URL)) $(if $(BROWSER),--browser $(BROWSER)) $(XDIST)

.PHONY: help run test setup seed unit e2e lint typecheck bench

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:[^#]*## /\t/' | expand -t 12

run: setup  ## set everything up, load the demo data into an empty database, serve http://localhost:3000
	$(VENV)/python -m rxapp.cli seed
	$(VENV)/reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

test: ## set everything up and run the whole suite: lint, type check, unit tests, end-to-end tests in Chromium
	./scripts/setup.sh --browser
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/basedpyright --level error
	$(VENV)/python -m pytest tests/unit -q $(XDIST)
	$(VENV)/python -m pytest tests/e2e -q $(E2E_OPTIONS)

setup:  ## the virtual environment, packages, bun and migrations (what every other target starts with)
	./scripts/setup.sh

seed: setup  ## load the demo data into an empty database
	$(VENV)/python -m rxapp.cli seed

unit:  ## the unit tests only (WORKERS=0: in one process)
	$(VENV)/python -m pytest tests/unit -q $(XDIST)

e2e:  ## the browser tests; BASE_URL=..., BROWSER=firefox, WORKERS=auto (see above)
	$(VENV)/python -m pytest tests/e2e -q $(E2E_OPTIONS)

lint:  ## ruff: the lint rules and the formatting (`ruff format .` applies it)
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

typecheck:  ## basedpyright over the whole rxapp package (pyproject's [tool.pyright])
	$(VENV)/basedpyright --level error

bench:  ## print the customer-search figures (see benchmarks/)
	$(VENV)/python benchmarks/customers_search.py
