"""Process 1 — control of each cell from the armed strength within reach (Kalyvas 2006).

Control is a continuous JNIM share q in [0, 1] per cell, the outcome of a contest between
the armed strength of each side within reach plus armed local support
(``armed_support_per_person`` in the parameter table), mapped to Kalyvas'
five zones: 1 state, 2 state-dominant, 3 contested, 4 JNIM-dominant, 5 JNIM.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable

from model.portable_math import power_1d


@register_jitable
def contest_shares(jnim: np.ndarray, state: np.ndarray, others: np.ndarray,
                   exponent: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """Tullock contest of three: the shares of JNIM and of the state, J^m and S^m over J^m + S^m + O^m.

    The other armed groups (O) win the rest; where nobody is present, JNIM and the state split
    the cell evenly.
    """
    if exponent == 1.0:  # the default: skip three powers that would return their input
        j, s, o = jnim, state, others
    else:
        j, s, o = power_1d(jnim, exponent), power_1d(state, exponent), power_1d(others, exponent)
    total = j + s + o
    present = total > 0
    safe = np.where(present, total, 1.0)
    return np.where(present, j / safe, 0.5), np.where(present, s / safe, 0.5)


@register_jitable
def zone_share(q: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The share that places a cell on Kalyvas' scale: JNIM's share plus half of the other groups'.

    Ground the other armed groups hold is held by neither JNIM nor the state: it counts as
    contested between them (without other groups, s = 1 − q and this is q).
    """
    return 0.5 * (1.0 + q - s)


@register_jitable
def relax(current: np.ndarray, target: np.ndarray, rate: float) -> np.ndarray:
    """Move a quantity a fraction ``rate`` of the way toward its target (inertia of control)."""
    return current + rate * (target - current)


@register_jitable
def zones(q: np.ndarray) -> np.ndarray:
    """Kalyvas zone 1..5 from the JNIM share: [0, .2) → 1, ..., [.8, 1] → 5."""
    return np.minimum(1 + (q * 5).astype(np.int8), 5)  # q ≥ 0, so the zone is ≥ 1


def control_shares(zone: np.ndarray, weight: np.ndarray) -> tuple[float, float, float]:
    """Weighted shares held by the state (zones 1-2), contested (3) and JNIM (4-5); sum to 1."""
    total = weight.sum()
    state = weight[zone <= 2].sum() / total
    contested = weight[zone == 3].sum() / total
    jnim = weight[zone >= 4].sum() / total
    return float(state), float(contested), float(jnim)
