"""Moscow and its units (process 9): demands for resource rights, goodwill, standing units down.

Africa Corps units are Mesa agents. Moscow decides how many stand down from its goodwill; a
unit that stands down (or is told to hold Bamako) sits at its guard post.
"""

from __future__ import annotations

from enum import Enum

import mesa

from model.geography import mine_output
from model.rules import moscow

RUSSIAN_BASES = ("Sevare", "Timbuktu", "Gao", "Kayes", "Bamako", "Segou", "Kidal", "Mopti")
"""Towns where Russian units were reported based, used round-robin (assumption)."""


class Posture(Enum):
    """What a Russian unit does: fight, or guard Bamako and the gold mines."""

    ACTIVE = "active"
    STOOD_DOWN = "stood_down"


class RussianUnit(mesa.Agent):
    """An Africa Corps unit. ACTIVE units sweep and escort; STOOD_DOWN units guard.

    A unit told to hold Bamako (``holds_bamako``) guards the capital even while active.
    """

    perpetrator = "russian"
    """Whom the civilian deaths of its operations are charged to."""

    def __init__(self, model, strength: float, cell: int, guard_cell: int, holds_bamako: bool = False):
        super().__init__(model)
        self.strength = strength
        self.cell = cell
        self.guard_cell = guard_cell
        self.holds_bamako = holds_bamako
        self.posture = Posture.ACTIVE

    @property
    def fighting(self) -> bool:
        """Whether the unit sweeps, patrols and escorts (active and not holding Bamako)."""
        return self.posture is Posture.ACTIVE and not self.holds_bamako

    @staticmethod
    def combat_weight(p: dict) -> float:
        """Combat weight per man."""
        return p["russian_combat_weight"]

    def step(self) -> None:
        """Units that do not fight sit at their guard post; fighting ones are moved as sweeps."""
        if not self.fighting:
            self.cell = self.guard_cell


class Moscow:
    """Moscow's goodwill toward the junta, the gold it has been conceded, and its units."""

    def __init__(self, p: dict, units: list[RussianUnit]):
        self.p = p
        self.units = units
        self.goodwill = p["initial_goodwill"]
        self.gold_concession_loss = 0.0
        self.n_stood_down = 0

    def bargain(self, day: int, refusal: float, paid_yesterday: bool, rng) -> None:
        """Demands, answers, refinery deal, drift, and standing units down or up.

        Args:
            day: today.
            refusal: the junta's current probability of refusing a demand (its policy).
            paid_yesterday: whether the treasury paid Moscow yesterday (goodwill drifts only then).
            rng: the model's generator.

        """
        p = self.p
        if day % p["demand_interval_days"] == 0:
            refused = rng.random() < refusal
            self.goodwill = moscow.answer_demand(self.goodwill, refused, p["refusal_goodwill_loss"],
                                                 p["grant_goodwill_gain"])
            if not refused:
                self.gold_concession_loss = min(p["concession_gold_loss_cap"],
                                                self.gold_concession_loss + p["concession_gold_loss"])
        if day == p["refinery_deal_day"]:
            self.goodwill = min(1.0, self.goodwill + p["refinery_goodwill_gain"])
        self.goodwill = moscow.drift_goodwill(self.goodwill, p["goodwill_recovery_per_day"], paid_yesterday)
        n_down = moscow.units_to_stand_down(len(self.units), p["mercenary_stand_down"], self.goodwill,
                                            p["stand_down_threshold"], self.n_stood_down)
        for k, unit in enumerate(self.units):
            unit.posture = Posture.STOOD_DOWN if k < n_down else Posture.ACTIVE
        self.n_stood_down = n_down
        for unit in self.units:
            unit.step()

    @property
    def fighting(self) -> list[RussianUnit]:
        """Units that sweep, patrol and escort today."""
        return [u for u in self.units if u.fighting]

    @property
    def strength(self) -> float:
        """Men in all units."""
        return float(sum(u.strength for u in self.units))

    @property
    def protection_lost(self) -> float:
        """Share of units stood down (the junta's lost protection)."""
        return self.n_stood_down / max(1, len(self.units))

    @property
    def active_share(self) -> float:
        """Share of units in the ACTIVE posture."""
        return sum(1 for u in self.units if u.posture is Posture.ACTIVE) / max(1, len(self.units))

    def strength_in(self, cell: int) -> float:
        """Men of the units sitting in one cell."""
        return sum(u.strength for u in self.units if u.cell == cell)

    def share_in(self, cell: int) -> float:
        """Share of Russian strength sitting in one cell (the coup counterweight reads Bamako's)."""
        total = sum(u.strength for u in self.units)
        return self.strength_in(cell) / total if total > 0 else 0.0


def build_moscow(model: mesa.Model, p: dict, mali) -> Moscow:
    """Russian units at day 0: even-numbered units guard Bamako, odd ones the richest mines.

    The first ``russian_bamako_guard_units`` even-numbered units hold Bamako from day 0.
    """
    towns = {t.name: t.cell for t in mali.towns}
    gold = mine_output()
    mines = sorted(mali.mines, key=lambda place: -gold.get(place.name, (0.0, True))[0])
    n = p["russian_units"]
    units = []
    for k in range(n):
        guard = mali.capital_cell if k % 2 == 0 else mines[(k // 2) % len(mines)].cell
        base = towns[RUSSIAN_BASES[k % len(RUSSIAN_BASES)]]
        holds = k % 2 == 0 and k // 2 < p["russian_bamako_guard_units"]
        units.append(RussianUnit(model, p["russian_strength"] / n, mali.capital_cell if holds else base,
                                 guard, holds_bamako=holds))
    return Moscow(p, units)
