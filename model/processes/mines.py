"""The gold mines: who holds each one, and the gold that feeds the state and JNIM."""

from __future__ import annotations

import numpy as np

from model.geography import mine_output


class Mines:
    """Every mine of the map with its output (t/year) and whether it is industrial."""

    def __init__(self, grid, hold_threshold: float):
        self.grid = grid
        self.hold_threshold = hold_threshold
        output = mine_output()
        self.table = [(place.cell, *output[place.name]) for place in grid.map.mines]
        self.cells = np.array([cell for cell, _, _ in self.table], dtype=np.int64)
        self.control_index = grid.control_index(self.cells)
        self.industrial_gold_t = sum(t for _, t, industrial in self.table if industrial)
        self.artisanal_windows = self._artisanal_windows()

    def held_by_jnim(self, q_control: np.ndarray) -> list[bool]:
        """For each mine of ``table``, whether JNIM holds its cell."""
        return (q_control[self.control_index] >= self.hold_threshold).tolist()

    def artisanal_tonnes_taxed_by_jnim(self, q_control: np.ndarray) -> float:
        """Artisanal gold a year that JNIM taxes: each zone's output times JNIM's mean share around it.

        An artisanal zone is many dispersed sites (more than 350 in Mali [R/M]), not one pit: JNIM
        taxes the share of them it controls, the mean of its share over the cells inside Mali
        within ``control_reach_km`` of the zone's centre, rather than all or nothing at a threshold.
        """
        q = np.append(q_control, 0.0)  # index −1: a cell of the window outside Mali counts 0, as in a window sum
        return float(sum(t * (q[cells].sum() / max(int((cells >= 0).sum()), 1)) for t, cells in self.artisanal_windows))

    def _artisanal_windows(self) -> list[tuple[float, np.ndarray]]:
        """Each artisanal zone's output and its window's cells as control indices (−1 outside Mali).

        The window's cells keep the order and the zeros of a padded window sum, so the mean is
        summed exactly as ``Windows.gather`` sums it.
        """
        grid, windows = self.grid, self.grid.control_windows
        position = np.full(windows.padded_size, -1)
        position[windows.padded_cell[grid.control_cells]] = np.arange(len(grid.control_cells))
        zones = [(cell, t) for cell, t, industrial in self.table if not industrial and t > 0]
        padded = windows.window_cells(np.array([cell for cell, _ in zones], dtype=np.int64))
        return [(t, position[padded[k]]) for k, (_, t) in enumerate(zones)]

    def industrial_share_held_by_state(self, q_control: np.ndarray) -> float:
        """Share of industrial gold output from mines not held by JNIM."""
        held = self.held_by_jnim(q_control)
        tonnes = sum(t for (_, t, industrial), jnim in zip(self.table, held, strict=True) if industrial and not jnim)
        return tonnes / self.industrial_gold_t
