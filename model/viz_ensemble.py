"""The browser's ensemble: replicates of the page's current settings, run on the sweep engine, and their odds.

One run shows one trajectory of one seed; the question is a probability. For the settings on the
page (scenario and sliders) this runs ``replicates`` seeds as a sweep (common random numbers, the
sweep engine's store, so settings already seen are read back, not rerun) and summarises them:
P(coup) and P(fall) within the horizon with 95 % Wilson intervals, each event's cumulative
incidence (Aalen–Johansen, the fall competing with a coup), and fan bands of Bamako's days of
supply and price (the runs' 5, 25, 50, 75 and 95 % quantiles each week).
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from model.viz_model import SLIDERS, viz_params

ENSEMBLE_VERSION = 1
"""Part of each ensemble's name: raise it when what ``run_with_series`` returns changes."""
ROOT_SEED = 20250903
SAMPLE_EVERY_DAYS = 7
FAN_COLUMNS = ("fuel_days_of_supply", "fuel_price_cfa")
QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
DEFAULT_ROOT = Path("results") / "browser" / "ensembles"


def run_with_series(params: dict, seed: int, horizon_days: int) -> dict:
    """A run's outcome record, with Bamako's days of supply and price sampled weekly (for the fan chart)."""
    from model.run import outcome_record, release, simulate

    model = simulate(params, seed, horizon_days)
    record = outcome_record(model)
    for column in FAN_COLUMNS:
        record[f"weekly_{column}"] = model.series.column(column)[::SAMPLE_EVERY_DAYS].tolist()
    release(model)
    return record


@dataclass(frozen=True)
class Settings:
    """What an ensemble is of: the page's scenario and sliders, how many runs, how long."""

    scenario: str
    sliders: dict
    replicates: int = 40
    horizon_days: int = 365

    def fixed(self) -> dict:
        """The sliders' values as the page's model runs them (a scenario's overrides win over sliders)."""
        params = viz_params(self.scenario, self.sliders)
        return {name: params[name] for name in SLIDERS}

    def name(self) -> str:
        """The ensemble's sweep name: a hash of everything that makes its runs."""
        from model.fingerprint import code_fingerprint

        # The model's code too: after a model change the same settings are a new ensemble, not a stale one.
        text = json.dumps({"v": ENSEMBLE_VERSION, "code": code_fingerprint(), "scenario": self.scenario,
                           "fixed": self.fixed(), "replicates": self.replicates, "horizon": self.horizon_days},
                          sort_keys=True)
        return f"ensemble-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def ensemble_spec(settings: Settings):
    """The settings as a sweep spec of one point (the engine checks every value against the table)."""
    from model.contract import MALI
    from model.sweep.spec import parse_spec

    fixed = settings.fixed()
    first = SLIDERS[0]  # a spec sweeps a grid: one point, the first slider's value
    raw = {"name": settings.name(), "function": "model.viz_ensemble:run_with_series",
           "scenario": settings.scenario, "horizon_days": settings.horizon_days, "root_seed": ROOT_SEED,
           "replicates": settings.replicates, "grid": {first: [fixed[first]]},
           "fixed": {k: v for k, v in fixed.items() if k != first}}
    return parse_spec(raw, default=MALI)


@dataclass
class Ensemble:
    """What the panel shows of an ensemble."""

    runs: int
    horizon_days: int
    probability: dict = field(default_factory=dict)
    """event → (p, low, high) within the horizon."""
    incidence_days: np.ndarray = field(default_factory=lambda: np.zeros(0))
    incidence: dict = field(default_factory=dict)
    """event → cumulative incidence at ``incidence_days``."""
    fan_days: np.ndarray = field(default_factory=lambda: np.zeros(0))
    fan: dict = field(default_factory=dict)
    """column → array (quantile, week) of the runs' values, NaN after a run ended."""


# The ensemble's workers yield the CPU to the server that steps and renders the single run: on 2
# cores, workers at normal priority made a browser step take 6 s instead of 1 s (CI, Dec 2026).
ENSEMBLE_WORKER_NICENESS = 10


def run_ensemble(settings: Settings, root: Path = DEFAULT_ROOT, executor: str = "local:2") -> Ensemble:
    """Run what the store lacks of the settings' ensemble, then summarise it."""
    from model.sweep.runner import NoProgress, run_sweep

    spec = ensemble_spec(settings)
    store = run_sweep(spec, Path(root) / spec.name, executor, progress=NoProgress,
                      worker_niceness=ENSEMBLE_WORKER_NICENESS)
    return summarise(store.records(), spec)


def summarise(records, spec) -> Ensemble:
    """Probabilities, incidence curves and fan bands of an ensemble's run records."""
    from model.sweep.stats import aalen_johansen, wilson_interval
    from model.sweep.summary import THIS, event_times

    ok = records[records["status"] == "ok"]
    horizon = spec.horizon_days
    out = Ensemble(runs=len(ok), horizon_days=horizon, incidence_days=np.arange(horizon + 1))
    for event in spec.events:
        out.probability[event.name] = wilson_interval(int(ok[event.flag].astype(bool).sum()), len(ok))
        times, codes = event_times(ok, event, spec.events, horizon)
        out.incidence[event.name] = aalen_johansen(times, codes, THIS, out.incidence_days.astype(float))
    weeks = (horizon // SAMPLE_EVERY_DAYS) + 1
    out.fan_days = np.arange(weeks) * SAMPLE_EVERY_DAYS
    for column in FAN_COLUMNS:
        values = np.full((len(ok), weeks), np.nan)
        for row, series in enumerate(ok[f"weekly_{column}"]):
            values[row, : len(series)] = series
        with warnings.catch_warnings():  # weeks after every run ended are all NaN, and stay so
            warnings.simplefilter("ignore", RuntimeWarning)
            out.fan[column] = np.nanquantile(values, QUANTILES, axis=0) if len(ok) else np.full((5, weeks), np.nan)
    return out
