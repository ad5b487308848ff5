"""The rules of model.rules.control on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import control


def test_contest_share_and_empty_cells():
    q = control.jnim_share_target(np.array([3.0, 0.0, 1.0]), np.array([1.0, 0.0, 3.0]))
    np.testing.assert_allclose(q, [0.75, 0.5, 0.25])


def test_zones_and_shares():
    zone = control.zones(np.array([0.0, 0.19, 0.2, 0.5, 0.79, 0.8, 1.0]))
    assert zone.tolist() == [1, 1, 2, 3, 4, 5, 5]
    state, contested, jnim = control.control_shares(np.array([1, 2, 3, 4, 5]), np.array([1.0, 1, 2, 3, 3]))
    assert (state, contested, jnim) == pytest.approx((0.2, 0.2, 0.6))


def test_relax_moves_a_fraction_of_the_gap():
    assert control.relax(np.array([0.0]), np.array([1.0]), 0.25)[0] == pytest.approx(0.25)
