"""The sweep engine knows a model only through its declared contract (model/sweep/contract.py)."""

import json
import subprocess
import sys
import textwrap
import tomllib

import pytest

from model.sweep.contract import ContractError, Event, ModelContract, load_contract
from model.sweep.runner import NoProgress, run_sweep
from model.sweep.spec import SpecError, parse_spec
from model.sweep.summary import status, summarize

ENGINE = ["model.sweep", "model.sweep.contract", "model.sweep.spec", "model.sweep.seeds", "model.sweep.stats",
          "model.sweep.store", "model.sweep.executors", "model.sweep.runner", "model.sweep.summary",
          "model.sweep.cli_util", "model.sweep.cli", "model.sweep.sensitivity"]
BOLTZMANN = "model.sweep.examples:boltzmann_run_one"
GRID = {"name": "g", "horizon_days": 5, "root_seed": 1, "replicates": 1, "grid": {"n": [10, 20]}}


def test_the_engine_imports_nothing_of_the_model():
    """In a fresh interpreter, importing every engine module loads no ``model.*`` module outside the engine.

    The bare ``model`` package is loaded because ``model.sweep`` is its subpackage (Python imports a
    package before its subpackages); its ``__init__`` only defines a lazy ``run_one``.
    """
    code = ("import importlib, json, sys\n"
            f"for name in {ENGINE!r}:\n    importlib.import_module(name)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m == 'model' or m.startswith('model.'))))")
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                       check=True).stdout)
    assert set(ENGINE) <= set(loaded)
    outside = [m for m in loaded if m != "model" and not m.startswith("model.sweep")]
    assert outside == [], f"the engine loaded {outside}"


def test_a_spec_that_names_no_model_needs_the_callers_contract():
    with pytest.raises(SpecError, match="this spec names no model"):
        parse_spec(GRID)


def test_the_mali_contract_declares_its_scenarios_and_events():
    from model.contract import MALI

    spec = parse_spec({**GRID, "grid": {"concession_refusal": [0.0, 1.0]}, "scenario": "stand_down"}, default=MALI)
    assert spec.function == MALI.function == "model:run_one"
    assert [(e.name, e.flag, e.day, e.ends_run) for e in spec.events] == [
        ("coup", "coup", "coup_day", False), ("fall", "capital_fell", "capital_fall_day", True)]
    assert spec.scenario_overrides == dict(MALI.scenarios["stand_down"])
    assert spec.code == MALI.fingerprint()
    assert MALI.is_integer("jnim_initial_units") and not MALI.is_integer("blockade_intensity")


@pytest.mark.parametrize(("name", "value", "fragment"), [
    ("no_such_parameter", 1, "unknown parameter 'no_such_parameter'; `mali-abm params` lists the allowed names"),
    ("blockade_intensity", 1.5, "blockade_intensity=1.5 is out of range; allowed: [0, 1]"),
    ("post_coup_policy", "flee", "choose one of continue, grant, negotiate"),
])
def test_the_mali_contract_checks_values_in_one_line(name, value, fragment):
    from model.contract import MALI

    with pytest.raises(ContractError) as caught:
        MALI.coerce(name, value)
    assert fragment in str(caught.value) and "\n" not in str(caught.value)
    assert MALI.coerce("jnim_fighters", "5000") == 5000


def test_a_bare_function_declares_nothing():
    contract = load_contract(BOLTZMANN)
    assert contract.function == BOLTZMANN and contract.events == () and not contract.scenarios
    assert len(parse_spec(GRID, BOLTZMANN).points) == 2  # any name, any value
    with pytest.raises(SpecError, match="declares no"):
        parse_spec({**GRID, "scenario": "baseline"}, BOLTZMANN)
    stopping = {k: v for k, v in GRID.items() if k != "replicates"} | {
        "stopping": {"ci_halfwidth": 0.1, "max_replicates": 5}}
    with pytest.raises(SpecError, match=r"\[stopping\] watches the model's events"):
        parse_spec(stopping, BOLTZMANN)


def test_a_bare_function_sweeps_and_summarises_without_events(tmp_path):
    store = run_sweep(parse_spec(GRID, BOLTZMANN), tmp_path / "b", "sequential", progress=NoProgress)
    table = summarize(store)
    assert list(table.columns) == ["point_id", "n"]  # the point's own "n" is shadowed by the count
    assert store.records()["gini"].notna().all()


def test_a_directory_whose_spec_stores_no_events_is_refused_in_one_line(tmp_path):
    store = run_sweep(parse_spec(GRID, BOLTZMANN), tmp_path / "old", "sequential", progress=NoProgress)
    meta = json.loads((store.root / "spec.json").read_text())
    del meta["events"]  # as the engine wrote spec.json before it stored the model's events
    (store.root / "spec.json").write_text(json.dumps(meta))
    for read in (summarize, status):
        with pytest.raises(SpecError, match="older version of the sweep engine") as caught:
            read(store)
        assert "\n" not in str(caught.value)


def test_a_spec_can_name_a_contract_that_declares_its_own_events(tmp_path, monkeypatch):
    (tmp_path / "toy_model.py").write_text(textwrap.dedent("""
        from model.sweep.contract import Event, ModelContract, ParameterRange

        def run(params, seed, horizon_days):
            boom = seed % 2 == 0 and params["x"] > 0
            return {"boom": boom, "boom_day": 3 if boom else None}

        TOY = ModelContract(name="toy", run=run, fingerprint=lambda: "toy-1",
                            parameters={"x": ParameterRange(0, 10, integer=True)},
                            events=(Event(name="boom", flag="boom", day="boom_day", ends_run=True),))
    """))
    monkeypatch.syspath_prepend(str(tmp_path))
    text = 'name = "toy"\nfunction = "toy_model:TOY"\nhorizon_days = 5\nroot_seed = 1\nreplicates = 4\n' \
           '[design]\nmethod = "lhs"\nn = 3\n[ranges]\nx = [0, 10]\n'
    spec = parse_spec(tomllib.loads(text))
    assert spec.function == "toy_model:run" and spec.code == "toy-1"
    assert all(isinstance(p["x"], int) for p in spec.points)
    table = summarize(run_sweep(spec, tmp_path / "toy", "sequential", progress=NoProgress), [4])
    assert {"p_boom", "p_boom_lo", "p_boom_hi", "median_boom_day", "cif_boom_d4"} <= set(table.columns)
    assert "p_coup" not in table.columns


def test_a_contract_refuses_a_run_function_workers_could_not_import():
    with pytest.raises(ContractError, match="top of an importable module"):
        ModelContract(name="bad", run=lambda params, seed, days: {}, fingerprint=lambda: "x")
    with pytest.raises(ContractError, match="share a name"):
        ModelContract(name="bad", run=parse_spec, fingerprint=lambda: "x",
                      events=(Event("a", "a", "a_day"), Event("a", "b", "b_day")))
