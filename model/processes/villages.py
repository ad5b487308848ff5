"""Villages (processes 2-3): loyalty, grievance, fear, reserves and uprisings of every populated cell.

Per-agent Python is what makes Mesa slow, so the villages' state lives in arrays, one row per
populated cell (``VillageArrays``), updated by compiled loops; each ``Village`` agent is a view
onto its row, which the browser and per-village queries read.
"""

from __future__ import annotations

from dataclasses import dataclass

import mesa
import numpy as np

from model import compiled


@dataclass
class VillageArrays:
    """State of every village; rules update whole arrays at once.

    ``reserves`` are the villages' food and cash reserves (0 to 1), not Bamako's fuel stock;
    ``fear`` is the villagers' fear of selective violence, not the truckers' fear of the road.
    """

    FIELDS = ("population", "loyalty", "grievance", "fear", "reserves", "fuel_access", "q", "state_share", "zone",
              "risen")

    cells: np.ndarray
    population: np.ndarray
    loyalty: np.ndarray
    grievance: np.ndarray
    fear: np.ndarray
    reserves: np.ndarray
    fuel_access: np.ndarray
    q: np.ndarray
    state_share: np.ndarray
    zone: np.ndarray
    risen: np.ndarray

    @classmethod
    def empty(cls, cells: np.ndarray, population: np.ndarray) -> VillageArrays:
        """Villages at neutral values; control settles them before day 0."""
        n = len(cells)
        return cls(cells=cells, population=population.astype(float), loyalty=np.full(n, 0.5),
                   grievance=np.zeros(n), fear=np.zeros(n), reserves=np.ones(n),
                   fuel_access=np.ones(n), q=np.full(n, 0.5), state_share=np.full(n, 0.5), zone=np.full(n, 3, np.int8),
                   risen=np.zeros(n, bool))


class Village(mesa.Agent):
    """The rural communes of one populated cell: a view onto row ``index`` of the arrays."""

    def __init__(self, model, arrays: VillageArrays, index: int, region: str):
        super().__init__(model)
        self.arrays = arrays
        self.index = index
        self.region = region

    @property
    def cell(self) -> int:
        """Flat grid index of the village's cell."""
        return int(self.arrays.cells[self.index])

    def __getattr__(self, name):
        arrays = self.__dict__.get("arrays")
        if arrays is not None and name in arrays.FIELDS:
            return getattr(arrays, name)[self.index]
        raise AttributeError(name)


class Villages:
    """The villages' arrays, their agents, and their day.

    Attributes:
        arrays: the state of every village.
        agents: one ``Village`` agent per row of ``arrays``.
        presence: JNIM's regional presence at each village (the map's regions, [M]).
        armed_support: armed supporters of each village (they lend weight to the side it leans to).
        networks: the local networks of the state (row 0: administration, informants, self-defence
            militias) and of JNIM (row 1: its cells, informants, local recruits) in each village, split
            by the region's JNIM presence; they weigh in control whatever the village's loyalty.
        selective_killings: selective killings a day in each village when its zone invites them.
        frame_cells: each village's index on the padded frame of the window sums.

    """

    def __init__(self, model: mesa.Model, p: dict, grid):
        mali = grid.map
        cells = mali.village_cells
        self.p = p
        self.arrays = VillageArrays.empty(cells, mali.population.ravel()[cells])
        self.armed_support = p["armed_support_per_person"] * self.arrays.population
        self.selective_killings = p["selective_killings_per_person_day"] * self.arrays.population
        region_of = mali.region.ravel()[cells]
        self.presence = np.array(mali.region_jnim_presence)[region_of]
        network = p["local_network_share"] * self.armed_support
        self.networks = np.stack([network * (1.0 - self.presence), network * self.presence])
        self.frame_cells = grid.frame_cell[cells]
        self.capital_index = int(np.flatnonzero(cells == grid.capital_cell)[0])
        self.agents = [Village(model, self.arrays, k, mali.region_names[r]) for k, r in enumerate(region_of.tolist())]

    @property
    def cells(self) -> np.ndarray:
        """Each village's grid cell."""
        return self.arrays.cells

    def fuel(self, today) -> tuple[np.ndarray, np.ndarray]:
        """Each village's fuel access and hardship, mixed by JNIM's share of control.

        Where the state holds a village it buys in the rural market; where JNIM does, it lives on
        smuggled fuel; Bamako's cell buys in its own market.
        """
        q = self.arrays.q
        access = (1.0 - q) * today.rural_met_at_dawn + q
        hardship = (1.0 - q) * today.rural_hardship_at_dawn + q * today.jnim_area_hardship
        access[self.capital_index] = today.bamako_met_at_dawn
        hardship[self.capital_index] = today.hardship_at_dawn
        return np.minimum(access, 1.0), hardship

    def day(self, today, state_field: np.ndarray, ledger) -> None:
        """Reserves, loyalty, grievance, fear and uprisings of all villages; then selective killings.

        Args:
            today: the day's signals; villages read yesterday's fuel supply and hardship of their
                market (the markets trade after them) and today's civilian deaths.
            state_field: the state's strength in reach, left by today's control.
            ledger: where the selective killings are counted.

        """
        p, v = self.p, self.arrays
        access, hardship = self.fuel(today)
        v.fuel_access, v.reserves, v.loyalty, v.grievance, v.fear, v.risen = compiled.village_day(
            v.q, v.state_share, v.zone, v.population, v.reserves, v.loyalty, v.grievance, v.fear, v.cells, today.deaths,
            self.frame_cells, state_field, access, hardship, p["village_stock_rate_per_day"], p["reserves_buffer"],
            p["blame_attribution"], p["loyalty_drift_per_day"], p["indiscriminate_backlash"], p["grievance_backlash"],
            p["grievance_decay_per_day"], p["fear_rate_per_day"], p["uprising_threshold"], p["jnim_call_to_rise"],
            p["arrest_constant"], p["uprising_risk_aversion"])
        self.selective_violence(ledger)

    def selective_violence(self, ledger) -> None:
        """Kalyvas: selective killings peak where control is dominant but incomplete (zones 2, 4).

        Fear, which they spread in those zones, is part of the village day (``compiled.village_day``).
        """
        zone = self.arrays.zone
        ledger.add("civilian_deaths_state", float((self.selective_killings * (zone == 2)).sum()))
        ledger.add("civilian_deaths_jnim", float((self.selective_killings * (zone == 4)).sum()))
