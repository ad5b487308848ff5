"""The rules of model.rules.negotiation on hand-computed cases (pure functions, no model)."""

import pytest

from model.rules import negotiation


def test_negotiation_eases_the_blockade_and_pays_jnim():
    assert negotiation.effective_blockade(0.6, 1.0, 0.5) == pytest.approx(0.3)
    assert negotiation.effective_blockade(0.6, 0.0, 0.5) == pytest.approx(0.6)
    assert negotiation.payment(0.5, 1e8) == 5e7
