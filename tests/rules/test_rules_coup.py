"""The rules of model.rules.coup on hand-computed cases (pure functions, no model)."""

import math

import pytest

from model.rules import coup

WEIGHTS = coup.StressWeights(arrears=0.6, defeats=0.15, shortage=0.15, territory=1.0, protection=0.1)


def test_cohesion_target_sums_weighted_stress():
    assert coup.cohesion_target(0.7, WEIGHTS, 0.5, 0.0, 0.0, 0.0, 0.0) == pytest.approx(0.4)
    assert coup.cohesion_target(0.7, WEIGHTS, 1.0, 1.0, 1.0, 1.0, 1.0) == 0.0
    assert coup.cohesion_target(0.7, WEIGHTS, 0.0, 0.0, 0.0, -0.2, 0.0) == 0.7  # territory gained is no relief


def test_legitimacy_follows_unrest_shortage_and_defeats():
    assert coup.legitimacy_target(0.6, 0.4, 0.5, 1.0, 0.5, 0.2, 0.1) == pytest.approx(0.6 - 0.2 - 0.1 - 0.1)
    assert coup.unrest_target(0.1, 0.2) == 0.0
    assert coup.unrest_target(0.6, 0.2) == pytest.approx(0.5)


def test_attempt_hazard_factors():
    base = coup.attempt_hazard(1e-3, 0.7, 0.6, 0.7, 0.6, 6.0, 3.0, None, 3.0, 270)
    assert base == pytest.approx(1e-3)
    low = coup.attempt_hazard(1e-3, 0.3, 0.6, 0.7, 0.6, 6.0, 3.0, None, 3.0, 270)
    assert low == pytest.approx(1e-3 * math.exp(2.4))
    trapped = coup.attempt_hazard(1e-3, 0.7, 0.6, 0.7, 0.6, 6.0, 3.0, 0, 3.0, 270)
    assert trapped == pytest.approx(3e-3)


def test_counterweight_lowers_success_not_attempts():
    assert coup.success_probability(0.62, 0.5, 0.0) == pytest.approx(0.62)
    assert coup.success_probability(0.62, 0.5, 1.0) == pytest.approx(0.31)


def test_a_purge_disorganises_the_army_for_a_while():
    assert coup.purge_disruption(0.3, None, 90) == 0.0
    assert coup.purge_disruption(0.3, 0, 90) == pytest.approx(0.3)
    assert coup.purge_disruption(0.3, 90, 90) == pytest.approx(0.3 / math.e)
