"""JNIM columns' own behaviour: choosing a task and coalescence–fragmentation.

Insurgent units merge and split (Johnson et al. 2006; Bohorquez et al. 2009), which makes
unit and attack sizes heavy-tailed. Each column picks a task with probability proportional
to its attraction (assumption): ambush convoys where the blockade runs, tax its home area,
attack a weak garrison, rest when morale is low, or besiege Bamako when the junta wavers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

TASKS = ("ambush", "tax", "attack", "rest", "siege")
SHORT = 16
"""Up to this many weights, ``choose`` stays in plain Python."""


@dataclass(frozen=True)
class TaskAppeal:
    """How strongly each task tempts a column, against taxing home (weight 1; parameters ``task_*``, ``siege_*``)."""

    ambush: float
    attack: float
    rest: float
    siege: float
    siege_cohesion_threshold: float
    siege_odds_threshold: float


def task_weights(blockade: float, morale: float, odds_vs_garrison: float,
                 junta_cohesion: float, jnim_to_bamako_defenders: float, appeal: TaskAppeal) -> list[float]:
    """Attraction of each task in ``TASKS`` order (all non-negative).

    Ambushes tempt as the blockade is intense, an attack as the odds against the weakest
    garrison in range are good (counted up to 2:1), rest as morale is low. A siege is thinkable
    only once the junta's cohesion is below its threshold and JNIM's fighters exceed the odds
    threshold times Bamako's defence; its weight grows with both gaps.
    """
    siege = (appeal.siege * max(0.0, appeal.siege_cohesion_threshold - junta_cohesion)
             * max(0.0, jnim_to_bamako_defenders - appeal.siege_odds_threshold))
    return [
        appeal.ambush * blockade,
        1.0,
        appeal.attack * min(2.0, odds_vs_garrison),
        appeal.rest * (1.0 - morale),
        siege,
    ]


def choose(weights: Sequence[float], u: float) -> int:
    """Index drawn with probability proportional to ``weights`` from one uniform number ``u``.

    Short lists (a column's five tasks) go through plain Python, which is several times faster
    than NumPy at this size; long ones (ambush sites) through NumPy. Both add the weights in
    order, so they draw the same index.
    """
    if len(weights) <= SHORT:
        cumulative = list(accumulate(weights))
        return min(bisect_right(cumulative, u * cumulative[-1]), len(weights) - 1)
    cumulative = np.cumsum(weights)
    return min(int(np.searchsorted(cumulative, u * cumulative[-1], side="right")), len(weights) - 1)


def base_weights(population: np.ndarray, presence: np.ndarray) -> np.ndarray:
    """Attraction of each village as a column's base: √population × regional JNIM presence.

    Assumption: bases sit where people are, with diminishing returns, and where JNIM is
    structurally present. The first columns are placed by these weights, and so are the new
    bases of split-off columns.
    """
    return np.sqrt(population) * presence


def new_base(home: int, village_cells: np.ndarray, weights: np.ndarray, near: np.ndarray, u: float) -> int:
    """The base a split-off column founds: a village near its parent's base, drawn by weight.

    Args:
        home: the parent's base (grid cell); kept if no village near it has any weight.
        village_cells: grid cell of each village.
        weights: :func:`base_weights` of each village.
        near: whether each village lies within reach of ``home``.
        u: one uniform number in [0, 1).

    """
    candidates = np.flatnonzero(near & (weights > 0))
    if len(candidates) == 0:
        return home
    return int(village_cells[candidates[choose(weights[candidates], u)]])


def split_sizes(fighters: float, u: float, min_size: float) -> tuple[float, float] | None:
    """Split a column into two parts, the smaller a share in [0.2, 0.5); None if too small."""
    if fighters < 2 * min_size:
        return None
    part = fighters * (0.2 + 0.3 * u)
    return fighters - part, part


def advance(cells: np.ndarray, targets: np.ndarray, max_cells: np.ndarray, n_cols: int) -> np.ndarray:
    """Move each unit at most ``max_cells`` along each axis toward its target (Chebyshev steps).

    Cells are flat indices of a grid ``n_cols`` wide; ``max_cells`` is one speed or one per unit.
    """
    rows, cols = np.divmod(cells, n_cols)
    target_rows, target_cols = np.divmod(targets, n_cols)
    rows = rows + np.minimum(np.maximum(target_rows - rows, -max_cells), max_cells)
    cols = cols + np.minimum(np.maximum(target_cols - cols, -max_cells), max_cells)
    return rows * n_cols + cols
