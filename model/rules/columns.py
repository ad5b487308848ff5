"""JNIM columns' own behaviour: choosing a task and coalescence–fragmentation.

Insurgent units merge and split (Johnson et al. 2006; Bohorquez et al. 2009), which makes
unit and attack sizes heavy-tailed. Each column picks a task with probability proportional
to its attraction (assumption): ambush convoys where the blockade runs, tax its home area,
attack a weak garrison, rest when morale is low, or besiege Bamako when the junta wavers.
"""

from __future__ import annotations

import numpy as np

TASKS = ("ambush", "tax", "attack", "rest", "siege")


def task_weights(blockade: float, morale: float, odds_vs_garrison: float,
                 junta_cohesion: float, jnim_to_bamako_defenders: float) -> np.ndarray:
    """Attraction of each task in ``TASKS`` order (assumption; all non-negative)."""
    siege = 8.0 * max(0.0, 0.5 - junta_cohesion) * max(0.0, jnim_to_bamako_defenders - 0.5)
    return np.array([
        0.5 * blockade,
        1.0,
        0.4 * min(2.0, odds_vs_garrison),
        0.5 * (1.0 - morale),
        siege,
    ])


def choose(weights: np.ndarray, u: float) -> int:
    """Index drawn with probability proportional to ``weights`` from one uniform number ``u``."""
    cumulative = np.cumsum(weights)
    return min(int(np.searchsorted(cumulative, u * cumulative[-1], side="right")), len(weights) - 1)


def split_sizes(fighters: float, u: float, min_size: float) -> tuple[float, float] | None:
    """Split a column into two parts, the smaller a share in [0.2, 0.5); None if too small."""
    if fighters < 2 * min_size:
        return None
    part = fighters * (0.2 + 0.3 * u)
    return fighters - part, part


def step_toward(row: int, col: int, target_row: int, target_col: int, max_cells: int) -> tuple[int, int]:
    """Move at most ``max_cells`` along each axis toward a target (Chebyshev steps)."""
    dr = max(-max_cells, min(max_cells, target_row - row))
    dc = max(-max_cells, min(max_cells, target_col - col))
    return row + dr, col + dc
