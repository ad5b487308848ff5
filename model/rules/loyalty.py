"""Process 2 — collaboration and loyalty (Kalyvas 2006; Condra & Shapiro 2012; Kocher et al. 2011).

Loyalty to the state drifts toward whoever controls the cell (control breeds collaboration),
is pulled down by hardship in proportion to blame attribution, and drops with each civilian
the state or its Russian allies kill (indiscriminate violence backfires); JNIM's killings
push it the other way. Grievance rises with hardship and with violence, and decays.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable

from model.rules.bounds import clip01


@register_jitable
def loyalty_target(q: np.ndarray, hardship: float, blame: float) -> np.ndarray:
    """Loyalty a village settles at: the state's share of control, less the hardship it blames on the state.

    Args:
        q: the share of control not held by the state (JNIM's, where no other armed group is).
        hardship: the hardship the village feels.
        blame: ``blame_attribution``.

    """
    return clip01(1.0 - q - blame * hardship)


@register_jitable
def update_loyalty(loyalty: np.ndarray, target: np.ndarray, drift: float,
                   state_deaths_pc: np.ndarray, jnim_deaths_pc: np.ndarray,
                   backlash: float) -> np.ndarray:
    """One day of loyalty: drift toward the target plus the backlash of the day's killings.

    Args:
        loyalty: loyalty to the state in [0, 1].
        target: from :func:`loyalty_target`.
        drift: fraction of the gap closed per day.
        state_deaths_pc: civilians killed today by FAMa or Russians, per resident.
        jnim_deaths_pc: civilians killed today by JNIM, per resident.
        backlash: loyalty lost to a perpetrator per death per resident.

    """
    shock = backlash * (jnim_deaths_pc - state_deaths_pc)
    return clip01(loyalty + drift * (target - loyalty) + shock)


@register_jitable
def update_grievance(grievance: np.ndarray, hardship: float, deaths_pc: np.ndarray,
                     decay: float, backlash: float) -> np.ndarray:
    """Grievance relaxes toward today's hardship and jumps with civilian deaths of any side."""
    return clip01(grievance + decay * (hardship - grievance) + backlash * deaths_pc)
