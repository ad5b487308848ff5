"""The Mali model as the sweep engine sees it: its one declaration (:class:`model.sweep.contract.ModelContract`).

Run function, parameter checks, scenarios, events and fingerprint are declared here and nowhere
else, so the engine in ``model/sweep`` needs to import nothing of the model. Only the parameter
table and the scenarios are imported here (both standard library only): ``model.run_one``
imports Mesa when it is first called, so ``mali-abm --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

from model import run_one
from model.fingerprint import code_fingerprint
from model.params import BY_NAME, PARAMETERS, ParameterError
from model.scenarios import SCENARIOS
from model.sweep.contract import ContractError, Event, ModelContract, ParameterRange


def coerce(name: str, value: Any) -> Any:
    """Check and convert one parameter value against the table (one-line :class:`ContractError`)."""
    if name not in BY_NAME:
        raise ContractError(f"unknown parameter {name!r}; `mali-abm params` lists the allowed names")
    try:
        return BY_NAME[name].coerce(value)
    except ParameterError as error:
        raise ContractError(str(error)) from None


EVENTS = (
    Event(name="coup", flag="coup", day="coup_day"),
    # the fall of the capital ends a run, so no coup can follow it: it competes with a coup
    Event(name="fall", flag="capital_fell", day="capital_fall_day", ends_run=True),
)

MALI = ModelContract(
    name="mali-abm",
    run=run_one,
    fingerprint=code_fingerprint,
    coerce=coerce,
    parameters={p.name: ParameterRange(p.low, p.high, integer=p.kind is int) for p in PARAMETERS if not p.choices},
    scenarios={s.name: dict(s.overrides) for s in SCENARIOS.values()},
    default_scenario="baseline",
    events=EVENTS,
)
