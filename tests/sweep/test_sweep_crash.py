"""Crash safety: a sweep killed with SIGKILL at random moments resumes to the same result."""

import contextlib
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import psutil
import pytest

from model.sweep.store import SweepStore
from model.sweep.summary import summarize

pytestmark = pytest.mark.slow  # kills and resumes sweeps of worker processes (~40 s)

SPEC = """
name = "crash"
horizon_days = 30
root_seed = 5
replicates = 6
[grid]
concession_refusal = [0.0, 1.0]
mercenary_stand_down = [0.0, 0.5, 1.0]
"""
KILL_AFTER_S = [1.5, 2.5, 3.5, 4.5, 5.5]


def start(spec, out):
    return subprocess.Popen([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(out),
                             "--executor", "local:2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def kill_group(process):
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def comparable(store):
    return (store.records().drop(columns=["duration_s"]).sort_values(["point_id", "replicate"])
            .reset_index(drop=True))


def test_killed_sweeps_resume_to_exactly_the_uninterrupted_result(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    reference_dir = tmp_path / "reference"
    subprocess.run([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(reference_dir),
                    "--executor", "local:2"], check=True, capture_output=True)
    reference = SweepStore(reference_dir)
    rng = np.random.default_rng(2)
    partial = []
    for trial, base in enumerate(KILL_AFTER_S):
        out = tmp_path / f"killed{trial}"
        process = start(spec, out)  # first kill: anywhere, even before any run finished
        time.sleep(base * rng.uniform(0.3, 1.0))
        kill_group(process)
        process = start(spec, out)  # second kill: once the resumed sweep has stored something new
        before = len(list(out.glob("runs/chunk-*")))
        deadline = time.monotonic() + 60
        while len(list(out.glob("runs/chunk-*"))) <= before and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.5))
        kill_group(process)
        for leftover in out.glob("runs/*"):  # whatever is on disk must be readable or a temp file
            if not leftover.name.startswith("."):
                pd.read_parquet(leftover)
        partial.append(len(SweepStore(out).records()) if (out / "spec.json").exists() else 0)
        subprocess.run([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(out),
                        "--executor", "local:2"], check=True, capture_output=True)
        store = SweepStore(out)
        records = store.records()
        raw = pd.concat([pd.read_parquet(f) for f in store.runs.glob("chunk-*.parquet")])
        assert len(records) == 6 * 6
        assert not raw.duplicated(["point_id", "replicate"]).any(), "a run was stored twice"
        assert not list(out.glob("**/.*.tmp"))
        pd.testing.assert_frame_equal(comparable(store), comparable(reference))
        pd.testing.assert_frame_equal(summarize(store, [10, 30]), summarize(reference, [10, 30]))
    assert any(0 < n < 36 for n in partial), f"no kill landed mid-sweep: records after kills {partial}"


def workers_of(pid):
    """The pool's worker processes under a sweep's process: the forkserver's children."""
    found = []
    for child in psutil.Process(pid).children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):  # a process may end while it is looked at
            parent = child.parent()
            if parent is not None and parent.pid != pid:
                found.append(child)
    return found


@pytest.mark.parametrize("kills", [1, 2])
def test_a_local_worker_killed_mid_sweep_is_replaced_and_the_sweep_completes_with_the_same_records(tmp_path, kills):
    """One dead worker used to abort the sweep (BrokenProcessPool); now its lost batches run on new workers."""
    spec = tmp_path / "spec.toml"
    # Long enough (72 runs of 120 days) that it is still running when the second worker is killed.
    spec.write_text(SPEC.replace("horizon_days = 30", "horizon_days = 120").replace("replicates = 6",
                                                                                     "replicates = 12"))
    reference_dir = tmp_path / "reference"
    subprocess.run([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(reference_dir),
                    "--executor", "sequential"], check=True, capture_output=True)
    out = tmp_path / "killed"
    process = subprocess.Popen([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(out),
                                "--executor", "local:2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(kills):
        before = len(list(out.glob("runs/chunk-*")))
        deadline = time.monotonic() + 60
        while (len(list(out.glob("runs/chunk-*"))) <= before or not workers_of(process.pid)) \
                and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        victims = workers_of(process.pid)
        assert victims, "no worker to kill: the sweep ended first"
        with contextlib.suppress(psutil.NoSuchProcess):  # it may have exited between the listing and the kill
            victims[0].kill()
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 0, stderr
    assert "a local worker died" in stderr and "Traceback" not in stderr
    pd.testing.assert_frame_equal(comparable(SweepStore(out)), comparable(SweepStore(reference_dir)))
