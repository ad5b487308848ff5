"""The rules of model.rules.fuel_market on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import fuel_market


def test_market_sells_demand_at_official_price_when_stocks_are_comfortable():
    assert fuel_market.market_day(8e6, 1e6, 4.0, 775.0, -0.2, 4000.0) == (1e6, 775.0)


def test_market_price_clears_a_short_release():
    sold, price = fuel_market.market_day(2e6, 1e6, 4.0, 775.0, -0.2, 1e9)
    assert sold == pytest.approx(0.5e6)
    assert price == pytest.approx(775.0 * 0.5 ** (1 / -0.2))  # 32× official


def test_price_cap_and_dry_market():
    assert fuel_market.market_day(0.0, 1e6, 4.0, 775.0, -0.2, 4000.0) == (0.0, 4000.0)


def test_wage_litres_rationing_and_hardship():
    assert fuel_market.litres_per_wage(800.0, 40000.0) == 50.0
    assert fuel_market.rationed_demand(100.0, 2.0, 0.3, 5.0) == 70.0
    assert fuel_market.rationed_demand(100.0, 6.0, 0.3, 5.0) == 100.0
    assert fuel_market.hardship(775.0, 775.0, 0.3) == 0.0
    assert fuel_market.hardship(2 * 775.0, 775.0, 0.3) == pytest.approx(1 - 1 / 1.3)
