"""Summaries of a sweep: one row per design point, and its status while it runs.

The columns come from the events the model declared (stored in the sweep's spec.json): for
each event ``NAME``, ``p_NAME`` with its Wilson interval, ``median_NAME_day``, and with
horizons ``cif_NAME_dD``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.sweep.contract import Event
from model.sweep.spec import SpecError, stored_events
from model.sweep.stats import aalen_johansen, wilson_interval
from model.sweep.store import SweepStore

THIS, COMPETING = 1, 2
"""Aalen–Johansen cause codes: the event whose incidence is wanted, and an event that ends the run first."""


def _days(records: pd.DataFrame, event: Event) -> np.ndarray:
    return pd.to_numeric(records[event.day], errors="coerce").to_numpy(float)


def event_times(records: pd.DataFrame, event: Event, events: tuple[Event, ...],
                horizon_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Each run's time and cause code for one event's cumulative incidence.

    Its own day if it happened (code 1); else the day another event ended the run, after which
    it could not happen (code 2); else the run is censored at the horizon (code 0): a run that
    no event ended ran to the horizon.
    """
    own = _days(records, event)
    enders = [_days(records, e) for e in events if e.ends_run and e.name != event.name]
    ended = np.fmin.reduce(enders) if enders else np.full(len(records), np.nan)
    time = np.where(~np.isnan(own), own, np.where(~np.isnan(ended), ended, float(horizon_days)))
    code = np.where(~np.isnan(own), THIS, np.where(~np.isnan(ended), COMPETING, 0))
    return time, code


def _median_day(days: pd.Series) -> float:
    """Median day among the runs where the event happened (nan if it never did)."""
    values = pd.to_numeric(days, errors="coerce").dropna()
    return float(values.median()) if len(values) else float("nan")


def parameter_spread(records: pd.DataFrame, flag: str, runs_per_draw: int) -> tuple[float, float]:
    """How much of an event's spread over a point's runs comes from the posterior's parameters.

    Replicates ``k·runs_per_draw`` to ``(k+1)·runs_per_draw − 1`` share posterior draw k, so the
    runs' variance splits into the Monte Carlo variance within a draw (the mean of each draw's
    unbiased Bernoulli variance) and the variance of the event's probability across draws (the
    variance of the draws' means, less what the within-draw noise adds to it: a one-way
    random-effects decomposition). Draws with fewer than two runs so far are left out.

    Returns:
        The standard deviation of the probability across the posterior, and the share of the
        runs' variance it makes (NaN when no draw has two runs, or the runs never vary).

    """
    flags = records[flag].astype(bool).astype(float)
    groups = flags.groupby(records["replicate"].to_numpy() // runs_per_draw)
    means, sizes = groups.mean(), groups.size()
    full = sizes >= 2
    if full.sum() < 2:
        return float("nan"), float("nan")
    means, sizes = means[full], sizes[full]
    within_each = means * (1.0 - means) * sizes / (sizes - 1.0)
    within = float(within_each.mean())
    between = max(0.0, float(means.var(ddof=1)) - float((within_each / sizes).mean()))
    total = within + between
    return float(np.sqrt(between)), (between / total if total > 0 else float("nan"))


def summarize_point(records: pd.DataFrame, horizons: list[int], events: tuple[Event, ...],
                    horizon_days: int, runs_per_draw: int | None = None) -> dict:
    """n, Wilson intervals, median event days and cumulative incidences of one point's runs.

    Over a posterior (``runs_per_draw`` given) the interval is the probability integrated over the
    parameters' uncertainty (each run is a draw of parameters and of chance), and two columns per
    event split its spread: ``p_NAME_param_sd`` and ``p_NAME_param_share`` (:func:`parameter_spread`).
    """
    n = len(records)
    row: dict = {"n": n}
    for e in events:
        p, low, high = wilson_interval(int(records[e.flag].astype(bool).sum()) if n else 0, n)
        row.update({f"p_{e.name}": p, f"p_{e.name}_lo": low, f"p_{e.name}_hi": high})
        if runs_per_draw is not None:
            sd, share = parameter_spread(records, e.flag, runs_per_draw) if n else (float("nan"), float("nan"))
            row.update({f"p_{e.name}_param_sd": sd, f"p_{e.name}_param_share": share})
    for e in events:
        row[f"median_{e.name}_day"] = _median_day(records[e.day]) if n else float("nan")
    if horizons and n:
        at = np.array(horizons, float)
        for e in events:
            times, codes = event_times(records, e, events, horizon_days)
            for h, value in zip(horizons, aalen_johansen(times, codes, THIS, at), strict=True):
                row[f"cif_{e.name}_d{h}"] = value
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
        SpecError: a requested horizon is not within the sweep's horizon, or the directory was
            written by an engine that did not store the events.

    """
    horizons = sorted(horizons or [])
    meta = store.read_spec()
    check_horizons(horizons, meta["horizon_days"])
    events = stored_events(meta)
    return summarize_records(store.points(), store.records(), horizons, events, meta["horizon_days"],
                             runs_per_draw(meta))


def runs_per_draw(meta: dict) -> int | None:
    """Replicates per posterior draw of a sweep over a posterior (None for a sweep at fixed parameters)."""
    posterior = meta.get("posterior")
    return None if posterior is None else int(posterior["runs_per_draw"])


def summarize_records(points: pd.DataFrame, records: pd.DataFrame, horizons: list[int],
                      events: tuple[Event, ...], horizon_days: int, per_draw: int | None = None) -> pd.DataFrame:
    """The summary table from already-read points and records (one pass over the records)."""
    ok = records[records["status"] == "ok"] if len(records) else records
    by_point = dict(iter(ok.groupby("point_id"))) if len(ok) else {}
    empty = ok.iloc[0:0]
    rows = [{**point, **summarize_point(by_point.get(point["point_id"], empty), horizons, events, horizon_days,
                                        per_draw)}
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
