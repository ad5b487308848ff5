"""The rules of model.rules.loyalty on hand-computed cases (pure functions, no model)."""

import numpy as np
import pytest

from model.rules import loyalty


def test_loyalty_target_blames_hardship_on_the_state():
    assert loyalty.loyalty_target(np.array([0.2]), 0.4, 0.5)[0] == pytest.approx(0.6)
    assert loyalty.loyalty_target(np.array([0.9]), 1.0, 1.0)[0] == 0.0


def test_indiscriminate_violence_backfires_on_its_perpetrator():
    base = np.array([0.5])
    after_state = loyalty.update_loyalty(base, base, 0.1, np.array([1e-4]), np.array([0.0]), 1000.0)
    after_jnim = loyalty.update_loyalty(base, base, 0.1, np.array([0.0]), np.array([1e-4]), 1000.0)
    assert after_state[0] == pytest.approx(0.4) and after_jnim[0] == pytest.approx(0.6)


def test_grievance_relaxes_toward_hardship():
    g = loyalty.update_grievance(np.array([0.0]), 0.5, np.array([0.0]), 0.1, 100.0)
    assert g[0] == pytest.approx(0.05)
