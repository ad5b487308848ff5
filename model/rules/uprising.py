"""Process 3 — uprising, after Epstein (2002) civil violence.

A village rises when its grievance, less the risk-weighted chance of arrest, exceeds a
threshold; the arrest probability follows Epstein's P = 1 − exp(−k · C/A) with the state's
strength within reach per thousand residents as C/A. JNIM's call to rise adds pressure
where it holds sway.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable


@register_jitable
def arrest_probability(state_strength: np.ndarray, population: np.ndarray, k: float) -> np.ndarray:
    """Epstein's estimated arrest probability P = 1 − exp(−k · soldiers per thousand residents)."""
    per_thousand = state_strength / np.maximum(population / 1000.0, 1e-9)
    return 1.0 - np.exp(-k * per_thousand)


@register_jitable
def rising(grievance: np.ndarray, arrest_p: np.ndarray, q: np.ndarray,
           threshold: float, call: float, risk_aversion: float) -> np.ndarray:
    """Epstein's activation rule G − R·P > T, with JNIM's call adding ``call``·q to the pressure."""
    return grievance + call * q - risk_aversion * arrest_p > threshold
