"""The fuel hub and its markets (process 8): the stock, Bamako's and the rural market's prices, hardship."""

from __future__ import annotations

from model.ledger import Ledger
from model.rules import fuel_market


def base_imports_l_per_day(p: dict) -> float:
    """Fuel that set out for Mali each day before the blockade (convoys' base flow, fuel taxes' base)."""
    return p["national_demand_l_per_day"] * p["import_to_demand_ratio"]


class FuelHub:
    """The fuel stock in and around Bamako, and the two markets it supplies.

    Bamako takes ``bamako_fuel_share`` of national demand; the rest of the state-supplied country
    buys in the rural market, which the junta's ``rural_fuel_ban`` cuts. JNIM's areas live on
    smuggled fuel at ``smuggled_price_ratio`` times the official price, off the hub.

    Attributes:
        fuel_stock_l: litres in the hub.
        days_of_supply: the stock in days of national demand, after today's sales.
        price: Bamako's informal price today (CFA/L): what a litre costs without queueing.
        rural_price: the rural market's informal price today.
        hardship, rural_hardship: hardship from the average price paid in Bamako, in the rural market.
        jnim_area_hardship: hardship in JNIM's areas, from the smuggled price.
        bamako_met, rural_met: share of each market's demand it received today.
        dry_streak: consecutive days Bamako received less than the dry threshold.
        dry_memory: exponentially smoothed share of dry days (the junta's stress).

    """

    def __init__(self, p: dict):
        self.p = p
        demand = p["national_demand_l_per_day"]
        self.rules = fuel_market.MarketRules(p["official_price_cfa"], p["price_elasticity"], p["fuel_budget_multiple"],
                                             p["informal_fuel_share"], p["smuggled_fuel_share"],
                                             p["transport_cost_share"])
        self.fuel_stock_l = p["initial_stock_days"] * demand
        self.fuel_initial_l = self.fuel_stock_l
        self.days_of_supply = p["initial_stock_days"]
        self.price = self.rural_price = self.peak_price = p["official_price_cfa"]
        self.hardship = self.rural_hardship = 0.0
        self.jnim_area_hardship = fuel_market.hardship(p["official_price_cfa"] * p["smuggled_price_ratio"],
                                                       p["official_price_cfa"], p["transport_cost_share"])
        self.bamako_met = self.rural_met = 1.0
        self.sold_today = demand
        self.days_dry, self.dry_streak, self.dry_memory = 0, 0, 0.0

    def receive(self, litres: float) -> None:
        """A convoy unloads at the hub."""
        self.fuel_stock_l += litres

    @property
    def activity(self) -> float:
        """Today's sales as a share of demand, capped at 1 (the economy's fuel-driven activity)."""
        return min(1.0, self.sold_today / self.p["national_demand_l_per_day"])

    def trade(self, ledger: Ledger) -> None:
        """Release from the stock, split it between the markets, sell; track dryness and hardship."""
        p = self.p
        national = p["national_demand_l_per_day"]
        # Quotas cut what the hub releases, not what people want: the informal market meets the rest.
        quota = fuel_market.rationed_demand(national, self.days_of_supply, p["rationing"], p["rationing_trigger_days"])
        litres = fuel_market.release(self.fuel_stock_l, quota, p["market_comfort_days"])
        bamako_demand, rural_demand = p["bamako_fuel_share"] * national, (1.0 - p["bamako_fuel_share"]) * national
        to_bamako, to_rural = fuel_market.split_release(litres, bamako_demand, rural_demand, p["rural_fuel_ban"])
        sold_b, self.price, paid_b = fuel_market.market_day(to_bamako, bamako_demand, self.rules)
        sold_r, self.rural_price, paid_r = fuel_market.market_day(to_rural, rural_demand, self.rules)
        sold = min(sold_b + sold_r, self.fuel_stock_l)  # the two markets' shares may round one ulp over
        self.fuel_stock_l -= sold
        self.sold_today = sold
        ledger.add("fuel_consumed_l", sold)
        self.days_of_supply = self.fuel_stock_l / national
        self.bamako_met = to_bamako / (p["bamako_fuel_share"] * national)
        self.rural_met = to_rural / ((1.0 - p["bamako_fuel_share"]) * national)
        self.hardship = fuel_market.hardship(paid_b, p["official_price_cfa"], p["transport_cost_share"])
        self.rural_hardship = fuel_market.hardship(paid_r, p["official_price_cfa"], p["transport_cost_share"])
        dry = self.bamako_met < p["dry_threshold_share"]
        self.days_dry += int(dry)
        self.dry_streak = self.dry_streak + 1 if dry else 0
        self.dry_memory += (float(dry) - self.dry_memory) / p["stress_memory_days"]
        self.peak_price = max(self.peak_price, self.price)
