"""Process 11 — the capital falls by assault or by collapse; either ends the run.

Assault: JNIM strength within reach of Bamako outweighs its defenders, discounted by the
officer corps' cohesion, by a margin. Collapse: Bamako dry for a sustained period while both
cohesion and legitimacy are below floors (assumptions).
"""

from __future__ import annotations


def assault_succeeds(attackers: float, defenders: float, cohesion: float, margin: float) -> bool:
    """Whether an assault takes the city: attackers > margin · defenders · (½ + ½ cohesion)."""
    return attackers > margin * defenders * (0.5 + 0.5 * cohesion)


def state_collapses(dry_streak: int, cohesion: float, legitimacy: float, dry_days: int,
                    floor: float) -> bool:
    """Whether a long fuel drought breaks a junta already below both floors."""
    return dry_streak >= dry_days and cohesion < floor and legitimacy < floor
