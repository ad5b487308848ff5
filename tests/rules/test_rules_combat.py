"""The rules of model.rules.combat on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import combat


def test_contest_win_probability():
    assert combat.contest_win_probability(3.0, 1.0) == pytest.approx(0.75)
    assert combat.contest_win_probability(1.0, 0.0) == 1.0
    assert combat.contest_win_probability(0.0, 1.0) == 0.0


def test_lanchester_losses_with_engagement_cap():
    att, dfn = combat.lanchester_losses(100.0, 1000.0, attacker_won=False, intensity=0.1)
    assert (att, dfn) == pytest.approx((20.0, 5.0))  # defender engages 200, attacker 100
