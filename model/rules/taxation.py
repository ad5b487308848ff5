"""Process 5 — taxation and income of JNIM and of the junta.

JNIM takes zakat (about a tenth of the harvest [M]) in the cells it holds and half of that
where contested, a levy on artisanal gold where it holds a mine, plus smuggling and ransom
income. The junta's revenue follows the budget [R] split into a territorial part (scaled by
the population it holds and by economic activity), a fuel-import part (scaled by tankers
delivered) and an industrial-gold part (scaled by the mines it holds).
"""

from __future__ import annotations

import numpy as np

ZAKAT_SHARE_BY_ZONE = np.array([0.0, 0.0, 0.0, 0.5, 1.0, 1.0])
"""Share of full zakat JNIM takes in zones 0 (unused), 1-5."""


def zakat(population: np.ndarray, zone: np.ndarray, rate: float, harvest_per_person: float) -> float:
    """JNIM zakat in CFA per day: full in zones 4-5, half in zone 3."""
    weight = ZAKAT_SHARE_BY_ZONE[zone]
    return float(rate * harvest_per_person * np.sum(population * weight))


def state_revenue(base_per_day: float, held_population_share: float, activity: float,
                  fuel_delivery_ratio: float, gold_held_share: float,
                  fuel_share: float, gold_share: float) -> float:
    """Junta revenue in CFA per day, each part scaled by what the state still holds.

    Args:
        base_per_day: pre-blockade revenue per day.
        held_population_share: state-held population now over that at day 0.
        activity: economic activity in [0, 1] (falls with fuel and transport costs).
        fuel_delivery_ratio: litres delivered today over pre-blockade imports per day.
        gold_held_share: share of industrial gold mines in state-held cells.
        fuel_share: share of revenue from fuel taxes.
        gold_share: share of revenue from industrial gold.

    """
    territorial = (1.0 - fuel_share - gold_share) * held_population_share * activity
    return base_per_day * (territorial + fuel_share * fuel_delivery_ratio + gold_share * gold_held_share)


def pay(treasury: float, income: float, spending: float, floor: float = 0.0) -> tuple[float, float]:
    """Pay what the treasury allows; return (new treasury, unpaid amount)."""
    available = treasury + income - floor
    paid = min(spending, max(available, 0.0))
    return treasury + income - paid, spending - paid


def pay_by_priority(available: float, items: list[float], pro_rata: bool = False) -> list[float]:
    """What each spending item gets from ``available``: in order, each in full before the next.

    With ``pro_rata`` every item gets the same share instead (no priority).
    """
    if pro_rata:
        total = sum(items)
        share = min(1.0, max(available, 0.0) / total) if total > 0 else 1.0
        return [item * share for item in items]
    paid, left = [], max(available, 0.0)
    for item in items:
        take = min(item, left)
        paid.append(take)
        left -= take
    return paid
