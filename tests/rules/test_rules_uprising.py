"""The rules of model.rules.uprising on hand-computed cases (pure functions, no model)."""

import math

import numpy as np
import pytest

from model.rules import uprising


def test_epstein_arrest_probability():
    p = uprising.arrest_probability(np.array([1.0]), np.array([1000.0]), 2.3)
    assert p[0] == pytest.approx(1 - math.exp(-2.3))


def test_rising_rule():
    risen = uprising.rising(np.array([0.6, 0.6]), np.array([0.0, 0.9]), np.array([0.0, 0.0]), 0.4, 0.1, 0.5)
    assert risen.tolist() == [True, False]  # 0.6 > 0.4; 0.6 − 0.45 < 0.4
