"""The rules of model.rules.fuel_market on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import fuel_market

RULES = fuel_market.MarketRules(official=775.0, elasticity=-0.2, budget_multiple=2.5, informal_share=0.4,
                                smuggled_share=0.0, transport_share=0.3)


def test_sellers_release_a_full_day_while_comfortable_and_stretch_a_short_stock():
    assert fuel_market.release(8e6, 1e6, 4.0) == 1e6
    assert fuel_market.release(2e6, 1e6, 4.0) == pytest.approx(0.5e6)
    assert fuel_market.release(0.0, 1e6, 4.0) == 0.0


def test_the_ban_withholds_rural_sales_and_both_markets_share_a_shortage():
    assert fuel_market.split_release(10.0, 3.0, 7.0, 0.0) == (3.0, 7.0)
    assert fuel_market.split_release(5.0, 3.0, 7.0, 0.0) == pytest.approx((1.5, 3.5))
    bamako, rural = fuel_market.split_release(10.0, 3.0, 7.0, 1.0)
    assert (bamako, rural) == (3.0, 0.0)


def test_the_informal_price_follows_the_curve_then_the_budget():
    assert fuel_market.informal_price(1.0, 1.0, RULES) == 775.0
    mild = fuel_market.informal_price(0.9, 1.0, RULES)
    assert mild == pytest.approx(775.0 * 0.9 ** -5)  # on the curve: budgets do not bind yet
    kink = 775.0 * 2.5 ** (1 / 0.8)
    assert mild < kink
    assert fuel_market.informal_price(0.5, 1.0, RULES) == pytest.approx(2.5 * 775.0 / 0.5)  # budget / supply
    half = fuel_market.informal_price(0.5, 1.0, RULES)
    assert fuel_market.informal_price(0.25, 1.0, RULES) == pytest.approx(2 * half)


def test_stations_sell_at_the_official_price_and_the_informal_market_clears_the_rest():
    sold, price, average = fuel_market.market_day(1.0, 1.0, RULES)
    assert (sold, price, average) == (1.0, 775.0, 775.0)
    sold, price, average = fuel_market.market_day(0.5, 1.0, RULES)
    assert sold == pytest.approx(0.5)
    assert price == pytest.approx(fuel_market.informal_price(0.2, 0.7, RULES))  # 0.3 at stations, 0.2 left over
    assert average == pytest.approx((0.3 * 775.0 + 0.2 * price) / 0.5)
    assert 775.0 < average < price


def test_wage_litres_rationing_and_hardship():
    assert fuel_market.litres_per_wage(800.0, 40000.0) == 50.0
    assert fuel_market.rationed_demand(100.0, 2.0, 0.3, 5.0) == 70.0
    assert fuel_market.rationed_demand(100.0, 6.0, 0.3, 5.0) == 100.0
    assert fuel_market.hardship(775.0, 775.0, 0.3) == 0.0
    assert fuel_market.hardship(2 * 775.0, 775.0, 0.3) == pytest.approx(1 - 1 / 1.3)
