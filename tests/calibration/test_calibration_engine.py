"""ABC-SMC calibration: a known posterior recovered, the same result on every executor and after kills."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.calibration.engine import JOURNAL, POSTERIOR, PREDICTIVE, calibrate
from model.calibration.journal import SimulationJournal
from model.calibration.spec import parse_calibration_spec
from model.sweep.posterior import PosteriorError, draws, read_posterior
from tests.calibration.run_toy import TOY_SPEC
from tests.calibration.toy import OBSERVED_MEAN, POSTERIOR_SD, SIMULATOR

ROOT = Path(__file__).resolve().parents[2]


def weighted_moments(frame: pd.DataFrame) -> tuple[float, float]:
    w, mu = frame.weight.to_numpy(), frame.mu.to_numpy()
    mean = float(np.sum(w * mu))
    return mean, float(np.sqrt(np.sum(w * (mu - mean) ** 2)))


@pytest.mark.slow
def test_abc_recovers_the_known_posterior_of_a_normal_mean(tmp_path):
    """Tolerance stated: mean within 0.05 (a quarter of the posterior sd) and sd within 15 %.

    The final epsilon of 2 tolerances (0.1 on the sample mean) widens the sd by 3 % (√(1/20 + 0.1²/3)
    against √(1/20)); 500 particles leave a Monte Carlo scatter of about ±7 % on the sd.
    """
    raw = {**TOY_SPEC, "abc": {"population": 500, "max_generations": 12, "minimum_epsilon": 2.0}}
    path = calibrate(parse_calibration_spec(raw, SIMULATOR), SIMULATOR, tmp_path / "toy", "sequential", quiet=True)
    frame, meta = read_posterior(path)
    mean, sd = weighted_moments(frame)
    assert meta["epsilon"] <= 2.0
    assert abs(mean - OBSERVED_MEAN) < 0.05
    assert abs(sd / POSTERIOR_SD - 1.0) < 0.15
    check = pd.read_csv(tmp_path / "toy" / PREDICTIVE)
    assert check.posterior_share_met.iloc[0] > check.prior_share_met.iloc[0]
    assert (tmp_path / "toy" / "report" / "marginals.png").stat().st_size > 0


def start(out: Path, executor: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "tests" / "calibration" / "run_toy.py"), str(out), executor],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


@pytest.mark.slow
def test_the_posterior_is_the_same_sequential_on_two_workers_and_after_kills(tmp_path):
    """The population is the first n accepted of one deterministic sequence of proposals."""
    assert start(tmp_path / "sequential", "sequential").wait() == 0
    assert start(tmp_path / "local", "local:2").wait() == 0
    killed = tmp_path / "killed"
    kills = 0
    for delay in (1.5, 2.0, 2.5, 3.0, 3.5):
        process = start(killed, "local:2")
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    finished = start(killed, "local:2")
    assert finished.wait() == 0, finished.stderr.read().decode()
    assert kills >= 3
    reference = pd.read_parquet(tmp_path / "sequential" / POSTERIOR)
    for other in ("local", "killed"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / other / POSTERIOR), reference)
        pd.testing.assert_frame_equal(pd.read_csv(tmp_path / other / PREDICTIVE),
                                      pd.read_csv(tmp_path / "sequential" / PREDICTIVE))


def test_a_torn_or_damaged_journal_line_is_left_out_and_the_file_cut_clean(tmp_path):
    journal = SimulationJournal(tmp_path / JOURNAL)
    journal.add([("a", {"mu": 1.0}, {"mean": 1.0}), ("b", {"mu": 2.0}, {"mean": float("nan")})])
    data = (tmp_path / JOURNAL).read_bytes()
    first, second = data.splitlines(keepends=True)
    damaged = first.replace(b'"mean": 1.0', b'"mean": 9.0')
    (tmp_path / JOURNAL).write_bytes(damaged + second + b'0123 {"key": "c", "the')
    again = SimulationJournal(tmp_path / JOURNAL)
    assert "a" not in again and again.damaged == 1
    assert np.isnan(again.get("b")["mean"])
    assert (tmp_path / JOURNAL).read_bytes().endswith(b"\n")
    again.add([("c", {"mu": 3.0}, {"mean": 3.0})])
    assert SimulationJournal(tmp_path / JOURNAL).get("c") == {"mean": 3.0}


def test_posterior_draws_follow_the_weights_and_repeat_with_the_seed():
    frame = pd.DataFrame({"mu": [0.0, 1.0, 2.0], "weight": [0.5, 0.25, 0.25]})
    picked = [d["mu"] for d in draws(frame, 400, seed=3)]
    assert picked == [d["mu"] for d in draws(frame, 400, seed=3)]
    assert picked.count(0.0) == 200 and picked.count(1.0) == 100  # systematic resampling: within one draw


def test_a_file_that_is_not_a_posterior_is_refused_in_one_line(tmp_path):
    (tmp_path / "x.parquet").write_bytes(b"not parquet")
    pd.DataFrame({"mu": [1.0]}).to_parquet(tmp_path / "plain.parquet")
    for path, words in ((tmp_path / "missing.parquet", "no such posterior"), (tmp_path / "x.parquet", "not a Parquet"),
                        (tmp_path / "plain.parquet", "not a posterior")):
        with pytest.raises(PosteriorError, match=words):
            read_posterior(path)
