"""The rules of model.rules.coup on hand-computed cases (pure functions, no model)."""

import math

import pytest

from model.rules import coup


def test_cohesion_target_sums_weighted_stress():
    assert coup.cohesion_target(0.7, 0.5, 0.0, 0.0, 0.0, 0.0) == pytest.approx(0.4)
    assert coup.cohesion_target(0.7, 1.0, 1.0, 1.0, 1.0, 1.0) == 0.0


def test_coup_hazard_factors():
    base = coup.coup_hazard(1e-3, 0.7, 0.6, 0.7, 0.6, 6.0, 3.0, None, 3.0, 270, 0.5, 0.0)
    assert base == pytest.approx(1e-3)
    low = coup.coup_hazard(1e-3, 0.3, 0.6, 0.7, 0.6, 6.0, 3.0, None, 3.0, 270, 0.5, 0.0)
    assert low == pytest.approx(1e-3 * math.exp(2.4))
    trapped = coup.coup_hazard(1e-3, 0.7, 0.6, 0.7, 0.6, 6.0, 3.0, 0, 3.0, 270, 0.5, 0.0)
    assert trapped == pytest.approx(3e-3)
    guarded = coup.coup_hazard(1e-3, 0.7, 0.6, 0.7, 0.6, 6.0, 3.0, None, 3.0, 270, 0.5, 1.0)
    assert guarded == pytest.approx(0.5e-3)
