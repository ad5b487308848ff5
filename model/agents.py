"""The agents. Villages are thin views on the model's arrays; mobile agents carry little state.

Per-agent Python is what makes Mesa slow, so villages hold no state of their own: each is a
window onto one row of :class:`model.villages.VillageArrays`, updated by vectorised rules.
Garrisons are views too. Columns, convoys, sweeps and Russian units are real objects, but
their daily work is a few arithmetic operations; their encounters are resolved by the model.
"""

from __future__ import annotations

from bisect import bisect_right
from enum import Enum

import mesa


class Village(mesa.Agent):
    """The rural communes of one populated cell: a view onto row ``index`` of the arrays."""

    def __init__(self, model, index: int):
        super().__init__(model)
        self.index = index

    @property
    def cell(self) -> int:
        """Flat grid index of the village's cell."""
        return int(self.model.villages.cells[self.index])

    def __getattr__(self, name):
        arrays = self.__dict__.get("model") and self.model.villages
        if arrays is not None and name in arrays.FIELDS:
            return getattr(arrays, name)[self.index]
        raise AttributeError(name)


class Junta(mesa.Agent):
    """The military government in Bamako. A coup replaces its leader, not the agent."""

    def __init__(self, model, treasury: float, cohesion: float, legitimacy: float,
                 post_coup_policy: str):
        super().__init__(model)
        self.treasury = treasury
        self.cohesion = cohesion
        self.legitimacy = legitimacy
        self.post_coup_policy = post_coup_policy
        self.leader = 1
        self.last_coup_day: int | None = None

    def install_new_leader(self, day: int, initial_cohesion: float) -> None:
        """A coup: the new leader consolidates the officer corps and changes policy."""
        self.leader += 1
        self.last_coup_day = day
        self.cohesion = max(self.cohesion, initial_cohesion)
        params = self.model.p
        if self.post_coup_policy == "grant":
            params["concession_refusal"] = 0.0
        elif self.post_coup_policy == "negotiate":
            params["negotiation"] = max(params["negotiation"], params["post_coup_negotiation"])


class Posture(Enum):
    """What a Russian unit does: fight, or guard Bamako and the gold mines."""

    ACTIVE = "active"
    STOOD_DOWN = "stood_down"


class RussianUnit(mesa.Agent):
    """An Africa Corps unit. ACTIVE units sweep and escort; STOOD_DOWN units guard.

    A unit told to hold Bamako (``holds_bamako``) guards the capital even while active.
    """

    def __init__(self, model, strength: float, cell: int, guard_cell: int, holds_bamako: bool = False):
        super().__init__(model)
        self.strength = strength
        self.cell = cell
        self.guard_cell = guard_cell
        self.holds_bamako = holds_bamako
        self.posture = Posture.ACTIVE

    @property
    def fighting(self) -> bool:
        """Whether the unit sweeps, patrols and escorts (active and not holding Bamako)."""
        return self.posture is Posture.ACTIVE and not self.holds_bamako

    def step(self) -> None:
        """Units that do not fight sit at their guard post; fighting ones are moved as sweeps."""
        if not self.fighting:
            self.cell = self.guard_cell


class ArmyRole(Enum):
    """FAMa duties the junta assigns."""

    GARRISON = "garrison"
    ESCORT = "escort"
    SWEEP = "sweep"


class ArmyUnit(mesa.Agent):
    """A FAMa unit. Garrisons are views onto the model's garrison array; others move."""

    def __init__(self, model, role: ArmyRole, cell: int, strength: float,
                 garrison_index: int | None = None, corridor: str | None = None):
        super().__init__(model)
        self.role = role
        self.cell = cell
        self.garrison_index = garrison_index
        self.corridor = corridor
        self._strength = strength

    @property
    def strength(self) -> float:
        """Soldiers in the unit (a garrison's lives in the model's array)."""
        if self.garrison_index is not None:
            return float(self.model.garrisons.strength[self.garrison_index])
        return self._strength

    @strength.setter
    def strength(self, value: float) -> None:
        if self.garrison_index is not None:
            self.model.garrisons.strength[self.garrison_index] = value
        else:
            self._strength = value


class JihadistUnit(mesa.Agent):
    """A JNIM column: fighters, cash, fuel, morale, a task and where it is going.

    The model plans and moves all columns together each day (``MaliModel.plan_columns``,
    ``move_columns``): a column's day is a choice and a step, cheaper done for all at once.
    """

    def __init__(self, model, cell: int, fighters: float, cash: float, fuel: float,
                 home_cell: int, morale: float):
        super().__init__(model)
        self.cell = cell
        self.fighters = fighters
        self.cash = cash
        self.fuel = fuel
        self.morale = morale
        self.home_cell = home_cell
        self.task = "tax"
        self.target_cell = home_cell
        self.replan_day = 0
        model.columns.append(self)

    def remove(self) -> None:
        """Leave the model (and its ordered list of columns)."""
        self.model.columns.remove(self)
        super().remove()

    @property
    def combat_strength(self) -> float:
        """Fighters weighted by morale (0.5 to 1.5 per fighter)."""
        return self.fighters * (0.5 + self.morale)


class FuelConvoy(mesa.Agent):
    """Tankers moving together along a corridor toward Bamako, with or without escort."""

    def __init__(self, model, corridor: str, tankers: int, escort: float, day: int):
        super().__init__(model)
        self.corridor = corridor
        self.tankers = tankers
        self.escort = escort
        self.km = 0.0
        self.set_out_day = day
        self.path_index = 0
        model.fuel_convoys.append(self)

    def remove(self) -> None:
        """Leave the model (and its ordered list of convoys on the road)."""
        self.model.fuel_convoys.remove(self)
        super().remove()

    def step(self) -> None:
        """Advance along the road; the model checks ambushes on the stretch covered today."""
        corridor = self.model.map.corridors[self.corridor]
        self.km = min(corridor.length_km, self.km + self.model.p["convoy_speed_km_per_day"])
        self.path_index = bisect_right(corridor.km_list, self.km) - 1

    @property
    def cell(self) -> int:
        """Where the convoy is now."""
        return int(self.model.map.corridors[self.corridor].cells[self.path_index])

    @property
    def arrived(self) -> bool:
        """Whether the convoy has reached Bamako."""
        return self.km >= self.model.map.corridors[self.corridor].length_km
