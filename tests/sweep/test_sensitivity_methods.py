"""The global sensitivity and scenario-discovery methods on functions whose answers are known."""

import math

import numpy as np
import pandas as pd
import pytest

from model.sweep.emulator import sobol_indices
from model.sweep.prim import peel
from model.sweep.sensitivity import analyse_counts


class Exact:
    """An 'emulator' that is the function itself, so the indices' error is SALib's alone."""

    def __init__(self, function, bounds):
        self.event, self.bounds, self.function = "y", bounds, function
        self.inputs = [f"x{k + 1}" for k in range(len(bounds))]

    def predict(self, x):
        return self.function(x)


def ishigami(x, a=7.0, b=0.1):
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_sobol_indices_of_the_ishigami_function_match_the_analytic_values():
    """Tolerance 0.05 on every index (N = 1024: SALib's error was ≤ 0.022 over five seeds)."""
    a, b, pi = 7.0, 0.1, math.pi
    v1, v2, v13 = 0.5 * (1 + b * pi ** 4 / 5) ** 2, a ** 2 / 8, 8 * b ** 2 * pi ** 8 / 225
    variance = a ** 2 / 8 + b * pi ** 4 / 5 + b ** 2 * pi ** 8 / 18 + 0.5
    first = np.array([v1, v2, 0.0]) / variance
    total = np.array([v1 + v13, v2, v13]) / variance
    indices = sobol_indices(Exact(ishigami, [(-pi, pi)] * 3), seed=1)
    assert np.allclose(indices["S1"], first, atol=0.05)
    assert np.allclose(indices["ST"], total, atol=0.05)


def test_morris_ranks_the_inert_inputs_last():
    from SALib.sample import morris

    names = ["active_1", "inert_1", "active_2", "inert_2", "active_3"]
    problem = {"num_vars": 5, "names": names, "bounds": [[0.0, 1.0]] * 5}
    x = morris.sample(problem, 20, num_levels=4, seed=2)
    n = 1000
    p = 0.1 + 0.5 * x[:, 0] + 0.2 * x[:, 2] * x[:, 4] + 0.15 * x[:, 4]
    counts = pd.DataFrame({"n": n, "y": np.round(p * n).astype(int)})
    counts.attrs["by_day"] = {"y": 365}
    design = {"names": names, "bounds": problem["bounds"], "levels": 4}
    result = analyse_counts(design, pd.DataFrame(x, columns=names), counts, seed=0)
    ranked = result.sort_values("mu_star", ascending=False)["input"].tolist()
    assert set(ranked[-2:]) == {"inert_1", "inert_2"}
    assert result.set_index("input").loc[["inert_1", "inert_2"], "mu_star"].max() < 1e-9


@pytest.mark.parametrize("threshold", [0.8, 0.95])
def test_prim_recovers_a_known_box(threshold):
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.uniform(size=(2000, 4)), columns=["x1", "x2", "x3", "x4"])
    y = ((x.x1 > 0.7) & (x.x2 < 0.3)).to_numpy()
    limits, row, _ = peel(x, y, threshold)
    assert sorted(limits.index) == ["x1", "x2"]
    # the largest box of density ≥ threshold holding the true one reaches x2 ≤ 0.3 / threshold at most
    assert abs(limits.loc["x1", "low"] - 0.7) < 0.03
    assert 0.28 < limits.loc["x2", "high"] < 0.3 / threshold + 0.02
    assert row["density"] >= threshold and row["coverage"] > 0.9


@pytest.mark.parametrize("args, words", [
    (["sobol", "{missing}"], "not a sweep directory"),
    (["prim", "{missing}", "--event", "fall"], "not a sweep directory"),
    (["prim", "{missing}", "--event", "fall", "--threshold", "1.5"], "--threshold 1.5"),
])
def test_sobol_and_prim_refuse_bad_input_in_one_line(tmp_path, args, words):
    import subprocess
    import sys

    command = [a.format(missing=tmp_path / "none") for a in args]
    result = subprocess.run([sys.executable, "-m", "model.cli", "sweep", *command], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 2 and words in result.stderr and result.stderr.count("\n") == 1, result.stderr
