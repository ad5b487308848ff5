"""Sweep statistics against reference values: scipy for intervals, lifelines for Aalen–Johansen."""

import math

import numpy as np
import pandas as pd
import pytest

from model.contract import EVENTS
from model.sweep.stats import aalen_johansen, wilson_halfwidth, wilson_interval
from model.sweep.summary import event_times


def wilson_by_hand(k, n, z=1.959963984540054):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


@pytest.mark.parametrize(("k", "n"), [(0, 10), (3, 10), (10, 10), (37, 200), (500, 1000)])
def test_wilson_interval_matches_the_formula(k, n):
    p, lo, hi = wilson_interval(k, n)
    assert p == k / n
    assert (lo, hi) == pytest.approx(wilson_by_hand(k, n), abs=1e-12)
    assert wilson_halfwidth(k, n) == pytest.approx((hi - lo) / 2)


def test_wilson_of_nothing_is_undefined():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    assert wilson_halfwidth(0, 0) == math.inf


def test_aalen_johansen_by_hand():
    # times 1..5; events: coup at 1, fall at 2, censored at 3, coup at 4, censored at 5
    times = np.array([1, 2, 3, 4, 5])
    events = np.array([1, 2, 0, 1, 0])
    # t=1: n=5, S-=1 → F1=1/5; S=4/5.  t=2: n=4, fall → F2 = 4/5·1/4 = 1/5; S=3/5.
    # t=4: n=2, coup → F1 += 3/5·1/2 = 3/10 → F1 = 1/2.
    f1 = aalen_johansen(times, events, 1, np.array([0.5, 1, 3.9, 4, 10]))
    assert f1 == pytest.approx([0, 0.2, 0.2, 0.5, 0.5])
    assert aalen_johansen(times, events, 2, np.array([10]))[0] == pytest.approx(0.2)


def test_aalen_johansen_matches_lifelines():
    from lifelines import AalenJohansenFitter

    rng = np.random.default_rng(3)
    n = 300
    times = rng.integers(1, 60, n).astype(float) + rng.random(n)
    events = rng.choice([0, 1, 2], size=n, p=[0.3, 0.4, 0.3])
    at = np.array([10.0, 25.0, 40.0, 59.0])
    ours = aalen_johansen(times, events, 1, at)
    fitter = AalenJohansenFitter(calculate_variance=False).fit(times, events, event_of_interest=1)
    cif = fitter.cumulative_density_
    theirs = [cif[cif.index <= t].iloc[-1, 0] for t in at]
    np.testing.assert_allclose(ours, theirs, atol=1e-12)


def test_a_fall_competes_with_a_coup_but_not_the_other_way():
    # run 1: coup on day 5; run 2: fall on day 10; run 3: coup on day 8, then fall on day 20
    records = pd.DataFrame({"coup_day": [5, None, 8, None], "capital_fall_day": [None, 10, 20, None],
                            "end_day": [365, 10, 20, 365]})
    coup, fall = EVENTS
    coup_t, coup_e = event_times(records, coup, EVENTS, horizon_days=365)
    fall_t, fall_e = event_times(records, fall, EVENTS, horizon_days=365)
    assert coup_e.tolist() == [1, 2, 1, 0] and coup_t.tolist() == [5, 10, 8, 365]
    assert fall_e.tolist() == [0, 1, 1, 0] and fall_t.tolist() == [365, 10, 20, 365]


def test_the_wilson_interval_is_scipys_to_the_bit():
    """Written out for speed, it must stay SciPy's binomtest(k, n).proportion_ci(method="wilson")."""
    from scipy.stats import binomtest

    from model.sweep.stats import wilson_interval

    cases = [(k, n) for n in range(1, 121) for k in range(n + 1)] + [(k, 10**5) for k in (0, 1, 3, 33_333, 99_999)]
    for k, n in cases:
        ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
        assert wilson_interval(k, n)[1:] == (float(ci.low), float(ci.high)), (k, n)
