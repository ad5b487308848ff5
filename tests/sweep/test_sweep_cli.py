"""The sweep commands as a user types them: plan, run, status, summarize --out, and bad input."""

import subprocess
import sys

import pandas as pd
import pytest

SPEC = """
name = "cli"
horizon_days = 20
root_seed = 4
replicates = 2
[grid]
blockade_intensity = [0.2, 0.8]
"""


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "model.cli", "sweep", *args], capture_output=True, text=True,
                          cwd=cwd)


@pytest.mark.slow  # a timing probe and a sweep, through the CLI (~5 s)
def test_plan_run_status_summarize(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    plan = cli("plan", str(spec))
    assert plan.returncode == 0 and "2 points × 2 replicates = at most 4 runs" in plan.stdout
    assert "s per run" in plan.stdout
    run = cli("run", str(spec), "--executor", "sequential", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "runs/s" in run.stderr  # plain progress lines when not on a terminal
    directory = tmp_path / "results" / "sweeps" / "cli"  # the default place
    status = cli("status", str(directory))
    assert status.stdout.strip() == "done 4, failed 0, remaining 0; 0 of 2 points not yet converged"
    out = tmp_path / "table.csv"
    summary = cli("summarize", str(directory), "--horizon", "10", "--out", str(out))
    assert summary.returncode == 0
    table = pd.read_csv(out)
    assert list(table["n"]) == [2, 2] and "cif_coup_d10" in table.columns
    assert {"p_coup", "p_coup_lo", "p_coup_hi", "p_fall", "p_fall_lo", "p_fall_hi"} <= set(table.columns)


@pytest.mark.slow  # a sweep and five CLI calls (~5 s)
def test_bad_directories_and_horizons_are_one_line(tmp_path):
    for args, fragment in ((["status", str(tmp_path)], "not a sweep directory"),
                           (["summarize", str(tmp_path / "nope")], "not a sweep directory")):
        result = cli(*args)
        assert result.returncode == 2 and result.stderr.strip().splitlines() == [result.stderr.strip()]
        assert fragment in result.stderr
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    assert cli("run", str(spec), "--out", str(tmp_path / "s"), "--executor", "sequential").returncode == 0
    result = cli("summarize", str(tmp_path / "s"), "--horizon", "21")
    assert result.returncode == 2 and "within 1..20" in result.stderr
    result = cli("summarize", str(tmp_path / "s"), "--out", str(tmp_path / "missing" / "t.csv"))
    assert result.returncode == 2 and "does not exist" in result.stderr


@pytest.mark.slow  # three sweeps and two CLI calls (~8 s)
def test_archive_stale_moves_an_old_sweep_aside_and_keeps_its_records(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    directory = tmp_path / "results" / "sweeps" / "cli"
    assert cli("run", str(spec), "--executor", "sequential", cwd=tmp_path).returncode == 0
    spec.write_text(SPEC.replace("replicates = 2", "replicates = 3"))  # another spec, same name
    refused = cli("run", str(spec), "--executor", "sequential", cwd=tmp_path)
    assert refused.returncode == 2 and "--archive-stale" in refused.stderr
    moved = cli("run", str(spec), "--executor", "sequential", "--archive-stale", cwd=tmp_path)
    assert moved.returncode == 0, moved.stderr
    (old,) = directory.parent.glob("cli.stale-*")
    assert old.name in moved.stderr
    assert cli("status", str(old)).stdout.startswith("done 4, failed 0")
    assert cli("status", str(directory)).stdout.startswith("done 6, failed 0")
    again = cli("run", str(spec), "--executor", "sequential", "--archive-stale", cwd=tmp_path)
    assert again.returncode == 0 and "moved" not in again.stderr  # same spec: resumes, nothing moved
