"""Process 10 — junta cohesion, legitimacy and the daily coup hazard.

Cohesion relaxes toward a target lowered by unpaid salaries, military defeats, fuel shortage,
territory lost and Russian protection withdrawn; legitimacy toward one lowered by hardship
and shortage. The hazard is a base rate (Mali ≈ 0.08 coups a year [M]) multiplied by
exp(slope · fall) in cohesion and legitimacy, by the coup trap after a coup (two of four
Sahel juntas had a second coup within nine months [R]), and cut by Russian units guarding
Bamako (counterweight forces).
"""

from __future__ import annotations

import math

STRESS_WEIGHTS = {"arrears": 0.6, "defeats": 0.15, "shortage": 0.15, "territory": 1.0, "protection": 0.1}
"""Weights of each stressor in the cohesion target (assumption)."""


def cohesion_target(initial: float, arrears_share: float, defeats: float, shortage: float,
                    territory_lost: float, protection_lost: float) -> float:
    """Cohesion the officer corps settles at under the current stressors, in [0, 1].

    Args:
        initial: cohesion without stress.
        arrears_share: share of the payroll unpaid (recent average).
        defeats: recent defeats (convoys burned, garrisons overrun), smoothed, in [0, 1].
        shortage: share of recent days Bamako was dry.
        territory_lost: fall of the state-held population share since day 0.
        protection_lost: share of Russian units stood down.

    """
    w = STRESS_WEIGHTS
    stress = (w["arrears"] * arrears_share + w["defeats"] * defeats + w["shortage"] * shortage
              + w["territory"] * max(territory_lost, 0.0) + w["protection"] * protection_lost)
    return min(1.0, max(0.0, initial - stress))


def legitimacy_target(initial: float, hardship: float, shortage: float, defeats: float) -> float:
    """Legitimacy in Bamako under hardship, shortage and humiliation, in [0, 1] (assumption)."""
    # Hardship weighs most in the capital's streets, dry days next, defeats least (assumption).
    return min(1.0, max(0.0, initial - 0.5 * hardship - 0.2 * shortage - 0.1 * defeats))


def coup_hazard(base_per_day: float, cohesion: float, legitimacy: float, cohesion_ref: float,
                legitimacy_ref: float, cohesion_slope: float, legitimacy_slope: float,
                days_since_coup: float | None, trap_multiplier: float, trap_days: float,
                counterweight: float, russians_in_bamako: float) -> float:
    """Daily probability of a coup."""
    log_rise = cohesion_slope * (cohesion_ref - cohesion) + legitimacy_slope * (legitimacy_ref - legitimacy)
    trap = 1.0
    if days_since_coup is not None:
        trap += (trap_multiplier - 1.0) * math.exp(-days_since_coup / trap_days)
    guard = 1.0 - counterweight * russians_in_bamako
    return min(1.0, base_per_day * math.exp(log_rise) * trap * guard)
