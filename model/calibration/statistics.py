"""The summary statistics a calibration target may name: what one run of the model reports about itself.

Each statistic reads a finished run (:class:`model.model.MaliModel`) and says the last day it
needs, so that a spec whose horizon stops short of a target's day is refused before any run.
The targets' observed values and their sources are in the spec (model/data/calibration_facts.md
gives the facts); a statistic here says only what is measured.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Statistic:
    """A number read from a finished run.

    Attributes:
        description: what it measures, for messages and reports.
        last_day: the latest model day it reads (the horizon must reach it).
        read: ``read(model) -> float`` (NaN where the run gives no value, e.g. no ambush).

    """

    description: str
    last_day: int
    read: Callable[[object], float]


def series_at(column: str, day: int) -> Callable[[object], float]:
    """A reader of one daily series column on one day."""
    def read(model) -> float:
        values = model.series.column(column)
        return float(values[day]) if day < len(values) else math.nan
    return read


def mean_burn_share(model) -> float:
    """Mean share of a convoy burned in the successful ambushes of the run (NaN if none)."""
    shares = model.ledger.ambush_burn_shares
    return float(np.mean(shares)) if shares else math.nan


STATISTICS: dict[str, Statistic] = {
    "jnim_fighters_day0": Statistic("JNIM's fighters at day 0, after the pre-blockade spin-up", 0,
                                    series_at("jnim_fighters", 0)),
    "state_share_day0": Statistic("the state's share of the population (zones 1-2) at day 0", 0,
                                  series_at("control_state", 0)),
    "jnim_share_day0": Statistic("JNIM's share of the population (zones 4-5) at day 0", 0,
                                 series_at("control_jnim", 0)),
    "fuel_price_day0": Statistic("Bamako's fuel price at day 0 (CFA/L)", 0, series_at("fuel_price_cfa", 0)),
    "tankers_destroyed_day55": Statistic("tankers destroyed from day 0 to day 55 (late October 2025)", 55,
                                         series_at("tankers_destroyed", 55)),
    "tankers_delivered_day55": Statistic("tankers delivered to Bamako from day 0 to day 55", 55,
                                         series_at("tankers_delivered", 55)),
    "ambush_burn_share": Statistic("mean share of a convoy burned in a successful ambush, over the run", 0,
                                   mean_burn_share),
}


def mali_statistics(params: dict, seed: int, horizon_days: int, names: tuple[str, ...]) -> dict[str, float]:
    """Run the model once and read the named statistics (the simulator of a calibration's workers)."""
    from model.run import release, simulate

    model = simulate(params, seed, horizon_days)
    values = {name: STATISTICS[name].read(model) for name in names}
    release(model)
    return values


def mali_simulator():
    """The Mali model as a calibration runs it (its contract, this module's statistics)."""
    from model.calibration.spec import Simulator
    from model.contract import MALI

    return Simulator(contract=MALI, function=f"{__name__}:mali_statistics",
                     statistics={name: s.last_day for name, s in STATISTICS.items()})
