"""``Today``: the signals that pass between processes within one day, and the lags between them.

A process reads another's state either as it was at dawn (yesterday's value, because the
process that writes it runs later in the day) or as it is now. The dawn readings are copied
here when the day starts, so a call site that reads ``today.hardship_at_dawn`` shows the lag;
docs/ODD.md §3 lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Today:
    """One day's shared signals.

    Attributes:
        day: the model day (negative during the spin-up).
        blockade: blockade intensity on each fuel corridor after negotiated relief.
        supply_days_at_dawn: Bamako's days of supply before today's market (convoys, villages).
        hardship_at_dawn: yesterday's fuel hardship in Bamako (the market sets today's later).
        rural_hardship_at_dawn: yesterday's fuel hardship in the rural market (villages).
        jnim_area_hardship: fuel hardship in JNIM's areas (smuggled fuel, off the hub; constant).
        bamako_met_at_dawn, rural_met_at_dawn: share of each market's demand it received yesterday.
        arrears_at_dawn: yesterday's salary arrears (FAMa replacement; the treasury pays later).
        moscow_paid_at_dawn: whether Moscow was paid yesterday (its goodwill drift).
        besieged_at_dawn: whether columns besieged Bamako yesterday (Russian field units come back).
        deaths: civilian deaths today by perpetrator (row 0 JNIM, row 1 the state) and cell.
        defeats: defeats of the state today (garrisons overrun, convoys burned).
        delivered_l: fuel delivered to Bamako today.

    """

    day: int
    blockade: dict[str, float]
    supply_days_at_dawn: float
    hardship_at_dawn: float
    rural_hardship_at_dawn: float
    jnim_area_hardship: float
    bamako_met_at_dawn: float
    rural_met_at_dawn: float
    arrears_at_dawn: float
    moscow_paid_at_dawn: bool
    besieged_at_dawn: bool
    deaths: np.ndarray
    defeats: float = 0.0
    delivered_l: float = 0.0
