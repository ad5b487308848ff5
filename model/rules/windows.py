"""Square windows on the grid: what lies within reach of a cell, as exact sums.

Every rule that asks "how much of X is within ``reach`` cells" (control, recruitment) uses a
square window of half-width ``reach`` (Chebyshev distance). Units are few and the grid is
large, so a window sum is computed by painting each unit's window onto a zero-padded copy of
the grid (a compiled loop), or by gathering one window per unit, rather than by filtering
the whole grid. Both give exact sums of the values in reach, in a fixed order.

Several window sums a day (state, patrols, JNIM, column counts) are painted together by
:func:`paint_layers` on a grid padded by the largest reach, in one compiled loop per layer; a
layer's sum at a cell then is one look-up at the cell's padded index (``Windows.padded_cell``).

A unit's *strength* is spread over its window (force to space, :func:`spread_kernel`): the
weights of a window sum to one, so a unit adds its strength once to the map, most of it near
its cell. A *count* (columns in reach) is painted with weight one in every cell of the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numba import njit

from model import portable_math as pm


@dataclass(frozen=True)
class Windows:
    """The square windows of one half-width on one grid.

    Attributes:
        shape: grid shape (rows, cols).
        reach: half-width of a window in cells.
        pad: cells of zero padding on every side (at least ``reach``).
        padded_cell: index of each grid cell in the padded grid.
        offsets: flat offsets of a window's cells from its centre, in the padded grid.

    """

    shape: tuple[int, int]
    reach: int
    pad: int
    padded_cell: np.ndarray
    offsets: np.ndarray

    @property
    def padded_shape(self) -> tuple[int, int]:
        """Shape of the grid padded by ``pad`` on every side."""
        return self.shape[0] + 2 * self.pad, self.shape[1] + 2 * self.pad

    @property
    def padded_size(self) -> int:
        """Number of cells of the padded grid."""
        rows, cols = self.padded_shape
        return rows * cols

    def interior(self, padded: np.ndarray) -> np.ndarray:
        """The grid's cells of a flat padded array, as a (rows, cols) view."""
        r = self.pad
        return padded.reshape(self.padded_shape)[r:r + self.shape[0], r:r + self.shape[1]]

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
        painted = paint_layers(self.shape, [(self.reach, cells, [values])])[0]
        return np.ascontiguousarray(windows(self.shape, self.reach).interior(painted))

    def gather(self, grid: np.ndarray, cells: np.ndarray) -> np.ndarray:
        """Sum of a grid over the window around each of ``cells``."""
        padded = np.zeros(self.padded_size)
        self.interior(padded)[:] = grid.reshape(self.shape)
        return self.gather_padded(padded, cells)

    def gather_padded(self, padded: np.ndarray, cells: np.ndarray) -> np.ndarray:
        """Sum of a flat padded grid (zero in the padding) over the window around each of ``cells``."""
        return padded[self.window_cells(np.asarray(cells, dtype=np.int64))].sum(axis=1)


def spread_kernel(reach: int, exponent: float) -> np.ndarray:
    """Weights of a window's cells, in the order of ``Windows.offsets``, that spread a unit's strength.

    A cell at Chebyshev distance d from the unit gets a weight proportional to (1 + d)^−exponent,
    normalised so the weights sum to one: exponent 0 spreads the strength evenly over the window,
    larger exponents keep more of it at the unit's own cell (a garrison holds its town firmly and
    its surroundings less).
    """
    d = np.arange(-reach, reach + 1)
    ring = np.maximum(np.abs(d)[:, None], np.abs(d)[None, :]).ravel()
    weight = pm.power(1.0 + ring, -float(exponent))
    return weight / weight.sum()


def paint_layers(shape: tuple[int, int], layers: list[tuple]) -> np.ndarray:
    """Paint several window sums at once, each as :meth:`Windows.paint` would, on one padded grid.

    Each cell of a layer receives its units' values in the units' order, as a separate paint
    would, so the sums are the same to the last bit.

    Args:
        shape: grid shape.
        layers: (reach, cells of the units, values[, kernel]) of each group of units, where values
            holds one array (a value per unit) for each layer to paint from these units, and the
            optional kernel (:func:`spread_kernel`) weighs the window's cells (default: one each).

    Returns:
        An array (layers, padded cells), flat on the grid padded by the largest reach; read a
        layer at grid cells through ``windows(shape, reach, pad).padded_cell``.

    """
    pad = max(layer[0] for layer in layers)
    size = windows(shape, pad).padded_size
    n_layers = sum(len(layer[2]) for layer in layers)
    painted = np.zeros((n_layers, size))
    layer = 0
    for reach, cells, values, *kernel in layers:
        window = windows(shape, reach, pad)
        at = window.padded_cell[np.asarray(cells, dtype=np.int64)]
        weights = kernel[0] if kernel else np.ones(len(window.offsets))
        for layer_values in values:
            _paint(painted[layer], at, window.offsets, weights, np.asarray(layer_values, dtype=float))
            layer += 1
    return painted


@njit(cache=True)
def _paint(out, at, offsets, weights, values):
    """Add each unit's value, weighed by the window's kernel, to every cell of its window (compiled).

    Units are added in their order, so each cell's sum is rounded as ``np.bincount`` of the
    same windows would round it (``tests/simulation/test_compiled.py``), without building its index arrays.
    """
    for u in range(len(at)):
        for k in range(len(offsets)):
            out[at[u] + offsets[k]] += values[u] * weights[k]


@lru_cache(maxsize=32)
def windows(shape: tuple[int, int], reach: int, pad: int | None = None) -> Windows:
    """The windows of half-width ``reach`` on a grid of ``shape`` padded by ``pad`` (default ``reach``)."""
    pad = reach if pad is None else pad
    if pad < reach:
        raise ValueError(f"padding {pad} is narrower than the reach {reach}")
    n_rows, n_cols = shape
    padded_cols = n_cols + 2 * pad
    rows, cols = np.divmod(np.arange(n_rows * n_cols), n_cols)
    padded_cell = (rows + pad) * padded_cols + (cols + pad)
    dr, dc = np.meshgrid(np.arange(-reach, reach + 1), np.arange(-reach, reach + 1), indexing="ij")
    offsets = (dr * padded_cols + dc).ravel()
    padded_cell.flags.writeable = False
    offsets.flags.writeable = False
    return Windows(shape, reach, pad, padded_cell, offsets)
