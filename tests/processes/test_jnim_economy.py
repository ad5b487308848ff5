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


def jnim_at_day0(overrides: dict, seed: int) -> tuple[float, float]:
    """JNIM's fighters and cash when the blockade starts (after the spin-up)."""
    model = simulate(scenario_params("baseline", overrides), seed, 0)
    out = model.insurgency.fighters, sum(u.cash for u in model.insurgency.columns)
    release(model)
    return out


@pytest.mark.parametrize("seed", [0, 1])
def test_the_spin_up_pays_jnim_nothing(seed):
    """The treasury does not run in the spin-up, so a negotiated payment cannot reach JNIM before day 0."""
    assert jnim_at_day0({"negotiation": 1.0, "negotiation_payment_cfa_per_day": 2e9}, seed) == jnim_at_day0({}, seed)


def test_jnim_receives_what_the_treasury_paid_the_day_before():
    """A short treasury pays JNIM its share of the security bill, and JNIM spends it the next morning."""
    from model.model import MaliModel

    # The largest payment the table allows, from an empty treasury that may not borrow and pays every item
    # pro rata: it falls short.
    model = MaliModel(scenario_params("baseline", {"negotiation": 1.0, "negotiation_payment_cfa_per_day": 2e9,
                                                   "initial_treasury_cfa": 0.0, "emergency_borrowing_limit_cfa": 0.0,
                                                   "spending_priority": "pro_rata"}),
                      seed=3, horizon_days=60)
    full = model.p["negotiation_payment_cfa_per_day"]
    owed, received = [], []
    for _ in range(60):
        before = model.ledger["negotiation_paid_cfa"]
        owed.append(model.junta.finances.paid_to_jnim)
        model.step()
        received.append(model.ledger["negotiation_paid_cfa"] - before)
    assert received[0] == 0.0  # nothing before the first settlement
    assert received[1:] == pytest.approx(owed[1:], rel=1e-9)  # (a difference of running totals)
    assert 0.0 < min(owed[1:]) < full  # the treasury fell short and paid part
    assert max(owed) <= full
    release(model)
