"""Shared helpers for the tests: building short runs and checking invariants."""

from __future__ import annotations

import os

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

from model.params import PARAMETERS

# In CI the examples are derandomised (same examples every run, so a red build is reproducible);
# elsewhere hypothesis explores new examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def legal_parameters() -> st.SearchStrategy[dict]:
    """Hypothesis strategy: any full parameter set drawn from the table's legal ranges."""
    fields = {}
    for p in PARAMETERS:
        if p.choices:
            fields[p.name] = st.sampled_from(p.choices)
        elif p.kind is int:
            fields[p.name] = st.integers(int(p.low), int(p.high))
        else:
            fields[p.name] = st.floats(p.low, p.high, allow_nan=False)
    return st.fixed_dictionaries(fields)


def check_day_invariants(model) -> None:
    """Everything that must hold after any day of any legal run."""
    v = model.villages.arrays
    assert model.hub.fuel_stock_l >= 0
    assert model.junta.finances.cash >= 0
    for name in ("loyalty", "grievance", "fear", "q", "reserves", "fuel_access"):
        values = getattr(v, name)
        assert np.all((values >= 0) & (values <= 1)), name
    assert np.all(v.population > 0)
    assert np.all(model.army.garrisons.strength >= 0)
    assert all(u.strength >= 0 for u in model.moscow.units + model.army.sweeps)
    assert all(u.strength >= 0 for u in model.army.escorts.values())
    assert all(u.fighters >= 0 and u.cash >= 0 and u.fuel >= 0 for u in model.insurgency.columns)
    assert 0 <= model.junta.cohesion <= 1 and 0 <= model.junta.legitimacy <= 1
    assert 0 <= model.moscow.goodwill <= 1
    assert 0 <= model.junta.hazard <= 1
    assert abs(sum(model.control.shares) - 1.0) < 1e-9
    assert all(0 <= s <= 1 for s in model.control.shares)
    fuel_in = model.hub.fuel_initial_l + model.ledger["fuel_delivered_l"]
    fuel_out = model.ledger["fuel_consumed_l"] + model.hub.fuel_stock_l
    assert abs(fuel_in - fuel_out) <= 1e-6 * fuel_in
    capacity = model.p["tanker_capacity_l"]
    assert abs(model.ledger["fuel_delivered_l"] - model.ledger["tankers_delivered"] * capacity) < 1e-3
