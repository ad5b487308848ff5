"""Process 11 — the capital falls by assault or by collapse; either ends the run.

Assault: JNIM launches one when the columns massed within reach of Bamako, helped by its
control of the approaches, outweigh the defence by a margin; the defence loses the share of
its men who defect when the officer corps' cohesion is low; the outcome is a contest drawn
with Hirshleifer's ratio form, not a threshold. Collapse: Bamako dry for a sustained period
while both cohesion and legitimacy are below floors (assumptions).
"""

from __future__ import annotations


def attacking_strength(massed: float, approaches_held: float, approach_gain: float) -> float:
    """Massed combat strength of the besiegers, raised by JNIM's share of the approaches."""
    return massed * (1.0 + approach_gain * approaches_held)


def defending_strength(defence: float, cohesion: float, defection_max: float) -> float:
    """Bamako's defence after defections: a share ``defection_max × (1 − cohesion)`` changes side or flees."""
    return defence * (1.0 - defection_max * (1.0 - cohesion))


def assault_launched(attackers: float, defenders: float, margin: float) -> bool:
    """JNIM attacks the city only when its strength exceeds the defence by ``margin``."""
    return attackers > margin * defenders


def assault_success_probability(attackers: float, defenders: float, decisiveness: float) -> float:
    """Chance that an assault takes the city: A^m / (A^m + D^m)."""
    if defenders <= 0:
        return 1.0
    ratio = (attackers / defenders) ** decisiveness
    return ratio / (1.0 + ratio)


def state_collapses(dry_streak: int, cohesion: float, legitimacy: float, dry_days: int,
                    floor: float) -> bool:
    """Whether a long fuel drought breaks a junta already below both floors."""
    return dry_streak >= dry_days and cohesion < floor and legitimacy < floor
