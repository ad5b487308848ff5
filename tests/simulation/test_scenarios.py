"""Each scenario moves the outcomes the way its mechanism says (fixed seeds, 365 days)."""

import functools

import numpy as np
import pytest

from model.run import release, simulate
from model.scenarios import scenario_params

SEEDS = range(6)


@functools.cache
def mean_outcomes(name: str, overrides: tuple[tuple[str, float], ...] = ()) -> dict[str, float]:
    """Mean over the fixed seeds of the end-of-run and whole-run measures of one scenario."""
    rows = []
    for seed in SEEDS:
        model = simulate(scenario_params(name, dict(overrides)), seed, 365)
        f = model.series
        rows.append({
            "destroyed": f.column("tankers_destroyed")[-1],
            "delivered": f.column("tankers_delivered")[-1],
            "price": f.column("fuel_price_cfa").mean(),
            "russians_active": f.column("russian_posture").mean(),
            "goodwill": f.column("russian_goodwill").mean(),
            "jnim_control": f.column("control_jnim").mean(),
            "falls": float(model.capital.fell),
            "dry_days": float(model.hub.days_dry),
            "columns_kept": f.column("jnim_units")[-1] / f.column("jnim_units")[0],
        })
        release(model)
    return {k: float(np.mean([r[k] for r in rows])) for k in rows[0]}


def test_no_blockade_destroys_no_tankers_and_keeps_the_price():
    outcome = mean_outcomes("no_blockade")
    assert outcome["destroyed"] == 0
    assert outcome["price"] == pytest.approx(775.0)
    assert outcome["falls"] == 0


def test_without_blockade_jnim_keeps_its_number_of_columns_because_split_offs_found_bases():
    assert mean_outcomes("no_blockade")["columns_kept"] > 0.85
    # without new bases, merging folds JNIM into ever fewer columns (31 → 23 in a year)
    assert mean_outcomes("no_blockade", (("jnim_new_base_share", 0.0),))["columns_kept"] < 0.85


def test_blockade_raises_the_price_against_no_blockade():
    assert mean_outcomes("baseline")["price"] > 1.5 * mean_outcomes("no_blockade")["price"]


def test_stand_down_takes_russians_out_of_the_field_and_jnim_gains_ground():
    base, down = mean_outcomes("baseline"), mean_outcomes("stand_down")
    assert down["russians_active"] < 0.5 * base["russians_active"]
    assert down["jnim_control"] > base["jnim_control"]


def test_concessions_and_refinery_warm_moscow():
    base = mean_outcomes("baseline")
    assert mean_outcomes("concessions_granted")["goodwill"] > base["goodwill"] + 0.2
    assert mean_outcomes("concessions_granted")["russians_active"] > base["russians_active"]
    assert mean_outcomes("refinery_deal")["goodwill"] > base["goodwill"]


def test_escort_surge_delivers_more_and_loses_a_smaller_share():
    base, surge = mean_outcomes("baseline"), mean_outcomes("escort_surge")
    assert surge["delivered"] > 1.2 * base["delivered"]  # escort capacity is what escort_share buys
    assert surge["destroyed"] / surge["delivered"] < base["destroyed"] / base["delivered"]


def test_negotiation_eases_the_blockade():
    assert mean_outcomes("negotiate")["destroyed"] < 0.5 * mean_outcomes("baseline")["destroyed"]


def test_russian_fuel_adds_deliveries():
    assert mean_outcomes("russian_fuel")["delivered"] > mean_outcomes("baseline")["delivered"]


def test_rationing_stretches_stocks_so_bamako_is_dry_less_often():
    base, rationed = mean_outcomes("baseline"), mean_outcomes("rationing")
    assert rationed["dry_days"] < 0.5 * base["dry_days"]
    # quotas cut the release, not what people want: the informal price does not fall to the official one
    assert rationed["price"] > 2 * mean_outcomes("no_blockade")["price"]


def sweepers(model) -> list:
    """The mobile state units that hunt columns today: FAMa sweeps and fighting Russian units."""
    return model.army.sweeps + model.moscow.fighting


def test_a_russian_unit_told_to_hold_bamako_stays_there_while_the_others_hunt():
    from model.model import MaliModel

    params = scenario_params("concessions_granted", {"russian_bamako_guard_units": 1})
    model = MaliModel(params, seed=2, horizon_days=60)
    holders = [u for u in model.moscow.units if u.holds_bamako]
    assert len(holders) == 1
    while model.running:
        model.step()
        assert holders[0].cell == model.grid.capital_cell
        assert holders[0] not in sweepers(model)
    hunters = [u for u in model.moscow.units if not u.holds_bamako]
    assert hunters and all(u in sweepers(model) for u in hunters)  # concessions granted: all active
    assert any(u.cell != model.grid.capital_cell for u in hunters)
