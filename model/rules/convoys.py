"""Process 7 — convoys and the blockade: departures, escorts, ambushes.

Tankers arrive at the crossings at each corridor's share of imports; truckers deterred by
recent losses hold back (assumption). Under blockade the junta decides when a convoy leaves and
how big it is, from the queue and the escort it can assign (``model.processes.convoys``). An
ambush that prevails burns a quarter to a half of the convoy (14 Sep 2025: 20-40 of 80+ burned
[R]) and drives some off.
"""

from __future__ import annotations


def tankers_setting_out(base_per_day: float, fear: float, sensitivity: float,
                        days_of_supply: float, target_days: float, restock_min: float, restock_max: float,
                        queue_days: float = 0.0, patience_days: float = float("inf")) -> float:
    """Tankers per day that set out: importers restock toward a target, truckers fear losses and queues.

    Importers order more when Bamako's stock is short and less when it is long, between
    ``restock_min`` and ``restock_max`` times the base; fear divides the flow by 1 + sensitivity · fear,
    and a queue at the crossing by 1 + (days of flow already waiting) / ``patience_days``.
    """
    restock = min(restock_max, max(restock_min, 1.0 + 0.5 * (target_days - days_of_supply) / target_days))
    return base_per_day * restock / ((1.0 + sensitivity * fear) * (1.0 + queue_days / patience_days))


def update_fear(fear: float, lost_share_today: float, memory_days: float = 30.0) -> float:
    """Truckers' fear: an exponentially weighted memory of the share of tankers lost."""
    return fear + (lost_share_today - fear) / memory_days


def ambush_attack_probability(intensity: float, attackers: float, escort: float) -> float:
    """Chance a column in reach attacks: the blockade intensity, deterred by a stronger escort."""
    if attackers <= 0:
        return 0.0
    return intensity * attackers / (attackers + 0.5 * escort)


def ambush_losses(tankers: int, burn_share: float, divert_share: float) -> tuple[int, int]:
    """Tankers burned and diverted by a successful ambush (whole tankers, never more than there are)."""
    burned = min(tankers, round(tankers * burn_share))
    diverted = min(tankers - burned, round(tankers * divert_share))
    return burned, diverted
