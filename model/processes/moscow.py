"""Moscow and its units (process 9): demands for resource rights, goodwill, standing units down.

Africa Corps units are Mesa agents. A guard stays at the main base beside Bamako's airport
whatever the posture; the field units sweep, patrol and escort while active. Moscow decides
from its goodwill how many field units stand down, and which ones is drawn: a unit that stands
down stays at its base. Active field units come back to defend a besieged capital, with a delay.
"""

from __future__ import annotations

from enum import Enum

import mesa

from model.rules import moscow

FIELD_BASES = ("Sevare", "Timbuktu", "Gao", "Kayes", "Segou", "Kidal", "Mopti")
"""Towns where the field units are based, used round-robin (assumption: the garrison towns of the
centre, north and west where Russian forces were reported)."""


class Posture(Enum):
    """What a Russian unit does: fight, or guard Bamako and the gold mines."""

    ACTIVE = "active"
    STOOD_DOWN = "stood_down"


class RussianUnit(mesa.Agent):
    """An Africa Corps unit. ACTIVE field units sweep, patrol and escort; STOOD_DOWN ones stay at base.

    The Bamako guard (``holds_bamako``) stays at the main base beside the airport whatever the
    posture. A field unit recalled to a besieged capital (``defending``) fights there, not in the field.
    """

    perpetrator = "russian"
    """Whom the civilian deaths of its operations are charged to."""

    def __init__(self, model, strength: float, base_cell: int, holds_bamako: bool = False):
        super().__init__(model)
        self.strength = strength
        self.cell = base_cell
        self.base_cell = base_cell
        self.holds_bamako = holds_bamako
        self.posture = Posture.ACTIVE
        self.recall_day: int | None = None
        self.defending = False

    @property
    def fighting(self) -> bool:
        """Whether the unit sweeps, patrols and escorts (an active field unit not defending Bamako)."""
        return self.posture is Posture.ACTIVE and not self.holds_bamako and not self.defending

    @staticmethod
    def combat_weight(p: dict) -> float:
        """Combat weight per man."""
        return p["russian_combat_weight"]

    def step(self, capital_cell: int) -> None:
        """Units that do not fight sit at their base, or in Bamako if defending it; fighting ones move as sweeps."""
        if self.defending:
            self.cell = capital_cell
        elif not self.fighting:
            self.cell = self.base_cell


class Moscow:
    """Moscow's goodwill toward the junta, the gold it has been conceded, and its units."""

    def __init__(self, p: dict, units: list[RussianUnit], capital_cell: int):
        self.p = p
        self.units = units
        self.field_units = [u for u in units if not u.holds_bamako]
        self.capital_cell = capital_cell
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
        n_down = moscow.units_to_stand_down(len(self.field_units), p["mercenary_stand_down"], self.goodwill,
                                            p["stand_down_threshold"], self.n_stood_down)
        self.change_postures(n_down, rng)
        for unit in self.units:
            unit.step(self.capital_cell)

    def change_postures(self, n_down: int, rng) -> None:
        """Stand down, or bring back, field units drawn at random until ``n_down`` are down."""
        while self.n_stood_down != n_down:
            standing_down = self.n_stood_down < n_down
            wanted = Posture.ACTIVE if standing_down else Posture.STOOD_DOWN
            pool = [u for u in self.field_units if u.posture is wanted]
            unit = pool[int(rng.integers(len(pool)))]
            unit.posture = Posture.STOOD_DOWN if standing_down else Posture.ACTIVE
            unit.recall_day, unit.defending = None, False
            self.n_stood_down += 1 if standing_down else -1

    def answer_siege(self, day: int, besieged: bool) -> None:
        """Active field units come back to a besieged Bamako after ``russian_recall_days``; released when it lifts."""
        for unit in self.field_units:
            if not besieged or unit.posture is not Posture.ACTIVE:
                unit.recall_day, unit.defending = None, False
                continue
            if unit.recall_day is None:
                unit.recall_day = day + self.p["russian_recall_days"]
            unit.defending = day >= unit.recall_day
            if unit.defending:
                unit.cell = self.capital_cell

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
        """Share of field units stood down (the junta's lost protection)."""
        return self.n_stood_down / max(1, len(self.field_units))

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
    """Russian units at day 0: the Bamako guard at the main base, then the field units at their bases.

    Every unit has the same strength; at least one field unit remains whatever the guard's size.
    """
    towns = {t.name: t.cell for t in mali.towns}
    n = p["russian_units"]
    guards = min(p["russian_bamako_guard_units"], n - 1)
    units = [RussianUnit(model, p["russian_strength"] / n, mali.capital_cell, holds_bamako=True) for _ in range(guards)]
    units += [RussianUnit(model, p["russian_strength"] / n, towns[FIELD_BASES[k % len(FIELD_BASES)]])
              for k in range(n - guards)]
    return Moscow(p, units, mali.capital_cell)
