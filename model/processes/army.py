"""FAMa (processes 4, 6): garrisons at towns and mines, escorts at the crossings, sweeps.

Every FAMa unit is a Mesa agent. Garrisons are many and static, so their strengths live in
one array (``GarrisonArrays``) that the garrison agents view; escorts and sweeps carry their
own strength.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import mesa
import numpy as np

from model.rules import columns, combat, recruitment

N_SWEEP_UNITS = 4
SWEEP_BASES = ("Segou", "Sevare", "Kayes", "Sikasso")
"""Sweep units start at the centre's and the west's garrison towns (assumption), one per base."""


class ArmyRole(Enum):
    """FAMa duties the junta assigns."""

    GARRISON = "garrison"
    ESCORT = "escort"
    SWEEP = "sweep"


@dataclass
class Command:
    """FAMa's chain of command: a purge after a coup disorganises every unit for a while."""

    effectiveness: float = 1.0

    def weight(self, p: dict) -> float:
        """Combat weight per FAMa soldier, as far as the chain of command works."""
        return p["army_combat_weight"] * self.effectiveness


@dataclass
class GarrisonArrays:
    """Strengths of the FAMa garrisons at towns, mines and Bamako (the garrison agents view them)."""

    cells: np.ndarray
    strength: np.ndarray
    full_strength: np.ndarray


class ArmyUnit(mesa.Agent):
    """A FAMa unit. A garrison views its row of the garrison arrays; escorts and sweeps move."""

    perpetrator = "state"
    """Whom the civilian deaths of its operations are charged to."""

    def __init__(self, model, command: Command, role: ArmyRole, cell: int, strength: float,
                 garrisons: GarrisonArrays | None = None, garrison_index: int | None = None,
                 corridor: str | None = None):
        super().__init__(model)
        self.command = command
        self.role = role
        self.cell = cell
        self.garrisons = garrisons
        self.garrison_index = garrison_index
        self.corridor = corridor
        self._strength = strength
        self.full_strength = strength

    def combat_weight(self, p: dict) -> float:
        """Combat weight per soldier (the command's)."""
        return self.command.weight(p)

    @property
    def strength(self) -> float:
        """Soldiers in the unit (a garrison's live in the garrison arrays)."""
        if self.garrison_index is not None:
            return float(self.garrisons.strength[self.garrison_index])
        return self._strength

    @strength.setter
    def strength(self, value: float) -> None:
        if self.garrison_index is not None:
            self.garrisons.strength[self.garrison_index] = value
        else:
            self._strength = value


class Army:
    """The FAMa units, where they are, and how they hunt, defend and are replaced."""

    def __init__(self, p: dict, grid, command: Command, garrisons: GarrisonArrays, garrison_units: list[ArmyUnit],
                 escorts: dict[str, ArmyUnit], sweeps: list[ArmyUnit]):
        self.p = p
        self.command = command
        self.grid = grid
        self.garrisons = garrisons
        self.garrison_units = garrison_units
        self.escorts = escorts
        self.sweeps = sweeps
        self.capital_garrison = 0
        self.garrison_at = {int(c): k for k, c in enumerate(garrisons.cells)}
        self._garrisons_near: dict[int, list[int]] = {}

    @property
    def weight(self) -> float:
        """Combat weight per FAMa soldier today (a purge lowers it)."""
        return self.command.weight(self.p)

    @property
    def bamako_garrison(self) -> ArmyUnit:
        """The garrison agent defending the capital."""
        return self.garrison_units[self.capital_garrison]

    @property
    def mobile(self) -> list[ArmyUnit]:
        """Escorts then sweeps (the units replacement refills one by one)."""
        return list(self.escorts.values()) + self.sweeps

    def total(self) -> float:
        """FAMa soldiers in garrisons, escorts and sweeps."""
        return float(self.garrisons.strength.sum() + sum(u.strength for u in self.mobile))

    def garrisons_near(self, cell: int) -> list[int]:
        """Garrisons other than Bamako's within a column's attack range of a cell (cached per cell)."""
        near = self._garrisons_near.get(cell)
        if near is None:
            within = self.grid.distances(np.array([cell]), self.garrisons.cells)[0] <= self.grid.attack_range
            within[self.capital_garrison] = False
            near = self._garrisons_near[cell] = np.flatnonzero(within).tolist()
        return near

    def move_sweeps(self, column_list: list, sweepers: list) -> None:
        """Each sweeper heads for the biggest column within its range, or the nearest one."""
        if not column_list:
            return
        cells = np.array([u.cell for u in column_list])
        sizes = np.array([u.fighters for u in column_list])
        sweeper_cells = np.array([s.cell for s in sweepers])
        dist = self.grid.distances(sweeper_cells, cells)
        in_range = dist <= self.grid.sweep_range
        biggest = np.argmax(np.where(in_range, sizes, -1.0), axis=1)
        pick = np.where(in_range.any(axis=1), biggest, np.argmin(dist, axis=1))
        moved = columns.advance(sweeper_cells, cells[pick], self.grid.sweep_speed, self.grid.shape[1])
        for sweeper, cell in zip(sweepers, moved.tolist(), strict=True):
            sweeper.cell = cell

    def fight_sweeps(self, today, column_list: list, sweepers: list, engagements, rng) -> None:
        """A sweeper next to a column brings the largest one in reach to battle, by chance."""
        units = [u for u in column_list if u.fighters > 0]
        if not units:
            return
        # Battle needs contact: a sweeper and a column in the same or a neighbouring cell.
        adjacent = self.grid.distances(np.array([s.cell for s in sweepers], dtype=np.int64),
                                       np.array([u.cell for u in units], dtype=np.int64)) <= 1
        for sweeper, near in zip(sweepers, adjacent.tolist(), strict=True):
            if not any(near):
                continue
            if sweeper.strength <= 0 or rng.random() >= self.p["sweep_contact_prob"]:
                continue
            unit = max((u for u, is_near in zip(units, near, strict=True) if is_near), key=lambda u: u.fighters)
            if unit.fighters <= 0:
                continue
            attack = sweeper.strength * sweeper.combat_weight(self.p)
            state_won = rng.random() < combat.contest_win_probability(attack, unit.combat_strength)
            engagements.casualties(today.deaths, unit, [(sweeper, 1.0)], attack, not state_won, unit.cell)
            if state_won:
                unit.replan_day = today.day + 1
                unit.target_cell = unit.home_cell

    def defend_garrisons(self, today, column_list: list, engagements, rng) -> None:
        """Columns that reached the garrison they chose attack it; an overrun is a defeat."""
        p, g = self.p, self.garrisons
        for unit in column_list:
            if unit.task != "attack" or unit.cell != unit.target_cell or unit.fighters <= 0:
                continue
            k = self.garrison_at.get(unit.cell)
            if k is None:
                continue
            defence = g.strength[k] * self.weight * p["garrison_fortification"]
            won = rng.random() < combat.contest_win_probability(unit.combat_strength, defence)
            engagements.casualties(today.deaths, unit, [(self.garrison_units[k], 1.0)], defence, won, unit.cell,
                                   p["garrison_fortification"])
            if won and g.strength[k] < p["garrison_defeat_share"] * g.full_strength[k]:
                today.defeats += 1.0
            unit.task, unit.replan_day = "rest", today.day + p["jnim_rest_days_after_attack"]
            unit.target_cell = unit.home_cell

    def replace_losses(self, villages, arrears: float) -> None:
        """FAMa refills garrisons and mobile units from loyal villages, unless salaries go unpaid."""
        rate, g = self.p["army_replacement_per_day"], self.garrisons
        deficit = np.maximum(g.full_strength - g.strength, 0.0)
        mobile = self.mobile
        mobile_deficit = np.array([max(0.0, u.full_strength - u.strength) for u in mobile])
        wanted = rate * (deficit.sum() + mobile_deficit.sum())
        if wanted <= 0:
            return
        available = recruitment.army_recruits(villages.population, villages.loyalty, villages.q,
                                              self.p["army_recruit_rate"])
        # Recruits cap replacement; unpaid salaries stop it in proportion to yesterday's arrears.
        scale = (1.0 if available >= wanted else available / wanted) * (1.0 - arrears)
        g.strength += rate * deficit * scale
        for unit, d in zip(mobile, mobile_deficit.tolist(), strict=True):
            unit.strength += rate * d * scale


def build_garrisons(model: mesa.Model, p: dict, mali, command: Command) -> tuple[GarrisonArrays, list[ArmyUnit]]:
    """FAMa garrisons at every town and mine cell, Bamako's first; the rest share what is left.

    A mine's garrison weighs ``mine_garrison_weight`` town garrisons; a cell with a town and a
    mine takes the larger weight.
    """
    weights: dict[int, float] = {}
    for place in mali.towns + mali.mines:
        w = p["mine_garrison_weight"] if place.kind == "mine" else 1.0
        weights[place.cell] = max(weights.get(place.cell, 0.0), w)
    weights.pop(mali.capital_cell, None)
    cells = np.array([mali.capital_cell, *weights], dtype=np.int64)
    w = np.array(list(weights.values()))
    rest = p["army_strength"] * (1 - p["army_mobile_share"]) - p["bamako_garrison"]
    strength = np.concatenate([[p["bamako_garrison"]], rest * w / w.sum()])
    arrays = GarrisonArrays(cells, strength.astype(float), strength.astype(float))
    units = [ArmyUnit(model, command, ArmyRole.GARRISON, int(cell), float(strength[k]), garrisons=arrays,
                      garrison_index=k) for k, cell in enumerate(cells)]
    return arrays, units


def build_army(model: mesa.Model, p: dict, grid, fuel_corridors: dict) -> Army:
    """Garrisons, then an escort at each fuel crossing (by its share of fuel), then the sweeps."""
    mali = grid.map
    command = Command()
    garrisons, garrison_units = build_garrisons(model, p, mali, command)
    towns = {t.name: t.cell for t in mali.towns}
    mobile = p["army_strength"] * p["army_mobile_share"]
    total_share = sum(c.fuel_share for c in fuel_corridors.values())
    escorts = {}
    for name, corridor in fuel_corridors.items():
        strength = mobile * p["escort_share"] * corridor.fuel_share / total_share
        escorts[name] = ArmyUnit(model, command, ArmyRole.ESCORT, int(corridor.cells[0]), strength, corridor=name)
    sweep = mobile * (1 - p["escort_share"]) / N_SWEEP_UNITS
    sweeps = [ArmyUnit(model, command, ArmyRole.SWEEP, towns[b], sweep) for b in SWEEP_BASES]
    return Army(p, grid, command, garrisons, garrison_units, escorts, sweeps)
