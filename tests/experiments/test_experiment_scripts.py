"""The experiment scripts behind docs/CALIBRATION.md: calibration, drift diagnostics, column dynamics."""

import subprocess
import sys
from pathlib import Path

import pytest

EXPERIMENTS = Path(__file__).resolve().parents[2] / "experiments"


def run_script(name: str, *args: str) -> subprocess.CompletedProcess:
    """Run experiments/NAME with ``args`` in a fresh interpreter, capturing its output."""
    return subprocess.run([sys.executable, str(EXPERIMENTS / name), *args], capture_output=True, text=True,
                          check=False)


def calibrate(*args: str) -> subprocess.CompletedProcess:
    return run_script("calibration.py", *args)


@pytest.mark.parametrize(("args", "message"), [
    (["--set", "bogus=1"], "unknown parameter 'bogus'"),
    (["--set", "control_reach_km=5"], "out of range; allowed: [20, 150]"),
    (["--seeds", "1"], "need at least 2 seeds"),
])
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = calibrate(*args)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


@pytest.mark.slow  # two calibration runs of 2 seeds each (~3 s)
def test_an_override_reaches_the_model_and_is_reported():
    default = calibrate("--seeds", "2", "--only", "equilibrium")
    wider = calibrate("--seeds", "2", "--only", "equilibrium", "--set", "control_reach_km=100")
    assert default.returncode == wider.returncode == 0
    assert "Overrides: control_reach_km=100." in wider.stdout
    assert "tankers destroyed" not in wider.stdout  # --only equilibrium
    rows = [line for line in wider.stdout.splitlines() if line.startswith("| control shares drift < 5 points |")]
    assert len(rows) == 1 and rows[0] not in default.stdout  # the wider reach changes the drift


@pytest.mark.slow  # the drift diagnostics over 3 seeds (~2 s)
def test_drift_diagnostics_report_every_figure_the_docs_quote():
    result = run_script("drift_diagnostics.py", "--seeds", "3")
    assert result.returncode == 0, result.stderr
    for phrase in ("largest share change", "q in [0.3, 0.5) at day 0", "changed region",
                   "correlation of drift with that regional shift", "correlation of drift with population near 0.4",
                   "measured with q spread", "by whose strength in reach changed"):
        assert phrase in result.stdout


@pytest.mark.slow  # the column dynamics over 2 seeds (~3 s)
def test_column_dynamics_follow_the_columns_and_refuse_a_bad_parameter():
    result = run_script("column_dynamics.py", "--seeds", "2", "--set", "jnim_new_base_share=0")
    assert result.returncode == 0, result.stderr
    assert "with jnim_new_base_share=0" in result.stdout
    for row in ("columns ", "distinct homes", "tail exponent"):
        assert row in result.stdout
    bad = run_script("column_dynamics.py", "--set", "jnim_new_base_share=2")
    assert bad.returncode == 2 and "out of range" in bad.stderr and bad.stdout == ""


@pytest.mark.slow  # the calibration over 40 seeds (~12 s)
def test_the_calibration_table_in_the_docs_is_what_the_command_prints_today():
    """docs/CALIBRATION.md §2 quotes `calibration.py --seeds 40`; a model change must regenerate it."""
    result = calibrate("--seeds", "40")
    assert result.returncode == 0, result.stderr
    docs = (EXPERIMENTS.parent / "docs" / "CALIBRATION.md").read_text()
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) >= 10
    stale = [row for row in rows if row not in docs]
    assert not stale, "docs/CALIBRATION.md is out of date; rerun `make calibrate` and paste:\n" + "\n".join(stale)


@pytest.mark.slow  # the orphan-column count over 2 seeds (~2 s)
def test_orphan_columns_counts_where_new_columns_form_and_refuses_a_bad_parameter():
    result = run_script("orphan_columns.py", "--seeds", "2")
    assert result.returncode == 0, result.stderr
    assert "columns formed from orphan recruits" in result.stdout and "within Bamako's reach" in result.stdout
    bad = run_script("orphan_columns.py", "--set", "no_such_parameter=1")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and bad.stdout == ""
