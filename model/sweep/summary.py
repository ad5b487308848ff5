"""Summaries of a sweep: one row per design point, and its status while it runs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.sweep.spec import SpecError
from model.sweep.stats import aalen_johansen, wilson_interval
from model.sweep.store import SweepStore

COMPETING = {"coup": 1, "fall": 2}


def event_times(records: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Times and event codes for coup (fall competes) and for fall (nothing competes).

    A capital fall ends a run, so after a fall no coup can happen; a coup does not stop a fall.
    """
    coup_day = pd.to_numeric(records["coup_day"], errors="coerce").to_numpy(float)
    fall_day = pd.to_numeric(records["capital_fall_day"], errors="coerce").to_numpy(float)
    end_day = pd.to_numeric(records["end_day"], errors="coerce").to_numpy(float)
    coup, fall = ~np.isnan(coup_day), ~np.isnan(fall_day)
    coup_time = np.where(coup, coup_day, np.where(fall, fall_day, end_day))
    coup_event = np.where(coup, COMPETING["coup"], np.where(fall, COMPETING["fall"], 0))
    fall_time = np.where(fall, fall_day, end_day)
    fall_event = np.where(fall, 1, 0)
    return coup_time, coup_event, fall_time, fall_event


def _median_day(days: pd.Series) -> float:
    """Median day among the runs where the event happened (nan if it never did)."""
    values = pd.to_numeric(days, errors="coerce").dropna()
    return float(values.median()) if len(values) else float("nan")


def summarize_point(records: pd.DataFrame, horizons: list[int]) -> dict:
    """n, Wilson intervals, median event days and cumulative incidences of one point's runs."""
    n = len(records)
    p_coup, coup_lo, coup_hi = wilson_interval(int(records["coup"].astype(bool).sum()), n)
    p_fall, fall_lo, fall_hi = wilson_interval(int(records["capital_fell"].astype(bool).sum()), n)
    row = {"n": n, "p_coup": p_coup, "p_coup_lo": coup_lo, "p_coup_hi": coup_hi,
           "p_fall": p_fall, "p_fall_lo": fall_lo, "p_fall_hi": fall_hi,
           "median_coup_day": _median_day(records["coup_day"]),
           "median_fall_day": _median_day(records["capital_fall_day"])}
    if horizons and n:
        coup_t, coup_e, fall_t, fall_e = event_times(records)
        at = np.array(horizons, float)
        for h, value in zip(horizons, aalen_johansen(coup_t, coup_e, COMPETING["coup"], at), strict=True):
            row[f"cif_coup_d{h}"] = value
        for h, value in zip(horizons, aalen_johansen(fall_t, fall_e, 1, at), strict=True):
            row[f"cif_fall_d{h}"] = value
    return row


def check_horizons(horizons: list[int] | None, sweep_horizon: int) -> None:
    """Refuse incidence horizons outside the sweep's own horizon.

    Raises:
        SpecError: naming the first bad horizon and the allowed range.

    """
    bad = [h for h in sorted(horizons or []) if not 0 < h <= sweep_horizon]
    if bad:
        raise SpecError(f"--horizon {bad[0]}: must be within 1..{sweep_horizon} (the sweep's horizon)")


def summarize(store: SweepStore, horizons: list[int] | None = None) -> pd.DataFrame:
    """One row per design point with its parameters and the statistics above.

    Raises:
        SpecError: a requested horizon is not within the sweep's horizon.

    """
    horizons = sorted(horizons or [])
    check_horizons(horizons, store.read_spec()["horizon_days"])
    return summarize_records(store.points(), store.records(), horizons)


def summarize_records(points: pd.DataFrame, records: pd.DataFrame, horizons: list[int]) -> pd.DataFrame:
    """The summary table from already-read points and records (one pass over the records)."""
    ok = records[records["status"] == "ok"] if len(records) else records
    by_point = dict(iter(ok.groupby("point_id"))) if len(ok) else {}
    empty = ok.iloc[0:0]
    rows = [{**point, **summarize_point(by_point.get(point["point_id"], empty), horizons)}
            for point in points.to_dict("records")]
    return pd.DataFrame(rows)


@dataclass
class Status:
    """Progress of a sweep, read from its directory (safe while it runs)."""

    done: int
    failed: int
    remaining: int
    points: int
    unconverged: int


def status(store: SweepStore) -> Status:
    """Done, failed, remaining runs and points not yet converged."""
    from model.sweep.runner import point_states
    from model.sweep.spec import parse_spec_from_meta

    meta = store.read_spec()
    if meta is None:
        raise SpecError(f"{store.root}: not a sweep directory (no spec.json)")
    spec = parse_spec_from_meta(meta, store.points())
    records = store.records()
    failed = int((records["status"] != "ok").sum()) if len(records) else 0
    states = point_states(spec, records, retry_failed=False)
    unconverged = [s for s in states if not s.converged(spec)]
    remaining = sum(max(0, s.target(spec) - len(s.done)) for s in unconverged)
    return Status(done=len(records) - failed, failed=failed, remaining=remaining,
                  points=len(states), unconverged=len(unconverged))
