"""The rules of model.rules.capital on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import capital


def test_an_assault_is_launched_past_the_margin_and_won_by_a_drawn_contest():
    assert capital.assault_launched(1600.0, 1000.0, 1.5)
    assert not capital.assault_launched(1400.0, 1000.0, 1.5)
    assert capital.assault_success_probability(1000.0, 1000.0, 1.0) == pytest.approx(0.5)
    assert capital.assault_success_probability(2000.0, 1000.0, 2.0) == pytest.approx(0.8)
    assert capital.assault_success_probability(1.0, 0.0, 1.0) == 1.0


def test_the_approaches_help_the_attack_and_defections_weaken_the_defence():
    assert capital.attacking_strength(1000.0, 0.5, 1.0) == pytest.approx(1500.0)
    assert capital.defending_strength(1000.0, 1.0, 0.5) == pytest.approx(1000.0)
    assert capital.defending_strength(1000.0, 0.0, 0.5) == pytest.approx(500.0)  # a broken corps: half defect


def test_collapse():
    assert capital.state_collapses(45, 0.2, 0.2, 45, 0.25)
    assert not capital.state_collapses(44, 0.2, 0.2, 45, 0.25)
    assert not capital.state_collapses(60, 0.3, 0.2, 45, 0.25)
