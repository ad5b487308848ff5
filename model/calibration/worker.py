"""What a worker process does for a calibration: run a batch of simulations and report their statistics.

Kept apart from the engine so that a worker imports the simulator and nothing of pyabc.
"""

from __future__ import annotations

import math
from typing import Any

from model.sweep.executors import clear_mesa_caches, resolve_function

SimulationTask = tuple[str, dict[str, Any], int]
"""(key, run parameters, seed) of one simulation."""


def simulate_batch(function: str, horizon_days: int, names: tuple[str, ...],
                   tasks: list[SimulationTask]) -> list[tuple[str, dict[str, float], str | None]]:
    """Each task's statistics; a simulation that raises gives NaN statistics and its error line."""
    simulate = resolve_function(function)
    results = []
    for key, params, seed in tasks:
        try:
            stats, error = simulate(dict(params), seed, horizon_days, names), None
        except Exception as exc:  # a failed run is rejected by ABC (NaN is infinitely far), not fatal
            stats, error = dict.fromkeys(names, math.nan), f"{type(exc).__name__}: {exc}"
        clear_mesa_caches()
        results.append((key, {name: float(stats[name]) for name in names}, error))
    return results
