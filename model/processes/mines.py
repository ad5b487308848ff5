"""The gold mines: who holds each one, and the gold that feeds the state and JNIM."""

from __future__ import annotations

import numpy as np

from model.geography import mine_output


class Mines:
    """Every mine of the map with its output (t/year) and whether it is industrial."""

    def __init__(self, grid, hold_threshold: float):
        self.hold_threshold = hold_threshold
        output = mine_output()
        self.table = [(place.cell, *output[place.name]) for place in grid.map.mines]
        self.cells = np.array([cell for cell, _, _ in self.table], dtype=np.int64)
        self.control_index = grid.control_index(self.cells)
        self.industrial_gold_t = sum(t for _, t, industrial in self.table if industrial)

    def held_by_jnim(self, q_control: np.ndarray) -> list[bool]:
        """For each mine of ``table``, whether JNIM holds its cell."""
        return (q_control[self.control_index] >= self.hold_threshold).tolist()

    def artisanal_tonnes_held_by_jnim(self, q_control: np.ndarray) -> float:
        """Artisanal gold a year from the mines JNIM holds."""
        held = self.held_by_jnim(q_control)
        return sum(t for (_, t, industrial), jnim in zip(self.table, held, strict=True) if not industrial and jnim)

    def industrial_share_held_by_state(self, q_control: np.ndarray) -> float:
        """Share of industrial gold output from mines not held by JNIM."""
        held = self.held_by_jnim(q_control)
        tonnes = sum(t for (_, t, industrial), jnim in zip(self.table, held, strict=True) if industrial and not jnim)
        return tonnes / self.industrial_gold_t
