"""JNIM's columns (processes 6, 12): their choice of task, their movement, splitting and merging.

Columns are Mesa agents; the insurgency plans and moves all columns together each day (a
column's day is a choice and a step, cheaper done for all at once). Their money and recruits
are :mod:`model.processes.jnim_economy`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import mesa
import numpy as np

from model import portable_math as pm
from model.rules import columns, recruitment


class JnimColumn(mesa.Agent):
    """A JNIM column: fighters, cash, fuel, morale, a task and where it is going."""

    def __init__(self, model, insurgency: Insurgency, cell: int, fighters: float, cash: float, fuel: float,
                 home_cell: int, morale: float):
        super().__init__(model)
        self.insurgency = insurgency
        self.cell = cell
        self.fighters = fighters
        self.cash = cash
        self.fuel = fuel
        self.morale = morale
        self.home_cell = home_cell
        self.task = "tax"
        self.target_cell = home_cell
        self.replan_day = 0
        insurgency.columns.append(self)

    def remove(self) -> None:
        """Leave the model (and the insurgency's ordered list of columns)."""
        self.insurgency.columns.remove(self)
        super().remove()

    @property
    def combat_strength(self) -> float:
        """Fighters weighted by morale (0.5 to 1.5 per fighter)."""
        return self.fighters * (0.5 + self.morale)


class Insurgency:
    """JNIM's columns, where they are based, and the recruits not yet in any column.

    Attributes:
        columns: every column alive, in creation order (Mesa's ``shuffle_do`` order is drawn from it).
        base_weights: how strongly each village attracts a column's base (population × presence).
        orphan_recruits: recruits with no column in reach, waiting to form one.

    """

    def __init__(self, model: mesa.Model, p: dict, grid, villages):
        self.model = model
        self.p = p
        self.grid = grid
        self.village_cells = villages.cells
        self.presence = villages.presence
        self.base_weights = columns.base_weights(villages.arrays.population, villages.presence)
        self.columns: list[JnimColumn] = []
        self.orphan_recruits = 0.0
        self.appeal = columns.TaskAppeal(p["task_ambush_appeal"], p["task_attack_appeal"], p["task_rest_appeal"],
                                         p["siege_attraction"], p["siege_cohesion_threshold"],
                                         p["siege_odds_threshold"])
        self._ambush_sites: tuple[int, tuple[np.ndarray, np.ndarray]] | None = None

    @property
    def fighters(self) -> float:
        """JNIM fighters in all columns."""
        return float(sum(u.fighters for u in self.columns))

    def new_column(self, cell: int, fighters: float, cash: float, fuel: float, home: int, morale: float) -> JnimColumn:
        """A column joins the insurgency."""
        return JnimColumn(self.model, self, cell, fighters, cash, fuel, home, morale)

    # ----- choosing a task ----------------------------------------------------------------------
    def plan(self, today, cohesion: float, bamako_defence: Callable[[], float], army, logistics, state_field, rng,
             shuffler) -> None:
        """Columns due to re-plan choose a task, in random order (as Mesa's ``shuffle_do``).

        Nothing a choice depends on changes while the columns plan (they move afterwards), so
        the blockade, the odds against Bamako and the garrisons' strengths are read once, and
        only on a day some column re-plans (``bamako_defence`` is asked then). The ambush sites
        are read from yesterday's state field (control paints today's later).
        """
        order = list(self.columns)
        shuffler.shuffle(order)
        due = [unit for unit in order if today.day >= unit.replan_day]
        if not due:
            return
        blockade = max(today.blockade.values())
        odds_on_bamako = self.fighters / max(1.0, bamako_defence())
        garrison_strength = (army.garrisons.strength * army.weight).tolist()
        for unit in due:
            unit.task, unit.target_cell = self.plan_column(today, unit, blockade, odds_on_bamako, cohesion,
                                                           garrison_strength, army, logistics, state_field, rng)
            unit.replan_day = today.day + self.p["jnim_replan_days"]

    def plan_column(self, today, unit: JnimColumn, blockade: float, odds_on_bamako: float, cohesion: float,
                    garrison_strength: list[float], army, logistics, state_field, rng) -> tuple[str, int]:
        """Pick a task and its target cell for one column."""
        k_weak, odds = self.weakest_garrison_near(unit, garrison_strength, army)
        weights = columns.task_weights(blockade, unit.morale, odds, cohesion, odds_on_bamako, self.appeal)
        task = columns.TASKS[columns.choose(weights, rng.random())]
        if task == "ambush":
            cells, attraction = self.ambush_sites(today, logistics, state_field)
            return task, int(cells[columns.choose(attraction, rng.random())])
        if task == "attack":
            return task, int(army.garrisons.cells[k_weak])
        if task == "siege":
            return task, int(self.grid.capital_cell)
        return task, unit.home_cell

    def ambush_sites(self, today, logistics, state_field) -> tuple[np.ndarray, np.ndarray]:
        """Cells of the blockaded corridors and their attraction (weakly held stretches), today."""
        if self._ambush_sites is None or self._ambush_sites[0] != today.day:
            names = tuple(n for n, intensity in today.blockade.items() if intensity > 0)
            # The first cell is the crossing and the last two Bamako's approaches: held, not ambushed.
            cells = np.concatenate([logistics.corridors[n].cells[1:-2] for n in names])
            held = state_field[self.grid.frame_cell[cells]]
            # Weakly held stretches attract: attraction falls off with the state's strength relative to
            # the corridors' mean (+1 keeps it defined where no force is in reach; assumption).
            self._ambush_sites = today.day, (cells, pm.exp(-held / (held.mean() + 1.0)))
        return self._ambush_sites[1]

    def weakest_garrison_near(self, unit: JnimColumn, garrison_strength: list[float], army) -> tuple[int, float]:
        """Index of the garrison within range with the best odds, and those odds."""
        near = army.garrisons_near(unit.cell)
        if not near:
            return army.capital_garrison, 0.0
        k = min(near, key=garrison_strength.__getitem__)
        return k, unit.combat_strength / max(1.0, garrison_strength[k])

    # ----- moving ---------------------------------------------------------------------------------
    def move(self) -> None:
        """Every column not yet at its target moves toward it, at half speed when out of fuel."""
        moving = [u for u in self.columns if u.cell != u.target_cell]
        if not moving:
            return
        speed_cells = self.grid.jnim_speed
        fuel = np.array([u.fuel for u in moving])
        # Out of fuel, a column walks at half its motorbike speed, but never stands still (assumption).
        speed = np.where(fuel > 0, speed_cells, max(1, speed_cells // 2))
        cells = columns.advance(np.array([u.cell for u in moving]), np.array([u.target_cell for u in moving]),
                                speed, self.grid.shape[1])
        fuel = np.maximum(0.0, fuel - self.p["jnim_fuel_l_per_fighter_move"] * np.array([u.fighters for u in moving]))
        for unit, cell, unit_fuel in zip(moving, cells.tolist(), fuel.tolist(), strict=True):
            unit.cell, unit.fuel = cell, unit_fuel

    # ----- forming, splitting, merging -----------------------------------------------------------
    def spawn_orphan_column(self, pool: np.ndarray) -> None:
        """Recruits with no column in reach form a new one where JNIM's pool is deepest."""
        if self.orphan_recruits < 2 * self.p["jnim_min_column"]:
            return
        site = recruitment.orphan_column_site(pool, self.presence)
        if site is None:
            return
        cell = int(self.village_cells[site])
        self.new_column(cell, self.orphan_recruits, 0.0, 0.0, cell, self.p["jnim_initial_morale"])
        self.orphan_recruits = 0.0

    def coalesce_and_fragment(self, rng) -> None:
        """Columns split at random and merge when they share a cell (heavy-tailed sizes).

        A share ``jnim_new_base_share`` of the split-off columns found a base of their own near
        their parent's; the others keep the parent's base. Merging removes bases (the merged
        column keeps one), so without new bases JNIM would fold into ever fewer, larger columns
        (`experiments/column_dynamics.py`).
        """
        p = self.p
        for unit in [u for u in self.columns if u.fighters < 1.0]:
            unit.remove()
        alive = list(self.columns)
        uniforms = draw_uniforms(rng, len(alive))
        for unit in alive:
            if next(uniforms) < p["jnim_split_prob"]:
                parts = columns.split_sizes(unit.fighters, next(uniforms), p["jnim_min_column"])
                if parts:
                    unit.fighters, part = parts
                    share = part / (part + unit.fighters)
                    home = unit.home_cell
                    if next(uniforms) < p["jnim_new_base_share"]:
                        home = self.base_near(home, next(uniforms))
                    self.new_column(unit.cell, part, unit.cash * share, unit.fuel * share, home, unit.morale)
                    unit.cash *= 1 - share
                    unit.fuel *= 1 - share
        by_cell: dict[int, JnimColumn] = {}
        for unit in list(self.columns):
            other = by_cell.get(unit.cell)
            if other is not None and rng.random() < p["jnim_merge_prob"]:
                total = other.fighters + unit.fighters
                other.morale = (other.morale * other.fighters + unit.morale * unit.fighters) / total
                other.fighters, other.cash, other.fuel = total, other.cash + unit.cash, other.fuel + unit.fuel
                unit.remove()
            else:
                by_cell[unit.cell] = unit

    def base_near(self, home: int, u: float) -> int:
        """A new base within control reach of ``home``, drawn from one uniform number ``u``."""
        near = self.grid.distances(np.array([home]), self.village_cells)[0] <= self.grid.control_reach
        return columns.new_base(home, self.village_cells, self.base_weights, near, u)


def draw_uniforms(rng, n: int) -> Iterator[float]:
    """The generator's next uniforms, drawn ``n`` at once and then one by one as asked.

    Drawing a batch gives the same numbers as drawing them one by one, so a loop that
    draws once per unit, and sometimes once more, can draw its batch up front. Take
    at least ``n``: the batch is drawn whether or not it is used.
    """
    yield from rng.random(n).tolist()
    while True:
        yield rng.random()


def build_insurgency(model: mesa.Model, p: dict, grid, villages, rng) -> Insurgency:
    """JNIM columns at day 0 with heavy-tailed sizes, based by population and regional presence."""
    insurgency = Insurgency(model, p, grid, villages)
    weights = insurgency.base_weights
    n = p["jnim_initial_units"]
    sites = rng.choice(len(villages.cells), size=n, replace=True, p=weights / weights.sum())
    sizes = rng.pareto(p["jnim_size_tail"], n) + 1.0
    # Every column starts at least twice the smallest that can split, then all are rescaled to the total.
    sizes = np.maximum(p["jnim_fighters"] * sizes / sizes.sum(), 2 * p["jnim_min_column"])
    sizes *= p["jnim_fighters"] / sizes.sum()
    upkeep = p["jnim_upkeep_cfa_per_fighter_day"]
    for site, size in zip(sites, sizes, strict=True):
        cell = int(villages.cells[site])
        insurgency.new_column(cell, float(size), p["jnim_initial_cash_days"] * upkeep * size,
                              p["jnim_initial_fuel_l_per_fighter"] * size, cell, p["jnim_initial_morale"])
    return insurgency
