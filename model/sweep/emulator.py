"""Sobol indices of an event's probability, on a Gaussian-process emulator of a sampled sweep's points.

Why an emulator: Sobol indices of d inputs need N·(d + 2) evaluations (SALib, N ≥ 1024 for
errors below 0.05 on the Ishigami function), and an event's probability at one point needs
about 100 runs for a ±0.1 interval: some 10⁶ runs for eight inputs. A Latin hypercube of a
few hundred points with tens of replicates each, and a Gaussian process fitted to its
per-point probabilities with their binomial noise as the nugget, costs a few thousand runs;
its error out of sample is measured by k-fold cross-validation and reported beside the
indices, against the noise the points' own estimates carry.

The indices' bootstrap intervals (SALib) cover the Sobol sample, not the emulator's error.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.sweep.sensitivity import counts_per_point
from model.sweep.spec import SpecError
from model.sweep.store import SweepStore

SOBOL_BASE = 1024
"""SALib's N (a power of two): N·(d + 2) emulator evaluations."""


@dataclass(frozen=True)
class Emulator:
    """A fitted Gaussian process of one event's probability over the unit cube of the inputs."""

    event: str
    inputs: list[str]
    bounds: list[tuple[float, float]]
    model: object
    cv_rmse: float
    noise_rmse: float
    cv_r2: float

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The emulated probability at points in the inputs' own units, clipped to [0, 1]."""
        return np.clip(self.model.predict(self.scale(x)), 0.0, 1.0)

    def scale(self, x: np.ndarray) -> np.ndarray:
        """Points mapped to the unit cube."""
        return unit_cube(x, self.bounds)


def unit_cube(x: np.ndarray, bounds: list[tuple[float, float]]) -> np.ndarray:
    """Points in the inputs' own units mapped to the unit cube of their bounds."""
    low, high = np.array(bounds).T
    return (np.asarray(x, dtype=float) - low) / (high - low)


def point_probabilities(store: SweepStore, horizons: dict[str, int]) -> tuple[pd.DataFrame, dict]:
    """Each point's inputs, runs and event counts (an event counted by its day), and the design record.

    Raises:
        SpecError: the sweep has no sampled design (LHS or Sobol), or a horizon is not valid.

    """
    meta = store.read_spec()
    if meta is None:
        raise SpecError(f"{store.root}: not a sweep directory (no spec.json)")
    design = meta.get("design")
    if not design or design.get("method") not in ("lhs", "sobol"):
        raise SpecError(f"{store.root}: not a sampled design ([design] method = \"lhs\" or \"sobol\")")
    counts = counts_per_point(store, meta, horizons)
    table = store.points().merge(counts, on="point_id")
    table = table[table["n"] > 0].reset_index(drop=True)
    table.attrs["by_day"] = counts.attrs["by_day"]
    return table, design


def fit_emulator(table: pd.DataFrame, design: dict, event: str, folds: int = 5, seed: int = 0) -> Emulator:
    """A Gaussian process of ``event``'s per-point probability, and its k-fold out-of-sample error.

    The kernel is a constant times an anisotropic Matérn (ν = 5/2) over the unit cube, plus the
    known binomial variance of each point's estimate (p(1 − p)/n, with p shrunk off 0 and 1).
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.gaussian_process import GaussianProcessRegressor
    from sklearn.gaussian_process.kernels import ConstantKernel, Matern
    from sklearn.model_selection import KFold
    from threadpoolctl import threadpool_limits

    inputs = list(design["names"])
    bounds = [tuple(b) for b in design["bounds"]]
    x = table[inputs].to_numpy(dtype=float)
    n = table["n"].to_numpy(dtype=float)
    p = table[event].to_numpy(dtype=float) / n
    shrunk = (table[event].to_numpy(dtype=float) + 0.5) / (n + 1.0)
    noise = shrunk * (1.0 - shrunk) / n

    def model(alpha):
        kernel = ConstantKernel(0.05, (1e-4, 10.0)) * Matern(np.full(len(inputs), 0.5), (0.02, 50.0), nu=2.5)
        return GaussianProcessRegressor(kernel, alpha=alpha, normalize_y=True, n_restarts_optimizer=2,
                                        random_state=seed)

    unit = unit_cube(x, bounds)
    predicted = np.empty(len(p))
    with warnings.catch_warnings(), threadpool_limits(1):  # one BLAS thread: the same fit to the last bit
        # a length scale at its bound (an input with no effect, or one finer than the design resolves)
        # is reported by scikit-learn as a warning; its consequence is in the out-of-sample error below
        warnings.simplefilter("ignore", ConvergenceWarning)
        for train, test in KFold(folds, shuffle=True, random_state=seed).split(unit):
            predicted[test] = np.clip(model(noise[train]).fit(unit[train], p[train]).predict(unit[test]), 0, 1)
        fitted = model(noise).fit(unit, p)
    residual = np.mean((predicted - p) ** 2)
    r2 = 1.0 - residual / np.var(p) if np.var(p) > 0 else float("nan")
    return Emulator(event, inputs, bounds, fitted, float(np.sqrt(residual)), float(np.sqrt(noise.mean())), float(r2))


def sobol_indices(emulator: Emulator, seed: int = 1, resamples: int = 500) -> pd.DataFrame:
    """First- and total-order Sobol indices with 95 % bootstrap intervals, one row per input (SALib).

    The seed must not be 0: SALib 1.6 leaves its bootstrap unseeded for any false seed.
    """
    if not seed:
        raise ValueError("seed must be a non-zero integer (SALib ignores a zero seed)")
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample
    from threadpoolctl import threadpool_limits

    problem = {"num_vars": len(emulator.inputs), "names": emulator.inputs, "bounds": [list(b) for b in emulator.bounds]}
    x = sobol_sample.sample(problem, SOBOL_BASE, calc_second_order=False, seed=seed)
    with threadpool_limits(1):
        y = emulator.predict(x)
    result = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=resamples,
                                   conf_level=0.95, seed=seed)
    return pd.DataFrame({"event": emulator.event, "input": emulator.inputs, "S1": result["S1"],
                         "S1_conf": result["S1_conf"], "ST": result["ST"], "ST_conf": result["ST_conf"],
                         "variance": float(np.var(y))})
