"""The model as the browser app builds it, and the app's controls, from the parameter table.

SolaraViz rebuilds the model on Reset as ``VizModel(**control_values)``. Slider defaults and
ranges come from ``model.params.PARAMETERS`` (never a second copy). A scenario's overrides win
over the sliders for the parameters it sets, so choosing a scenario always means that scenario.
"""

from __future__ import annotations

import math

from model.model import MaliModel
from model.params import BY_NAME
from model.scenarios import SCENARIOS, scenario_params

SLIDERS = ("concession_refusal", "mercenary_stand_down", "blockade_intensity", "escort_share",
           "negotiation", "rationing", "russian_fuel_l_per_day")
"""The mission's two levers first, then the main others."""
VIZ_HORIZON_DAYS = 730


def seed_from_text(seed) -> int:
    """The seed box hands text: '42' → 42; blank or invalid → 0 (never a crash on Reset)."""
    try:
        return int(float(str(seed).strip()))
    except ValueError:
        return 0


def viz_params(scenario: str, sliders: dict) -> dict:
    """Full parameter set: slider values, then the scenario's own overrides on top."""
    if scenario not in SCENARIOS:
        scenario = "baseline"
    return scenario_params(scenario, {**sliders, **SCENARIOS[scenario].overrides})


class VizModel(MaliModel):
    """MaliModel built from the app's controls, keeping each day's map for playback.

    Attributes:
        snapshots: day → what the map shows of that day (zones and agents; see :func:`map_snapshot`).

    """

    def __init__(self, scenario: str = "baseline", seed="1", **kwargs):
        """Build from the controls; ``kwargs`` are slider values (Mesa requires that name)."""
        self.scenario = scenario
        super().__init__(viz_params(scenario, kwargs), seed=seed_from_text(seed),
                         horizon_days=VIZ_HORIZON_DAYS)
        self.snapshots = [map_snapshot(self)]

    def step(self) -> None:
        """One day of the model, then that day's map kept (reading the model only: its numbers are unchanged)."""
        super().step()
        if len(self.snapshots) <= self.day:
            self.snapshots.append(map_snapshot(self))


def map_snapshot(model) -> dict:
    """What the map draws of today: each cell's zone and each agent's cell and size (a few kB a day)."""
    from model.village_view import village_values, zone_grid

    return {"day": model.day, "zones": zone_grid(model), "jnim_share": village_values(model, "q"),
            "population": village_values(model, "population"),
            "convoys": [(c.cell, c.tankers) for c in model.logistics.convoys],
            "columns": [(u.cell, u.fighters) for u in model.insurgency.columns],
            "russians": [(u.cell, u.posture.value, u.strength) for u in model.moscow.units],
            "army": [(u.cell, u.role.value, u.strength) for u in model.army.mobile]}


def slider_step(low: float, high: float) -> float:
    """A power of ten giving at least 50 positions, so round defaults lie on the grid.

    The browser's slider snaps its value to the step grid; a step that misses the default
    would silently change the model the page runs.
    """
    return 10.0 ** math.floor(math.log10((high - low) / 50))


def model_params(initial_scenario: str = "baseline") -> dict:
    """SolaraViz controls: scenario selector, seed box, one slider per entry of SLIDERS."""
    controls = {
        "scenario": {"type": "Select", "value": initial_scenario, "values": list(SCENARIOS), "label": "Scenario"},
        "seed": {"type": "InputText", "value": "1", "label": "Seed"},
    }
    for name in SLIDERS:
        p = BY_NAME[name]
        controls[name] = {"type": "SliderFloat", "value": float(p.default), "min": float(p.low),
                          "max": float(p.high), "step": slider_step(p.low, p.high),
                          "label": f"{name} ({p.unit})"}
    return controls
