"""Morris screening of a sweep: which inputs move each event's probability, with bootstrap intervals.

A sweep whose ``[design]`` is ``method = "morris"`` runs SALib's trajectories (each changes one
input at a time by a fixed step); every point's event probability is the share of its
replicates in which the event happened by a horizon (common random numbers: replicate r has the
same seed at every point, so the differences along a trajectory are not seed noise). SALib's
Morris analysis then gives, per input, μ* (the mean absolute elementary effect: the change of
the probability over a step of the design, expressed per whole legal range of the input, so
μ* = 0.3 reads "about 0.3 of probability across its range") with its 95 % bootstrap interval
over trajectories, and σ (the spread of the effects: interaction or non-linearity).

The analysis needs only each point's count of runs and of events, so a finished screen can be
kept as a small table of counts (:func:`event_counts`), checked against the spec and the code
that made it, and analysed again without rerunning it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.sweep.spec import SpecError, stored_events
from model.sweep.store import SweepStore


def event_counts(store: SweepStore, horizons: dict[str, int] | None = None) -> pd.DataFrame:
    """Per point: successful runs ``n`` and, per event, the runs in which it happened by its horizon.

    Raises:
        SpecError: the sweep is not a Morris design, or a horizon is not valid for it.

    """
    return counts_per_point(store, _morris_meta(store), horizons)


def counts_per_point(store: SweepStore, meta: dict, horizons: dict[str, int] | None) -> pd.DataFrame:
    """:func:`event_counts` of any design, from an already-read spec (one read of spec.json per analysis)."""
    events = {e.name: e for e in stored_events(meta)}
    horizons = check_event_horizons(horizons or {}, events, meta["horizon_days"])
    points, records = store.points(), store.records()
    ok = records[records["status"] == "ok"]
    counts = pd.DataFrame({"point_id": points["point_id"]})
    counts["n"] = ok.groupby("point_id").size().reindex(points["point_id"]).fillna(0).astype(int).to_numpy()
    for name, event in events.items():
        day = pd.to_numeric(ok[event.day], errors="coerce")
        happened = ok[event.flag].astype(bool) & (day <= horizons.get(name, meta["horizon_days"]))
        per_point = happened.groupby(ok["point_id"]).sum().reindex(points["point_id"])
        counts[name] = per_point.fillna(0).astype(int).to_numpy()
    counts.attrs["by_day"] = {name: horizons.get(name, meta["horizon_days"]) for name in events}
    return counts


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
    meta = _morris_meta(store)
    counts = counts_per_point(store, meta, horizons)
    return analyse_counts(meta["design"], store.points(), counts, meta["root_seed"], resamples)


def analyse_counts(design: dict, points: pd.DataFrame, counts: pd.DataFrame, seed: int,
                   resamples: int = 1000) -> pd.DataFrame:
    """SALib's Morris analysis of each event's per-point probability (counts / n).

    Raises:
        SpecError: some point has no successful run.

    """
    from SALib.analyze import morris

    if (counts["n"] == 0).any():
        raise SpecError(f"{int((counts['n'] == 0).sum())} point(s) have no successful run yet: finish the sweep first")
    names = design["names"]
    problem = {"num_vars": len(names), "names": names, "bounds": design["bounds"]}
    x = points[names].to_numpy(float)
    rows = []
    for event, by_day in counts.attrs["by_day"].items():
        y = (counts[event] / counts["n"]).to_numpy(float)
        result = morris.analyze(problem, x, y, num_levels=design["levels"], conf_level=0.95,
                                num_resamples=resamples, seed=seed)
        rows += [{"event": event, "by_day": by_day, "input": name, "mu_star": float(result["mu_star"][k]),
                  "mu_star_conf": float(result["mu_star_conf"][k]), "sigma": float(result["sigma"][k])}
                 for k, name in enumerate(names)]
    return pd.DataFrame(rows)


def noise_floor(design: dict, counts: pd.DataFrame) -> dict[str, float]:
    """The μ* that Monte Carlo noise alone would give an input, per event.

    Along a trajectory the same seeds run at every point, but an input the model uses changes
    the random path, so two points' probabilities differ by up to the noise of two estimates of
    n runs each: E|ΔP| ≈ √(2/π) · √(2 p (1 − p) / n), divided by the design's step as μ* is.
    An input whose μ* is near this floor is not distinguishable from noise.
    """
    step = design["levels"] / (2 * (design["levels"] - 1))
    n = counts["n"].to_numpy(float)
    floors = {}
    for event in counts.attrs["by_day"]:
        p = counts[event].to_numpy(float) / n
        floors[event] = float(np.mean(np.sqrt(2 / np.pi) * np.sqrt(2 * p * (1 - p) / n)) / step)
    return floors


def _morris_meta(store: SweepStore) -> dict:
    """The stored spec of a Morris sweep."""
    meta = store.read_spec()
    if meta is None:
        raise SpecError(f"{store.root}: not a sweep directory (no spec.json)")
    if (meta.get("design") or {}).get("method") != "morris":
        raise SpecError(f"{store.root}: not a Morris sweep ([design] method = \"morris\")")
    return meta


def check_event_horizons(horizons: dict[str, int], events: dict, sweep_horizon: int) -> dict[str, int]:
    """Refuse a horizon for an event the sweep does not declare, or beyond the sweep's horizon."""
    for name, day in horizons.items():
        if name not in events:
            raise SpecError(f"--by {name}=…: no such event; allowed: {', '.join(events)}")
        if not 0 < day <= sweep_horizon:
            raise SpecError(f"--by {name}={day}: must be within 1..{sweep_horizon} (the sweep's horizon)")
    return horizons
