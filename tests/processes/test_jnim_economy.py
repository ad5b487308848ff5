"""JNIM's economy binds: cash, not only the recruitment ceiling, limits its strength; ransoms are events."""

import numpy as np
import pytest

from model.run import release, simulate
from model.scenarios import scenario_params

SEEDS = range(3)


def fighters_and_cash(overrides: dict, days: int) -> list[tuple[float, float, float]]:
    """JNIM's fighters, its cash in days of upkeep, and its ransoms, at the horizon of each seed."""
    out = []
    for seed in SEEDS:
        model = simulate(scenario_params("no_blockade", overrides), seed, days)
        fighters = model.insurgency.fighters
        cash = sum(u.cash for u in model.insurgency.columns)
        out.append((fighters, cash / (fighters * model.p["jnim_upkeep_cfa_per_fighter_day"]),
                    model.ledger["ransoms_cfa"]))
        release(model)
    return out


def test_without_a_blockade_jnims_cash_binds():
    runs = fighters_and_cash({}, 365)
    # Its purse holds weeks of upkeep, not years: income is spent on upkeep and recruits.
    assert all(days_of_upkeep < 90 for _, days_of_upkeep, _ in runs)


def test_a_payment_without_relief_strengthens_jnim_through_its_purse():
    """Paying extremists strengthens them, through a stated channel: cash buys recruits' equipment."""
    paid = {"negotiation": 1.0, "negotiation_relief": 0.0}
    unpaid = {**paid, "negotiation_payment_cfa_per_day": 0.0}
    with_payment, without = fighters_and_cash(paid, 180), fighters_and_cash(unpaid, 180)
    # More fighters in every seed, as far as the recruitment pool allows; the rest stays in the purse.
    assert all(a[0] > b[0] for a, b in zip(with_payment, without, strict=True))
    assert np.mean([a[1] for a in with_payment]) > 3 * np.mean([b[1] for b in without])


@pytest.mark.parametrize("rate", [0.0, 10.0])
def test_kidnappings_are_drawn_events_with_ransoms(rate):
    ransoms = [r for _, _, r in fighters_and_cash({"jnim_kidnappings_per_year": rate}, 120)]
    if rate == 0.0:
        assert ransoms == [0.0, 0.0, 0.0]
    else:
        assert all(r > 0 for r in ransoms) and len(set(ransoms)) == 3
