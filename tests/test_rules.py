"""Each rule on hand-computed cases (pure functions, no model)."""

import math

import numpy as np
import pytest

from model.rules import (
    capital,
    columns,
    combat,
    control,
    convoys,
    coup,
    fuel_market,
    loyalty,
    moscow,
    negotiation,
    recruitment,
    taxation,
    uprising,
)
from model.rules.windows import paint_layers, windows


# --- 1 control ----------------------------------------------------------------------------------
def test_a_square_window_of_strength_around_one_unit():
    field = windows((5, 5), 1).paint(np.array([12]), np.array([10.0]))
    expected = np.zeros((5, 5))
    expected[1:4, 1:4] = 10.0  # cell 12 is (2, 2); its 3×3 window
    np.testing.assert_allclose(field, expected)


def brute_force_window_sums(cells, values, shape, reach):
    """Reference: add each unit's value to every cell within Chebyshev distance ``reach``."""
    field = np.zeros(shape)
    for cell, value in zip(cells, values, strict=True):
        r, c = divmod(int(cell), shape[1])
        field[max(0, r - reach):r + reach + 1, max(0, c - reach):c + reach + 1] += value
    return field


@pytest.mark.parametrize("reach", [0, 1, 3, 7])
def test_windows_paint_and_gather_equal_brute_force_sums_even_at_the_edges(reach):
    shape = (9, 13)
    rng = np.random.default_rng(reach)
    cells = np.concatenate([[0, 12, 104, 116], rng.integers(0, 117, 20)])  # the four corners, then any
    values = rng.random(len(cells))
    window = windows(shape, reach)
    expected = brute_force_window_sums(cells, values, shape, reach)
    np.testing.assert_allclose(window.paint(cells, values), expected, rtol=1e-12)
    grid = rng.random(shape)
    by_unit = [brute_force_window_sums([cell], [1.0], shape, reach).ravel() @ grid.ravel() for cell in cells]
    np.testing.assert_allclose(window.gather(grid, cells), by_unit, rtol=1e-12)


def test_layers_painted_together_equal_separate_paints_to_the_last_bit():
    shape = (9, 13)
    rng = np.random.default_rng(7)
    cells = [rng.integers(0, 117, n) for n in (30, 5, 12)]
    values = [rng.random(len(c)) * 10.0 ** rng.integers(-3, 4, len(c)) for c in cells]
    layers = paint_layers(shape, [(1, cells[0], [values[0]]), (3, cells[1], [values[1]]),
                                  (1, cells[2], [values[2], np.ones(len(cells[2]))])])
    frame = windows(shape, 1, pad=3)
    separate = [windows(shape, 1).paint(cells[0], values[0]), windows(shape, 3).paint(cells[1], values[1]),
                windows(shape, 1).paint(cells[2], values[2]), windows(shape, 1).paint(cells[2], np.ones(12))]
    for layer, alone in zip(layers, separate, strict=True):
        assert np.array_equal(frame.interior(layer), alone)
    with pytest.raises(ValueError, match="narrower"):
        windows(shape, 3, pad=1)


def test_windows_with_no_units_paint_a_float_grid_of_zeros():
    field = windows((4, 5), 1).paint(np.array([], dtype=np.int64), np.array([]))
    assert field.dtype == float and field.shape == (4, 5) and not field.any()
    field += 0.5  # the model adds local support to it in place


def test_contest_share_and_empty_cells():
    q = control.jnim_share_target(np.array([3.0, 0.0, 1.0]), np.array([1.0, 0.0, 3.0]))
    np.testing.assert_allclose(q, [0.75, 0.5, 0.25])


def test_zones_and_shares():
    zone = control.zones(np.array([0.0, 0.19, 0.2, 0.5, 0.79, 0.8, 1.0]))
    assert zone.tolist() == [1, 1, 2, 3, 4, 5, 5]
    state, contested, jnim = control.control_shares(np.array([1, 2, 3, 4, 5]), np.array([1.0, 1, 2, 3, 3]))
    assert (state, contested, jnim) == pytest.approx((0.2, 0.2, 0.6))


def test_relax_moves_a_fraction_of_the_gap():
    assert control.relax(np.array([0.0]), np.array([1.0]), 0.25)[0] == pytest.approx(0.25)


# --- 2 loyalty ----------------------------------------------------------------------------------
def test_loyalty_target_blames_hardship_on_the_state():
    assert loyalty.loyalty_target(np.array([0.2]), 0.4, 0.5)[0] == pytest.approx(0.6)
    assert loyalty.loyalty_target(np.array([0.9]), 1.0, 1.0)[0] == 0.0


def test_indiscriminate_violence_backfires_on_its_perpetrator():
    base = np.array([0.5])
    after_state = loyalty.update_loyalty(base, base, 0.1, np.array([1e-4]), np.array([0.0]), 1000.0)
    after_jnim = loyalty.update_loyalty(base, base, 0.1, np.array([0.0]), np.array([1e-4]), 1000.0)
    assert after_state[0] == pytest.approx(0.4) and after_jnim[0] == pytest.approx(0.6)


def test_grievance_relaxes_toward_hardship():
    g = loyalty.update_grievance(np.array([0.0]), 0.5, np.array([0.0]), 0.1, 100.0)
    assert g[0] == pytest.approx(0.05)


# --- 3 uprising ---------------------------------------------------------------------------------
def test_epstein_arrest_probability():
    p = uprising.arrest_probability(np.array([1.0]), np.array([1000.0]))
    assert p[0] == pytest.approx(1 - math.exp(-2.3))


def test_rising_rule():
    risen = uprising.rising(np.array([0.6, 0.6]), np.array([0.0, 0.9]), np.array([0.0, 0.0]), 0.4, 0.1)
    assert risen.tolist() == [True, False]  # 0.6 > 0.4; 0.6 − 0.45 < 0.4


# --- 4 recruitment --------------------------------------------------------------------------------
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


def test_jnim_ceiling_counts_presence_weighted_people_and_widens_with_grievance():
    population, presence = np.array([1e6, 2e6, 5e6]), np.array([1.0, 0.5, 0.0])
    calm = recruitment.jnim_ceiling(population, presence, np.zeros(3), 1e-3, grievance_gain=1.0)
    assert calm == pytest.approx(1e-3 * (1e6 + 1e6))
    assert recruitment.jnim_ceiling(population, presence, np.ones(3), 1e-3, 1.0) == pytest.approx(2 * calm)
    assert recruitment.jnim_ceiling(population, presence, np.ones(3), 1e-3, 0.5) == pytest.approx(1.5 * calm)


def test_a_split_off_column_founds_its_base_among_the_weighted_villages_near_its_parent():
    cells = np.array([10, 11, 12, 40])
    weights = columns.base_weights(np.array([100.0, 400.0, 900.0, 1e6]), np.array([1.0, 1.0, 0.0, 1.0]))
    np.testing.assert_allclose(weights, [10.0, 20.0, 0.0, 1000.0])
    near = np.array([True, True, True, False])  # the village of cell 40 is out of reach
    # of the weight 30 near home, cell 10 holds the first third, cell 11 the rest
    assert columns.new_base(11, cells, weights, near, u=0.2) == 10
    assert columns.new_base(11, cells, weights, near, u=0.5) == 11
    assert columns.new_base(12, cells, weights, np.array([False, False, True, False]), u=0.5) == 12  # no weight: stays


def test_recruits_are_shared_among_the_columns_in_reach():
    # a 1×7 strip: pool 6 at cell 3; columns at cells 2 and 4 both reach it (reach 1);
    # pool 5 at cell 0 is reached by no column.
    recruits, orphans = recruitment.recruits_by_reach(
        np.array([3, 0]), np.array([6.0, 5.0]), np.array([2, 4]), windows((1, 7), 1))
    np.testing.assert_allclose(recruits, [3.0, 3.0])
    assert orphans == 5.0


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


# --- 5 taxation -------------------------------------------------------------------------------------
def test_zakat_full_in_jnim_zones_half_where_contested():
    income = taxation.zakat(np.array([100.0, 100.0, 100.0]), np.array([5, 3, 1]), 0.1, 300.0)
    assert income == pytest.approx(0.1 * 300 * 150)


def test_state_revenue_parts():
    assert taxation.state_revenue(100.0, 1, 1, 1, 1, 0.15, 0.2) == pytest.approx(100.0)
    assert taxation.state_revenue(100.0, 0.5, 1, 0, 1, 0.15, 0.2) == pytest.approx(100 * (0.65 * 0.5 + 0.2))


def test_pay_never_goes_below_the_floor():
    assert taxation.pay(10.0, 5.0, 30.0) == (0.0, 15.0)
    assert taxation.pay(10.0, 5.0, 3.0) == (12.0, 0.0)


# --- 6 combat ------------------------------------------------------------------------------------------
def test_contest_win_probability():
    assert combat.contest_win_probability(3.0, 1.0) == pytest.approx(0.75)
    assert combat.contest_win_probability(1.0, 0.0) == 1.0
    assert combat.contest_win_probability(0.0, 1.0) == 0.0


def test_lanchester_losses_with_engagement_cap():
    att, dfn = combat.lanchester_losses(100.0, 1000.0, attacker_won=False, intensity=0.1)
    assert (att, dfn) == pytest.approx((20.0, 5.0))  # defender engages 200, attacker 100


# --- 7 convoys -------------------------------------------------------------------------------------------
def test_fear_and_restocking_shape_departures():
    assert convoys.tankers_setting_out(100.0, 0.0, 4.0, 8.0, 8.0) == pytest.approx(100.0)
    assert convoys.tankers_setting_out(100.0, 0.25, 4.0, 8.0, 8.0) == pytest.approx(50.0)
    assert convoys.tankers_setting_out(100.0, 0.0, 4.0, 0.0, 8.0) == pytest.approx(150.0)


def test_escorted_convoys_are_rarer():
    assert convoys.convoy_departs(4, False, 3, 10)
    assert not convoys.convoy_departs(4, True, 3, 10)
    assert convoys.convoy_departs(6, True, 3, 10)
    assert not convoys.convoy_departs(6, True, 3, 0)


def test_ambush_losses_match_the_kayes_nioro_fact():
    burned, diverted = convoys.ambush_losses(80, 0.375, 0.1)
    assert (burned, diverted) == (30, 8)  # 20-40 of 80+ burned (14 Sep 2025)


def test_escort_deters_attacks():
    assert convoys.ambush_attack_probability(0.5, 100.0, 0.0) == 0.5
    assert convoys.ambush_attack_probability(0.5, 100.0, 200.0) == pytest.approx(0.25)


# --- 8 fuel market ---------------------------------------------------------------------------------------
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


# --- 9 Moscow --------------------------------------------------------------------------------------------
def test_goodwill_answers_and_drift():
    assert moscow.answer_demand(0.45, True, 0.2, 0.2) == pytest.approx(0.25)
    assert moscow.answer_demand(0.95, False, 0.2, 0.2) == 1.0
    assert moscow.drift_goodwill(0.3, 0.1, paid=True) == pytest.approx(0.32)
    assert moscow.drift_goodwill(0.3, 0.1, paid=False) == pytest.approx(0.27)


def test_stand_down_with_hysteresis():
    assert moscow.units_to_stand_down(4, 0.5, 0.2, 0.3, 0) == 2
    assert moscow.units_to_stand_down(4, 0.5, 0.35, 0.3, 2) == 2  # inside the band: unchanged
    assert moscow.units_to_stand_down(4, 0.5, 0.45, 0.3, 2) == 0


# --- 10 coup ---------------------------------------------------------------------------------------------
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


# --- 11 capital ------------------------------------------------------------------------------------------
def test_assault_and_collapse():
    assert capital.assault_succeeds(2100.0, 1000.0, 1.0, 2.0)
    assert not capital.assault_succeeds(1900.0, 1000.0, 1.0, 2.0)
    assert capital.assault_succeeds(1100.0, 1000.0, 0.0, 2.0)  # a broken officer corps fights at half
    assert capital.state_collapses(45, 0.2, 0.2, 45, 0.25)
    assert not capital.state_collapses(44, 0.2, 0.2, 45, 0.25)
    assert not capital.state_collapses(60, 0.3, 0.2, 45, 0.25)


# --- 12 negotiation --------------------------------------------------------------------------------------
def test_negotiation_eases_the_blockade_and_pays_jnim():
    assert negotiation.effective_blockade(0.6, 1.0, 0.5) == pytest.approx(0.3)
    assert negotiation.effective_blockade(0.6, 0.0, 0.5) == pytest.approx(0.6)
    assert negotiation.payment(0.5, 1e8) == 5e7


# --- columns ----------------------------------------------------------------------------------------------
def test_choose_follows_cumulative_weights():
    w = np.array([1.0, 0.0, 3.0])
    assert columns.choose(w, 0.1) == 0
    assert columns.choose(w, 0.3) == 2
    assert columns.choose(w, 0.999) == 2


@pytest.mark.parametrize("n", [5, 40])
def test_choose_draws_the_same_index_in_python_and_numpy(n):
    rng = np.random.default_rng(n)
    for _ in range(200):
        weights, u = rng.random(n) * (rng.random(n) < 0.7), rng.random()
        cumulative = np.cumsum(weights)
        expected = min(int(np.searchsorted(cumulative, u * cumulative[-1], side="right")), n - 1)
        assert columns.choose(list(weights), u) == expected


def test_split_and_step():
    assert columns.split_sizes(15.0, 0.5, 10.0) is None
    big, small = columns.split_sizes(100.0, 0.0, 10.0)
    assert (big, small) == pytest.approx((80.0, 20.0))


def test_advance_moves_at_most_the_speed_along_each_axis():
    n_cols = 13
    start, target = 0, 10 * n_cols + 2  # (0, 0) toward (10, 2) at 3 cells a day
    assert columns.advance(np.array([start]), np.array([target]), 3, n_cols).tolist() == [3 * n_cols + 2]
    rng = np.random.default_rng(3)
    cells, targets, speeds = rng.integers(0, 117, 50), rng.integers(0, 117, 50), rng.integers(1, 4, 50)
    for cell, target, speed, new in zip(cells, targets, speeds, columns.advance(cells, targets, speeds, n_cols),
                                        strict=True):
        (r, c), (tr, tc), (nr, nc) = divmod(cell, n_cols), divmod(target, n_cols), divmod(new, n_cols)
        assert (nr, nc) == (r + max(-speed, min(speed, tr - r)), c + max(-speed, min(speed, tc - c)))


def test_no_siege_while_the_officer_corps_holds():
    weights = columns.task_weights(0.5, 0.7, 1.0, 0.6, 3.0)
    assert weights[columns.TASKS.index("siege")] == 0.0


def test_a_new_column_forms_where_the_pool_weighted_by_jnim_presence_is_deepest():
    pool = np.array([5.0, 100.0, 10.0])
    assert recruitment.orphan_column_site(pool, np.array([0.5, 0.0, 1.0])) == 2  # 2.5, 0, 10
    assert recruitment.orphan_column_site(pool, np.array([0.5, 0.0, 0.2])) == 0  # 2.5, 0, 2
    assert recruitment.orphan_column_site(pool, np.zeros(3)) is None
