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

    def held_by_jnim(self, q_control: np.ndarray) -> list[bool]:
        """For each mine of ``table``, whether JNIM holds its cell."""
        return (q_control[self.control_index] >= self.hold_threshold).tolist()

    def artisanal_tonnes_taxed_by_jnim(self, q_control: np.ndarray) -> float:
        """Artisanal gold a year that JNIM taxes: each zone's output times JNIM's mean share around it.

        An artisanal zone is many dispersed sites (more than 350 in Mali [R/M]), not one pit: JNIM
        taxes the share of them it controls, the mean of its share over the cells within reach of
        the zone's centre, rather than all or nothing at a threshold.
        """
        windows, grid = self.grid.control_windows, self.grid
        q = np.zeros(grid.n_cells)
        q[grid.control_cells] = q_control
        inside = np.zeros(grid.n_cells)
        inside[grid.control_cells] = 1.0
        artisanal = [(cell, t) for cell, t, industrial in self.table if not industrial and t > 0]
        cells = np.array([cell for cell, _ in artisanal], dtype=np.int64)
        share = windows.gather(q, cells) / np.maximum(windows.gather(inside, cells), 1.0)
        return float(sum(t * s for (_, t), s in zip(artisanal, share.tolist(), strict=True)))

    def industrial_share_held_by_state(self, q_control: np.ndarray) -> float:
        """Share of industrial gold output from mines not held by JNIM."""
        held = self.held_by_jnim(q_control)
        tonnes = sum(t for (_, t, industrial), jnim in zip(self.table, held, strict=True) if industrial and not jnim)
        return tonnes / self.industrial_gold_t
