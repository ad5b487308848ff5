"""Invariants over many runs with parameters drawn from the legal ranges (hypothesis)."""

import pytest
from conftest import check_day_invariants, legal_parameters
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.model import MaliModel
from model.run import outcome_record

HORIZON = 90


@pytest.mark.slow  # 150 runs of 90 days (~13 s)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(params=legal_parameters(), seed=st.integers(0, 2**31))
def test_every_day_of_a_legal_run_keeps_the_invariants(params, seed):
    model = MaliModel(params, seed=seed, horizon_days=HORIZON)
    check_day_invariants(model)
    while model.day < HORIZON and not model.capital.fell:
        model.step()
        check_day_invariants(model)
    record = outcome_record(model)
    if record["capital_fell"]:
        assert record["end_day"] == record["capital_fall_day"] <= HORIZON
        assert record["end_reason"].startswith("capital_fell")
    else:
        assert record["end_day"] == HORIZON and record["capital_fall_day"] is None
    assert (record["coup_day"] is None) == (record["n_coups"] == 0)


def test_a_coup_does_not_end_the_run():
    params = {"coup_attempt_rate_per_year": 0.25, "coup_cohesion_slope": 12.0, "initial_cohesion": 0.9,
              "coup_success_probability": 0.9, "russian_counterweight": 0.0}
    model = MaliModel(params, seed=1, horizon_days=200)  # a seed whose day-1 attempt succeeds (p = 0.9)
    model.junta.cohesion = 0.0
    model.step()
    assert model.junta.hazard > 0.99 and model.junta.attempt_days == [1] and model.junta.coup_days == [1]
    for _ in range(5):
        model.step()
    assert model.day == 6 and model.running and not model.capital.fell
    assert model.series.column("coups")[-1] >= 1


def test_a_capital_fall_ends_the_run():
    model = MaliModel({}, seed=1, horizon_days=50)
    model.step()
    model.capital.fall(model.day, "assault")
    day = model.day
    model.step()
    assert model.day == day and not model.running
    assert outcome_record(model)["capital_fall_day"] == day


def test_a_model_whose_insurgency_is_wiped_out_keeps_running():
    """No columns at all (hypothesis found this edge: empty window sums came back as integers)."""
    model = MaliModel({"jnim_recruit_rate": 0.0}, seed=3, horizon_days=30)
    for unit in list(model.insurgency.columns):
        unit.remove()
    model.insurgency.orphan_recruits = 0.0
    while model.running:
        model.step()
        check_day_invariants(model)
    assert model.day == 30 and model.jnim_total == 0.0
