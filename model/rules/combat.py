"""Process 6 — combat: a Tullock contest decides who prevails, Lanchester sets the losses.

The contest function (Hirshleifer 1989) gives the attacker's chance of prevailing from the
two sides' effective strengths; Lanchester's linear law (aimed fire at short range) gives
each side's losses in proportion to the other's strength. Civilian harm is proportional to
the combatants killed, with a perpetrator-specific ratio (Moura 2022 [R] for Russian
operations).
"""

from __future__ import annotations


def contest_win_probability(attacker: float, defender: float, exponent: float = 1.0) -> float:
    """Probability the attacker prevails: A^m / (A^m + D^m); 1 against no defender."""
    if defender <= 0:
        return 1.0
    if attacker <= 0:
        return 0.0
    a, d = attacker**exponent, defender**exponent
    return a / (a + d)


def lanchester_losses(attacker: float, defender: float, attacker_won: bool,
                      intensity: float = 0.1) -> tuple[float, float]:
    """Losses (attacker, defender) of one engagement, in units of combat strength.

    Only part of a much larger force is in contact: each side engages at most twice the
    other's strength. Each side loses ``intensity`` times the other's engaged strength,
    capped by its own; the side that prevails loses half as much (the loser breaks and flees).
    """
    engaged_att = min(attacker, 2.0 * defender)
    engaged_def = min(defender, 2.0 * attacker)
    loss_att = min(attacker, intensity * engaged_def * (0.5 if attacker_won else 1.0))
    loss_def = min(defender, intensity * engaged_att * (1.0 if attacker_won else 0.5))
    return loss_att, loss_def


def civilian_deaths(combatants_killed: float, harm_ratio: float) -> float:
    """Civilians killed by a perpetrator for the combatants its operation killed."""
    return harm_ratio * combatants_killed
