"""experiments/restamp.py moves a kept sweep to new code only when fresh runs give exactly its records."""

import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.slow  # small sweeps in subprocesses (~30 s)

ROOT = Path(__file__).resolve().parents[2]
SPEC = """name = "restamp_probe"
scenario = "stand_down"
horizon_days = 40
root_seed = 11
replicates = 3
[grid]
concession_refusal = [0.0, 1.0]
"""


def kept_sweep(tmp_path: Path) -> tuple[Path, Path]:
    """A small finished sweep, kept as experiments/kept_sweeps.py keeps one."""
    spec = tmp_path / "probe.toml"
    spec.write_text(SPEC)
    out = tmp_path / "sweep"
    cli = str(Path(sys.executable).with_name("mali-abm"))
    subprocess.run([cli, "sweep", "run", str(spec), "--out", str(out), "--executor", "sequential"], check=True,
                   capture_output=True, cwd=ROOT)
    kept = tmp_path / "kept.parquet"
    subprocess.run([sys.executable, "experiments/kept_sweeps.py", "save", str(out), str(kept)], check=True,
                   capture_output=True, cwd=ROOT)
    return spec, kept


def rewrite(kept: Path, change) -> None:
    """Change the kept file's metadata or records in place (what another code version would have left)."""
    table = pq.read_table(kept)
    key = b"mali_abm_kept_sweep"
    payload = json.loads(table.schema.metadata[key])
    frame = table.to_pandas()
    change(payload, frame)
    new = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(new.replace_schema_metadata({key: json.dumps(payload).encode()}), kept)


def restamp(kept: Path, spec: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "experiments/restamp.py", "sweep", str(kept), str(spec), "--runs", "6"],
                          capture_output=True, text=True, cwd=ROOT)


def fingerprint(kept: Path) -> str:
    return json.loads(pq.read_schema(kept).metadata[b"mali_abm_kept_sweep"])["spec"]["fingerprint"]


def test_runs_that_still_agree_are_restamped(tmp_path):
    spec, kept = kept_sweep(tmp_path)
    current = fingerprint(kept)

    def older_code(payload, frame):
        payload["spec"]["fingerprint"], payload["spec"]["code"] = "0" * 64, "0" * 16

    rewrite(kept, older_code)
    result = restamp(kept, spec)
    assert result.returncode == 0, result.stderr
    assert "identical" in result.stdout and fingerprint(kept) == current


def test_runs_that_changed_leave_the_file_as_it_was(tmp_path):
    spec, kept = kept_sweep(tmp_path)

    def older_results(payload, frame):
        payload["spec"]["fingerprint"] = "0" * 64
        frame["coup"] = ~frame["coup"].astype(bool)

    rewrite(kept, older_results)
    before = kept.read_bytes()
    result = restamp(kept, spec)
    assert result.returncode == 1 and "DIFFERENT" in result.stdout
    assert kept.read_bytes() == before


def test_a_spec_asking_for_other_runs_is_refused(tmp_path):
    spec, kept = kept_sweep(tmp_path)
    spec.write_text(SPEC.replace("replicates = 3", "replicates = 4"))
    result = restamp(kept, spec)
    assert result.returncode == 1 and "asks for other runs" in result.stderr


def test_a_partial_kept_sweep_restamped_resumes_to_the_whole_sweeps_records(tmp_path):
    """How a long sweep made under one code version is finished under the next (restamped, then resumed)."""
    import shutil
    import sys as _sys

    import pandas as pd

    _sys.path.insert(0, str(ROOT / "experiments"))
    from kept_sweeps import load

    from model.sweep.store import SweepStore

    spec, kept_full = kept_sweep(tmp_path)
    full = SweepStore(tmp_path / "sweep").records()

    def partial_and_older(payload, frame):
        payload["spec"]["fingerprint"], payload["spec"]["code"] = "0" * 64, "0" * 16
        frame.drop(frame.index[frame["replicate"] == 2], inplace=True)  # a sweep stopped before its last runs

    rewrite(kept_full, partial_and_older)
    assert restamp(kept_full, spec).returncode == 0
    resumed = tmp_path / "resumed"
    shutil.copytree(load(kept_full).root, resumed)
    cli = str(Path(_sys.executable).with_name("mali-abm"))
    run = subprocess.run([cli, "sweep", "run", str(spec), "--out", str(resumed), "--executor", "sequential"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    columns = ["point_id", "replicate", "seed", "status", "coup", "coup_day", "capital_fell", "capital_fall_day"]
    got = SweepStore(resumed).records()[columns].sort_values(["point_id", "replicate"]).reset_index(drop=True)
    want = full[columns].sort_values(["point_id", "replicate"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)


def test_a_spec_with_other_points_of_the_same_number_is_refused(tmp_path):
    spec, kept = kept_sweep(tmp_path)
    spec.write_text(SPEC.replace("concession_refusal = [0.0, 1.0]", "concession_refusal = [0.0, 0.5]"))
    result = restamp(kept, spec)
    assert result.returncode == 1 and "asks for other runs" in result.stderr
