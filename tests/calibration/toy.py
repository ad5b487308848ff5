"""A toy simulator with a known posterior, for checking the calibration machinery.

y₁..y₂₀ ~ Normal(μ, 1), statistic ȳ; observed ȳ = 1.3 under a uniform prior on [−5, 5] gives the
posterior Normal(1.3, 1/√20) (truncation at ±5 is negligible). ABC with a uniform kernel of
half-width ε on ȳ widens it to sd √(1/20 + ε²/3).
"""

from __future__ import annotations

import numpy as np

from model.calibration.spec import Simulator
from model.sweep.contract import ModelContract, ParameterRange

N_OBSERVATIONS = 20
OBSERVED_MEAN = 1.3
POSTERIOR_SD = 1.0 / np.sqrt(N_OBSERVATIONS)


def toy_run(params: dict, seed: int, horizon_days: int) -> dict:
    """The contract's run function (unused by calibration; a contract must name one)."""
    return toy_statistics(params, seed, horizon_days, ("mean",))


def toy_statistics(params: dict, seed: int, horizon_days: int, names: tuple[str, ...]) -> dict:
    """Sample mean of 20 draws from Normal(μ, 1)."""
    rng = np.random.default_rng(seed)
    return {"mean": float(rng.normal(params["mu"], 1.0, N_OBSERVATIONS).mean())}


def coerce(name: str, value):
    """Only μ, in [−5, 5]."""
    from model.sweep.contract import ContractError

    if name != "mu":
        raise ContractError(f"unknown parameter {name!r}; allowed: mu")
    if not -5 <= float(value) <= 5:
        raise ContractError(f"mu = {value}: outside [-5, 5]")
    return float(value)


TOY = ModelContract(name="toy", run=toy_run, fingerprint=lambda: "toy-1", coerce=coerce,
                    parameters={"mu": ParameterRange(-5.0, 5.0)}, scenarios={"default": {}},
                    default_scenario="default")
SIMULATOR = Simulator(contract=TOY, function="tests.calibration.toy:toy_statistics", statistics={"mean": 0})
