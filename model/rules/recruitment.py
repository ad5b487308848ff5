"""Process 4 — recruitment: JNIM from the aggrieved and the JNIM-held, FAMa from the loyal.

Assumption: the pool a cell offers JNIM is its population times disloyalty times the mean of
grievance and JNIM sway, doubled where the village has risen; FAMa draws on loyal residents
of state-held cells. Recruits join the units nearest to their pool.
"""

from __future__ import annotations

import numpy as np


def jnim_recruits(population: np.ndarray, loyalty: np.ndarray, grievance: np.ndarray,
                  q: np.ndarray, risen: np.ndarray, rate: float) -> np.ndarray:
    """Expected JNIM recruits per cell per day."""
    pull = 0.5 * (grievance + q) * (1.0 + risen)
    return rate * population * (1.0 - loyalty) * pull


def army_recruits(population: np.ndarray, loyalty: np.ndarray, q: np.ndarray, rate: float) -> float:
    """Expected FAMa recruits per day over the whole country."""
    return float(rate * np.sum(population * loyalty * (1.0 - q)))


def share_by_proximity(pool: np.ndarray, unit_reach_pool: np.ndarray) -> np.ndarray:
    """Split a national total among units in proportion to the pool within each unit's reach."""
    total = unit_reach_pool.sum()
    if total <= 0:
        return np.zeros_like(unit_reach_pool)
    return pool.sum() * unit_reach_pool / total
