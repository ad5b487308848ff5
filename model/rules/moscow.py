"""Process 9 — Moscow's bargaining: demands, refusals, goodwill and the stand-down.

Moscow demands resource rights every so often; the junta refuses with probability
``concession_refusal``. Refusals cost goodwill, grants and the refinery deal raise it, and
it drifts back toward neutral while Moscow is paid. Below a threshold Moscow stands down a
fraction ``mercenary_stand_down`` of its units (no offensives, patrols or escorts) until
goodwill recovers past the threshold plus a margin (hysteresis; assumption).
"""

from __future__ import annotations

NEUTRAL_GOODWILL = 0.5
RECOVERY_MARGIN = 0.1


def answer_demand(goodwill: float, refused: bool, loss: float, gain: float) -> float:
    """Goodwill after the junta answers a demand."""
    return min(1.0, max(0.0, goodwill - loss if refused else goodwill + gain))


def drift_goodwill(goodwill: float, rate: float, paid: bool) -> float:
    """Daily drift toward neutral while paid; without payment it decays toward zero."""
    target = NEUTRAL_GOODWILL if paid else 0.0
    return goodwill + rate * (target - goodwill)


def units_to_stand_down(n_units: int, fraction: float, goodwill: float, threshold: float,
                        currently_down: int) -> int:
    """How many units stand down now, with hysteresis between stand-down and return."""
    if goodwill < threshold:
        return round(n_units * fraction)
    if goodwill > threshold + RECOVERY_MARGIN:
        return 0
    return currently_down
