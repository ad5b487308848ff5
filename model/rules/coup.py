"""Process 10 — junta cohesion, legitimacy, coup attempts and their success.

Cohesion relaxes toward a target lowered by unpaid military salaries, defeats, fuel shortage,
territory lost and Russian protection withdrawn; legitimacy toward one lowered by urban unrest
(protests against prices), shortage and defeats. Attempts come at a base rate (Mali ≈ 8
attempts in 65 years, Powell & Thyne [M]) multiplied by exp(slope · fall) in cohesion and
legitimacy and by the coup trap after a coup (two of four Sahel juntas had a second coup within
nine months [R]). An attempt succeeds with a base probability (Mali 5 of 8 [M]) cut by Russian
units in Bamako: counterweight forces lower success more than attempts (literature).
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class StressWeights:
    """Weight of each stressor in the cohesion target (parameters ``cohesion_*_weight``)."""

    arrears: float
    defeats: float
    shortage: float
    territory: float
    protection: float


def cohesion_target(initial: float, w: StressWeights, arrears_share: float, defeats: float, shortage: float,
                    territory_lost: float, protection_lost: float) -> float:
    """Cohesion the officer corps settles at under the current stressors, in [0, 1].

    Args:
        initial: cohesion without stress.
        w: the stressors' weights.
        arrears_share: share of the military payroll unpaid (recent average).
        defeats: recent defeats (convoys burned, garrisons overrun), smoothed, in [0, 1].
        shortage: share of recent days Bamako was dry.
        territory_lost: fall of the state-held population share since day 0.
        protection_lost: share of Russian field units stood down.

    """
    stress = (w.arrears * arrears_share + w.defeats * defeats + w.shortage * shortage
              + w.territory * max(territory_lost, 0.0) + w.protection * protection_lost)
    return min(1.0, max(0.0, initial - stress))


def legitimacy_target(initial: float, unrest: float, shortage: float, defeats: float,
                      unrest_weight: float, shortage_weight: float, defeat_weight: float) -> float:
    """Legitimacy in Bamako under protests, shortage and humiliation, in [0, 1]."""
    return min(1.0, max(0.0, initial - unrest_weight * unrest - shortage_weight * shortage
                        - defeat_weight * defeats))


def unrest_target(hardship: float, threshold: float) -> float:
    """Protest intensity in Bamako that a price hardship sustains: none below the threshold, 1 at full hardship."""
    return max(0.0, hardship - threshold) / (1.0 - threshold)


def attempt_hazard(base_per_day: float, cohesion: float, legitimacy: float, cohesion_ref: float,
                   legitimacy_ref: float, cohesion_slope: float, legitimacy_slope: float,
                   days_since_coup: float | None, trap_multiplier: float, trap_days: float) -> float:
    """Daily probability of a coup attempt."""
    log_rise = cohesion_slope * (cohesion_ref - cohesion) + legitimacy_slope * (legitimacy_ref - legitimacy)
    trap = 1.0
    if days_since_coup is not None:
        trap += (trap_multiplier - 1.0) * math.exp(-days_since_coup / trap_days)
    return min(1.0, base_per_day * math.exp(log_rise) * trap)


def success_probability(base: float, counterweight: float, russians_in_bamako: float) -> float:
    """Probability that an attempt succeeds: the base, cut by the Russian share guarding Bamako."""
    return base * (1.0 - counterweight * russians_in_bamako)


def purge_disruption(depth: float, days_since: float | None, duration_days: float) -> float:
    """Share of FAMa's effectiveness lost to a purge ``days_since`` days ago (decays exponentially)."""
    if days_since is None:
        return 0.0
    return depth * math.exp(-days_since / duration_days)
