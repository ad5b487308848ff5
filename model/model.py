"""MaliModel: Mali's fuel siege, one day per step, on the rasterised map of Mali.

The step is a short schedule of the design's processes (MODEL_SPEC §3); each process method
gathers arrays, calls the pure rules in :mod:`model.rules` and writes the results back.
Set-up (map, forces, settling control before day 0) lives in :mod:`model.setup`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import mesa
import numpy as np

from model import compiled
from model.agents import FuelConvoy, JihadistUnit, Posture, RussianUnit
from model.params import validate
from model.rules import (
    capital,
    columns,
    combat,
    control,
    convoys,
    coup,
    fuel_market,
    moscow,
    negotiation,
    recruitment,
    taxation,
)
from model.rules.windows import paint_layers
from model.series import Series
from model.setup import ModelSetup

SENEGAL_CORRIDORS = ("senegal_south", "senegal_north")
"""The blockade was declared for the Kayes and Nioro regions first [R]."""


class MaliModel(ModelSetup, mesa.Model):
    """The whole model. ``params`` are overrides of the parameter table; ``seed`` drives all draws."""

    def __init__(self, params: dict | None = None, seed: int = 0, horizon_days: int = 365):
        super().__init__(rng=seed)
        self.p = validate(params or {})
        self.seed = seed
        self.day = 0
        self.horizon_days = horizon_days
        self.setup()
        self.series = Series(horizon_days)
        self.record()

    # ----- schedule --------------------------------------------------------------------------
    def step(self) -> None:
        """One day: Moscow, convoys, movement, combat, control, villages, money, fuel, junta."""
        if self.capital_fell or self.day >= self.horizon_days:
            self.running = False
            return
        self.day += 1
        self.start_day()
        self.moscow_bargaining()
        self.spawn_convoys()
        self.move_convoys()
        self.insurgency_day()
        self.fuel_market()
        self.junta_finances()
        self.junta_politics()
        self.capital_check()
        self.record()
        if self.day >= self.horizon_days:
            self.running = False

    def start_day(self) -> None:
        """Clear the day's tallies of defeats, deliveries and civilian deaths by place; set the blockade."""
        self.today = dict.fromkeys(("defeats", "delivered_l"), 0.0)
        self.deaths_today = np.zeros((2, self.n_cells))
        self.blockade_today = {name: self.corridor_blockade(name) for name in self.fuel_corridors}

    def insurgency_day(self) -> None:
        """Columns act, sweeps hunt, garrisons are attacked; then control, villages and recruits.

        This is also the whole of a spin-up day (see :meth:`ModelSetup.spin_up`).
        """
        self.plan_columns()
        self.move_columns()
        self.move_sweeps()
        self.fight_sweeps()
        self.attack_garrisons()
        self.update_control()
        self.update_villages()
        self.jnim_income_and_recruitment()
        self.army_replacement()

    # ----- process 9: Moscow ---------------------------------------------------------------
    def moscow_bargaining(self) -> None:
        """Demands, answers, refinery deal, drift, and standing units down or up."""
        p = self.p
        if self.day % p["demand_interval_days"] == 0:
            refused = self.rng.random() < p["concession_refusal"]
            self.goodwill = moscow.answer_demand(self.goodwill, refused, p["refusal_goodwill_loss"],
                                                 p["grant_goodwill_gain"])
            if not refused:
                self.gold_concession_loss = min(self.p["concession_gold_loss_cap"],
                                                self.gold_concession_loss + self.p["concession_gold_loss"])
        if self.day == p["refinery_deal_day"]:
            self.goodwill = min(1.0, self.goodwill + p["refinery_goodwill_gain"])
        self.goodwill = moscow.drift_goodwill(self.goodwill, p["goodwill_recovery_per_day"],
                                              self.moscow_paid)
        russians = self.russian_units
        n_down = moscow.units_to_stand_down(len(russians), p["mercenary_stand_down"], self.goodwill,
                                            p["stand_down_threshold"], self.n_stood_down)
        for k, unit in enumerate(russians):
            unit.posture = Posture.STOOD_DOWN if k < n_down else Posture.ACTIVE
        self.n_stood_down = n_down
        self.agents_by_type[RussianUnit].do("step")

    # ----- process 7: convoys and the blockade ------------------------------------------------
    def corridor_blockade(self, name: str) -> float:
        """Blockade intensity on a corridor today, after spread and negotiated relief.

        Read it from ``blockade_today``, which :meth:`start_day` fills once a day.
        """
        p = self.p
        if self.spinning_up:
            return 0.0
        if name not in SENEGAL_CORRIDORS and self.day < p["blockade_spread_days"]:
            return 0.0
        return negotiation.effective_blockade(p["blockade_intensity"], p["negotiation"],
                                              p["negotiation_relief"])

    def escort_strength(self, name: str) -> float:
        """Effective escort a convoy on this corridor gets: its FAMa escort plus active Russians."""
        army = self.escorts[name].strength * self.p["army_combat_weight"]
        active = sum(u.strength for u in self.russian_units if u.fighting)
        russian = (self.p["russian_escort_share"] * active * self.fuel_corridors[name].fuel_share
                   * self.p["russian_combat_weight"])
        return (army + russian) / self.p["escort_rotations"]

    def spawn_convoys(self) -> None:
        """Tankers reach the crossings; convoys set out daily, or every few days under escort."""
        p = self.p
        sizes = []
        for name, corridor in self.fuel_corridors.items():
            base = self.base_tankers_per_day * corridor.fuel_share
            if name == "guinea" and self.day >= p["russian_fuel_start_day"]:
                base += p["russian_fuel_l_per_day"] / p["tanker_capacity_l"]
            rate = convoys.tankers_setting_out(base, self.fear[name], p["trucker_fear"],
                                               self.days_of_supply, p["initial_stock_days"])
            self.queue[name] += self.rng.poisson(rate)
            blockaded = self.blockade_today[name] > 0
            if convoys.convoy_departs(self.day, blockaded, p["escorted_convoy_interval_days"],
                                      self.queue[name]):
                escort = self.escort_strength(name) if blockaded else 0.0
                size = self.queue[name]
                if blockaded:
                    size = min(size, p["escorted_convoy_max_tankers"])
                FuelConvoy(self, name, int(size), escort, self.day)
                sizes.append(size)
                self.queue[name] -= size
        self.convoy_size_today = float(sum(sizes) / len(sizes)) if sizes else math.nan

    def move_convoys(self) -> None:
        """Advance convoys, resolve ambushes on the stretch covered, deliver arrivals."""
        ambushers = [u for u in self.jnim_units if u.task == "ambush"]
        lost = dict.fromkeys(self.fuel_corridors, 0.0)
        for convoy in list(self.fuel_convoys):
            start = convoy.path_index
            convoy.step()
            lost[convoy.corridor] += self.ambush(convoy, start, ambushers)
            if convoy.tankers <= 0:
                convoy.remove()
            elif convoy.arrived:
                self.deliver(convoy)
        for name, corridor in self.fuel_corridors.items():
            base = max(1.0, self.base_tankers_per_day * corridor.fuel_share)
            self.fear[name] = convoys.update_fear(self.fear[name], min(1.0, lost[name] / base))

    def ambush(self, convoy: FuelConvoy, start: int, ambushers: list[JihadistUnit]) -> float:
        """Let the first column in reach of today's stretch attack; return tankers lost."""
        intensity = self.blockade_today[convoy.corridor]
        if intensity <= 0 or not ambushers:
            return 0.0
        reach = self.corridor_reach[convoy.corridor]
        for unit in ambushers:
            k = reach[unit.cell]
            if k < start or k > convoy.path_index or unit.fighters <= 0:
                continue
            p_attack = convoys.ambush_attack_probability(intensity, unit.combat_strength, convoy.escort)
            if self.rng.random() >= p_attack:
                continue
            return self.resolve_ambush(convoy, unit)
        return 0.0

    def resolve_ambush(self, convoy: FuelConvoy, unit: JihadistUnit) -> float:
        """Contest between column and escort; burn, divert and turn back tankers if it wins."""
        p = self.p
        defence = convoy.escort * p["escort_defence_weight"]
        won = self.rng.random() < combat.contest_win_probability(unit.combat_strength, defence)
        self.casualties(unit, defence, won, convoy.cell, escort_corridor=convoy.corridor)
        if not won:
            return 0.0
        concentration = p["ambush_burn_concentration"]
        burn_share = self.rng.beta(concentration,
                                   concentration * (1 - p["ambush_burn_fraction"]) / p["ambush_burn_fraction"])
        divert_share = p["ambush_divert_fraction"] * self.rng.random() * 2.0
        burned, diverted = convoys.ambush_losses(convoy.tankers, burn_share, min(1.0, divert_share))
        convoy.tankers -= burned + diverted
        self.cum["tankers_destroyed"] += burned
        self.cum["tankers_diverted"] += diverted
        self.cum["fuel_destroyed_l"] += burned * p["tanker_capacity_l"]
        unit.fuel += diverted * p["tanker_capacity_l"]
        unit.cash += diverted * p["tanker_capacity_l"] * self.p["diverted_fuel_value_cfa_per_l"]
        self.ambush_burn_shares.append(burned / max(1, burned + diverted + convoy.tankers))
        if burned:
            self.today["defeats"] += 1.0
        if convoy.escort > 0 and self.rng.random() < p["escorted_turn_back_prob"]:
            self.queue[convoy.corridor] += convoy.tankers
            convoy.tankers = 0
        return float(burned + diverted)

    def deliver(self, convoy: FuelConvoy) -> None:
        """A convoy reaching Bamako adds its fuel to the hub's stock."""
        litres = convoy.tankers * self.p["tanker_capacity_l"]
        self.stock += litres
        self.cum["fuel_delivered_l"] += litres
        self.cum["tankers_delivered"] += convoy.tankers
        self.today["delivered_l"] += litres
        convoy.remove()

    # ----- process 6: combat ------------------------------------------------------------------
    def casualties(self, unit: JihadistUnit, defence: float, won: bool, cell: int,
                   escort_corridor: str | None = None, garrison: int | None = None,
                   sweeper=None) -> None:
        """Apply Lanchester losses of one engagement to both sides and count civilian harm."""
        p = self.p
        loss_j, loss_s = combat.lanchester_losses(unit.combat_strength, defence, won,
                                                  self.p["engagement_intensity"])
        killed_j = loss_j / (0.5 + unit.morale)
        unit.fighters = max(0.0, unit.fighters - killed_j)
        change = p["morale_gain_per_win"] if won else -p["morale_loss_per_defeat"]
        unit.morale = min(1.0, max(0.0, unit.morale + change))
        if sweeper is not None and isinstance(sweeper, RussianUnit):
            perpetrator, weight = "russian", p["russian_combat_weight"]
        else:
            perpetrator, weight = "state", p["army_combat_weight"]
        soldiers = loss_s / weight
        if escort_corridor is not None:
            escort = self.escorts[escort_corridor]
            escort.strength = max(0.0, escort.strength - soldiers)
        elif garrison is not None:
            self.garrisons.strength[garrison] = max(0.0, self.garrisons.strength[garrison] - soldiers)
        elif sweeper is not None:
            sweeper.strength = max(0.0, sweeper.strength - soldiers)
        self.add_civilian_deaths("jnim", combat.civilian_deaths(soldiers, p["civilian_harm_jnim"]), cell)
        harm = p[f"civilian_harm_{perpetrator}"]
        self.add_civilian_deaths(perpetrator, combat.civilian_deaths(killed_j, harm), cell)

    def add_civilian_deaths(self, perpetrator: str, deaths: float, cell: int) -> None:
        """Count civilian deaths and remember where they fell (for the backlash on loyalty)."""
        self.cum[f"civilian_deaths_{perpetrator}"] += deaths
        self.deaths_today[0 if perpetrator == "jnim" else 1, cell] += deaths

    def combat_weight(self, unit) -> float:
        """Combat weight per soldier of a state unit (Russian or FAMa)."""
        key = "russian_combat_weight" if isinstance(unit, RussianUnit) else "army_combat_weight"
        return self.p[key]

    def sweepers(self) -> list:
        """Mobile state forces that hunt columns: FAMa sweeps and fighting Russian units."""
        active = [u for u in self.russian_units if u.fighting]
        return self.sweep_units + active

    def move_sweeps(self) -> None:
        """Each sweep heads for the biggest column within its range, or the nearest one."""
        units = self.jnim_units
        if not units:
            return
        cells = np.array([u.cell for u in units])
        sizes = np.array([u.fighters for u in units])
        sweepers = self.sweepers()
        sweeper_cells = np.array([s.cell for s in sweepers])
        dist = self.grid_distances(sweeper_cells, cells)
        in_range = dist <= self.sweep_range_cells
        biggest = np.argmax(np.where(in_range, sizes, -1.0), axis=1)
        pick = np.where(in_range.any(axis=1), biggest, np.argmin(dist, axis=1))
        moved = columns.advance(sweeper_cells, cells[pick], self.sweep_speed_cells, self.map.shape[1])
        for sweeper, cell in zip(sweepers, moved.tolist(), strict=True):
            sweeper.cell = cell

    def grid_distances(self, from_cells: np.ndarray, to_cells: np.ndarray) -> np.ndarray:
        """Chebyshev distance in cells from each of ``from_cells`` (rows) to each of ``to_cells``."""
        from_cells, to_cells = np.asarray(from_cells, dtype=np.int64), np.asarray(to_cells, dtype=np.int64)
        rows_a, cols_a = self.cell_row[from_cells], self.cell_col[from_cells]
        rows_b, cols_b = self.cell_row[to_cells], self.cell_col[to_cells]
        return np.maximum(np.abs(rows_a[:, None] - rows_b[None, :]), np.abs(cols_a[:, None] - cols_b[None, :]))

    def fight_sweeps(self) -> None:
        """A sweep next to a column engages the largest one in reach."""
        units = [u for u in self.jnim_units if u.fighters > 0]
        if not units:
            return
        sweepers = self.sweepers()
        adjacent = self.grid_distances(np.array([s.cell for s in sweepers], dtype=np.int64),
                                       np.array([u.cell for u in units], dtype=np.int64)) <= 1
        for sweeper, near in zip(sweepers, adjacent.tolist(), strict=True):
            if not any(near):
                continue
            if sweeper.strength <= 0 or self.rng.random() >= self.p["sweep_contact_prob"]:
                continue
            unit = max((u for u, is_near in zip(units, near, strict=True) if is_near), key=lambda u: u.fighters)
            if unit.fighters <= 0:
                continue
            attack = sweeper.strength * self.combat_weight(sweeper)
            state_won = self.rng.random() < combat.contest_win_probability(attack, unit.combat_strength)
            self.casualties(unit, attack, not state_won, unit.cell, sweeper=sweeper)
            if state_won:
                unit.replan_day = self.day + 1
                unit.target_cell = unit.home_cell

    def attack_garrisons(self) -> None:
        """Columns that reached the garrison they chose attack it; an overrun is a defeat."""
        p = self.p
        for unit in self.jnim_units:
            if unit.task != "attack" or unit.cell != unit.target_cell or unit.fighters <= 0:
                continue
            k = self.garrison_at.get(unit.cell)
            if k is None:
                continue
            defence = self.garrisons.strength[k] * p["army_combat_weight"] * p["garrison_fortification"]
            won = self.rng.random() < combat.contest_win_probability(unit.combat_strength, defence)
            self.casualties(unit, defence, won, unit.cell, garrison=k)
            if won and self.garrisons.strength[k] < p["garrison_defeat_share"] * self.garrisons.full_strength[k]:
                self.today["defeats"] += 1.0
            unit.task, unit.replan_day = "rest", self.day + p["jnim_rest_days_after_attack"]
            unit.target_cell = unit.home_cell

    # ----- JNIM columns' choices ------------------------------------------------------------------
    def plan_columns(self) -> None:
        """Columns due to re-plan choose a task, in random order (as Mesa's ``shuffle_do``).

        Nothing a choice depends on changes while the columns plan (they move afterwards), so
        the blockade, the odds against Bamako and the garrisons' strengths are read once.
        """
        order = list(self.jnim_units)
        self.random.shuffle(order)
        due = [unit for unit in order if self.day >= unit.replan_day]
        if not due:
            return
        blockade = max(self.blockade_today.values())
        odds_on_bamako = self.jnim_total / max(1.0, self.bamako_defence())
        garrison_strength = (self.garrisons.strength * self.p["army_combat_weight"]).tolist()
        for unit in due:
            unit.task, unit.target_cell = self.plan_column(unit, blockade, odds_on_bamako, garrison_strength)
            unit.replan_day = self.day + self.p["jnim_replan_days"]

    def move_columns(self) -> None:
        """Every column not yet at its target moves toward it, at half speed when out of fuel."""
        moving = [u for u in self.jnim_units if u.cell != u.target_cell]
        if not moving:
            return
        fuel = np.array([u.fuel for u in moving])
        speed = np.where(fuel > 0, self.jnim_speed_cells, max(1, self.jnim_speed_cells // 2))
        cells = columns.advance(np.array([u.cell for u in moving]), np.array([u.target_cell for u in moving]),
                                speed, self.map.shape[1])
        fuel = np.maximum(0.0, fuel - self.p["jnim_fuel_l_per_fighter_move"] * np.array([u.fighters for u in moving]))
        for unit, cell, unit_fuel in zip(moving, cells.tolist(), fuel.tolist(), strict=True):
            unit.cell, unit.fuel = cell, unit_fuel

    def plan_column(self, unit: JihadistUnit, blockade: float, odds_on_bamako: float,
                    garrison_strength: list[float]) -> tuple[str, int]:
        """Pick a task and its target cell for one column."""
        k_weak, odds = self.weakest_garrison_near(unit, garrison_strength)
        weights = columns.task_weights(blockade, unit.morale, odds, self.junta.cohesion, odds_on_bamako)
        task = columns.TASKS[columns.choose(weights, self.rng.random())]
        if task == "ambush":
            cells, attraction = self.ambush_sites()
            return task, int(cells[columns.choose(attraction, self.rng.random())])
        if task == "attack":
            return task, int(self.garrisons.cells[k_weak])
        if task == "siege":
            return task, int(self.map.capital_cell)
        return task, unit.home_cell

    def ambush_sites(self) -> tuple[np.ndarray, np.ndarray]:
        """Cells of the blockaded corridors and their attraction (weakly held stretches), today."""
        if self._ambush_day != self.day:
            names = tuple(n for n, intensity in self.blockade_today.items() if intensity > 0)
            cells = np.concatenate([self.fuel_corridors[n].cells[1:-2] for n in names])
            held = self.state_field[self.frame_cell[cells]]
            self._ambush_sites = cells, np.exp(-held / (held.mean() + 1.0))
            self._ambush_day = self.day
        return self._ambush_sites

    def weakest_garrison_near(self, unit: JihadistUnit, garrison_strength: list[float]) -> tuple[int, float]:
        """Index of the garrison within range with the best odds, and those odds."""
        near = self.garrisons_near(unit.cell)
        if not near:
            return self.capital_garrison, 0.0
        k = min(near, key=garrison_strength.__getitem__)
        return k, unit.combat_strength / max(1.0, garrison_strength[k])

    def garrisons_near(self, cell: int) -> list[int]:
        """Garrisons other than Bamako's within a column's attack range of a cell (cached per cell)."""
        near = self._garrisons_near.get(cell)
        if near is None:
            within = self.grid_distances(np.array([cell]), self.garrisons.cells)[0] <= self.attack_range_cells
            within[self.capital_garrison] = False
            near = self._garrisons_near[cell] = np.flatnonzero(within).tolist()
        return near

    # ----- process 1: control -------------------------------------------------------------------
    def state_forces(self) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
        """Cells and combat strengths of the state's holding units, then of its patrolling ones.

        Active Russian units patrol: their presence reaches `patrol_reach_km`, farther than a
        garrison's or a sweep's (MODEL_SPEC §2: ACTIVE means offensives, patrols, escorts).
        """
        p = self.p
        russian_weight, army_weight = p["russian_combat_weight"], p["army_combat_weight"]
        patrols = [u for u in self.russian_units if u.fighting]
        holding = [u for u in self.russian_units if not u.fighting]
        cells = np.concatenate([self.garrisons.cells, [u.cell for u in self.sweep_units],
                                [u.cell for u in holding]]).astype(np.int64)
        strength = np.concatenate([self.garrisons.strength * army_weight,
                                   [u.strength * army_weight for u in self.sweep_units],
                                   [u.strength * russian_weight for u in holding]])
        return ((cells, strength), (np.array([u.cell for u in patrols], dtype=np.int64),
                                    np.array([u.strength * russian_weight for u in patrols])))

    def update_control(self, rate: float | None = None) -> None:
        """Strength within reach plus armed local support decides each cell's JNIM share.

        Leaves two fields flat on the padded frame (index them with ``frame_cell[cells]``):
        ``state_field``, the state's strength in reach, which patrols, ambushes and arrests
        read; and ``columns_reaching``, the number of columns in reach, which recruitment uses
        later the same day with the columns' cells painted here, ``column_cells`` (columns do not
        move in between).
        """
        rate = self.p["control_inertia_per_day"] if rate is None else rate
        units = self.jnim_units
        self.column_cells = jcells = np.array([u.cell for u in units], dtype=np.int64)
        jstrength = np.array([u.combat_strength for u in units])
        holding, patrolling = self.state_forces()
        reach = self.control_reach
        state, patrols, jnim, self.columns_reaching = paint_layers(self.map.shape, [
            (reach, holding[0], [holding[1]]), (self.patrol_reach, patrolling[0], [patrolling[1]]),
            (reach, jcells, [jstrength, np.ones(len(jcells))])])
        self.state_field = state + patrols
        v, k = self.villages, self.village_control_index
        self.q_control, v.q, v.zone = compiled.control_day(
            self.q_control, self.state_field[self.control_frame_cells], jnim[self.control_frame_cells], k,
            v.loyalty, v.risen, self.armed_support, rate, self.p["control_decisiveness"])
        self.shares = control.control_shares(v.zone, v.population)

    @property
    def q_grid(self) -> np.ndarray:
        """JNIM share of control on the whole grid (0.5 outside Mali, where nobody holds ground)."""
        grid = np.full(self.n_cells, 0.5)
        grid[self.control_cells] = self.q_control
        return grid.reshape(self.map.shape)

    # ----- processes 2-3: villages --------------------------------------------------------------
    def update_villages(self) -> None:
        """Loyalty, grievance, fear, food stock and uprisings, all villages at once."""
        p, v = self.p, self.villages
        v.fuel_access, v.stock, v.loyalty, v.grievance, v.fear, v.risen = compiled.village_day(
            v.q, v.zone, v.population, v.stock, v.loyalty, v.grievance, v.fear, v.cells, self.deaths_today,
            self.village_frame_cells, self.state_field, min(1.0, self.days_of_supply / p["market_comfort_days"]),
            self.hardship, p["village_stock_rate_per_day"], p["blame_attribution"], p["loyalty_drift_per_day"],
            p["indiscriminate_backlash"], p["grievance_decay_per_day"], p["fear_rate_per_day"],
            p["uprising_threshold"], p["jnim_call_to_rise"])
        self.selective_violence()

    def selective_violence(self) -> None:
        """Kalyvas: selective killings peak where control is dominant but incomplete (zones 2, 4).

        Fear, which they spread in those zones, is part of the village day (``compiled.village_day``).
        """
        v = self.villages
        self.cum["civilian_deaths_state"] += float((self.selective_killings * (v.zone == 2)).sum())
        self.cum["civilian_deaths_jnim"] += float((self.selective_killings * (v.zone == 4)).sum())

    # ----- processes 4-5, 12: JNIM money and recruits ----------------------------------------------
    def jnim_income_and_recruitment(self) -> None:
        """Zakat, gold, other income and negotiated payments pay upkeep and buy recruits."""
        p, v = self.p, self.villages
        units = self.jnim_units
        income = (taxation.zakat(v.population, v.zone, p["zakat_rate"], p["harvest_cfa_per_person_day"])
                  + self.artisanal_gold_levy() + p["jnim_other_income_cfa_per_day"]
                  + negotiation.payment(p["negotiation"], p["negotiation_payment_cfa_per_day"]))
        ceiling = recruitment.jnim_ceiling(v.population, self.village_presence, v.grievance,
                                           p["jnim_mobilisable_share"], p["jnim_ceiling_grievance_gain"])
        pool = recruitment.jnim_recruits(v.population, v.loyalty, v.grievance, v.q, v.risen,
                                         p["jnim_recruit_rate"], self.jnim_total + self.orphan_recruits, ceiling)
        recruits, orphans = recruitment.recruits_by_reach(v.cells, pool, self.column_cells, self.control_windows,
                                                          self.columns_reaching)
        fighters = np.array([u.fighters for u in units])
        cash = np.array([u.cash for u in units])
        cash, fighters = recruitment.pay_and_recruit(
            cash, fighters, recruits, income, p["jnim_upkeep_cfa_per_fighter_day"],
            p["jnim_desertion_per_day"], p["jnim_recruit_cost_cfa"])
        for unit, unit_cash, unit_fighters in zip(units, cash.tolist(), fighters.tolist(), strict=True):
            unit.cash, unit.fighters = unit_cash, unit_fighters
        self.orphan_recruits += orphans
        self.spawn_orphan_column(pool)
        self.coalesce_and_fragment()

    def mines_held_by_jnim(self) -> list[bool]:
        """For each mine of ``mine_table``, whether JNIM holds its cell (zones 4-5: q ≥ 0.6)."""
        return (self.q_control[self.mine_control_index] >= 0.6).tolist()

    def artisanal_gold_levy(self) -> float:
        """JNIM's levy per day on artisanal gold from the mines it holds."""
        tonnes = sum(t for (_, t, industrial), jnim in zip(self.mine_table, self.mines_held_by_jnim(), strict=True)
                     if not industrial and jnim)
        return tonnes * self.p["gold_price_cfa_per_tonne"] * self.p["jnim_artisanal_gold_levy"] / 365.0

    def spawn_orphan_column(self, pool: np.ndarray) -> None:
        """Recruits with no column in reach form a new one where JNIM's pool is deepest."""
        if self.orphan_recruits < 2 * self.p["jnim_min_column"]:
            return
        site = recruitment.orphan_column_site(pool, self.village_presence)
        if site is None:
            return
        cell = int(self.villages.cells[site])
        JihadistUnit(self, cell, self.orphan_recruits, cash=0.0, fuel=0.0, home_cell=cell,
                     morale=self.p["jnim_initial_morale"])
        self.orphan_recruits = 0.0

    def coalesce_and_fragment(self) -> None:
        """Columns split at random and merge when they share a cell (heavy-tailed sizes).

        A share ``jnim_new_base_share`` of the split-off columns found a base of their own near
        their parent's; the others keep the parent's base. Merging removes bases (the merged
        column keeps one), so without new bases JNIM would fold into ever fewer, larger columns
        (`experiments/column_dynamics.py`).
        """
        p = self.p
        for unit in [u for u in self.jnim_units if u.fighters < 1.0]:
            unit.remove()
        alive = list(self.jnim_units)
        uniforms = self.uniforms(len(alive))
        for unit in alive:
            if next(uniforms) < p["jnim_split_prob"]:
                parts = columns.split_sizes(unit.fighters, next(uniforms), self.p["jnim_min_column"])
                if parts:
                    unit.fighters, part = parts
                    share = part / (part + unit.fighters)
                    home = unit.home_cell
                    if next(uniforms) < p["jnim_new_base_share"]:
                        home = self.base_near(home, next(uniforms))
                    JihadistUnit(self, unit.cell, part, unit.cash * share, unit.fuel * share, home, unit.morale)
                    unit.cash *= 1 - share
                    unit.fuel *= 1 - share
        by_cell: dict[int, JihadistUnit] = {}
        for unit in list(self.jnim_units):
            other = by_cell.get(unit.cell)
            if other is not None and self.rng.random() < p["jnim_merge_prob"]:
                total = other.fighters + unit.fighters
                other.morale = (other.morale * other.fighters + unit.morale * unit.fighters) / total
                other.fighters, other.cash, other.fuel = total, other.cash + unit.cash, other.fuel + unit.fuel
                unit.remove()
            else:
                by_cell[unit.cell] = unit

    def base_near(self, home: int, u: float) -> int:
        """A new base within control reach of ``home``, drawn from one uniform number ``u``."""
        v = self.villages
        near = self.grid_distances(np.array([home]), v.cells)[0] <= self.control_reach
        return columns.new_base(home, v.cells, self.base_weights, near, u)

    def uniforms(self, n: int) -> Iterator[float]:
        """The generator's next uniforms, drawn ``n`` at once and then one by one as asked.

        Drawing a batch gives the same numbers as drawing them one by one, so a loop that
        draws once per unit, and sometimes once more, can draw its batch up front. Take
        at least ``n``: the batch is drawn whether or not it is used.
        """
        yield from self.rng.random(n).tolist()
        while True:
            yield self.rng.random()

    def army_replacement(self) -> None:
        """FAMa refills garrisons and escorts from loyal villages, unless salaries go unpaid."""
        v, g = self.villages, self.garrisons
        deficit = np.maximum(g.full_strength - g.strength, 0.0)
        mobile = list(self.escorts.values()) + self.sweep_units
        mobile_deficit = np.array([max(0.0, u.full_strength - u.strength) for u in mobile])
        wanted = self.p["army_replacement_per_day"] * (deficit.sum() + mobile_deficit.sum())
        if wanted <= 0:
            return
        available = recruitment.army_recruits(v.population, v.loyalty, v.q, self.p["army_recruit_rate"])
        scale = (1.0 if available >= wanted else available / wanted) * (1.0 - self.arrears)
        g.strength += self.p["army_replacement_per_day"] * deficit * scale
        for unit, d in zip(mobile, mobile_deficit.tolist(), strict=True):
            unit.strength += self.p["army_replacement_per_day"] * d * scale

    # ----- process 8: Bamako's fuel market ------------------------------------------------------------
    def fuel_market(self) -> None:
        """Sell from the hub's stock at the clearing price; track dryness and hardship."""
        p = self.p
        demand = fuel_market.rationed_demand(p["national_demand_l_per_day"], self.days_of_supply,
                                             p["rationing"], p["rationing_trigger_days"])
        sold, self.price = fuel_market.market_day(self.stock, demand, p["market_comfort_days"],
                                                  p["official_price_cfa"], p["price_elasticity"],
                                                  p["price_cap_cfa"])
        self.stock -= sold
        self.sold_today = sold
        self.cum["fuel_consumed_l"] += sold
        self.days_of_supply = self.stock / p["national_demand_l_per_day"]
        dry = sold < p["dry_threshold_share"] * p["national_demand_l_per_day"]
        self.days_dry += int(dry)
        self.dry_streak = self.dry_streak + 1 if dry else 0
        self.dry_memory += (float(dry) - self.dry_memory) / self.p["stress_memory_days"]
        scarcity = fuel_market.clearing_price(sold, p["national_demand_l_per_day"], p["official_price_cfa"],
                                              p["price_elasticity"], p["price_cap_cfa"])
        self.hardship = fuel_market.hardship(scarcity, p["official_price_cfa"], p["transport_cost_share"])
        self.peak_price = max(self.peak_price, self.price)

    # ----- processes 5, 10: the junta ------------------------------------------------------------------
    def junta_finances(self) -> None:
        """Revenue by what the state still holds, spending, arrears and Moscow's payment."""
        p = self.p
        self.delivery_memory += (self.today["delivered_l"] - self.delivery_memory) / p["delivery_memory_days"]
        held = self.shares[0] / self.initial_state_share
        activity = math.sqrt(min(1.0, self.sold_today / p["national_demand_l_per_day"]))
        revenue = taxation.state_revenue(
            self.revenue_per_day, held, activity, self.delivery_memory / self.base_import_l_per_day,
            self.gold_held_share() * (1.0 - self.gold_concession_loss),
            p["fuel_revenue_share"], p["gold_revenue_share"])
        spending = self.spending_per_day + negotiation.payment(p["negotiation"],
                                                               p["negotiation_payment_cfa_per_day"])
        self.junta.treasury, unpaid = taxation.pay(self.junta.treasury, revenue + self.borrowing_per_day,
                                                   spending)
        arrears_today = min(1.0, unpaid / self.payroll_per_day)
        self.arrears += (arrears_today - self.arrears) / self.p["stress_memory_days"]
        self.moscow_paid = arrears_today < p["moscow_unpaid_arrears"]

    def gold_held_share(self) -> float:
        """Share of industrial gold output from mines not held by JNIM."""
        held = sum(t for (_, t, industrial), jnim in zip(self.mine_table, self.mines_held_by_jnim(), strict=True)
                   if industrial and not jnim)
        return held / self.industrial_gold_t

    def junta_politics(self) -> None:
        """Cohesion and legitimacy relax to their stressed targets; the coup hazard is drawn."""
        p, junta = self.p, self.junta
        self.defeat_memory += (self.today["defeats"] - self.defeat_memory) / self.p["stress_memory_days"]
        background = p["background_defeats_per_month"] / 30.0
        defeats = min(1.0, max(0.0, self.defeat_memory - background))
        territory_lost = self.initial_state_share - self.shares[0]
        protection_lost = self.n_stood_down / max(1, len(self.russian_units))
        c_target = coup.cohesion_target(p["initial_cohesion"], self.arrears, defeats, self.dry_memory,
                                        territory_lost, protection_lost)
        l_target = coup.legitimacy_target(p["initial_legitimacy"], self.hardship, self.dry_memory, defeats)
        rate = p["cohesion_recovery_per_day"]
        junta.cohesion += rate * (c_target - junta.cohesion)
        junta.legitimacy += rate * (l_target - junta.legitimacy)
        since = None if junta.last_coup_day is None else self.day - junta.last_coup_day
        self.hazard = coup.coup_hazard(
            p["coup_base_rate_per_year"] / 365.0, junta.cohesion, junta.legitimacy,
            p["initial_cohesion"], p["initial_legitimacy"], p["coup_cohesion_slope"],
            p["coup_legitimacy_slope"], since, p["coup_trap_multiplier"], p["coup_trap_days"],
            p["russian_counterweight"], self.russians_in_bamako())
        if self.rng.random() < self.hazard:
            self.coup_days.append(self.day)
            junta.install_new_leader(self.day, p["initial_cohesion"])

    def russians_in_bamako(self) -> float:
        """Share of Russian strength sitting in the capital's cell."""
        total = sum(u.strength for u in self.russian_units)
        here = sum(u.strength for u in self.russian_units if u.cell == self.map.capital_cell)
        return here / total if total > 0 else 0.0

    # ----- process 11: the capital -----------------------------------------------------------------------
    def bamako_defence(self) -> float:
        """Combat strength defending Bamako: its garrison and the Russians inside."""
        p = self.p
        garrison = self.garrisons.strength[self.capital_garrison] * p["army_combat_weight"]
        russians = sum(u.strength for u in self.russian_units if u.cell == self.map.capital_cell)
        return garrison + russians * p["russian_combat_weight"]

    def capital_check(self) -> None:
        """Assault by the columns in reach of Bamako, or collapse after a long drought."""
        p = self.p
        near = [u for u in self.jnim_units if u.task == "siege"
                and self.chebyshev(u.cell, self.map.capital_cell) <= self.bamako_reach]
        attackers = sum(u.combat_strength for u in near)
        if near and capital.assault_succeeds(attackers, self.bamako_defence(), self.junta.cohesion,
                                             p["assault_margin"]):
            self.fall("assault")
        elif capital.state_collapses(self.dry_streak, self.junta.cohesion, self.junta.legitimacy,
                                     p["collapse_dry_days"], p["collapse_floor"]):
            self.fall("collapse")
        else:
            for unit in near:
                self.casualties(unit, self.bamako_defence(), False, unit.cell,
                                garrison=self.capital_garrison)

    def fall(self, how: str) -> None:
        """The state loses Bamako: the run ends."""
        self.capital_fell = True
        self.capital_fall_day = self.day
        self.end_reason = f"capital_fell_{how}"
        self.running = False

    def chebyshev(self, a: int, b: int) -> int:
        """Grid distance in cells (king moves)."""
        ra, ca = divmod(a, self.map.shape[1])
        rb, cb = divmod(b, self.map.shape[1])
        return max(abs(ra - rb), abs(ca - cb))

    # ----- observation ---------------------------------------------------------------------------------
    def agents_of(self, kind: type) -> list:
        """A snapshot list of the living agents of one class (empty if none)."""
        by_type = self.agents_by_type
        return list(by_type[kind]) if kind in by_type else []

    @property
    def jnim_units(self) -> list[JihadistUnit]:
        """Every JNIM column alive, in creation order (a list the model keeps; do not modify)."""
        return self.columns

    @property
    def jnim_total(self) -> float:
        """JNIM fighters in all columns."""
        return float(sum(u.fighters for u in self.jnim_units))

    def army_total(self) -> float:
        """FAMa soldiers in garrisons, escorts and sweeps."""
        mobile = list(self.escorts.values()) + self.sweep_units
        return float(self.garrisons.strength.sum() + sum(u.strength for u in mobile))

    def record(self) -> None:
        """Append today's row to the daily series."""
        p, junta = self.p, self.junta
        active = sum(1 for u in self.russian_units if u.posture is Posture.ACTIVE)
        self.series.record({
            "fuel_stock_l": self.stock, "fuel_days_of_supply": self.days_of_supply,
            "fuel_price_cfa": self.price,
            "litres_per_min_wage": fuel_market.litres_per_wage(self.price, p["smig_cfa_per_month"]),
            "junta_cohesion": junta.cohesion, "junta_legitimacy": junta.legitimacy,
            "coup_hazard": self.hazard, "treasury_cfa": junta.treasury,
            "russian_posture": active / max(1, len(self.russian_units)),
            "russian_goodwill": self.goodwill, "jnim_fighters": self.jnim_total,
            "jnim_units": len(self.jnim_units), "control_state": self.shares[0],
            "control_contested": self.shares[1], "control_jnim": self.shares[2],
            **{k: self.cum[k] for k in ("tankers_delivered", "tankers_destroyed", "tankers_diverted",
                                         "civilian_deaths_state", "civilian_deaths_russian",
                                         "civilian_deaths_jnim", "fuel_delivered_l", "fuel_consumed_l")},
            "coups": len(self.coup_days), "convoy_size": self.convoy_size_today,
            "army_strength": self.army_total(),
            "russian_strength": float(sum(u.strength for u in self.russian_units)),
            "capital_fell": float(self.capital_fell), "arrears_share": self.arrears,
        })


__all__ = ["MaliModel"]
