"""The rules of model.rules.windows on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import recruitment
from model.rules.windows import paint_layers, spread_kernel, windows


def test_a_square_window_of_strength_around_one_unit():
    field = windows((5, 5), 1).paint(np.array([12]), np.array([10.0]))
    expected = np.zeros((5, 5))
    expected[1:4, 1:4] = 10.0  # cell 12 is (2, 2); its 3×3 window
    np.testing.assert_allclose(field, expected)


def brute_force_window_sums(cells, values, shape, reach):
    """Reference: add each unit's value to every cell within Chebyshev distance ``reach``."""
    field = np.zeros(shape)
    for cell, value in zip(cells, values, strict=True):
        r, c = divmod(int(cell), shape[1])
        field[max(0, r - reach):r + reach + 1, max(0, c - reach):c + reach + 1] += value
    return field


@pytest.mark.parametrize("reach", [0, 1, 3, 7])
def test_windows_paint_and_gather_equal_brute_force_sums_even_at_the_edges(reach):
    shape = (9, 13)
    rng = np.random.default_rng(reach)
    cells = np.concatenate([[0, 12, 104, 116], rng.integers(0, 117, 20)])  # the four corners, then any
    values = rng.random(len(cells))
    window = windows(shape, reach)
    expected = brute_force_window_sums(cells, values, shape, reach)
    np.testing.assert_allclose(window.paint(cells, values), expected, rtol=1e-12)
    grid = rng.random(shape)
    by_unit = [brute_force_window_sums([cell], [1.0], shape, reach).ravel() @ grid.ravel() for cell in cells]
    np.testing.assert_allclose(window.gather(grid, cells), by_unit, rtol=1e-12)


def test_layers_painted_together_equal_separate_paints_to_the_last_bit():
    shape = (9, 13)
    rng = np.random.default_rng(7)
    cells = [rng.integers(0, 117, n) for n in (30, 5, 12)]
    values = [rng.random(len(c)) * 10.0 ** rng.integers(-3, 4, len(c)) for c in cells]
    layers = paint_layers(shape, [(1, cells[0], [values[0]]), (3, cells[1], [values[1]]),
                                  (1, cells[2], [values[2], np.ones(len(cells[2]))])])
    frame = windows(shape, 1, pad=3)
    separate = [windows(shape, 1).paint(cells[0], values[0]), windows(shape, 3).paint(cells[1], values[1]),
                windows(shape, 1).paint(cells[2], values[2]), windows(shape, 1).paint(cells[2], np.ones(12))]
    for layer, alone in zip(layers, separate, strict=True):
        assert np.array_equal(frame.interior(layer), alone)
    with pytest.raises(ValueError, match="narrower"):
        windows(shape, 3, pad=1)


def test_windows_with_no_units_paint_a_float_grid_of_zeros():
    field = windows((4, 5), 1).paint(np.array([], dtype=np.int64), np.array([]))
    assert field.dtype == float and field.shape == (4, 5) and not field.any()
    field += 0.5  # the model adds local support to it in place


def test_recruits_are_shared_among_the_columns_in_reach():
    # a 1×7 strip: pool 6 at cell 3; columns at cells 2 and 4 both reach it (reach 1);
    # pool 5 at cell 0 is reached by no column.
    recruits, orphans = recruitment.recruits_by_reach(
        np.array([3, 0]), np.array([6.0, 5.0]), np.array([2, 4]), windows((1, 7), 1))
    np.testing.assert_allclose(recruits, [3.0, 3.0])
    assert orphans == 5.0


@pytest.mark.parametrize("exponent", [0.0, 2.0, 3.5])
def test_a_spread_unit_adds_its_strength_once_and_most_of_it_at_its_own_cell(exponent):
    shape, reach = (9, 9), 2
    kernel = spread_kernel(reach, exponent)
    painted = paint_layers(shape, [(reach, np.array([40]), [np.array([300.0])], kernel)])[0]
    field = windows(shape, reach).interior(painted)
    assert field.sum() == pytest.approx(300.0)  # force is conserved over space
    assert field[4, 4] == field.max()
    assert field[4, 4] == pytest.approx(300.0 / 25 if exponent == 0 else 300.0 * kernel[12])
    if exponent > 0:
        assert field[4, 5] > field[4, 6] > 0  # it thins out with distance
