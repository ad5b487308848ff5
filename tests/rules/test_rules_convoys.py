"""The rules of model.rules.convoys on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import convoys


def test_fear_and_restocking_shape_departures():
    assert convoys.tankers_setting_out(100.0, 0.0, 4.0, 8.0, 8.0, 0.5, 2.0) == pytest.approx(100.0)
    assert convoys.tankers_setting_out(100.0, 0.25, 4.0, 8.0, 8.0, 0.5, 2.0) == pytest.approx(50.0)
    assert convoys.tankers_setting_out(100.0, 0.0, 4.0, 0.0, 8.0, 0.5, 2.0) == pytest.approx(150.0)
    assert convoys.tankers_setting_out(100.0, 0.0, 4.0, 0.0, 8.0, 0.5, 1.2) == pytest.approx(120.0)  # capped


def test_ambush_losses_match_the_kayes_nioro_fact():
    burned, diverted = convoys.ambush_losses(80, 0.375, 0.1)
    assert (burned, diverted) == (30, 8)  # 20-40 of 80+ burned (14 Sep 2025)


def test_escort_deters_attacks():
    assert convoys.ambush_attack_probability(0.5, 100.0, 0.0) == 0.5
    assert convoys.ambush_attack_probability(0.5, 100.0, 200.0) == pytest.approx(0.25)
