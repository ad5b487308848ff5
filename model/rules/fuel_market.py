"""Process 8 — the fuel markets: stock, release, stations at the official price, the informal market.

Sellers release a day's demand while the hub's stock is comfortable and stretch a short stock
over the comfort level (assumption). Bamako and the rest of the state-supplied country are two
markets; the junta's rural fuel-sales ban cuts what the rural market may get. In each market
stations sell a share of what they get at the official price, to whoever queues; the rest goes
to an informal market, with some smuggled fuel, which clears the demand the stations left. That
demand follows the short-run curve D = D0 (p / p0)^ε until buyers' budgets bind: nobody spends
more than a multiple of their pre-blockade fuel bill, so beyond that point the price rises as
1 / quantity, with scarcity, and needs no cap. Food and medicine prices follow the average price
paid through the transport share of their cost.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MarketRules:
    """The parameters every fuel market shares."""

    official: float
    elasticity: float
    budget_multiple: float
    informal_share: float
    smuggled_share: float
    transport_share: float


def release(stock: float, demand: float, comfort_days: float) -> float:
    """Litres sellers release today: a full day's demand while the stock covers ``comfort_days``.

    Below that they stretch it, releasing the same share of a day's demand as the stock is of
    the comfort level.
    """
    return min(stock, demand * min(1.0, stock / (demand * comfort_days)))


def split_release(litres: float, bamako_demand: float, rural_demand: float, ban: float) -> tuple[float, float]:
    """Litres for Bamako and for the rural market; the ban withholds that share of rural sales.

    Both markets get the same share of what they may have (rural: ``(1 − ban)`` of its demand).
    """
    allowed_rural = rural_demand * (1.0 - ban)
    wanted = bamako_demand + allowed_rural
    if wanted <= 0:
        return 0.0, 0.0
    share = min(1.0, litres / wanted)
    return bamako_demand * share, allowed_rural * share


def informal_price(supply: float, demand: float, rules: MarketRules) -> float:
    """Price that clears ``demand`` (at the official price) on ``supply`` litres, budgets binding.

    On the constant-elasticity curve while buyers can afford it; past the price at which they
    would spend ``budget_multiple`` times their bill at the official price, spending stays at
    that budget and the price is budget / supply.
    """
    if supply >= demand:
        return rules.official
    budget = rules.budget_multiple * rules.official * demand
    kink = rules.official * rules.budget_multiple ** (1.0 / (1.0 + rules.elasticity))
    on_curve = rules.official * (supply / demand) ** (1.0 / rules.elasticity)
    return on_curve if on_curve <= kink else budget / supply


def market_day(received: float, demand: float, rules: MarketRules) -> tuple[float, float, float]:
    """One market's day: (litres sold, informal price, average price paid).

    Stations sell ``1 − informal_share`` of what the market received at the official price;
    the informal market sells the rest plus smuggled fuel (``smuggled_share`` of demand) to the
    demand the stations left, at the price that clears it.
    """
    if demand <= 0:
        return 0.0, rules.official, rules.official
    at_stations = min(received * (1.0 - rules.informal_share), demand)
    informal_supply = received - at_stations + rules.smuggled_share * demand
    left = demand - at_stations
    price = informal_price(informal_supply, left, rules) if left > 0 else rules.official
    sold_informally = min(informal_supply, left * (price / rules.official) ** rules.elasticity) if left > 0 else 0.0
    sold_from_hub = min(received, at_stations + sold_informally)
    paid = at_stations * rules.official + sold_informally * price
    average = paid / (at_stations + sold_informally) if at_stations + sold_informally > 0 else price
    return sold_from_hub, price, average


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
