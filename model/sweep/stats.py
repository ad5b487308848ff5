"""Estimators for sweep summaries: Wilson intervals and Aalen–Johansen cumulative incidence.

An event that ends a run competes with every other event (in mali-abm, the capital's fall
precludes a later coup): the probability of an event by day t is then a cumulative incidence
(Aalen–Johansen), not 1 − Kaplan–Meier.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.special import ndtri


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float, float]:
    """Proportion and its Wilson score interval; (nan, nan, nan) when n is 0.

    The formula of SciPy's ``binomtest(k, n).proportion_ci(method="wilson")`` (Newcombe 1998),
    written out in the same order of operations so that it gives the same bits
    (``tests/sweep/test_sweep_stats.py``): SciPy's call also computes the test's p-value, by a
    search over the binomial distribution, which made a 10^6-run summary take seconds.
    """
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    k, n = int(successes), int(n)
    p = k / n
    z = float(ndtri(0.5 + 0.5 * confidence))
    denom = 2 * (n + z**2)
    center = (2 * n * p + z**2) / denom
    delta = z / denom * math.sqrt(4 * n * p * (1 - p) + z**2)
    low = 0.0 if k == 0 else center - delta
    high = 1.0 if k == n else center + delta
    return p, float(low), float(high)


def wilson_halfwidth(successes: int, n: int, confidence: float = 0.95) -> float:
    """Half the width of the Wilson interval (inf when n is 0)."""
    if n == 0:
        return float("inf")
    _, low, high = wilson_interval(successes, n, confidence)
    return (high - low) / 2


def aalen_johansen(times: np.ndarray, events: np.ndarray, cause: int,
                   at: np.ndarray) -> np.ndarray:
    """Cumulative incidence of one cause at the given times.

    Args:
        times: time of each subject's first event or censoring.
        events: 0 for censored, otherwise the cause (1, 2, ...) that occurred at ``times``.
        cause: the cause whose incidence is wanted.
        at: times at which to evaluate the cumulative incidence.

    Returns:
        F_cause(t) = Σ_{t_j ≤ t} S(t_j−) · d_cause(t_j) / n(t_j), with S the all-cause
        Kaplan–Meier survival just before t_j.

    """
    times, events = np.asarray(times, float), np.asarray(events, int)
    distinct = np.unique(times[events > 0])
    survival, cif, steps = 1.0, 0.0, []
    for t in distinct:
        at_risk = np.sum(times >= t)
        d_all = np.sum((times == t) & (events > 0))
        d_cause = np.sum((times == t) & (events == cause))
        cif += survival * d_cause / at_risk
        survival *= 1.0 - d_all / at_risk
        steps.append((t, cif))
    out = np.zeros(len(np.atleast_1d(at)))
    for k, t in enumerate(np.atleast_1d(at)):
        reached = [c for s, c in steps if s <= t]
        out[k] = reached[-1] if reached else 0.0
    return out
