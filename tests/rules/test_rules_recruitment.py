"""The rules of model.rules.recruitment on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import recruitment


def test_jnim_recruits_by_hand():
    # far below the ceiling: rate × population × disloyalty × mean(grievance, q) × 2 (risen)
    r = recruitment.jnim_recruits(np.array([1e6]), np.array([0.5]), np.array([0.4]), np.array([0.6]),
                                  np.array([True]), 1e-5, fighters=0.0, ceiling=6000.0)
    assert r[0] == pytest.approx(1e-5 * 1e6 * 0.5 * 0.5 * 2)
    # at three quarters of the ceiling, a quarter of that; at or above it, none
    r = recruitment.jnim_recruits(np.array([1e6]), np.array([0.5]), np.array([0.4]), np.array([0.6]),
                                  np.array([True]), 1e-5, fighters=4500.0, ceiling=6000.0)
    assert r[0] == pytest.approx(0.25 * 1e-5 * 1e6 * 0.5 * 0.5 * 2)
    for fighters, ceiling in ((6000.0, 6000.0), (7000.0, 6000.0), (10.0, 0.0)):
        assert recruitment.jnim_recruits(np.array([1e6]), np.array([0.5]), np.array([0.4]), np.array([0.6]),
                                         np.array([False]), 1e-5, fighters, ceiling)[0] == 0.0


def test_jnim_ceiling_counts_presence_weighted_people_and_widens_with_grievance_blamed_on_the_state():
    population, presence, q = np.array([1e6, 2e6, 5e6]), np.array([1.0, 0.5, 0.0]), np.zeros(3)
    calm = recruitment.jnim_ceiling(population, presence, q, np.zeros(3), 1e-3, grievance_gain=1.0, blame=1.0)
    assert calm == pytest.approx(1e-3 * (1e6 + 1e6))
    assert recruitment.jnim_ceiling(population, presence, q, np.ones(3), 1e-3, 1.0, 1.0) == pytest.approx(2 * calm)
    assert recruitment.jnim_ceiling(population, presence, q, np.ones(3), 1e-3, 0.5, 1.0) == pytest.approx(1.5 * calm)
    assert recruitment.jnim_ceiling(population, presence, q, np.ones(3), 1e-3, 1.0, 0.5) == pytest.approx(1.5 * calm)
    assert recruitment.jnim_ceiling(population, presence, q, np.ones(3), 1e-3, 1.0, 0.0) == pytest.approx(calm)


def test_jnim_ceiling_follows_the_territory_jnim_holds():
    population, presence = np.array([1e6, 2e6, 5e6]), np.array([1.0, 0.5, 0.0])
    held = recruitment.jnim_ceiling(population, presence, np.array([0.0, 0.0, 0.8]), np.zeros(3), 1e-3, 1.0, 0.5)
    assert held == pytest.approx(1e-3 * (1e6 + 1e6 + 0.8 * 5e6))


def test_columns_pay_upkeep_then_buy_recruits_and_broke_columns_lose_fighters():
    cash, fighters = recruitment.pay_and_recruit(
        cash=np.array([0.0, 100.0, 0.0]), fighters=np.array([10.0, 30.0, 0.0]),
        recruits=np.array([5.0, 5.0, 3.0]), income=400.0, upkeep=5.0, desertion=0.1, recruit_cost=10.0)
    # income shared by fighters: 100 and 300; upkeep 50 and 150; the empty column gets nothing
    np.testing.assert_allclose(cash, [0.0, 200.0, 0.0])
    np.testing.assert_allclose(fighters, [15.0, 35.0, 0.0])
    cash, fighters = recruitment.pay_and_recruit(np.array([0.0]), np.array([10.0]), np.array([5.0]),
                                                 income=0.0, upkeep=5.0, desertion=0.1, recruit_cost=10.0)
    assert cash.tolist() == [0.0] and fighters.tolist() == pytest.approx([9.0])


def test_a_new_column_forms_where_the_pool_weighted_by_jnim_presence_is_deepest():
    pool = np.array([5.0, 100.0, 10.0])
    assert recruitment.orphan_column_site(pool, np.array([0.5, 0.0, 1.0])) == 2  # 2.5, 0, 10
    assert recruitment.orphan_column_site(pool, np.array([0.5, 0.0, 0.2])) == 0  # 2.5, 0, 2
    assert recruitment.orphan_column_site(pool, np.zeros(3)) is None
