"""The capital (process 11): an assault by the columns besieging Bamako, or the state's collapse."""

from __future__ import annotations

from model.rules import capital


class Capital:
    """Whether and how Bamako fell."""

    def __init__(self, p: dict, grid):
        self.p = p
        self.grid = grid
        self.fell = False
        self.fall_day: int | None = None
        self.end_reason = "horizon"

    def defence(self, army, moscow) -> float:
        """Combat strength defending Bamako: its garrison and the Russians inside."""
        p = self.p
        garrison = army.garrisons.strength[army.capital_garrison] * p["army_combat_weight"]
        return garrison + moscow.strength_in(self.grid.capital_cell) * p["russian_combat_weight"]

    def besiegers(self, column_list: list) -> list:
        """Columns on a siege within reach of Bamako."""
        grid = self.grid
        return [u for u in column_list
                if u.task == "siege" and grid.chebyshev(u.cell, grid.capital_cell) <= grid.bamako_reach]

    def check(self, today, column_list: list, army, moscow, junta, hub, engagements) -> None:
        """Assault by the columns in reach of Bamako, or collapse after a long drought.

        A repulsed assault costs the besiegers (and the garrison) an engagement's losses.
        """
        p = self.p
        near = self.besiegers(column_list)
        attackers = sum(u.combat_strength for u in near)
        if near and capital.assault_succeeds(attackers, self.defence(army, moscow), junta.cohesion,
                                             p["assault_margin"]):
            self.fall(today.day, "assault")
        elif capital.state_collapses(hub.dry_streak, junta.cohesion, junta.legitimacy, p["collapse_dry_days"],
                                     p["collapse_floor"]):
            self.fall(today.day, "collapse")
        else:
            for unit in near:
                engagements.casualties(today.deaths, unit, army.bamako_garrison, self.defence(army, moscow), False,
                                       unit.cell)

    def fall(self, day: int, how: str) -> None:
        """The state loses Bamako: the run ends."""
        self.fell = True
        self.fall_day = day
        self.end_reason = f"capital_fell_{how}"
