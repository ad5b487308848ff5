# mali-abm: every user-facing task is a target here. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SEED   ?= 1
DAYS   ?= 365

.DEFAULT_GOAL := help
.PHONY: help venv run sweep test lint bench calibrate clean

help: ## List the targets with a one-line description each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP) ## Build .venv with the project and its test tools (only if missing or stale)

run: $(STAMP) ## Run the baseline scenario for DAYS (365) with SEED (1) and print the outcome
	$(BIN)/mali-abm run --scenario baseline --days $(DAYS) --seed $(SEED)

sweep: $(STAMP) ## Run experiments/quickstart.toml (resumable) and print P(coup), P(fall) with 95 % intervals
	$(BIN)/mali-abm sweep run experiments/quickstart.toml

calibrate: $(STAMP) ## Print the calibration checks and the scenario table (docs/CALIBRATION.md)
	$(BIN)/python experiments/calibration.py --seeds 20
	$(BIN)/python experiments/scenario_table.py --seeds 20

test: $(STAMP) ## Lint, then run every test (invariants, reproducibility, scenarios, CLI)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q

lint: $(STAMP) ## Lint with ruff
	$(BIN)/ruff check .

bench: $(STAMP) ## Benchmarks: one baseline run (median, one core); sweep throughput vs mesa.batch_run
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_sweep.py --model mali --runs 40
	$(BIN)/python benchmarks/bench_sweep.py --model boltzmann --runs 1000 --days 50

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
