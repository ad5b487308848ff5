"""The parameter table and the map against their sources."""

import math
from pathlib import Path

import pytest

from model.geography import build_map, distance_km
from model.params import PARAMETERS, ParameterError, defaults, validate
from model.scenarios import SCENARIOS, scenario_params


def test_every_parameter_has_a_legal_default_a_unit_and_a_source():
    names = [p.name for p in PARAMETERS]
    assert len(names) == len(set(names))
    for p in PARAMETERS:
        assert p.unit and p.source and p.description
        if p.choices:
            assert p.default in p.choices
        else:
            assert p.low <= p.default <= p.high, p.name
            assert isinstance(p.default, p.kind) or (p.kind is float and isinstance(p.default, int))


def test_every_parameter_is_read_by_the_model():
    """A row nothing reads would claim a fact or an assumption the model does not use."""
    from model.fingerprint import PACKAGE, simulation_files

    files = [PACKAGE / p for p in simulation_files()]
    source = "\n".join(p.read_text() for p in files if p.suffix == ".py" and p.name != "params.py")
    dynamic = {"civilian_harm_state", "civilian_harm_russian"}  # read as p[f"civilian_harm_{defender.perpetrator}"]
    assert 'f"civilian_harm_{defender.perpetrator}"' in source
    unread = [p.name for p in PARAMETERS if p.name not in dynamic and f'"{p.name}"' not in source]
    assert unread == []


def test_levers_are_probabilities():
    table = {p.name: p for p in PARAMETERS}
    for lever in ("concession_refusal", "mercenary_stand_down"):
        assert (table[lever].low, table[lever].high) == (0.0, 1.0)


def test_scenarios_are_legal_overrides_only():
    for name, scenario in SCENARIOS.items():
        params = scenario_params(name)
        assert set(params) == set(defaults())
        assert {k for k in params if params[k] != defaults()[k]} <= set(scenario.overrides)


def test_validate_rejects_bad_values():
    with pytest.raises(ParameterError):
        validate({"blockade_intensity": -0.1})
    with pytest.raises(ParameterError):
        validate({"nope": 1})
    assert validate({"jnim_fighters": "5000"})["jnim_fighters"] == 5000


def test_map_is_recognisably_mali():
    mali = build_map(0.2)
    area = mali.inside.sum() * mali.km_per_cell**2
    assert area == pytest.approx(1_241_238, rel=0.06)
    assert mali.population.sum() == pytest.approx(22_395_485)
    assert mali.population.ravel()[mali.capital_cell] == pytest.approx(4_227_569)
    assert len(mali.crossings) == 7 and len(mali.mines) == 13


def test_corridor_lengths_match_the_reported_distances():
    corridors = build_map(0.2).corridors
    assert corridors["cote_divoire"].length_km == pytest.approx(500, rel=0.15)  # Bamako-Zégoua ≈ 500 km
    assert corridors["senegal_south"].length_km == pytest.approx(700, rel=0.2)  # 700 km in Mali
    assert sum(c.fuel_share for c in corridors.values()) == pytest.approx(1.0)


def test_haversine_by_hand():
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(2 * math.pi * 6371 / 360, rel=1e-6)


def test_each_region_holds_its_census_population_and_the_capital_cell_is_bamako_district():
    import csv

    import numpy as np

    mali = build_map(0.2)
    with (Path(__file__).resolve().parents[2] / "model" / "data" / "regions.csv").open(encoding="utf-8") as handle:
        census = {row["region"]: float(row["population"]) for row in csv.DictReader(handle)}
    region = mali.region.ravel()
    population = mali.population.ravel()
    for k, name in enumerate(mali.region_names):
        assert np.sum(population[region == k]) == pytest.approx(census[name], rel=1e-9), name
    bamako = mali.region_names.index("Bamako District")
    assert region[mali.capital_cell] == bamako and np.sum(region == bamako) == 1
    assert mali.region_jnim_presence[bamako] == 0.0
