"""docs/UNCERTAINTY.md is what its commands give today: the committed posterior and the kept sweeps are of the
current model and specs, some of their runs are rerun exactly, and the tables are what the script prints."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "experiments"))

from kept_sweeps import kept_meta  # noqa: E402

from model.contract import MALI  # noqa: E402
from model.sweep.spec import load_spec  # noqa: E402

KEPT = {"lever_grid": "lever_grid.toml", "lever_grid_posterior": "lever_grid_posterior.toml",
        "uncertainty_lhs": "uncertainty_lhs.toml"}
DOCS = ROOT / "docs" / "UNCERTAINTY.md"


def test_the_committed_posterior_is_of_the_current_model_and_spec():
    from model.calibration.spec import load_calibration_spec
    from model.calibration.statistics import mali_simulator
    from model.sweep.posterior import read_posterior

    spec = load_calibration_spec(ROOT / "experiments" / "calibrations" / "calibration_abc.toml", mali_simulator())
    _, meta = read_posterior(ROOT / "results" / "calibration" / "calibration_abc" / "posterior.parquet")
    assert meta["fingerprint"] == spec.fingerprint(), "stale posterior: run `make posterior`"


@pytest.mark.parametrize("name", sorted(KEPT))
def test_each_kept_sweep_is_of_its_current_spec_and_model(name):
    spec = load_spec(ROOT / "experiments" / KEPT[name], default=MALI)
    assert kept_meta(ROOT / "docs" / "data" / f"{name}.parquet")["fingerprint"] == spec.fingerprint(), (
        f"stale: rerun the sweep of experiments/{KEPT[name]} and keep it (experiments/kept_sweeps.py save)")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(KEPT))
def test_kept_runs_are_what_the_model_gives_them(name):
    from model.sweep.executors import run_batch
    from model.sweep.seeds import replicate_seed

    spec = load_spec(ROOT / "experiments" / KEPT[name], default=MALI)
    kept = pd.read_parquet(ROOT / "docs" / "data" / f"{name}.parquet")
    point_id = len(spec.points) - 1
    tasks = [(point_id, r, replicate_seed(spec.root_seed, r), spec.run_params(spec.points[point_id], r))
             for r in range(3)]
    rerun = pd.DataFrame(run_batch(spec.function, spec.horizon_days, tasks))
    columns = ["point_id", "replicate", "seed", "coup", "coup_day", "capital_fell", "capital_fall_day"]
    expected = kept[(kept.point_id == point_id) & (kept.replicate < 3)].sort_values("replicate")[columns]
    pd.testing.assert_frame_equal(rerun[columns].reset_index(drop=True).astype(expected.dtypes.to_dict()),
                                  expected.reset_index(drop=True), check_dtype=False)


@pytest.mark.slow
def test_the_uncertainty_tables_are_current():
    result = subprocess.run([sys.executable, "experiments/uncertainty_tables.py"], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    rows = [line.rstrip() for line in result.stdout.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) > 20
    text = DOCS.read_text()
    stale = [row for row in rows if row not in text]
    assert not stale, "docs/UNCERTAINTY.md is out of date; paste:\n" + "\n".join(stale)
