"""Scenario discovery: PRIM boxes of the inputs where an event is likely (EMA Workbench's ``prim``).

PRIM (Friedman & Fisher 1999) peels a sampled design's input space, one small slice at a time,
towards the region where the event's share among the runs (the box's density) is highest, and
reports the trade-off with the share of all the event's runs the box still holds (its coverage).
Each run is one case: its point's inputs and whether the event happened by its day. A box is
read at the first step of the peeling whose density reaches the threshold, the largest box that
does (or at the densest step, if none does); a box that restricts no input is the whole space
(the event is not concentrated anywhere).
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.sweep.sensitivity import check_event_horizons
from model.sweep.spec import SpecError, stored_events
from model.sweep.store import SweepStore


@dataclass(frozen=True)
class Box:
    """A PRIM box: its limits on the inputs it restricts, coverage, density, mass, and the event's base rate."""

    event: str
    by_day: int
    limits: pd.DataFrame
    coverage: float
    density: float
    mass: float
    base_rate: float
    cases: int
    trajectory: pd.DataFrame


def run_cases(store: SweepStore, event: str, day: int | None) -> tuple[pd.DataFrame, np.ndarray, dict, int]:
    """Each successful run's inputs (its point's) and whether ``event`` happened by ``day``.

    Raises:
        SpecError: not a sampled design, an unknown event, or a day outside the sweep's horizon.

    """
    meta = store.read_spec()
    if meta is None:
        raise SpecError(f"{store.root}: not a sweep directory (no spec.json)")
    design = meta.get("design")
    if not design or design.get("method") not in ("lhs", "sobol", "morris"):
        raise SpecError(f"{store.root}: not a sampled design (PRIM needs [design] with [ranges])")
    events = {e.name: e for e in stored_events(meta)}
    by_day = check_event_horizons({event: day} if day is not None else {}, events, meta["horizon_days"])
    if event not in events:
        raise SpecError(f"unknown event {event!r}; allowed: {', '.join(events)}")
    records = store.records()
    ok = records[records["status"] == "ok"]
    x = ok[["point_id"]].merge(store.points(), on="point_id", how="left")[design["names"]]
    e = events[event]
    limit = by_day.get(event, meta["horizon_days"])
    y = (ok[e.flag].astype(bool) & (pd.to_numeric(ok[e.day], errors="coerce") <= limit)).to_numpy()
    return x.reset_index(drop=True), y, design, limit


def find_box(store: SweepStore, event: str, day: int | None = None, threshold: float = 0.5) -> Box:
    """The PRIM box of the runs where ``event`` happened by ``day``.

    Raises:
        SpecError: as :func:`run_cases`, or no run where the event happened.

    """
    x, y, _, by_day = run_cases(store, event, day)
    if not y.any():
        raise SpecError(f"no run of {store.root} has the event {event!r} by day {by_day}: nothing to discover")
    limits, row, trajectory = peel(x, y, threshold)
    return Box(event, by_day, limits, float(row["coverage"]), float(row["density"]), float(row["mass"]),
               float(y.mean()), int(y.sum()), trajectory)


def peel(x: pd.DataFrame, y: np.ndarray, threshold: float) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """PRIM (EMA Workbench 2.5) on cases ``x`` with outcomes ``y``.

    Returns:
        The chosen box's limits on the inputs it restricts, its row of the trajectory (coverage,
        density, mass, res_dim), and the whole peeling trajectory.

    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ema_workbench warns on import about optional parallel back ends
        from ema_workbench.analysis import prim
    logging.getLogger("EMA").setLevel(logging.WARNING)
    box = prim.Prim(x, y, threshold=threshold, peel_alpha=0.05).find_box()
    trajectory = box.peeling_trajectory[["coverage", "density", "mass", "res_dim"]]
    reaching = trajectory.index[trajectory["density"] >= threshold]
    chosen = int(reaching[0]) if len(reaching) else int(trajectory["density"].idxmax())
    box.select(chosen)
    limits = box.box_lim.T.rename(columns={0: "low", 1: "high"})
    low, high = x.min(), x.max()
    restricted = limits[(limits["low"] > low[limits.index]) | (limits["high"] < high[limits.index])]
    return restricted, trajectory.loc[chosen], trajectory
