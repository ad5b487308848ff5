"""The rules of model.rules.taxation on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import taxation


def test_zakat_full_in_jnim_zones_half_where_contested():
    income = taxation.zakat(np.array([100.0, 100.0, 100.0]), np.array([5, 3, 1]), 0.1, 300.0)
    assert income == pytest.approx(0.1 * 300 * 150)


def test_state_revenue_parts():
    assert taxation.state_revenue(100.0, 1, 1, 1, 1, 0.15, 0.2) == pytest.approx(100.0)
    assert taxation.state_revenue(100.0, 0.5, 1, 0, 1, 0.15, 0.2) == pytest.approx(100 * (0.65 * 0.5 + 0.2))


def test_pay_never_goes_below_the_floor():
    assert taxation.pay(10.0, 5.0, 30.0) == (0.0, 15.0)
    assert taxation.pay(10.0, 5.0, 3.0) == (12.0, 0.0)


def test_a_short_treasury_pays_by_priority_or_pro_rata():
    assert taxation.pay_by_priority(100.0, [50.0, 30.0, 40.0]) == [50.0, 30.0, 20.0]
    assert taxation.pay_by_priority(60.0, [50.0, 30.0, 40.0]) == [50.0, 10.0, 0.0]
    assert taxation.pay_by_priority(-5.0, [50.0, 30.0]) == [0.0, 0.0]
    assert taxation.pay_by_priority(60.0, [50.0, 30.0, 40.0], pro_rata=True) == pytest.approx([25.0, 15.0, 20.0])
