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
    v = model.villages
    assert model.stock >= 0
    assert model.junta.treasury >= 0
    for name in ("loyalty", "grievance", "fear", "q", "stock", "fuel_access"):
        values = getattr(v, name)
        assert np.all((values >= 0) & (values <= 1)), name
    assert np.all(v.population > 0)
    assert np.all(model.garrisons.strength >= 0)
    assert all(u.strength >= 0 for u in model.russian_units + model.sweep_units)
    assert all(u.strength >= 0 for u in model.escorts.values())
    assert all(u.fighters >= 0 and u.cash >= 0 and u.fuel >= 0 for u in model.jnim_units)
    assert 0 <= model.junta.cohesion <= 1 and 0 <= model.junta.legitimacy <= 1
    assert 0 <= model.goodwill <= 1
    assert 0 <= model.hazard <= 1
    assert abs(sum(model.shares) - 1.0) < 1e-9
    assert all(0 <= s <= 1 for s in model.shares)
    fuel_in = model.fuel_initial_l + model.cum["fuel_delivered_l"]
    fuel_out = model.cum["fuel_consumed_l"] + model.stock
    assert abs(fuel_in - fuel_out) <= 1e-6 * fuel_in
    capacity = model.p["tanker_capacity_l"]
    assert abs(model.cum["fuel_delivered_l"] - model.cum["tankers_delivered"] * capacity) < 1e-3
