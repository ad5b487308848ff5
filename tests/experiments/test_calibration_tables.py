"""Every table docs/CALIBRATION.md quotes is what its command prints today (a model change must regenerate them).

Each test reruns the command written above the table in the docs, in full, and checks that every
row it prints stands in the docs. They are slow (the scenario table alone takes ~3 minutes on 2
cores) and run in `make test`, not in `make test-fast`.
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "CALIBRATION.md").read_text()


def printed_rows(*command: str) -> list[str]:
    """The table rows (Markdown or fixed-width) a command prints, without header rules."""
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = [line.rstrip() for line in result.stdout.splitlines() if is_row(line)]
    assert len(rows) >= 3, result.stdout
    return rows


def is_row(line: str) -> bool:
    """A Markdown table row (not its rule), or a row of a fixed-width table (indented, starting with a number)."""
    markdown = line.startswith("| ") and "---" not in line
    fixed_width = line[:1].isspace() and line.strip()[:1].isdigit()
    return markdown or fixed_width


def assert_quoted(rows: list[str]) -> None:
    """Every row stands in the docs, else the test prints what to paste."""
    stale = [row for row in rows if row not in DOCS]
    assert not stale, "docs/CALIBRATION.md is out of date; rerun the command and paste:\n" + "\n".join(stale)


@pytest.mark.slow
def test_the_blockade_decomposition_is_current():
    assert_quoted(printed_rows(sys.executable, "experiments/blockade_decomposition.py", "--seeds", "40"))


@pytest.mark.slow
@pytest.mark.parametrize("overrides", [[], ["--set", "coup_attempt_rate_per_year=0.12"]])
def test_the_coup_base_rates_over_400_seeds_are_current(overrides):
    rows = printed_rows(sys.executable, "experiments/calibration.py", "--seeds", "400", "--only", "equilibrium",
                        *overrides)
    assert_quoted([row for row in rows if "coup" in row])


@pytest.mark.slow
def test_the_day0_map_and_its_movement_are_current():
    assert_quoted(printed_rows(sys.executable, "experiments/control_map.py", "--seeds", "10"))


@pytest.mark.slow
def test_the_lever_channels_are_current():
    assert_quoted(printed_rows(sys.executable, "experiments/lever_channels.py", "--seeds", "200"))


@pytest.mark.slow
def test_the_traced_findings_are_current():
    assert_quoted(printed_rows(sys.executable, "experiments/finding_traces.py"))


@pytest.mark.slow
def test_the_rural_ban_table_is_current():
    assert_quoted(printed_rows(sys.executable, "experiments/rural_ban.py", "--seeds", "100"))


def test_the_morris_table_is_what_the_kept_screen_gives():
    """The screen's counts are kept with the fingerprint of the spec and model that made them
    (the script refuses stale ones); tests/experiments/test_morris_spec.py reruns some of its points."""
    assert_quoted(printed_rows(sys.executable, "experiments/morris_table.py", "--cache",
                               "docs/data/morris_screen.json"))


@pytest.mark.slow
def test_the_scenario_table_is_current():
    assert_quoted(printed_rows(sys.executable, "experiments/scenario_table.py", "--seeds", "60"))


@pytest.mark.slow
@pytest.mark.parametrize("spec", ["fiscal_runway", "ceiling_sensitivity", "russian_guard", "lever_grid"])
def test_the_sweeps_quoted_are_current(spec, tmp_path):
    cli = str(Path(sys.executable).with_name("mali-abm"))
    out = str(tmp_path / spec)
    run = subprocess.run([cli, "sweep", "run", f"experiments/{spec}.toml", "--out", out], capture_output=True,
                         text=True, check=False, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    if spec == "lever_grid":
        assert_quoted(printed_rows(sys.executable, "experiments/lever_table.py", out))
    else:
        assert_quoted(printed_rows(cli, "sweep", "summarize", out))
