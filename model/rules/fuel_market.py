"""Process 8 — Bamako's fuel market: stock, demand, rationing, black-market price.

Sellers release a day's demand at the official price while the stock is comfortable, and
stretch a short stock over the comfort level (assumption). When less is released, the price
rises along the constant-elasticity demand curve D = D0 (p / p0)^ε until the market clears,
capped by what buyers can pay; at the cap, queues ration what is left. Food and medicine
prices follow the scarcity price of fuel (the price that would clear unrationed demand on
what was sold) through the transport share of their cost: queues and quotas are hardship too.
"""

from __future__ import annotations


def clearing_price(release: float, demand: float, official: float, elasticity: float,
                   cap: float) -> float:
    """Price at which demand equals the release; the official price when there is enough."""
    if release >= demand:
        return official
    if release <= 0:
        return cap
    return min(cap, official * (release / demand) ** (1.0 / elasticity))


def market_day(stock: float, demand: float, comfort_days: float, official: float,
               elasticity: float, cap: float) -> tuple[float, float]:
    """One day of the market: (litres sold, price in CFA/L).

    Sellers release a full day's demand while the stock covers ``comfort_days``; below that
    they stretch it, releasing the same share of a day's demand as the stock is of the
    comfort level, and the price clears the market on what is released.
    """
    release = min(stock, demand * min(1.0, stock / (demand * comfort_days)))
    price = clearing_price(release, demand, official, elasticity, cap)
    wanted = demand * (price / official) ** elasticity
    return min(release, wanted), price


def rationed_demand(demand: float, days_of_supply: float, rationing: float, trigger_days: float) -> float:
    """Demand after state quotas, which apply only below the trigger."""
    return demand * (1.0 - rationing) if days_of_supply < trigger_days else demand


def litres_per_wage(price: float, wage: float) -> float:
    """Litres a monthly minimum wage buys."""
    return wage / price


def hardship(price: float, official: float, transport_share: float) -> float:
    """Hardship in [0, 1): the rise of food prices that fuel drives, as a share of the new price."""
    food_index = 1.0 + transport_share * (price / official - 1.0)
    return 1.0 - 1.0 / food_index
