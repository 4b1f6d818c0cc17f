# The two commands a newcomer needs (README): `make run` and `make test`.
SHELL := /bin/bash
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
VENV := .venv/bin
PORT ?= 3000
# The portal's own address (emailed links, the websocket's allowed origin) follows PORT unless set.
export PUBLIC_URL ?= http://localhost:$(PORT)

.PHONY: run test setup seed unit e2e lint bench

run: setup  ## set everything up, load the demo data into an empty database, serve http://localhost:3000
	$(VENV)/python -m rxapp.cli seed
	$(VENV)/reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

test: ## set everything up and run the whole suite: lint, unit tests, end-to-end tests in Chromium
	./scripts/setup.sh --browser
	$(VENV)/ruff check .
	$(VENV)/python -m pytest tests/unit -q
	$(VENV)/python -m pytest tests/e2e -q

setup:
	./scripts/setup.sh

seed: setup  ## load the demo data into an empty database
	$(VENV)/python -m rxapp.cli seed

unit:
	$(VENV)/python -m pytest tests/unit -q

e2e:
	$(VENV)/python -m pytest tests/e2e -q

lint:
	$(VENV)/ruff check .

bench:  ## print the customer-search figures (see benchmarks/)
	$(VENV)/python benchmarks/customers_search.py
