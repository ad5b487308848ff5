"""Engagements (process 6): Lanchester losses to both sides and the civilian harm they cause."""

from __future__ import annotations

from model.ledger import Ledger
from model.rules import combat


class Combat:
    """Resolves the losses of one engagement between a JNIM column and the state's units.

    The defenders are the Mesa agents that fought (a garrison, an escort, a sweep, Russian
    units), each with its share of the state side's strength: each loses its share of the
    losses in its own men, and its ``perpetrator`` names whom its share of the civilian deaths
    is charged to.
    """

    def __init__(self, p: dict, ledger: Ledger):
        self.p = p
        self.ledger = ledger

    def casualties(self, deaths_today, column, defenders: list[tuple[object, float]], defence: float, won: bool,
                   cell: int, fortification: float = 1.0) -> None:
        """Apply Lanchester losses of one engagement to both sides and count civilian harm.

        Args:
            deaths_today: the day's civilian deaths by perpetrator and cell (``Today.deaths``).
            column: the JNIM column that fought.
            defenders: the state's units that fought, each with its share of ``defence``.
            defence: the state side's combat strength in this engagement.
            won: whether the column won.
            cell: where the engagement happened.
            fortification: how much the defence's position multiplied its strength; the same
                walls that multiply its strength spare its men (losses in men are divided by it).

        """
        p = self.p
        loss_j, loss_s = combat.lanchester_losses(column.combat_strength, defence, won, p["engagement_intensity"])
        # Losses are in combat strength; a column's fighters count 0.5 + morale each.
        killed_j = loss_j / (0.5 + column.morale)
        column.fighters = max(0.0, column.fighters - killed_j)
        change = p["morale_gain_per_win"] if won else -p["morale_loss_per_defeat"]
        column.morale = min(1.0, max(0.0, column.morale + change))
        for defender, share in defenders:
            soldiers = share * loss_s / (defender.combat_weight(p) * fortification)
            defender.strength = max(0.0, defender.strength - soldiers)
            self.ledger.add_civilian_deaths(deaths_today, "jnim",
                                            combat.civilian_deaths(soldiers, p["civilian_harm_jnim"]), cell)
            harm = p[f"civilian_harm_{defender.perpetrator}"]
            self.ledger.add_civilian_deaths(deaths_today, defender.perpetrator,
                                            combat.civilian_deaths(share * killed_j, harm), cell)
