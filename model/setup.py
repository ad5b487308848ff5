"""Initialisation of MaliModel: the map, the forces at day 0, and control settled before day 0.

Day 0 (3 Sep 2025) starts from a settled state: control and loyalty are iterated to the
fixed point of the initial forces, so that without a blockade nothing drifts by itself.
"""

from __future__ import annotations

import math

import numpy as np

from model.agents import ArmyRole, ArmyUnit, JihadistUnit, Junta, RussianUnit, Village
from model.geography import build_map, corridor_reach_index, mine_output
from model.rules import columns, loyalty
from model.rules.windows import windows
from model.villages import GarrisonArrays, VillageArrays

N_SWEEP_UNITS = 4
SWEEP_BASES = ("Segou", "Sevare", "Kayes", "Sikasso")
RUSSIAN_BASES = ("Sevare", "Timbuktu", "Gao", "Kayes", "Bamako", "Segou", "Kidal", "Mopti")
SETTLING_ITERATIONS = 12


class ModelSetup:
    """Mixin holding MaliModel's initialisation (kept apart from the daily schedule)."""

    def setup(self) -> None:
        """Build everything the first step needs, in dependency order."""
        p = self.p
        self.map = build_map(p["resolution_deg"])
        self.columns: list = []
        self.fuel_convoys: list = []
        self._ambush_day = None
        self.n_cells = self.map.shape[0] * self.map.shape[1]
        self.set_ranges()
        self.set_villages()
        self.set_garrisons()
        self.set_mobile_forces()
        self.set_jnim()
        self.set_economy()
        self.set_events()
        self.set_control_frame()
        self.settle_control()
        self.spin_up()

    def set_ranges(self) -> None:
        """Distances of the rules, in km, as whole cells of this resolution; each cell's row and column."""
        m, p = self.map, self.p
        self.cell_row, self.cell_col = np.divmod(np.arange(self.n_cells), m.shape[1])
        self.control_reach = m.reach_in_cells(p["control_reach_km"])
        self.sweep_range_cells = m.reach_in_cells(p["sweep_range_km"])
        self.sweep_speed_cells = m.reach_in_cells(p["sweep_speed_km_per_day"])
        self.attack_range_cells = m.reach_in_cells(p["jnim_attack_range_km"])
        self.bamako_reach = m.reach_in_cells(p["bamako_reach_km"])
        self.patrol_reach = m.reach_in_cells(p["patrol_reach_km"])
        self.jnim_speed_cells = m.reach_in_cells(p["jnim_speed_km_per_day"])

    def set_control_frame(self) -> None:
        """The cells whose control is tracked (inside Mali), and where villages and mines sit in them.

        The window sums of control and recruitment are painted together on one grid padded by
        the largest reach (:func:`model.rules.windows.paint_layers`); ``frame_cell`` maps a
        grid cell to that padded grid.
        """
        shape, pad = self.map.shape, max(self.control_reach, self.patrol_reach)
        self.control_windows = windows(shape, self.control_reach, pad)
        self.patrol_windows = windows(shape, self.patrol_reach, pad)
        self.frame_cell = self.control_windows.padded_cell
        self.control_cells = np.flatnonzero(self.map.inside.ravel())
        self.control_frame_cells = self.frame_cell[self.control_cells]
        self.village_frame_cells = self.frame_cell[self.villages.cells]
        self.village_control_index = self.control_index(self.villages.cells)
        self.mine_control_index = self.control_index(self.mine_cells)

    def control_index(self, cells: np.ndarray) -> np.ndarray:
        """Position of each of ``cells`` among the control cells (all must lie inside Mali)."""
        index = np.searchsorted(self.control_cells, cells)
        if np.any(index >= len(self.control_cells)) or np.any(self.control_cells[index] != cells):
            raise ValueError("a village or mine lies outside Mali's border on this grid")
        return index

    def set_villages(self) -> None:
        """One Village agent per populated cell, viewing the shared arrays."""
        cells = self.map.village_cells
        self.villages = VillageArrays.empty(cells, self.map.population.ravel()[cells])
        self.armed_support = self.p["armed_support_per_person"] * self.villages.population
        self.selective_killings = self.p["selective_killings_per_person_day"] * self.villages.population
        self.village_presence = np.array(self.map.region_jnim_presence)[self.map.region.ravel()[cells]]
        for k in range(len(cells)):
            Village(self, k)

    def set_garrisons(self) -> None:
        """FAMa garrisons at every town and mine cell; Bamako's is set apart."""
        p, m = self.p, self.map
        weights: dict[int, float] = {}
        for place in m.towns + m.mines:
            w = self.p["mine_garrison_weight"] if place.kind == "mine" else 1.0
            weights[place.cell] = max(weights.get(place.cell, 0.0), w)
        weights.pop(m.capital_cell, None)
        cells = np.array([m.capital_cell, *weights], dtype=np.int64)
        w = np.array(list(weights.values()))
        rest = p["army_strength"] * (1 - p["army_mobile_share"]) - p["bamako_garrison"]
        strength = np.concatenate([[p["bamako_garrison"]], rest * w / w.sum()])
        self.garrisons = GarrisonArrays(cells, strength.astype(float), strength.astype(float))
        self.capital_garrison = 0
        self.garrison_at = {int(c): k for k, c in enumerate(cells)}
        self._garrisons_near: dict[int, list[int]] = {}
        for k, cell in enumerate(cells):
            ArmyUnit(self, ArmyRole.GARRISON, int(cell), float(strength[k]), garrison_index=k)

    def set_mobile_forces(self) -> None:
        """Escorts at the fuel crossings, sweep units in the centre, Russian units."""
        p, m = self.p, self.map
        towns = {t.name: t.cell for t in m.towns}
        self.fuel_corridors = {n: c for n, c in m.corridors.items() if c.kind == "fuel"}
        self.corridor_reach = {n: corridor_reach_index(m, c) for n, c in self.fuel_corridors.items()}
        mobile = p["army_strength"] * p["army_mobile_share"]
        total_share = sum(c.fuel_share for c in self.fuel_corridors.values())
        self.escorts = {}
        for name, corridor in self.fuel_corridors.items():
            strength = mobile * p["escort_share"] * corridor.fuel_share / total_share
            self.escorts[name] = self.mobile_unit(ArmyRole.ESCORT, int(corridor.cells[0]), strength, name)
        sweep = mobile * (1 - p["escort_share"]) / N_SWEEP_UNITS
        self.sweep_units = [self.mobile_unit(ArmyRole.SWEEP, towns[b], sweep) for b in SWEEP_BASES]
        industrial = sorted((place for place in m.mines), key=lambda pl: -self.gold_of(pl.name))
        n = p["russian_units"]
        self.russian_units = []
        for k in range(n):
            guard = m.capital_cell if k % 2 == 0 else industrial[(k // 2) % len(industrial)].cell
            base = towns[RUSSIAN_BASES[k % len(RUSSIAN_BASES)]]
            holds = k % 2 == 0 and k // 2 < p["russian_bamako_guard_units"]
            self.russian_units.append(RussianUnit(self, p["russian_strength"] / n, m.capital_cell if holds else base,
                                                  guard, holds_bamako=holds))
        self.n_stood_down = 0

    def mobile_unit(self, role: ArmyRole, cell: int, strength: float, corridor: str | None = None):
        """A FAMa unit that remembers its full strength (replacements refill it)."""
        unit = ArmyUnit(self, role, cell, strength, corridor=corridor)
        unit.full_strength = strength
        return unit

    def gold_of(self, mine_name: str) -> float:
        """Gold output (t/year) of a mine, 0 if none."""
        return mine_output().get(mine_name, (0.0, True))[0]

    def set_jnim(self) -> None:
        """JNIM columns with heavy-tailed sizes, placed by population and regional presence."""
        p, v = self.p, self.villages
        self.base_weights = columns.base_weights(v.population, self.village_presence)
        n = p["jnim_initial_units"]
        sites = self.rng.choice(len(v.cells), size=n, replace=True, p=self.base_weights / self.base_weights.sum())
        sizes = self.rng.pareto(p["jnim_size_tail"], n) + 1.0
        sizes = np.maximum(p["jnim_fighters"] * sizes / sizes.sum(), 2 * p["jnim_min_column"])
        sizes *= p["jnim_fighters"] / sizes.sum()
        upkeep = p["jnim_upkeep_cfa_per_fighter_day"]
        for site, size in zip(sites, sizes, strict=True):
            cell = int(v.cells[site])
            JihadistUnit(self, cell, float(size), cash=p["jnim_initial_cash_days"] * upkeep * size,
                         fuel=p["jnim_initial_fuel_l_per_fighter"] * size, home_cell=cell,
                         morale=p["jnim_initial_morale"])
        self.orphan_recruits = 0.0

    def set_economy(self) -> None:
        """Fuel hub, market, treasury and the mines' output at day 0."""
        p = self.p
        demand = p["national_demand_l_per_day"]
        self.base_import_l_per_day = demand * p["import_to_demand_ratio"]
        self.base_tankers_per_day = self.base_import_l_per_day / p["tanker_capacity_l"]
        self.stock = p["initial_stock_days"] * demand
        self.fuel_initial_l = self.stock
        self.days_of_supply = p["initial_stock_days"]
        self.price, self.peak_price, self.hardship = p["official_price_cfa"], p["official_price_cfa"], 0.0
        self.sold_today, self.delivery_memory = demand, self.base_import_l_per_day
        self.days_dry, self.dry_streak, self.dry_memory = 0, 0, 0.0
        self.fear = dict.fromkeys(self.fuel_corridors, 0.0)
        self.queue = dict.fromkeys(self.fuel_corridors, 0)
        self.convoy_size_today = math.nan
        self.cum = dict.fromkeys(("tankers_delivered", "tankers_destroyed", "tankers_diverted",
                                  "fuel_delivered_l", "fuel_consumed_l", "fuel_destroyed_l",
                                  "civilian_deaths_state", "civilian_deaths_russian",
                                  "civilian_deaths_jnim"), 0.0)
        self.revenue_per_day = p["state_revenue_cfa_per_year"] / 365.0
        self.spending_per_day = p["state_spending_cfa_per_year"] / 365.0
        self.payroll_per_day = p["payroll_share"] * self.spending_per_day
        self.borrowing_per_day = self.spending_per_day - self.revenue_per_day
        self.arrears, self.defeat_memory = 0.0, 0.0
        self.junta = Junta(self, p["initial_treasury_cfa"], p["initial_cohesion"],
                           p["initial_legitimacy"], p["post_coup_policy"])
        self.goodwill, self.moscow_paid, self.gold_concession_loss = p["initial_goodwill"], True, 0.0
        output = mine_output()
        self.mine_table = [(pl.cell, *output[pl.name]) for pl in self.map.mines]
        self.mine_cells = np.array([cell for cell, _, _ in self.mine_table], dtype=np.int64)
        self.industrial_gold_t = sum(t for _, t, industrial in self.mine_table if industrial)

    def set_events(self) -> None:
        """Nothing has happened yet."""
        self.hazard = 0.0
        self.coup_days: list[int] = []
        self.capital_fell, self.capital_fall_day, self.end_reason = False, None, "horizon"
        self.ambush_burn_shares: list[float] = []
        self.spinning_up = False

    def settle_control(self) -> None:
        """Iterate control and loyalty to their joint fixed point under the day-0 forces.

        Where no force is in reach, any loyalty is a fixed point; the iteration starts from
        loyalty 1 − regional JNIM presence (assumption) so the strongholds start JNIM-leaning.
        """
        v = self.villages
        v.loyalty = 1.0 - self.p["initial_presence_weight"] * self.village_presence
        self.q_control = np.full(len(self.control_cells), 0.5)
        blame = self.p["blame_attribution"]
        for _ in range(SETTLING_ITERATIONS):
            self.update_control(rate=1.0)
            self.villages.loyalty = loyalty.loyalty_target(self.villages.q, 0.0, blame)
        self.initial_state_share = self.shares[0]

    def spin_up(self) -> None:
        """Let columns, sweeps, control and villages reach their pre-blockade rhythm.

        Control settled with every column at home is not the rhythm of a living insurgency
        (columns leave to tax, rest and raid); the spin-up runs those processes only, then
        zeroes every counter so day 0 starts clean.
        """
        self.spinning_up = True
        for day in range(-self.p["spin_up_days"], 0):
            self.day = day
            self.start_day()
            self.insurgency_day()
        self.spinning_up, self.day = False, 0
        for key in self.cum:
            self.cum[key] = 0.0
        self.ambush_burn_shares.clear()
        self.initial_state_share = self.shares[0]
        for unit in self.jnim_units:
            unit.replan_day = 0
