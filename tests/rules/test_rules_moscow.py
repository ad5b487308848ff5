"""The rules of model.rules.moscow on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import moscow


def test_goodwill_answers_and_drift():
    assert moscow.answer_demand(0.45, True, 0.2, 0.2) == pytest.approx(0.25)
    assert moscow.answer_demand(0.95, False, 0.2, 0.2) == 1.0
    assert moscow.drift_goodwill(0.3, 0.1, paid=True) == pytest.approx(0.32)
    assert moscow.drift_goodwill(0.3, 0.1, paid=False) == pytest.approx(0.27)


def test_stand_down_with_hysteresis():
    assert moscow.units_to_stand_down(4, 0.5, 0.2, 0.3, 0) == 2
    assert moscow.units_to_stand_down(4, 0.5, 0.35, 0.3, 2) == 2  # inside the band: unchanged
    assert moscow.units_to_stand_down(4, 0.5, 0.45, 0.3, 2) == 0
