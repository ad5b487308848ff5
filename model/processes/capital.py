"""The capital (process 11): an assault by the columns massed near Bamako, or the state's collapse."""

from __future__ import annotations

import numpy as np

from model.rules import capital


class Capital:
    """Bamako: whether columns besiege it, whether and how it fell.

    Attributes:
        besieged: whether columns on a siege were within reach of Bamako today (the Russian
            field units read it the next day).
        assaults: the days JNIM assaulted the city.
        fell, fall_day, end_reason: the outcome.

    """

    def __init__(self, p: dict, grid, villages):
        self.p = p
        self.grid = grid
        near = grid.distances(np.array([grid.capital_cell]), villages.cells)[0]
        approaches = (near <= grid.map.reach_in_cells(p["bamako_approach_km"])) & (near > 0)
        self.approach_villages = np.flatnonzero(approaches)
        self.besieged = False
        self.assaults: list[int] = []
        self.fell = False
        self.fall_day: int | None = None
        self.end_reason = "horizon"

    def defence(self, army, moscow) -> float:
        """Combat strength defending Bamako: its garrison and the Russians inside, fortified."""
        p = self.p
        garrison = army.garrisons.strength[army.capital_garrison] * army.weight
        russians = moscow.strength_in(self.grid.capital_cell) * p["russian_combat_weight"]
        return (garrison + russians) * p["garrison_fortification"]

    def approaches_held(self, villages) -> float:
        """JNIM's share of control of Bamako's approaches, weighted by their residents."""
        v = villages.arrays
        k = self.approach_villages
        if len(k) == 0:
            return 0.0
        return float(np.average(v.q[k], weights=v.population[k]))

    def besiegers(self, column_list: list) -> list:
        """Columns on a siege within reach of Bamako."""
        grid = self.grid
        return [u for u in column_list
                if u.task == "siege" and grid.chebyshev(u.cell, grid.capital_cell) <= grid.bamako_reach]

    def check(self, today, column_list: list, army, moscow, junta, hub, villages, engagements, rng) -> None:
        """Assault by the columns massed near Bamako, or collapse after a long drought.

        JNIM assaults when its strength, helped by the approaches it holds, exceeds the defence
        left after defections by ``assault_margin``; the outcome is drawn. A repulsed assault
        costs each besieging column an engagement with the garrison, and the columns withdraw.
        """
        p = self.p
        near = self.besiegers(column_list)
        self.besieged = bool(near)
        if near:
            massed = sum(u.combat_strength for u in near)
            attack = capital.attacking_strength(massed, self.approaches_held(villages), p["assault_approach_gain"])
            defence = capital.defending_strength(self.defence(army, moscow), junta.cohesion,
                                                 p["assault_defection_max"])
            if capital.assault_launched(attack, defence, p["assault_margin"]):
                self.assaults.append(today.day)
                if rng.random() < capital.assault_success_probability(attack, defence, p["assault_decisiveness"]):
                    self.fall(today.day, "assault")
                    return
                self.repulse(today, near, self.defenders(army, moscow), defence, engagements)
        if capital.state_collapses(hub.dry_streak, junta.cohesion, junta.legitimacy, p["collapse_dry_days"],
                                   p["collapse_floor"]):
            self.fall(today.day, "collapse")

    def defenders(self, army, moscow) -> list[tuple[object, float]]:
        """Bamako's garrison and the Russian units in the city, each with its share of the defence."""
        garrison = army.bamako_garrison
        strengths = [(garrison, garrison.strength * army.weight)]
        strengths += [(u, u.strength * self.p["russian_combat_weight"]) for u in moscow.units
                      if u.cell == self.grid.capital_cell]
        total = sum(s for _, s in strengths)
        return [(u, s / total) for u, s in strengths] if total > 0 else [(garrison, 1.0)]

    def repulse(self, today, near: list, defenders: list, defence: float, engagements) -> None:
        """Each besieging column loses an engagement against the defence and withdraws to rest."""
        for unit in near:
            engagements.casualties(today.deaths, unit, defenders, defence, False, unit.cell,
                                   self.p["garrison_fortification"])
            unit.task, unit.replan_day = "rest", today.day + self.p["jnim_rest_days_after_attack"]
            unit.target_cell = unit.home_cell

    def fall(self, day: int, how: str) -> None:
        """The state loses Bamako: the run ends."""
        self.fell = True
        self.fall_day = day
        self.end_reason = f"capital_fell_{how}"
