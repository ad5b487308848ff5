"""Square windows on the grid: what lies within reach of a cell, as exact sums.

Every rule that asks "how much of X is within ``reach`` cells" (control, recruitment) uses a
square window of half-width ``reach`` (Chebyshev distance). Units are few and the grid is
large, so a window sum is computed by painting each unit's window onto a zero-padded copy of
the grid (one ``bincount``), or by gathering one window per unit, rather than by filtering
the whole grid. Both give exact sums of the values in reach, in a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Windows:
    """The square windows of one half-width on one grid.

    Attributes:
        shape: grid shape (rows, cols).
        reach: half-width of a window in cells.
        padded_cell: index of each grid cell in the grid padded by ``reach`` on every side.
        offsets: flat offsets of a window's cells from its centre, in the padded grid.

    """

    shape: tuple[int, int]
    reach: int
    padded_cell: np.ndarray
    offsets: np.ndarray

    @property
    def padded_shape(self) -> tuple[int, int]:
        """Shape of the grid padded by ``reach`` on every side."""
        return self.shape[0] + 2 * self.reach, self.shape[1] + 2 * self.reach

    def window_cells(self, cells: np.ndarray) -> np.ndarray:
        """Padded indices of the window around each cell, one row per cell."""
        return self.padded_cell[cells][:, None] + self.offsets[None, :]

    def paint(self, cells: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Sum, at every cell of the grid, of the values of the units within reach of it.

        Args:
            cells: flat cell index of each unit.
            values: value of each unit (strength, or 1 to count units).

        Returns:
            A grid of ``shape``.

        """
        rows, cols = self.padded_shape
        painted = np.bincount(self.window_cells(np.asarray(cells, dtype=np.int64)).ravel(),
                              weights=np.repeat(np.asarray(values, dtype=float), len(self.offsets)),
                              minlength=rows * cols).reshape(rows, cols)
        r = self.reach
        # bincount returns integers when there are no units at all
        return np.ascontiguousarray(painted[r:r + self.shape[0], r:r + self.shape[1]], dtype=float)

    def gather(self, grid: np.ndarray, cells: np.ndarray) -> np.ndarray:
        """Sum of a grid over the window around each of ``cells``."""
        padded = np.zeros(self.padded_shape)
        r = self.reach
        padded[r:r + self.shape[0], r:r + self.shape[1]] = grid.reshape(self.shape)
        return padded.ravel()[self.window_cells(np.asarray(cells, dtype=np.int64))].sum(axis=1)


@lru_cache(maxsize=32)
def windows(shape: tuple[int, int], reach: int) -> Windows:
    """The windows of half-width ``reach`` on a grid of ``shape`` (built once per pair)."""
    n_rows, n_cols = shape
    padded_cols = n_cols + 2 * reach
    rows, cols = np.divmod(np.arange(n_rows * n_cols), n_cols)
    padded_cell = (rows + reach) * padded_cols + (cols + reach)
    dr, dc = np.meshgrid(np.arange(-reach, reach + 1), np.arange(-reach, reach + 1), indexing="ij")
    offsets = (dr * padded_cols + dc).ravel()
    padded_cell.flags.writeable = False
    offsets.flags.writeable = False
    return Windows(shape, reach, padded_cell, offsets)
