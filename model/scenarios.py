"""Named scenarios: each one is a set of parameter overrides, nothing more."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from model.params import ParameterError, validate


@dataclass(frozen=True)
class Scenario:
    """A story told as parameter overrides on top of the table's defaults."""

    name: str
    summary: str
    overrides: dict[str, Any] = field(default_factory=dict)


SCENARIOS: dict[str, Scenario] = {s.name: s for s in (
    Scenario("baseline", "September 2025 as it was: blockade declared, junta mostly refuses Moscow"),
    Scenario("stand_down", "Moscow stands all its units down at once and stays cold",
             {"initial_goodwill": 0.0, "mercenary_stand_down": 1.0, "goodwill_recovery_per_day": 0.0}),
    Scenario("concessions_granted", "The junta grants Moscow's resource demands",
             {"concession_refusal": 0.0}),
    Scenario("refinery_deal", "A refinery-type deal on day 60 warms Moscow",
             {"refinery_goodwill_gain": 0.35, "refinery_deal_day": 60}),
    Scenario("negotiate", "The junta pays JNIM for an eased blockade (peace for resources)",
             {"negotiation": 1.0}),
    Scenario("rationing", "The state rations civilian fuel when stocks run low",
             {"rationing": 0.4, "rationing_trigger_days": 8.0}),
    Scenario("escort_surge", "Most mobile FAMa escort convoys, so bigger convoys can be protected",
             {"escort_share": 0.8}),
    Scenario("russian_fuel", "Moscow ships the fuel it offered in October 2025 via Conakry",
             {"russian_fuel_l_per_day": 6.7e6, "russian_fuel_start_day": 45}),
    Scenario("no_blockade", "Counterfactual: JNIM never blockades fuel",
             {"blockade_intensity": 0.0}),
)}


def scenario_params(name: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Full parameter set of a scenario, with user overrides applied last.

    Raises:
        ParameterError: unknown scenario, or a bad override.

    """
    if name not in SCENARIOS:
        raise ParameterError(f"unknown scenario {name!r}; allowed: {', '.join(SCENARIOS)}")
    return validate({**SCENARIOS[name].overrides, **(extra or {})})
