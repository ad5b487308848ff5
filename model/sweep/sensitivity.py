"""Morris screening of a sweep: which inputs move each event's probability, with bootstrap intervals.

A sweep whose ``[design]`` is ``method = "morris"`` runs SALib's trajectories (each changes one
input at a time by a fixed step); every point's event probability is the share of its
replicates in which the event happened by a horizon (common random numbers: replicate r has the
same seed at every point, so the differences along a trajectory are not seed noise). SALib's
Morris analysis then gives, per input, μ* (the mean absolute elementary effect: the change of
the probability over a step of the design, expressed per whole legal range of the input, so
μ* = 0.3 reads "about 0.3 of probability across its range") with its 95 % bootstrap interval
over trajectories, and σ (the spread of the effects: interaction or non-linearity).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.sweep.spec import SpecError, stored_events
from model.sweep.store import SweepStore


def event_probabilities(points: pd.DataFrame, records: pd.DataFrame, event, by_day: int) -> np.ndarray:
    """Each point's share of successful runs in which the event happened by ``by_day``."""
    ok = records[records["status"] == "ok"]
    day = pd.to_numeric(ok[event.day], errors="coerce")
    happened = ok[event.flag].astype(bool) & (day <= by_day)
    shares = happened.groupby(ok["point_id"]).mean()
    return shares.reindex(points["point_id"]).to_numpy(float)


def morris_indices(store: SweepStore, horizons: dict[str, int] | None = None,
                   resamples: int = 1000) -> pd.DataFrame:
    """μ*, its 95 % interval and σ of every input, for every event, one row per (event, input).

    Args:
        store: a finished sweep whose design is Morris.
        horizons: event name → day by which it counts (default: the sweep's horizon).
        resamples: bootstrap resamples of the trajectories for μ*'s interval.

    Raises:
        SpecError: the sweep is not a Morris design, a horizon names no event or lies outside the
            sweep's horizon, or some point has no successful run yet.

    """
    from SALib.analyze import morris

    meta = store.read_spec()
    design = (meta or {}).get("design") or {}
    if design.get("method") != "morris":
        raise SpecError(f"{store.root}: not a Morris sweep ([design] method = \"morris\")")
    events = {e.name: e for e in stored_events(meta)}
    horizons = check_event_horizons(horizons or {}, events, meta["horizon_days"])
    points, records = store.points(), store.records()
    names = design["names"]
    problem = {"num_vars": len(names), "names": names, "bounds": design["bounds"]}
    rows = []
    for name, event in events.items():
        y = event_probabilities(points, records, event, horizons.get(name, meta["horizon_days"]))
        if np.isnan(y).any():
            raise SpecError(f"{store.root}: {int(np.isnan(y).sum())} point(s) have no successful run yet: "
                            "finish the sweep first")
        result = morris.analyze(problem, points[names].to_numpy(float), y, num_levels=design["levels"],
                                conf_level=0.95, num_resamples=resamples, seed=meta["root_seed"])
        for k, input_name in enumerate(names):
            rows.append({"event": name, "by_day": horizons.get(name, meta["horizon_days"]), "input": input_name,
                         "mu_star": float(result["mu_star"][k]), "mu_star_conf": float(result["mu_star_conf"][k]),
                         "sigma": float(result["sigma"][k])})
    return pd.DataFrame(rows)


def noise_floor(store: SweepStore, horizons: dict[str, int] | None = None) -> dict[str, float]:
    """The μ* that Monte Carlo noise alone would give an input, per event.

    Along a trajectory the same seeds run at every point, but an input the model uses changes
    the random path, so two points' probabilities differ by up to the noise of two estimates of
    n runs each: E|ΔP| ≈ √(2/π) · √(2 p (1 − p) / n), divided by the design's step as μ* is.
    An input whose μ* is near this floor is not distinguishable from noise.
    """
    meta = store.read_spec()
    design = meta["design"]
    events = {e.name: e for e in stored_events(meta)}
    horizons = check_event_horizons(horizons or {}, events, meta["horizon_days"])
    points, records = store.points(), store.records()
    n = records[records["status"] == "ok"].groupby("point_id").size().reindex(points["point_id"]).to_numpy(float)
    step = design["levels"] / (2 * (design["levels"] - 1))
    floors = {}
    for name, event in events.items():
        p = event_probabilities(points, records, event, horizons.get(name, meta["horizon_days"]))
        floors[name] = float(np.mean(np.sqrt(2 / np.pi) * np.sqrt(2 * p * (1 - p) / n)) / step)
    return floors


def check_event_horizons(horizons: dict[str, int], events: dict, sweep_horizon: int) -> dict[str, int]:
    """Refuse a horizon for an event the sweep does not declare, or beyond the sweep's horizon."""
    for name, day in horizons.items():
        if name not in events:
            raise SpecError(f"--by {name}=…: no such event; allowed: {', '.join(events)}")
        if not 0 < day <= sweep_horizon:
            raise SpecError(f"--by {name}={day}: must be within 1..{sweep_horizon} (the sweep's horizon)")
    return horizons
