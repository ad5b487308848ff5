"""Fuzzed experiment files: every one is either a valid sweep or refused with a SpecError (one line).

The hostile review tried 240 bad inputs by hand; this draws hundreds more, of every TOML type in
every place a spec has, including the ones that crashed it (inf, 1e400, true, negative seeds,
tables that are lists, lists that are tables).
"""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.contract import MALI
from model.sweep.spec import SpecError, parse_spec

pytestmark = pytest.mark.slow  # 600 examples (~10 s)

SCALARS = st.one_of(st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0, 1, -1, 0.0, 0.5, 1.0, 1e400, 10**7, "", "baseline", "x/../y", "lhs",
                                     "sobol", "morris", "model:run_one", "nosuch:f"]), st.text(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                        st.dictionaries(st.text(max_size=6), inner, max_size=3)),
                      max_leaves=8)
NAMES = st.sampled_from(["concession_refusal", "mercenary_stand_down", "jnim_initial_units", "escort_share",
                         "post_coup_policy", "no_such_parameter"])
PARAMS = st.dictionaries(NAMES, VALUES, max_size=3)
GRIDS = st.dictionaries(NAMES, st.one_of(VALUES, st.lists(SCALARS, min_size=1, max_size=4)), max_size=2)
SPECS = st.fixed_dictionaries(
    {"name": st.one_of(st.just("fuzz"), VALUES), "horizon_days": st.one_of(st.just(5), VALUES),
     "root_seed": st.one_of(st.just(1), VALUES)},
    optional={"replicates": st.one_of(st.just(2), VALUES), "scenario": st.one_of(st.just("baseline"), VALUES),
              "grid": st.one_of(GRIDS, VALUES), "fixed": st.one_of(PARAMS, VALUES),
              "stopping": st.one_of(st.fixed_dictionaries({"ci_halfwidth": VALUES, "max_replicates": VALUES}), VALUES),
              "design": st.one_of(st.fixed_dictionaries({"method": VALUES, "n": VALUES}), VALUES),
              "ranges": st.one_of(st.dictionaries(NAMES, st.lists(SCALARS, min_size=2, max_size=2), max_size=2),
                                  VALUES),
              "function": VALUES, "bogus": VALUES})


# Well-formed around the fuzzed part, so the checks of values deep inside a spec are reached too.
LEGAL_LISTS = st.lists(st.one_of(SCALARS, st.floats(0, 1), st.integers(8, 60)), min_size=1, max_size=4)
STRUCTURED = st.fixed_dictionaries(
    {"name": st.just("fuzz"), "horizon_days": st.one_of(st.just(5), st.integers(-5, 4000)),
     "root_seed": st.one_of(st.just(1), st.integers(-3, 2**70)),
     "replicates": st.one_of(st.just(2), st.integers(-2, 200_000), SCALARS),
     "grid": st.dictionaries(NAMES, LEGAL_LISTS, min_size=1, max_size=2)},
    optional={"fixed": st.dictionaries(NAMES, st.one_of(SCALARS, st.floats(0, 1)), max_size=2),
              "scenario": st.one_of(st.just("stand_down"), SCALARS)})
DESIGNED = st.fixed_dictionaries(
    {"name": st.just("fuzz"), "horizon_days": st.just(5), "root_seed": st.just(1), "replicates": st.just(1),
     "design": st.fixed_dictionaries({"method": st.sampled_from(["lhs", "sobol", "morris", "grid"]),
                                      "n": st.one_of(st.integers(-2, 5000), SCALARS)},
                                     optional={"levels": st.one_of(st.integers(-1, 9), SCALARS)}),
     "ranges": st.dictionaries(NAMES, st.lists(st.one_of(SCALARS, st.floats(0, 1), st.integers(8, 60)),
                                               min_size=1, max_size=3), min_size=1, max_size=2)})


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(SPECS, STRUCTURED, DESIGNED))
def test_a_fuzzed_spec_is_valid_or_one_spec_error(raw):
    try:
        spec = parse_spec(raw, default=MALI)
    except SpecError as error:
        assert "\n" not in str(error) and str(error)
        return
    # Accepted: then it is a sweep the engine can run, with finite legal values everywhere.
    assert spec.points and 0 < spec.horizon_days <= 3650 and spec.root_seed >= 0
    for values in (*spec.points, spec.fixed):
        for value in values.values():
            assert not isinstance(value, bool)
            assert not isinstance(value, float) or math.isfinite(value)
