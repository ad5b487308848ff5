"""The grid the processes share: the map, distances in cells, and the frame control paints on.

Every distance rule of the table is in km; the grid turns each into whole cells once, at the
resolution of the run, so that no process converts units on the fly.
"""

from __future__ import annotations

import numpy as np

from model.geography import MaliMap
from model.rules.windows import Windows, spread_kernel, windows


class Grid:
    """The rasterised map of Mali with the reaches of the rules in cells.

    Attributes:
        map: the map (border, population, regions, towns, mines, corridors).
        n_cells: cells of the whole rectangular grid (inside Mali or not).
        control_cells: flat indices of the cells inside Mali, whose control is tracked.
        frame_cell: index of each grid cell in the padded frame the window sums are painted on.

    """

    def __init__(self, mali: MaliMap, p: dict):
        self.map = mali
        self.shape = mali.shape
        self.n_cells = mali.shape[0] * mali.shape[1]
        self.cell_row, self.cell_col = np.divmod(np.arange(self.n_cells), mali.shape[1])
        self.control_reach = mali.reach_in_cells(p["control_reach_km"])
        self.garrison_reach = mali.reach_in_cells(p["garrison_reach_km"])
        self.sweep_range = mali.reach_in_cells(p["sweep_range_km"])
        self.sweep_speed = mali.reach_in_cells(p["sweep_speed_km_per_day"])
        self.attack_range = mali.reach_in_cells(p["jnim_attack_range_km"])
        self.bamako_reach = mali.reach_in_cells(p["bamako_reach_km"])
        self.patrol_reach = mali.reach_in_cells(p["patrol_reach_km"])
        self.jnim_speed = mali.reach_in_cells(p["jnim_speed_km_per_day"])
        # One padded frame for every window sum: padded by the largest reach.
        pad = max(self.control_reach, self.patrol_reach, self.garrison_reach)
        self.control_windows: Windows = windows(mali.shape, self.control_reach, pad)
        self.patrol_windows: Windows = windows(mali.shape, self.patrol_reach, pad)
        # A unit's strength is spread over its reach by these weights (force to space).
        self.garrison_kernel = spread_kernel(self.garrison_reach, p["force_spread_exponent"])
        self.control_kernel = spread_kernel(self.control_reach, p["force_spread_exponent"])
        self.patrol_kernel = spread_kernel(self.patrol_reach, p["force_spread_exponent"])
        self.frame_cell = self.control_windows.padded_cell
        self.control_cells = np.flatnonzero(mali.inside.ravel())
        self.control_frame_cells = self.frame_cell[self.control_cells]

    @property
    def capital_cell(self) -> int:
        """Bamako's cell."""
        return self.map.capital_cell

    def control_index(self, cells: np.ndarray) -> np.ndarray:
        """Position of each of ``cells`` among the control cells (all must lie inside Mali)."""
        index = np.searchsorted(self.control_cells, cells)
        if np.any(index >= len(self.control_cells)) or np.any(self.control_cells[index] != cells):
            raise ValueError("a village or mine lies outside Mali's border on this grid")
        return index

    def distances(self, from_cells: np.ndarray, to_cells: np.ndarray) -> np.ndarray:
        """Chebyshev distance in cells from each of ``from_cells`` (rows) to each of ``to_cells``."""
        from_cells, to_cells = np.asarray(from_cells, dtype=np.int64), np.asarray(to_cells, dtype=np.int64)
        rows_a, cols_a = self.cell_row[from_cells], self.cell_col[from_cells]
        rows_b, cols_b = self.cell_row[to_cells], self.cell_col[to_cells]
        return np.maximum(np.abs(rows_a[:, None] - rows_b[None, :]), np.abs(cols_a[:, None] - cols_b[None, :]))

    def chebyshev(self, a: int, b: int) -> int:
        """Grid distance in cells between two cells (king moves)."""
        ra, ca = divmod(a, self.shape[1])
        rb, cb = divmod(b, self.shape[1])
        return max(abs(ra - rb), abs(ca - cb))
