"""Reliability of the sweep engine against careless users and unlucky machines (issue 15).

Names that are paths, folders that are not sweeps, two writers on one sweep, and a stopping
sweep killed again and again: each case reproduces a defect the hostile review found.
"""

import fcntl
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.sweep.store import LOCK, MARKER, SweepStore

CLI = [sys.executable, "-m", "model.cli", "sweep"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
"""Subprocesses run this checkout's code, wherever they run."""
SPEC = 'name = "{name}"\nhorizon_days = 5\nroot_seed = 1\nreplicates = 1\n[grid]\nconcession_refusal = [0.0]\n'


def sweep(*args, cwd):
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, check=False, env=ENV)


def plant(folder):
    """A user's files that no command may touch."""
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    for path in (folder / "sub" / ".draft.tmp", folder / ".notes.tmp", folder / "keep.txt"):
        path.write_text("mine")
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize("name", ["../../v", "/", "", "..", ".", ".hidden", "a/b", "x" * 101, "tab\there"])
def test_a_name_that_is_a_path_is_refused_in_one_line_and_touches_nothing(tmp_path, name):
    victim = tmp_path / "v"
    planted = plant(victim)
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    (work / "n.toml").write_text(SPEC.format(name=name.replace("\t", "\\t")))
    result = sweep("run", "n.toml", "--executor", "sequential", cwd=work)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "must be a plain name" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p for p in victim.rglob("*") if p.is_file()) == planted
    assert not (work / "results").exists() or not any((work / "results").rglob("*.parquet"))


def test_out_must_be_new_empty_or_a_sweep_and_nothing_planted_is_deleted(tmp_path):
    (tmp_path / "n.toml").write_text(SPEC.format(name="ok"))
    planted = plant(tmp_path / "theirs")
    refused = sweep("run", "n.toml", "--out", "theirs", "--executor", "sequential", cwd=tmp_path)
    assert refused.returncode == 2 and "not empty and not a sweep directory" in refused.stderr
    assert sorted(p for p in (tmp_path / "theirs").rglob("*") if p.is_file()) == planted
    (tmp_path / "afile").write_text("x")
    as_file = sweep("run", "n.toml", "--out", "afile", "--executor", "sequential", cwd=tmp_path)
    assert as_file.returncode == 2 and "is a file" in as_file.stderr
    (tmp_path / "empty").mkdir()
    fine = sweep("run", "n.toml", "--out", "empty", "--executor", "sequential", cwd=tmp_path)
    assert fine.returncode == 0, fine.stderr
    assert (tmp_path / "empty" / MARKER).is_file()
    # A file of the user's inside the sweep directory, with a temporary-looking name, survives a resume.
    (tmp_path / "empty" / ".mine.tmp").write_text("mine")
    (tmp_path / "empty" / "runs" / ".note.tmp").write_text("mine")
    again = sweep("run", "n.toml", "--out", "empty", "--executor", "sequential", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "empty" / ".mine.tmp").exists() and (tmp_path / "empty" / "runs" / ".note.tmp").exists()


def test_a_second_writer_is_refused_or_waits_and_no_row_is_duplicated(tmp_path):
    (tmp_path / "n.toml").write_text(SPEC.format(name="ok"))
    out = tmp_path / "s"
    store = SweepStore(out)
    store.claim()
    with open(out / LOCK, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # another writer holds the sweep
        refused = sweep("run", "n.toml", "--out", "s", "--executor", "sequential", cwd=tmp_path)
        assert refused.returncode == 2 and "another `sweep run` is writing" in refused.stderr
        assert refused.stderr.count("\n") == 1
        assert not (out / "runs").exists() or not list((out / "runs").glob("chunk-*"))
        threading.Timer(1.0, lambda: fcntl.flock(handle, fcntl.LOCK_UN)).start()
        started = time.monotonic()
        waited = sweep("run", "n.toml", "--out", "s", "--executor", "sequential", "--wait", cwd=tmp_path)
        assert waited.returncode == 0, waited.stderr
        assert time.monotonic() - started >= 0.9
    raw = pd.concat([pd.read_parquet(f) for f in (out / "runs").glob("chunk-*.parquet")])
    assert len(raw) == 1


@pytest.mark.slow
def test_two_concurrent_sweeps_on_one_directory_store_each_run_once(tmp_path):
    spec = tmp_path / "s.toml"
    spec.write_text('name = "two"\nhorizon_days = 20\nroot_seed = 3\nreplicates = 8\n[grid]\n'
                    'concession_refusal = [0.0, 1.0]\n')
    runs = [subprocess.Popen([*CLI, "run", str(spec), "--out", str(tmp_path / "d"), "--executor", "local:1"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
            for _ in range(2)]
    outputs = [(r.wait(), r.stderr.read()) for r in runs]
    assert sorted(code for code, _ in outputs) == [0, 2], outputs
    raw = pd.concat([pd.read_parquet(f) for f in (tmp_path / "d" / "runs").glob("chunk-*.parquet")])
    assert len(raw) == 16 and not raw.duplicated(["point_id", "replicate"]).any()


STOPPING = """
name = "stopping"
scenario = "stand_down"
horizon_days = 120
root_seed = 11
[stopping]
ci_halfwidth = 0.1
min_replicates = 10
max_replicates = 60
[grid]
concession_refusal = [0.0, 0.5, 1.0]
mercenary_stand_down = [0.0, 1.0]
"""


def comparable(store):
    return (store.records().drop(columns=["duration_s"]).sort_values(["point_id", "replicate"])
            .reset_index(drop=True))


@pytest.mark.slow
def test_a_stopping_sweep_killed_again_and_again_ends_with_the_uninterrupted_records(tmp_path):
    spec = tmp_path / "stop.toml"
    spec.write_text(STOPPING)
    run = [*CLI, "run", str(spec), "--executor", "local:2", "--out"]
    subprocess.run([*run, str(tmp_path / "reference")], check=True, capture_output=True, env=ENV)
    reference = SweepStore(tmp_path / "reference")
    rounds = reference.records().groupby("point_id").size()
    assert rounds.nunique() > 1, "the reference should give points different numbers of replicates"
    out, rng, kills, counts = tmp_path / "killed", np.random.default_rng(4), 0, []
    while kills < 12:
        process = subprocess.Popen([*run, str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, env=ENV)
        before = len(list(out.glob("runs/chunk-*")))
        deadline = time.monotonic() + 60
        while len(list(out.glob("runs/chunk-*"))) <= before and time.monotonic() < deadline:
            time.sleep(0.05)  # let it store something new, then kill it at a random moment after
        time.sleep(rng.uniform(0.0, 1.5))
        if process.poll() is not None:
            break  # it finished before this kill
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        kills += 1
        counts.append(len(SweepStore(out).records()) if (out / "spec.json").exists() else 0)
    subprocess.run([*run, str(out)], check=True, capture_output=True, env=ENV)
    assert kills >= 10 and len(set(counts)) > 3, counts  # the kills fell at many different moments
    pd.testing.assert_frame_equal(comparable(SweepStore(out)), comparable(reference))


@pytest.mark.slow
def test_concurrent_runs_writing_one_file_all_succeed_and_leave_one_whole_table(tmp_path):
    target = tmp_path / "same.csv"
    writers = [subprocess.Popen([sys.executable, "-m", "model.cli", "run", "--days", "20", "--seed", str(k),
                                 "--out", str(target)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True, env=ENV) for k in range(6)]
    results = [(w.wait(), w.stderr.read()) for w in writers]
    assert all(code == 0 for code, _ in results), results
    assert len(pd.read_csv(target)) >= 20
    assert not list(tmp_path.glob(".*.tmp"))


def damaged_sweep(tmp_path, damage):
    """A finished 8-run sweep, one of whose chunks ``damage`` spoils; returns (spec file, out, chunk)."""
    spec = tmp_path / "d.toml"
    spec.write_text('name = "d"\nhorizon_days = 10\nroot_seed = 2\nreplicates = 4\n[grid]\n'
                    'concession_refusal = [0.0, 1.0]\n')
    out = tmp_path / "d"
    assert sweep("run", str(spec), "--out", str(out), "--executor", "sequential", cwd=tmp_path).returncode == 0
    reference = SweepStore(out).records().drop(columns="duration_s")
    chunk = sorted((out / "runs").glob("chunk-*.parquet"))[0]
    damage(chunk)
    return spec, out, chunk, reference


def flip_bytes(path):
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4] = bytes(b ^ 0xFF for b in data[middle:middle + 4])
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [lambda p: p.write_bytes(b""), lambda p: p.write_bytes(p.read_bytes()[:100]),
                                    flip_bytes], ids=["zero-bytes", "truncated", "four-bytes-flipped"])
def test_a_damaged_chunk_is_named_set_aside_and_redone(tmp_path, damage):
    spec, out, chunk, reference = damaged_sweep(tmp_path, damage)
    status = sweep("status", str(out), cwd=tmp_path)
    assert status.returncode == 0 and chunk.name in status.stderr and "Traceback" not in status.stderr
    summary = sweep("summarize", str(out), cwd=tmp_path)
    assert summary.returncode == 0 and chunk.name in summary.stderr
    resumed = sweep("run", str(spec), "--out", str(out), "--executor", "sequential", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert (out / "runs" / "damaged" / chunk.name).exists()  # set aside, never deleted
    again = SweepStore(out).records().drop(columns="duration_s")
    pd.testing.assert_frame_equal(again, reference)


def test_a_directory_that_lost_its_spec_is_refused(tmp_path):
    spec, out, _, _ = damaged_sweep(tmp_path, lambda p: None)
    (out / "spec.json").unlink()
    other = tmp_path / "other.toml"
    other.write_text(spec.read_text().replace("root_seed = 2", "root_seed = 3"))
    refused = sweep("run", str(other), "--out", str(out), "--executor", "sequential", cwd=tmp_path)
    assert refused.returncode == 2 and "no spec.json" in refused.stderr
