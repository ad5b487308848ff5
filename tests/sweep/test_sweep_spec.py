"""Experiment files are validated before anything runs: one line, exit code 2."""

import subprocess
import sys
from pathlib import Path

import pytest

from model.contract import MALI
from model.sweep.spec import SpecError, parse_spec

VALID = """
name = "t"
scenario = "baseline"
horizon_days = 30
root_seed = 1
replicates = 2
[grid]
concession_refusal = [0.0, 1.0]
"""

BAD = [
    ("colour = 'red'\n" + VALID, "unknown key"),
    (VALID.replace("concession_refusal", "no_such_parameter"), "unknown parameter"),
    (VALID.replace("[0.0, 1.0]", "[0.0, 1.5]"), "out of range"),
    (VALID.replace("concession_refusal = [0.0, 1.0]", "concession_refusal = []"), "non-empty"),
    (VALID.replace("[grid]\nconcession_refusal = [0.0, 1.0]\n", "[grid]\n"), "empty"),
    (VALID.replace("horizon_days = 30\n", ""), "horizon_days"),
    (VALID.replace("horizon_days = 30", "horizon_days = 0"), "in 1..3650"),
    (VALID.replace('scenario = "baseline"', 'scenario = "nope"'), "unknown scenario"),
    (VALID.replace("replicates = 2", "replicates = 0"), "in 1..100,000"),
    (VALID + "[stopping]\nci_halfwidth = 0.05\nmax_replicates = 100\n", "exactly one"),
    (VALID.replace("[grid]\nconcession_refusal = [0.0, 1.0]\n",
                   "[design]\nmethod = 'lhs'\nn = 4\n[ranges]\nblockade_intensity = [0.2, 2.0]\n"), "out of range"),
    (VALID.replace("[grid]\nconcession_refusal = [0.0, 1.0]\n", "[design]\nmethod = 'grid'\nn = 4\n"), "method"),
    ("name = 'x'\nhorizon_days = [", "not valid TOML"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD)
def test_bad_spec_is_one_line_exit_2(tmp_path, text, fragment):
    spec = tmp_path / "spec.toml"
    spec.write_text(text)
    result = subprocess.run([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out",
                             str(tmp_path / "out"), "--executor", "sequential"], capture_output=True, text=True)
    assert result.returncode == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], lines
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("executor", ["threads", "local:0", "local:x", "dask://"])
def test_bad_executor_is_refused(tmp_path, executor):
    spec = tmp_path / "spec.toml"
    spec.write_text(VALID)
    result = subprocess.run([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out",
                             str(tmp_path / "out"), "--executor", executor], capture_output=True, text=True)
    assert result.returncode == 2 and "--executor" in result.stderr
    assert not (tmp_path / "out").exists()


def test_grid_is_a_full_factorial_in_declared_order():
    import tomllib

    raw = tomllib.loads(VALID.replace("[0.0, 1.0]", "[0.0, 0.5, 1.0]") + "mercenary_stand_down = [0.0, 1.0]\n")
    spec = parse_spec(raw, default=MALI)
    assert len(spec.points) == 6
    assert spec.points[0] == {"concession_refusal": 0.0, "mercenary_stand_down": 0.0}
    assert spec.points[1] == {"concession_refusal": 0.0, "mercenary_stand_down": 1.0}


@pytest.mark.parametrize(("method", "n", "expected"), [("lhs", 16, 16), ("sobol", 8, 8 * (2 + 2))])
def test_space_filling_designs_stay_in_their_ranges(method, n, expected):
    raw = {"name": "d", "horizon_days": 10, "root_seed": 5, "replicates": 1,
           "design": {"method": method, "n": n},
           "ranges": {"blockade_intensity": [0.2, 0.8], "jnim_initial_units": [10, 40]}}
    spec = parse_spec(raw, default=MALI)
    assert len(spec.points) == expected
    assert all(0.2 <= p["blockade_intensity"] <= 0.8 for p in spec.points)
    assert all(isinstance(p["jnim_initial_units"], int) and 10 <= p["jnim_initial_units"] <= 40
               for p in spec.points)
    assert parse_spec(raw, default=MALI).points == spec.points  # the design is seeded from root_seed


def test_generic_functions_skip_the_parameter_table_but_not_the_structure():
    raw = {"name": "g", "horizon_days": 5, "root_seed": 1, "replicates": 1, "grid": {"n": [10, 20]}}
    assert len(parse_spec(raw, "model.sweep.examples:boltzmann_run_one").points) == 2
    with pytest.raises(SpecError, match="scenario"):
        parse_spec({**raw, "scenario": "baseline"}, "model.sweep.examples:boltzmann_run_one")


@pytest.mark.parametrize("path", sorted((Path(__file__).resolve().parents[2] / "experiments").glob("*.toml")),
                         ids=lambda p: p.name)
def test_every_shipped_experiment_is_valid(path):
    import tomllib

    spec = parse_spec(tomllib.loads(path.read_text()), default=MALI)
    assert spec.name == path.stem
