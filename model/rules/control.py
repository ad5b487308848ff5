"""Process 1 — control of each cell from the armed strength within reach (Kalyvas 2006).

Control is a continuous JNIM share q in [0, 1] per cell, the outcome of a contest between
the armed strength of each side within reach plus armed local support
(``armed_support_per_person`` in the parameter table), mapped to Kalyvas'
five zones: 1 state, 2 state-dominant, 3 contested, 4 JNIM-dominant, 5 JNIM.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable


@register_jitable
def jnim_share_target(jnim: np.ndarray, state: np.ndarray, exponent: float = 1.0) -> np.ndarray:
    """Tullock contest share of JNIM: J^m / (J^m + S^m); 0.5 where neither side is present."""
    j, s = (jnim, state) if exponent == 1.0 else (np.power(jnim, exponent), np.power(state, exponent))
    total = j + s
    present = total > 0
    return np.where(present, j / np.where(present, total, 1.0), 0.5)


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
