"""The rules of model.rules.columns on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import columns


def test_a_split_off_column_founds_its_base_among_the_weighted_villages_near_its_parent():
    cells = np.array([10, 11, 12, 40])
    weights = columns.base_weights(np.array([100.0, 400.0, 900.0, 1e6]), np.array([1.0, 1.0, 0.0, 1.0]))
    np.testing.assert_allclose(weights, [10.0, 20.0, 0.0, 1000.0])
    near = np.array([True, True, True, False])  # the village of cell 40 is out of reach
    # of the weight 30 near home, cell 10 holds the first third, cell 11 the rest
    assert columns.new_base(11, cells, weights, near, u=0.2) == 10
    assert columns.new_base(11, cells, weights, near, u=0.5) == 11
    assert columns.new_base(12, cells, weights, np.array([False, False, True, False]), u=0.5) == 12  # no weight: stays


def test_choose_follows_cumulative_weights():
    w = np.array([1.0, 0.0, 3.0])
    assert columns.choose(w, 0.1) == 0
    assert columns.choose(w, 0.3) == 2
    assert columns.choose(w, 0.999) == 2


@pytest.mark.parametrize("n", [5, 40])
def test_choose_draws_the_same_index_in_python_and_numpy(n):
    rng = np.random.default_rng(n)
    for _ in range(200):
        weights, u = rng.random(n) * (rng.random(n) < 0.7), rng.random()
        cumulative = np.cumsum(weights)
        expected = min(int(np.searchsorted(cumulative, u * cumulative[-1], side="right")), n - 1)
        assert columns.choose(list(weights), u) == expected


def test_split_and_step():
    assert columns.split_sizes(15.0, 0.5, 10.0) is None
    big, small = columns.split_sizes(100.0, 0.0, 10.0)
    assert (big, small) == pytest.approx((80.0, 20.0))


def test_advance_moves_at_most_the_speed_along_each_axis():
    n_cols = 13
    start, target = 0, 10 * n_cols + 2  # (0, 0) toward (10, 2) at 3 cells a day
    assert columns.advance(np.array([start]), np.array([target]), 3, n_cols).tolist() == [3 * n_cols + 2]
    rng = np.random.default_rng(3)
    cells, targets, speeds = rng.integers(0, 117, 50), rng.integers(0, 117, 50), rng.integers(1, 4, 50)
    for cell, target, speed, new in zip(cells, targets, speeds, columns.advance(cells, targets, speeds, n_cols),
                                        strict=True):
        (r, c), (tr, tc), (nr, nc) = divmod(cell, n_cols), divmod(target, n_cols), divmod(new, n_cols)
        assert (nr, nc) == (r + max(-speed, min(speed, tr - r)), c + max(-speed, min(speed, tc - c)))


APPEAL = columns.TaskAppeal(ambush=0.5, attack=0.4, rest=0.5, siege=8.0, siege_cohesion_threshold=0.5,
                            siege_odds_threshold=0.5)


def test_no_siege_while_the_officer_corps_holds():
    weights = columns.task_weights(0.5, 0.7, 1.0, 0.6, 3.0, APPEAL)
    assert weights[columns.TASKS.index("siege")] == 0.0
    weights = columns.task_weights(0.5, 0.7, 1.0, 0.3, 3.0, APPEAL)
    assert weights[columns.TASKS.index("siege")] == pytest.approx(8.0 * 0.2 * 2.5)
    assert weights[:4] == pytest.approx([0.25, 1.0, 0.4, 0.15])
