"""Mesa's own bundled models wrapped as ``run_one``-style functions, to show the engine is generic.

``mesa.batch_run`` steps a model while ``model.steps <= max_steps`` (one step more than asked)
but reports the data collected after ``max_steps`` steps; these wrappers run exactly
``horizon_days`` steps and report the same quantity, so their results equal batch_run's.
"""

from __future__ import annotations

from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannWealth


def boltzmann_run_one(params: dict, seed: int, horizon_days: int) -> dict:
    """Gini coefficient of Mesa's Boltzmann wealth model after ``horizon_days`` steps."""
    model = BoltzmannWealth(n=int(params.get("n", 100)), width=int(params.get("width", 10)),
                            height=int(params.get("height", 10)), seed=seed)
    for _ in range(horizon_days):
        model.step()
    return {"gini": float(model.compute_gini())}
