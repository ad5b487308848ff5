"""The rules of model.rules.control on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import control


def test_contest_share_and_empty_cells():
    q, s = control.contest_shares(np.array([3.0, 0.0, 1.0]), np.array([1.0, 0.0, 3.0]), np.zeros(3))
    np.testing.assert_allclose(q, [0.75, 0.5, 0.25])
    np.testing.assert_allclose(s, 1.0 - q)


def test_ground_held_by_other_armed_groups_is_contested_and_gives_jnim_nothing():
    q, s = control.contest_shares(np.array([0.0, 1.0, 0.0]), np.array([0.0, 1.0, 1.0]), np.array([5.0, 2.0, 1.0]))
    np.testing.assert_allclose(q, [0.0, 0.25, 0.0])
    np.testing.assert_allclose(s, [0.0, 0.25, 0.5])
    # All the others' ground is contested (3); half state, half others is state-dominant (2).
    assert control.zones(control.zone_share(q, s)).tolist() == [3, 3, 2]


def test_zones_and_shares():
    zone = control.zones(np.array([0.0, 0.19, 0.2, 0.5, 0.79, 0.8, 1.0]))
    assert zone.tolist() == [1, 1, 2, 3, 4, 5, 5]
    state, contested, jnim = control.control_shares(np.array([1, 2, 3, 4, 5]), np.array([1.0, 1, 2, 3, 3]))
    assert (state, contested, jnim) == pytest.approx((0.2, 0.2, 0.6))


def test_relax_moves_a_fraction_of_the_gap():
    assert control.relax(np.array([0.0]), np.array([1.0]), 0.25)[0] == pytest.approx(0.25)
