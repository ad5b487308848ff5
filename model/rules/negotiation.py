"""Process 12 — negotiation ("peace for resources"): paying JNIM eases the blockade.

The junta pays JNIM a share of a full payment; in return the blockade is eased by a share
of ``negotiation_relief``. The money goes to JNIM's columns and so strengthens them.
"""

from __future__ import annotations


def effective_blockade(intensity: float, negotiation: float, relief: float) -> float:
    """Blockade intensity after the relief bought by negotiation."""
    return intensity * (1.0 - negotiation * relief)


def payment(negotiation: float, full_payment: float) -> float:
    """CFA per day the junta pays JNIM."""
    return negotiation * full_payment
