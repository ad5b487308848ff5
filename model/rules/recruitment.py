"""Process 4 — recruitment: JNIM from the aggrieved and the JNIM-held, FAMa from the loyal.

Assumption: the pool a cell offers JNIM is its population times disloyalty times the mean of
grievance and JNIM sway, doubled where the village has risen; FAMa draws on loyal residents
of state-held cells. Recruits join the units nearest to their pool.
"""

from __future__ import annotations

import numpy as np

from model.rules.windows import windows


def jnim_recruits(population: np.ndarray, loyalty: np.ndarray, grievance: np.ndarray,
                  q: np.ndarray, risen: np.ndarray, rate: float) -> np.ndarray:
    """Expected JNIM recruits per cell per day."""
    pull = 0.5 * (grievance + q) * (1.0 + risen)
    return rate * population * (1.0 - loyalty) * pull


def army_recruits(population: np.ndarray, loyalty: np.ndarray, q: np.ndarray, rate: float) -> float:
    """Expected FAMa recruits per day over the whole country."""
    return float(rate * np.sum(population * loyalty * (1.0 - q)))


def recruits_by_reach(pool_cells: np.ndarray, pool: np.ndarray, unit_cells: np.ndarray,
                      shape: tuple[int, int], reach: int) -> tuple[np.ndarray, float]:
    """Each cell's recruits go in equal parts to the columns within reach of it.

    Returns:
        Recruits per column, and the recruits of cells no column reaches (orphans).

    """
    n_cells = shape[0] * shape[1]
    window = windows(shape, reach)
    pool_grid = np.bincount(pool_cells, weights=pool, minlength=n_cells).astype(float)
    reaching = window.paint(unit_cells, np.ones(len(unit_cells))).ravel()
    per_column = np.divide(pool_grid, reaching, out=np.zeros(n_cells), where=reaching > 0)
    return window.gather(per_column, unit_cells), float(pool_grid[reaching == 0].sum())
