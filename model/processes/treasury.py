"""The state's finances (process 5): revenue by what the state still holds, spending, arrears."""

from __future__ import annotations

import math

from model.rules import taxation


class Treasury:
    """The junta's cash, its budget per day, and the salary arrears that stress the officer corps.

    Attributes:
        cash: CFA in the treasury.
        arrears: smoothed share of the payroll left unpaid (over ``stress_memory_days``).
        moscow_paid: whether Moscow was paid today (arrears below ``moscow_unpaid_arrears``).
        delivery_memory: smoothed fuel deliveries (fuel-tax revenue follows them).

    """

    def __init__(self, p: dict):
        self.p = p
        self.cash = p["initial_treasury_cfa"]
        self.revenue_per_day = p["state_revenue_cfa_per_year"] / 365.0
        self.spending_per_day = p["state_spending_cfa_per_year"] / 365.0
        self.payroll_per_day = p["payroll_share"] * self.spending_per_day
        # Borrowing stays at the pre-blockade deficit: lenders do not follow a siege (assumption).
        self.borrowing_per_day = self.spending_per_day - self.revenue_per_day
        self.base_import_l_per_day = p["national_demand_l_per_day"] * p["import_to_demand_ratio"]
        self.delivery_memory = self.base_import_l_per_day
        self.arrears = 0.0
        self.moscow_paid = True

    def settle(self, delivered_l: float, held_share: float, fuel_activity: float, gold_share: float,
               payment_to_jnim: float) -> None:
        """Collect revenue, pay what can be paid, and count the salaries left unpaid.

        Args:
            delivered_l: fuel delivered today (fuel taxes follow deliveries).
            held_share: the state's population share relative to day 0.
            fuel_activity: today's fuel sales as a share of demand.
            gold_share: share of industrial gold revenue the state still collects.
            payment_to_jnim: what negotiation pays JNIM today.

        """
        p = self.p
        self.delivery_memory += (delivered_l - self.delivery_memory) / p["delivery_memory_days"]
        # Economic activity responds less than one-for-one to fuel: its square root (assumption).
        activity = math.sqrt(fuel_activity)
        revenue = taxation.state_revenue(self.revenue_per_day, held_share, activity,
                                         self.delivery_memory / self.base_import_l_per_day, gold_share,
                                         p["fuel_revenue_share"], p["gold_revenue_share"])
        spending = self.spending_per_day + payment_to_jnim
        self.cash, unpaid = taxation.pay(self.cash, revenue + self.borrowing_per_day, spending)
        arrears_today = min(1.0, unpaid / self.payroll_per_day)
        self.arrears += (arrears_today - self.arrears) / p["stress_memory_days"]
        self.moscow_paid = arrears_today < p["moscow_unpaid_arrears"]
