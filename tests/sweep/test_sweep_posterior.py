"""Sweeps over a posterior: replicate r draws parameter set r (the same at every point), identical on
every executor and after kills, with the spread split into Monte Carlo and parameters."""

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from model.contract import MALI
from model.sweep.posterior import POSTERIOR_KEY
from model.sweep.spec import SpecError, load_spec
from model.sweep.store import SweepStore
from model.sweep.summary import parameter_spread, summarize

SPEC = """
name = "over_posterior"
horizon_days = 40
root_seed = 3
replicates = 8
[grid]
concession_refusal = [0.0, 1.0]
[posterior]
file = "{file}"
runs_per_draw = 2
"""


def write_posterior(path, code=None, particles=None):
    """A small posterior file as `mali-abm calibrate` writes one (its metadata names the model's code)."""
    particles = particles or {"escort_share": [0.1, 0.4, 0.7], "blockade_intensity": [0.9, 0.5, 0.2],
                              "weight": [0.5, 0.25, 0.25]}
    table = pa.Table.from_pandas(pd.DataFrame(particles), preserve_index=False)
    meta = {"fingerprint": "test", "code": f"{code or MALI.fingerprint()}-00000000", "spec": {}, "generation": 0,
            "epsilon": 1.0, "simulations": 3}
    pq.write_table(table.replace_schema_metadata({POSTERIOR_KEY: json.dumps(meta).encode()}), path)
    return path


def spec_file(tmp_path, **posterior):
    file = write_posterior(tmp_path / "posterior.parquet", **posterior)
    path = tmp_path / "spec.toml"
    path.write_text(SPEC.format(file=file))
    return path


def test_replicate_r_runs_posterior_draw_r_at_every_point_and_the_point_wins(tmp_path):
    spec = load_spec(spec_file(tmp_path), default=MALI)
    draws = spec.posterior["draws"]
    assert len(draws) == 4  # 8 replicates, 2 runs a draw
    for replicate in range(8):
        first, second = (spec.run_params(point, replicate) for point in spec.points)
        assert first["escort_share"] == second["escort_share"] == draws[replicate // 2]["escort_share"]
        assert (first["concession_refusal"], second["concession_refusal"]) == (0.0, 1.0)
    assert [d["escort_share"] for d in draws].count(0.1) == 2  # the weights: half the draws


def test_a_posterior_of_another_model_version_or_parameter_is_refused(tmp_path):
    with pytest.raises(SpecError, match="made by another version"):
        load_spec(spec_file(tmp_path, code="0123456789abcdef"), default=MALI)
    with pytest.raises(SpecError, match="unknown parameter"):
        load_spec(spec_file(tmp_path, particles={"no_such": [1.0], "weight": [1.0]}), default=MALI)


def test_the_parameter_share_is_zero_for_pure_noise_and_one_for_pure_parameters():
    rng = np.random.default_rng(0)
    replicate = np.arange(4000)
    noise = pd.DataFrame({"replicate": replicate, "coup": rng.random(4000) < 0.3})
    sd, share = parameter_spread(noise, "coup", 4)
    assert sd < 0.03 and share < 0.02
    by_draw = pd.DataFrame({"replicate": replicate, "coup": (replicate // 4) % 2 == 0})
    sd, share = parameter_spread(by_draw, "coup", 4)
    assert abs(sd - 0.5) < 0.01 and share > 0.99


def run(spec, out, executor="sequential"):
    return subprocess.run([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(out),
                           "--executor", executor], capture_output=True, text=True, check=False)


def comparable(directory):
    records = SweepStore(directory).records().drop(columns=["duration_s"])
    return records.sort_values(["point_id", "replicate"]).reset_index(drop=True)


@pytest.mark.slow
def test_a_posterior_sweep_is_the_same_sequential_on_two_workers_and_after_kills(tmp_path):
    spec = spec_file(tmp_path)
    assert run(spec, tmp_path / "sequential").returncode == 0
    assert run(spec, tmp_path / "local", "local:2").returncode == 0
    reference = comparable(tmp_path / "sequential")
    pd.testing.assert_frame_equal(comparable(tmp_path / "local"), reference)
    killed = tmp_path / "killed"
    for delay in (2.0, 3.0, 4.0):
        process = subprocess.Popen([sys.executable, "-m", "model.cli", "sweep", "run", str(spec), "--out", str(killed),
                                    "--executor", "local:2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True)
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert run(spec, killed, "local:2").returncode == 0
    pd.testing.assert_frame_equal(comparable(killed), reference)
    table = summarize(SweepStore(killed))
    assert {"p_coup_param_sd", "p_coup_param_share", "p_fall_param_sd"} <= set(table.columns)
    summary = subprocess.run([sys.executable, "-m", "model.cli", "sweep", "summarize", str(killed)],
                             capture_output=True, text=True, check=True).stdout
    assert "p_coup_param_share" in summary
