"""The day-0 map of control against its documented target, and control's three-sided contest."""

import csv
import sys
from pathlib import Path

import numpy as np
import pytest

from model.model import MaliModel
from model.scenarios import scenario_params

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "experiments"))
from control_map import read_target, regional_shares

SEEDS = range(10)
"""The seeds of the table in docs/CALIBRATION.md (experiments/control_map.py's default)."""


@pytest.fixture(scope="module")
def day0_models():
    return [MaliModel(scenario_params("baseline"), seed=s, horizon_days=1) for s in SEEDS]


def test_every_region_at_day_0_lies_within_its_documented_target(day0_models):
    runs = [regional_shares(m) for m in day0_models]
    misses = {}
    for region, (low, high) in read_target().items():
        state = float(np.mean([run[region][0] for run in runs]))
        if not low <= state <= high:
            misses[region] = (round(state, 3), low, high)
    assert not misses


def test_the_state_holds_the_regional_capitals_at_day_0(day0_models):
    grid = day0_models[0].grid
    with (Path(__file__).resolve().parents[2] / "model" / "data" / "regions.csv").open(encoding="utf-8") as handle:
        names = {row["capital"] for row in csv.DictReader(handle)}
    capitals = [t.cell for t in grid.map.towns if t.name in names]
    assert len(capitals) == len(names)
    held = []
    for model in day0_models:
        v = model.villages.arrays
        index = {int(c): k for k, c in enumerate(v.cells)}
        held += [v.zone[index[c]] <= 2 for c in capitals]
    # A column based beside a capital at day 0 may contest it in a seed; 19 capitals × 10 seeds.
    assert np.mean(held) >= 0.95


def test_the_other_armed_groups_sit_only_in_the_north_and_give_jnim_no_ground(day0_models):
    model = day0_models[0]
    control, grid = model.control, model.grid
    regions = np.array(grid.map.region_names)[grid.map.region.ravel()[grid.control_cells]]
    present = control.others_field > 0
    assert set(regions[present]) == {"Kidal", "Gao", "Menaka", "Tombouctou"}
    assert control.others_field.sum() == pytest.approx(model.p["other_armed_groups_fighters"])
    # Where the others hold ground, the state's and JNIM's shares leave room for them.
    assert np.all(control.q_control + control.s_control <= 1.0 + 1e-9)
    assert np.any(control.q_control[present] + control.s_control[present] < 0.9)
