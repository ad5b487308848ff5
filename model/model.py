"""MaliModel: Mali's fuel siege, one day per step, on the rasterised map of Mali.

The model is construction, schedule and observation. Each institution or process owns its
state and its verbs in :mod:`model.processes`; the step calls them in the order of
docs/ODD.md §3 and hands them what they read, so that every lag between processes shows at
the call site (the ``*_at_dawn`` readings of :class:`model.today.Today` are yesterday's).
"""

from __future__ import annotations

import mesa
import numpy as np

from model.geography import build_map
from model.grid import Grid
from model.ledger import Ledger
from model.params import validate
from model.processes.army import build_army
from model.processes.capital import Capital
from model.processes.combat import Combat
from model.processes.control import Control, state_forces
from model.processes.convoys import Logistics, fuel_corridors
from model.processes.fuel import FuelHub
from model.processes.jnim import build_insurgency
from model.processes.jnim_economy import jnim_income, pay_and_recruit, refuel
from model.processes.junta import Junta
from model.processes.mines import Mines
from model.processes.moscow import build_moscow
from model.processes.villages import Villages
from model.rules import fuel_market, negotiation
from model.series import Series
from model.today import Today


class MaliModel(mesa.Model):
    """The whole model. ``params`` are overrides of the parameter table; ``seed`` drives all draws."""

    def __init__(self, params: dict | None = None, seed: int = 0, horizon_days: int = 365):
        super().__init__(rng=seed)
        self.p = validate(params or {})
        self.seed = seed
        self.day = 0
        self.horizon_days = horizon_days
        self.build()
        self.control.settle(self.insurgency.columns, self.state_forces(), self.villages)
        self.spin_up()
        self.series = Series(horizon_days)
        self.record()

    # ----- construction ----------------------------------------------------------------------
    def build(self) -> None:
        """Every process's state at day 0, in dependency order (only the columns draw numbers)."""
        p = self.p
        self.grid = Grid(build_map(p["resolution_deg"]), p)
        self.ledger = Ledger()
        self.villages = Villages(self, p, self.grid)
        self.army = build_army(self, p, self.grid, fuel_corridors(self.grid.map))
        self.moscow = build_moscow(self, p, self.grid.map)
        self.insurgency = build_insurgency(self, p, self.grid, self.villages, self.rng)
        self.hub = FuelHub(p)
        self.logistics = Logistics(p, self.grid.map, self.army.escorts)
        self.junta = Junta(self, p)
        self.mines = Mines(self.grid, p["mine_hold_threshold"])
        self.control = Control(p, self.grid, self.villages)
        self.engagements = Combat(p, self.ledger)
        self.capital = Capital(p, self.grid, self.villages)
        self.spinning_up = False

    def spin_up(self) -> None:
        """Let columns, sweeps, control and villages reach their pre-blockade rhythm.

        Control settled with every column at home is not the rhythm of a living insurgency
        (columns leave to tax, rest and raid); the spin-up runs those processes only, then
        zeroes every count so day 0 starts clean.
        """
        self.spinning_up = True
        for day in range(-self.p["spin_up_days"], 0):
            self.day = day
            self.insurgency_day(self.start_day())
        self.spinning_up, self.day = False, 0
        self.ledger.clear()
        self.control.initial_state_share = self.control.shares[0]
        for unit in self.insurgency.columns:
            unit.replan_day = 0

    # ----- schedule --------------------------------------------------------------------------
    def step(self) -> None:
        """One day: Moscow, convoys, the insurgency, the market, the treasury, the junta, Bamako."""
        if self.capital.fell or self.day >= self.horizon_days:
            self.running = False
            return
        self.day += 1
        today = self.today = self.start_day()
        self.army.command.effectiveness = self.junta.army_effectiveness(today.day)
        self.moscow.bargain(today.day, self.junta.concession_refusal, today.moscow_paid_at_dawn, self.rng)
        self.moscow.answer_siege(today.day, today.besieged_at_dawn)
        self.logistics.dispatch(self, today, self.moscow.fighting)
        self.logistics.move(today, self.insurgency.columns, self.hub, self.ledger, self.engagements, self.rng)
        self.insurgency_day(today)
        self.hub.trade(self.ledger)
        self.settle_accounts(today)
        self.junta_deliberates(today)
        self.capital.check(today, self.insurgency.columns, self.army, self.moscow, self.junta, self.hub,
                           self.villages, self.engagements, self.rng)
        if self.capital.fell:
            self.running = False
        self.record()
        if self.day >= self.horizon_days:
            self.running = False

    def start_day(self) -> Today:
        """The day's signals: the blockade on each corridor, yesterday's readings, empty tallies."""
        blockade = {name: self.logistics.blockade_on(name, self.day, self.spinning_up, self.junta.negotiation)
                    for name in self.logistics.corridors}
        finances = self.junta.finances
        return Today(day=self.day, blockade=blockade, supply_days_at_dawn=self.hub.days_of_supply,
                     hardship_at_dawn=self.hub.hardship, rural_hardship_at_dawn=self.hub.rural_hardship,
                     jnim_area_hardship=self.hub.jnim_area_hardship, bamako_met_at_dawn=self.hub.bamako_met,
                     rural_met_at_dawn=self.hub.rural_met, arrears_at_dawn=finances.arrears,
                     moscow_paid_at_dawn=finances.moscow_paid, besieged_at_dawn=self.capital.besieged,
                     deaths=np.zeros((2, self.grid.n_cells)))

    def insurgency_day(self, today: Today) -> None:
        """Columns act, sweeps hunt, garrisons are attacked; then control, villages and recruits.

        This is also the whole of a spin-up day (see :meth:`spin_up`).
        """
        p, columns = self.p, self.insurgency.columns
        self.insurgency.plan(today, self.junta.cohesion, lambda: self.capital.defence(self.army, self.moscow),
                             self.army, self.logistics, self.control.state_field, self.rng, self.random)
        self.insurgency.move()
        sweepers = self.army.sweeps + self.moscow.fighting
        self.army.move_sweeps(columns, sweepers)
        self.army.fight_sweeps(today, columns, sweepers, self.engagements, self.rng)
        self.army.defend_garrisons(today, columns, self.engagements, self.rng)
        self.control.update(columns, self.state_forces(), self.villages)
        self.villages.day(today, self.control.state_field, self.ledger)
        # JNIM spends what the treasury actually paid it at yesterday's settlement: nothing in the
        # spin-up (no treasury runs), and only the paid share when the treasury falls short.
        payment = self.junta.finances.paid_to_jnim
        income = jnim_income(p, self.villages, self.mines, self.control.q_control, payment, self.rng, self.ledger)
        pay_and_recruit(p, self.insurgency, self.villages, self.control, income)
        refuel(p, self.insurgency, today.rural_met_at_dawn, self.hub.rural_price)
        self.insurgency.coalesce_and_fragment(self.rng)
        self.army.replace_losses(self.villages.arrays, today.arrears_at_dawn)

    def state_forces(self):
        """The state's units as control paints them: held, swept, patrolled."""
        return state_forces(self.p, self.army, self.moscow.units)

    def settle_accounts(self, today: Today) -> None:
        """The treasury collects by what the state still holds and sells, and pays what it can."""
        gold = (self.mines.industrial_share_held_by_state(self.control.q_control)
                * (1.0 - self.moscow.gold_concession_loss))
        payment = negotiation.payment(self.junta.negotiation, self.p["negotiation_payment_cfa_per_day"])
        self.junta.finances.settle(today.delivered_l, self.control.held_share, self.hub.activity, gold, payment)

    def junta_deliberates(self, today: Today) -> None:
        """The junta's cohesion and legitimacy follow today's stress; a coup may happen."""
        finances = self.junta.finances
        stress = {"arrears": finances.arrears, "civil_arrears": finances.civil_arrears_today,
                  "dry_memory": self.hub.dry_memory,
                  "hardship": self.hub.hardship, "territory_lost": self.control.territory_lost,
                  "protection_lost": self.moscow.protection_lost}
        self.junta.deliberate(today.day, today.defeats, stress, self.moscow.share_in(self.grid.capital_cell),
                              self.rng)

    # ----- observation ---------------------------------------------------------------------------------
    @property
    def jnim_total(self) -> float:
        """JNIM fighters in all columns."""
        return self.insurgency.fighters

    def mines_held_by_jnim(self) -> list[bool]:
        """For each mine of ``mines.table``, whether JNIM holds its cell."""
        return self.mines.held_by_jnim(self.control.q_control)

    def agents_of(self, kind: type) -> list:
        """A snapshot list of the living agents of one class (empty if none)."""
        by_type = self.agents_by_type
        return list(by_type[kind]) if kind in by_type else []

    def record(self) -> None:
        """Append today's row to the daily series."""
        p, junta, hub, ledger = self.p, self.junta, self.hub, self.ledger
        shares = self.control.shares
        self.series.record({
            "fuel_stock_l": hub.fuel_stock_l, "fuel_days_of_supply": hub.days_of_supply,
            "fuel_price_cfa": hub.price, "fuel_price_rural_cfa": hub.rural_price,
            "litres_per_min_wage": fuel_market.litres_per_wage(hub.price, p["smig_cfa_per_month"]),
            "junta_cohesion": junta.cohesion, "junta_legitimacy": junta.legitimacy,
            "coup_hazard": junta.hazard, "treasury_cfa": junta.finances.cash,
            "russian_posture": self.moscow.active_share,
            "russian_goodwill": self.moscow.goodwill, "jnim_fighters": self.jnim_total,
            "jnim_units": len(self.insurgency.columns), "control_state": shares[0],
            "control_contested": shares[1], "control_jnim": shares[2],
            **{k: ledger[k] for k in ("tankers_delivered", "tankers_destroyed", "tankers_diverted",
                                      "civilian_deaths_state", "civilian_deaths_russian",
                                      "civilian_deaths_jnim", "fuel_delivered_l", "fuel_consumed_l")},
            "coups": len(junta.coup_days), "convoy_size": self.logistics.convoy_size_today,
            "army_strength": self.army.total(), "russian_strength": self.moscow.strength,
            "capital_fell": float(self.capital.fell), "arrears_share": junta.finances.arrears,
            "coup_attempts": len(junta.attempt_days), "urban_unrest": junta.unrest,
            "emergency_debt_cfa": junta.finances.debt, "army_effectiveness": self.army.command.effectiveness,
        })


__all__ = ["MaliModel"]
