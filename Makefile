# mali-abm: every user-facing task is a target here. `make help` lists them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SEED   ?= 1
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DAYS   ?= 365
BASE   ?= HEAD~1

.DEFAULT_GOAL := help
.PHONY: help venv run sweep posterior figures viz browser-setup test test-fast lint bench calibrate clean

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
	$(BIN)/mali-abm sweep run experiments/quickstart.toml --archive-stale

QUICKSTART   := results/sweeps/quickstart
MODEL_FILES  := $(shell $(PYTHON) -m model.fingerprint --files)

# A finished quickstart sweep of the current model. An interrupted sweep resumes; one made by
# another model version is moved aside (never deleted) and the sweep starts afresh.
$(QUICKSTART)/.complete: experiments/quickstart.toml $(MODEL_FILES) $(STAMP)
	$(BIN)/mali-abm sweep run experiments/quickstart.toml --archive-stale
	touch $@

results/figures/levers.png: $(QUICKSTART)/.complete experiments/figures/levers_heatmap.py
	$(BIN)/python experiments/figures/levers_heatmap.py $(QUICKSTART) $@

# The calibrated posterior of the current model (a stale one is moved aside, never deleted).
POSTERIOR := results/calibration/calibration_abc/posterior.parquet
$(POSTERIOR): experiments/calibrations/calibration_abc.toml $(MODEL_FILES) model/calibration/statistics.py $(STAMP)
	$(BIN)/mali-abm calibrate experiments/calibrations/calibration_abc.toml --archive-stale

posterior: $(POSTERIOR) ## ABC-SMC calibration (experiments/calibrations/calibration_abc.toml, ~6 min): the posterior

figures: results/figures/levers.png ## Reproduce the figures into results/figures/ (only what is out of date)

viz: $(STAMP) browser-setup ## Start the browser app (map of Mali + charts) on http://127.0.0.1:8765
	$(BIN)/mali-abm viz --port 8765

browser-setup: $(STAMP) ## Install Debian's Chromium (browser test) and the app's front-end assets (offline)
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	$(BIN)/python -m model.viz_assets

calibrate: $(STAMP) ## Print the calibration checks, the diagnostics and the scenario table (docs/CALIBRATION.md)
	$(BIN)/python experiments/calibration.py --seeds 40
	$(BIN)/python experiments/column_dynamics.py
	$(BIN)/python experiments/drift_diagnostics.py --seeds 40
	$(BIN)/python experiments/orphan_columns.py --seeds 20
	$(BIN)/python experiments/blockade_decomposition.py --seeds 40
	$(BIN)/python experiments/scenario_table.py --seeds 60

test: $(STAMP) browser-setup ## Lint, then run every test (model, sweeps, Dask, crash, browser)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(STAMP) ## The inner loop: lint, then every test not marked slow (no crash, Dask, browser or calibration test)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

lint: $(STAMP) ## Lint with ruff
	$(BIN)/ruff check .

bench: $(STAMP) ## Benchmarks: baseline run, side by side against BASE (HEAD~1), throughput vs Mesa's Epstein, scaling, start-up, sweeps vs batch_run, status/summarize at 10^6 runs
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_compare.py --against $(BASE) --repeats 15
	$(BIN)/python benchmarks/bench_performance.py --repeats 5
	$(BIN)/python benchmarks/bench_sweep.py --model mali --runs 200
	$(BIN)/python benchmarks/bench_sweep.py --model boltzmann --runs 1000 --days 50
	$(BIN)/python benchmarks/bench_store.py

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
