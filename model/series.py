"""Daily series collected into preallocated arrays (no pandas in the per-day path)."""

from __future__ import annotations

import datetime as dt

import numpy as np

DAY_ZERO = dt.date(2025, 9, 3)
"""Day 0: JNIM declares the blockade of fuel imports (3 Sep 2025) [R]."""

COLUMNS = (
    "fuel_stock_l", "fuel_days_of_supply", "fuel_price_cfa", "fuel_price_rural_cfa", "litres_per_min_wage",
    "junta_cohesion", "junta_legitimacy", "coup_hazard", "treasury_cfa", "russian_posture",
    "russian_goodwill", "jnim_fighters", "jnim_units", "control_state", "control_contested",
    "control_jnim", "tankers_delivered", "tankers_destroyed", "tankers_diverted",
    "civilian_deaths_state", "civilian_deaths_russian", "civilian_deaths_jnim", "coups",
    "convoy_size", "fuel_delivered_l", "fuel_consumed_l", "army_strength", "russian_strength",
    "capital_fell", "arrears_share", "coup_attempts", "urban_unrest", "emergency_debt_cfa",
    "army_effectiveness",
)
"""Numeric columns after ``day`` and ``date``; tanker, death and fuel columns are cumulative."""


def date_of(day: int) -> dt.date:
    """Calendar date of a model day."""
    return DAY_ZERO + dt.timedelta(days=int(day))


FIRST_ROWS = 400
"""Rows held at first (a year and a month); the table doubles when full, up to the horizon."""


class Series:
    """A table of at most ``horizon + 1`` rows filled one day at a time.

    It grows as the run goes rather than holding the whole horizon from the start: a run asked
    for ten years that ends when the capital falls in its second holds two years of rows.
    """

    def __init__(self, horizon_days: int):
        self.capacity = horizon_days + 1
        self.values = np.full((min(self.capacity, FIRST_ROWS), len(COLUMNS)), np.nan)
        self.index = {name: k for k, name in enumerate(COLUMNS)}
        self.n_rows = 0

    def record(self, row: dict[str, float]) -> None:
        """Append one day's values (every column must be present)."""
        if self.n_rows == len(self.values):
            grown = np.full((min(self.capacity, 2 * len(self.values)), len(COLUMNS)), np.nan)
            grown[: self.n_rows] = self.values
            self.values = grown
        self.values[self.n_rows] = [row[name] for name in COLUMNS]
        self.n_rows += 1

    def column(self, name: str) -> np.ndarray:
        """The recorded values of one column."""
        return self.values[: self.n_rows, self.index[name]]

    def to_frame(self):
        """The series as a pandas DataFrame with ``day`` and ``date`` first."""
        import pandas as pd

        frame = pd.DataFrame(self.values[: self.n_rows], columns=list(COLUMNS))
        days = np.arange(self.n_rows)
        frame.insert(0, "date", [date_of(d).isoformat() for d in days])
        frame.insert(0, "day", days)
        return frame
