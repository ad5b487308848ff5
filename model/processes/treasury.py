"""The state's finances (process 5): revenue by what the state still holds, spending by priority, arrears."""

from __future__ import annotations

from model.processes.fuel import base_imports_l_per_day
from model.rules import taxation


class Treasury:
    """The junta's cash, its budget per day, its debt, and the pay left unpaid.

    A short treasury pays its items in order (``spending_priority``): military pay, Moscow and
    any negotiated payment to JNIM first, then civil pay, then the rest of the budget. Before it
    leaves pay unpaid it borrows, up to ``emergency_borrowing_limit_cfa``, at a cost.

    Attributes:
        cash: CFA in the treasury.
        debt: emergency borrowing outstanding (with unpaid interest).
        arrears: smoothed share of the military payroll left unpaid (the officer corps' stress).
        civil_arrears_today: share of civil pay left unpaid today (Bamako's unrest).
        moscow_paid: whether Moscow was paid in full today.
        paid_to_jnim: what the negotiated payment actually paid JNIM today (JNIM spends it tomorrow).
        delivery_memory: smoothed fuel deliveries (fuel-tax revenue follows them).

    """

    def __init__(self, p: dict):
        self.p = p
        self.cash = p["initial_treasury_cfa"]
        self.debt = 0.0
        self.revenue_per_day = p["state_revenue_cfa_per_year"] / 365.0
        self.spending_per_day = p["state_spending_cfa_per_year"] / 365.0
        payroll = p["payroll_share"] * self.spending_per_day
        self.military_pay_per_day = p["military_payroll_share"] * payroll
        self.civil_pay_per_day = payroll - self.military_pay_per_day
        self.moscow_per_day = p["moscow_payment_cfa_per_month"] * 12 / 365.0
        self.rest_per_day = self.spending_per_day - payroll - self.moscow_per_day
        # The pre-blockade deficit stays financed as before the blockade; more must be borrowed.
        self.borrowing_per_day = self.spending_per_day - self.revenue_per_day
        self.base_import_l_per_day = base_imports_l_per_day(p)
        self.delivery_memory = self.base_import_l_per_day
        self.arrears = 0.0
        self.civil_arrears_today = 0.0
        self.moscow_paid = True
        self.paid_to_jnim = 0.0  # nothing is paid before the first settlement (nor during the spin-up)

    def revenue(self, delivered_l: float, held_share: float, fuel_activity: float, gold_share: float) -> float:
        """Today's revenue: territorial taxes by land held and activity, fuel taxes, gold."""
        p = self.p
        self.delivery_memory += (delivered_l - self.delivery_memory) / p["delivery_memory_days"]
        activity = fuel_activity ** p["revenue_activity_exponent"]
        return taxation.state_revenue(self.revenue_per_day, held_share, activity,
                                      self.delivery_memory / self.base_import_l_per_day, gold_share,
                                      p["fuel_revenue_share"], p["gold_revenue_share"])

    def settle(self, delivered_l: float, held_share: float, fuel_activity: float, gold_share: float,
               payment_to_jnim: float) -> None:
        """Collect revenue, borrow if pay would go unpaid, pay by priority, and count the arrears.

        Args:
            delivered_l: fuel delivered today (fuel taxes follow deliveries).
            held_share: the state's population share relative to day 0.
            fuel_activity: today's fuel sales as a share of demand.
            gold_share: share of industrial gold revenue the state still collects.
            payment_to_jnim: what negotiation pays JNIM today.

        """
        p = self.p
        interest = self.debt * p["borrowing_rate_per_year"] / 365.0
        security = self.military_pay_per_day + self.moscow_per_day + payment_to_jnim
        items = [security, self.civil_pay_per_day, self.rest_per_day + interest]
        revenue = self.revenue(delivered_l, held_share, fuel_activity, gold_share)
        available = self.cash + revenue + self.borrowing_per_day
        short_of_pay = max(0.0, security + self.civil_pay_per_day - available)
        loan = min(short_of_pay, max(0.0, p["emergency_borrowing_limit_cfa"] - self.debt))
        self.debt += loan
        paid = taxation.pay_by_priority(available + loan, items, p["spending_priority"] == "pro_rata")
        self.cash = max(0.0, available + loan - sum(paid))  # what was paid never exceeds what was there
        self.debt += max(0.0, interest - paid[2])  # interest comes first within the rest; unpaid, it compounds
        security_share = paid[0] / security
        self.moscow_paid = security_share >= 1.0
        self.paid_to_jnim = payment_to_jnim * security_share
        self.civil_arrears_today = 1.0 - paid[1] / self.civil_pay_per_day
        # Security is paid pro rata within itself: soldiers go short in the same proportion.
        military_arrears_today = 1.0 - security_share
        self.arrears += (military_arrears_today - self.arrears) / p["stress_memory_days"]
