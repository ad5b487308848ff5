"""Bounding arrays to the unit interval, the range of every share, loyalty and stock."""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable


@register_jitable
def clip01(values: np.ndarray) -> np.ndarray:
    """``values`` bounded to [0, 1].

    Same result as ``np.clip(values, 0, 1)``, without its dispatch overhead (a few microseconds
    a call, which adds up over the daily rules).
    """
    return np.minimum(np.maximum(values, 0.0), 1.0)
