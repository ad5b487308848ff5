"""Estimators for sweep summaries: Wilson intervals and Aalen–Johansen cumulative incidence.

An event that ends a run competes with every other event (in mali-abm, the capital's fall
precludes a later coup): the probability of an event by day t is then a cumulative incidence
(Aalen–Johansen), not 1 − Kaplan–Meier.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import binomtest


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float, float]:
    """Proportion and its Wilson score interval; (nan, nan, nan) when n is 0."""
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    ci = binomtest(int(successes), int(n)).proportion_ci(confidence_level=confidence, method="wilson")
    return successes / n, float(ci.low), float(ci.high)


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
