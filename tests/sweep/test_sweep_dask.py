"""A sweep through a real Dask scheduler and workers on 127.0.0.1 equals the local one."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from model.sweep.store import SweepStore

pytestmark = pytest.mark.slow  # starts a Dask scheduler and workers (~13 s)

SPEC = """
name = "dask"
horizon_days = 30
root_seed = 9
replicates = 3
[grid]
mercenary_stand_down = [0.0, 1.0]
blockade_intensity = [0.2, 0.6]
"""
DASK = Path(sys.executable).parent / "dask"


@pytest.fixture
def cluster(tmp_path):
    """`dask scheduler` and `dask worker` processes, stopped after the test."""
    scheduler_file = tmp_path / "scheduler.json"
    common = {"cwd": tmp_path, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL,
              "start_new_session": True}
    processes = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                   "--scheduler-file", str(scheduler_file), "--no-dashboard"], **common)]
    try:
        wait_for(scheduler_file.exists, "scheduler file")
        processes.append(subprocess.Popen([str(DASK), "worker", "--scheduler-file", str(scheduler_file),
                                           "--nworkers", "2", "--nthreads", "1", "--no-dashboard"], **common))
        from distributed import Client

        with Client(scheduler_file=str(scheduler_file), timeout=30) as client:
            wait_for(lambda: len(client.scheduler_info()["workers"]) == 2, "two workers")
        yield scheduler_file
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert all(p.poll() is not None for p in processes)


def wait_for(condition, what, seconds=60.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {seconds:.0f} s for {what}")
        time.sleep(0.1)


def test_dask_cluster_gives_the_same_records_as_local_processes(tmp_path, cluster):
    spec = tmp_path / "spec.toml"
    spec.write_text(SPEC)
    run = [sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out"]
    subprocess.run([*run, str(tmp_path / "dask"), "--scheduler-file", str(cluster)], check=True,
                   capture_output=True, timeout=300)
    address = json.loads(cluster.read_text())["address"].removeprefix("tcp://")
    subprocess.run([*run, str(tmp_path / "dask_address"), "--executor", f"dask://{address}"], check=True,
                   capture_output=True, timeout=300)
    subprocess.run([*run, str(tmp_path / "local"), "--executor", "local:2"], check=True, capture_output=True)

    def comparable(directory):
        records = SweepStore(tmp_path / directory).records().drop(columns=["duration_s"])
        return records.sort_values(["point_id", "replicate"]).reset_index(drop=True)

    assert len(comparable("dask")) == 4 * 3
    pd.testing.assert_frame_equal(comparable("dask"), comparable("local"))
    pd.testing.assert_frame_equal(comparable("dask_address"), comparable("local"))
