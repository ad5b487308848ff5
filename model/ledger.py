"""The run's cumulative tallies: tankers, fuel and civilian deaths, as the outcome record needs them."""

from __future__ import annotations

import numpy as np

TALLIES = ("tankers_delivered", "tankers_destroyed", "tankers_diverted", "fuel_delivered_l", "fuel_consumed_l",
           "fuel_destroyed_l", "civilian_deaths_state", "civilian_deaths_russian", "civilian_deaths_jnim",
           "kidnappings", "ransoms_cfa", "jnim_income_cfa", "negotiation_paid_cfa")


class Ledger:
    """Counts since day 0 (the spin-up's counts are cleared) and the burned shares of ambushes."""

    def __init__(self):
        self.totals = dict.fromkeys(TALLIES, 0.0)
        self.ambush_burn_shares: list[float] = []

    def __getitem__(self, name: str) -> float:
        return self.totals[name]

    def add(self, name: str, amount: float) -> None:
        """Add to one tally."""
        self.totals[name] += amount

    def add_civilian_deaths(self, deaths_today: np.ndarray, perpetrator: str, deaths: float, cell: int) -> None:
        """Count civilian deaths and remember where they fell today (for the backlash on loyalty)."""
        self.totals[f"civilian_deaths_{perpetrator}"] += deaths
        deaths_today[0 if perpetrator == "jnim" else 1, cell] += deaths

    def clear(self) -> None:
        """Forget the spin-up: day 0 starts with every count at zero."""
        for key in self.totals:
            self.totals[key] = 0.0
        self.ambush_burn_shares.clear()
