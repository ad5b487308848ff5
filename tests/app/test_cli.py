"""Every bad input through the CLI: one line on stderr, exit code 2, no traceback, no file."""

import json
import subprocess
import sys

import pytest

BAD_INPUTS = [
    (["--scenario", "nope"], "unknown scenario"),
    (["--set", "no_such_thing=1"], "unknown parameter"),
    (["--set", "blockade_intensity=1.5"], "out of range"),
    (["--set", "blockade_intensity=high"], "not a float"),
    (["--set", "jnim_fighters=5000.5"], "whole number"),
    (["--set", "post_coup_policy=flee"], "choose one of"),
    (["--set", "blockade_intensity"], "name=value"),
    (["--days", "0"], "in 1..3650"),
    (["--days", "-3"], "in 1..3650"),
    (["--days", "ten"], "--days"),
]


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "model.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(("args", "fragment"), BAD_INPUTS)
def test_bad_input_is_one_line_exit_2_and_no_file(tmp_path, args, fragment):
    out = tmp_path / "series.csv"
    result = cli("run", "--days", "5", *args, "--out", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("out", ["missing_folder/series.csv", "series.txt"])
def test_bad_output_path_is_refused_before_running(tmp_path, out):
    result = cli("run", "--days", "5", "--out", str(tmp_path / out))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--out" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_run_writes_the_promised_columns(tmp_path):
    import pandas as pd

    out = tmp_path / "series.parquet"
    result = cli("run", "--scenario", "baseline", "--days", "30", "--seed", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    frame = pd.read_parquet(out)
    promised = ["day", "date", "fuel_stock_l", "fuel_days_of_supply", "fuel_price_cfa",
                "litres_per_min_wage", "junta_cohesion", "junta_legitimacy", "coup_hazard",
                "treasury_cfa", "russian_posture", "russian_goodwill", "jnim_fighters", "control_state",
                "control_contested", "control_jnim", "tankers_delivered", "tankers_destroyed",
                "tankers_diverted", "civilian_deaths_state", "civilian_deaths_russian",
                "civilian_deaths_jnim", "coups", "convoy_size"]
    assert set(promised) <= set(frame.columns)
    assert len(frame) == 31 and frame["day"].tolist() == list(range(31))
    assert frame["date"].iloc[0] == "2025-09-03" and frame["date"].iloc[30] == "2025-10-03"
    for column in ("tankers_delivered", "tankers_destroyed", "civilian_deaths_jnim"):
        assert frame[column].is_monotonic_increasing


def test_json_output_is_one_object():
    result = cli("run", "--days", "10", "--seed", "3", "--json", "--set", "blockade_intensity=0.5")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["end_day"] == 10 and record["seed"] == 3


def test_scenarios_and_params_list_the_tables():
    from model.params import GROUPS, PARAMETERS
    from model.scenarios import SCENARIOS

    listed = cli("scenarios").stdout.splitlines()
    assert [line.split()[0] for line in listed] == list(SCENARIOS)
    table = [line for line in cli("params").stdout.splitlines()[1:] if line]
    headings = [line for line in table if line.startswith("[")]
    assert headings == [f"[{group}]" for group in GROUPS]  # one heading per process, in order
    grouped = [p.name for group in GROUPS for p in PARAMETERS if p.group == group]
    assert [line.split()[0] for line in table if not line.startswith("[")] == grouped
    assert sorted(grouped) == sorted(p.name for p in PARAMETERS)


def test_viz_refuses_a_port_in_use_in_one_line():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("viz", "--port", str(port))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"error: --port {port}: 127.0.0.1:{port} is already in use; choose another port"]


def test_viz_refuses_an_unknown_scenario():
    result = cli("viz", "--scenario", "nope")
    assert result.returncode == 2 and "unknown scenario" in result.stderr
