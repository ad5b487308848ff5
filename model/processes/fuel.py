"""Bamako's fuel hub and market (process 8): the stock, the price, dry days and hardship."""

from __future__ import annotations

from model.ledger import Ledger
from model.rules import fuel_market


class FuelHub:
    """The fuel stock in and around Bamako, and the market that sells it.

    Attributes:
        fuel_stock_l: litres in the hub.
        days_of_supply: the stock in days of national demand, after today's sales.
        price: today's clearing price (CFA/L).
        hardship: today's hardship from the scarcity price of what was sold.
        dry_streak: consecutive days sold below the dry threshold.
        dry_memory: exponentially smoothed share of dry days (the junta's stress).

    """

    def __init__(self, p: dict):
        self.p = p
        demand = p["national_demand_l_per_day"]
        self.base_import_l_per_day = demand * p["import_to_demand_ratio"]
        self.fuel_stock_l = p["initial_stock_days"] * demand
        self.fuel_initial_l = self.fuel_stock_l
        self.days_of_supply = p["initial_stock_days"]
        self.price, self.peak_price, self.hardship = p["official_price_cfa"], p["official_price_cfa"], 0.0
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
        """Sell from the stock at the clearing price; track dryness and hardship."""
        p = self.p
        national = p["national_demand_l_per_day"]
        demand = fuel_market.rationed_demand(national, self.days_of_supply, p["rationing"], p["rationing_trigger_days"])
        sold, self.price = fuel_market.market_day(self.fuel_stock_l, demand, p["market_comfort_days"],
                                                  p["official_price_cfa"], p["price_elasticity"], p["price_cap_cfa"])
        self.fuel_stock_l -= sold
        self.sold_today = sold
        ledger.add("fuel_consumed_l", sold)
        self.days_of_supply = self.fuel_stock_l / national
        dry = sold < p["dry_threshold_share"] * national
        self.days_dry += int(dry)
        self.dry_streak = self.dry_streak + 1 if dry else 0
        self.dry_memory += (float(dry) - self.dry_memory) / p["stress_memory_days"]
        # Hardship follows the price at which what was sold would clear, not the posted price.
        scarcity = fuel_market.clearing_price(sold, national, p["official_price_cfa"], p["price_elasticity"],
                                              p["price_cap_cfa"])
        self.hardship = fuel_market.hardship(scarcity, p["official_price_cfa"], p["transport_cost_share"])
        self.peak_price = max(self.peak_price, self.price)
