"""Control of territory (process 1): strength within reach and armed local support decide each cell.

Control is painted on the padded frame of :mod:`model.rules.windows`: each unit spreads its
strength over the cells within its reach (force to space, ``force_spread_exponent``). The
northern armed groups (the FLA, Islamic State Sahel) are a fixed presence in their regions
that contests the state and gives JNIM nothing. Control also leaves two fields for the
processes that follow it the same day: the state's strength in reach (patrols, ambush sites,
arrests) and the number of columns in reach (recruitment).
"""

from __future__ import annotations

import numpy as np

from model import compiled
from model.rules import control, loyalty
from model.rules.windows import paint_layers

SETTLING_ITERATIONS = 12
"""Rounds of control and loyalty that settle day 0 (assumption: enough for a fixed point at 0.2°)."""


class Control:
    """Each cell's JNIM share of control, its zone, and the fields control leaves for the day.

    Attributes:
        q_control: JNIM share of control of every cell inside Mali.
        s_control: the state's share of control of the same cells (1 − q where no other group is).
        others_field: the other armed groups' strength at each of these cells (fixed).
        state_field: the state's strength within reach of each cell, flat on the padded frame
            (index it with ``grid.frame_cell[cells]``).
        columns_reaching: number of columns within reach of each cell, on the same frame.
        column_cells: the cells of the columns as control painted them (recruitment reads them;
            columns do not move in between).
        shares: population shares held by the state, contested and held by JNIM.
        initial_state_share: the state's share at day 0 (revenue and cohesion compare to it).

    """

    def __init__(self, p: dict, grid, villages):
        self.p = p
        self.grid = grid
        self.village_control_index = grid.control_index(villages.cells)
        self.q_control = np.full(len(grid.control_cells), 0.5)
        self.s_control = np.full(len(grid.control_cells), 0.5)
        self.others_field = other_groups_field(p, grid, villages)
        self.state_field = np.zeros(0)
        self.columns_reaching = np.zeros(0)
        self.column_cells = np.zeros(0, dtype=np.int64)
        self.shares = (0.0, 0.0, 0.0)
        self.initial_state_share = 0.0

    def update(self, column_list: list, forces, villages, rate: float | None = None) -> None:
        """Strength within reach plus armed local support decides each cell's JNIM share.

        Args:
            column_list: the JNIM columns.
            forces: the state's holding, sweeping and patrolling units (:func:`state_forces`).
            villages: the villages (their q and zone are written here).
            rate: share of the gap to its target a cell closes today (default: the table's inertia).

        """
        rate = self.p["control_inertia_per_day"] if rate is None else rate
        grid = self.grid
        self.column_cells = jcells = np.array([u.cell for u in column_list], dtype=np.int64)
        jstrength = np.array([u.combat_strength for u in column_list])
        held, swept, patrolled = forces
        garrisons, sweeps, patrols, jnim, self.columns_reaching = paint_layers(grid.shape, [
            (grid.garrison_reach, held[0], [held[1]], grid.garrison_kernel),
            (grid.control_reach, swept[0], [swept[1]], grid.control_kernel),
            (grid.patrol_reach, patrolled[0], [patrolled[1]], grid.patrol_kernel),
            (grid.control_reach, jcells, [jstrength], grid.control_kernel),
            (grid.control_reach, jcells, [np.ones(len(jcells))])])
        self.state_field = garrisons + sweeps + patrols
        v, frame = villages.arrays, grid.control_frame_cells
        self.q_control, self.s_control, v.q, v.state_share, v.zone = compiled.control_day(
            self.q_control, self.s_control, self.state_field[frame], jnim[frame], self.others_field,
            self.village_control_index, v.loyalty, v.risen, villages.armed_support, villages.networks, rate,
            self.p["control_decisiveness"])
        self.shares = control.control_shares(v.zone, v.population)

    def settle(self, column_list: list, forces, villages) -> None:
        """Iterate control and loyalty to their joint fixed point under the day-0 forces.

        Where no force is in reach, any loyalty is a fixed point; the iteration starts from
        loyalty 1 − regional JNIM presence (assumption) so the strongholds start JNIM-leaning.
        """
        v = villages.arrays
        v.loyalty = 1.0 - self.p["initial_presence_weight"] * villages.presence
        self.q_control = np.full(len(self.grid.control_cells), 0.5)
        self.s_control = np.full(len(self.grid.control_cells), 0.5)
        blame = self.p["blame_attribution"]
        for _ in range(SETTLING_ITERATIONS):
            self.update(column_list, forces, villages, rate=1.0)
            v.loyalty = loyalty.loyalty_target(1.0 - v.state_share, 0.0, blame)
        self.initial_state_share = self.shares[0]

    @property
    def territory_lost(self) -> float:
        """Population share the state held at day 0 and holds no longer."""
        return self.initial_state_share - self.shares[0]

    @property
    def held_share(self) -> float:
        """The state's population share relative to day 0 (revenue scales with it)."""
        return self.shares[0] / self.initial_state_share


def other_groups_field(p: dict, grid, villages) -> np.ndarray:
    """The northern armed groups' strength at each control cell: each region's share, evenly over its villages.

    A fixed presence (assumption): they neither move, fight nor recruit in the model, and they
    court no loyalty (what the model leaves out of them, docs/ODD.md).
    """
    field = np.zeros(len(grid.control_cells))
    region_of = grid.map.region.ravel()[villages.cells]
    index = grid.control_index(villages.cells)
    for region, share in enumerate(grid.map.region_other_groups):
        in_region = region_of == region
        if share > 0 and in_region.any():
            field[index[in_region]] += p["other_armed_groups_fighters"] * share / in_region.sum()
    return field


def state_forces(p: dict, army, russians: list) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Cells and combat strengths of the state's units, by how far they reach: held, swept, patrolled.

    Garrisons and Russian units at their bases hold the ground near them (``garrison_reach_km``);
    FAMa's sweeps reach ``control_reach_km``; active Russian units patrol to ``patrol_reach_km``
    (MODEL_SPEC §2: ACTIVE means offensives, patrols, escorts).
    """
    russian_weight, army_weight = p["russian_combat_weight"], army.weight
    patrols = [u for u in russians if u.fighting]
    based = [u for u in russians if not u.fighting]
    held = (np.concatenate([army.garrisons.cells, [u.cell for u in based]]).astype(np.int64),
            np.concatenate([army.garrisons.strength * army_weight, [u.strength * russian_weight for u in based]]))
    swept = (np.array([u.cell for u in army.sweeps], dtype=np.int64),
             np.array([u.strength * army_weight for u in army.sweeps]))
    patrolled = (np.array([u.cell for u in patrols], dtype=np.int64),
                 np.array([u.strength * russian_weight for u in patrols]))
    return held, swept, patrolled
