"""The model's numbers do not depend on the CPU's vector instructions (model/portable_math.py).

The functions themselves are checked against ``math`` in test_portable_math_functions.py.

NumPy's float64 exp, power, sin, cos and arcsin differ in the last bit between CPUs with AVX-512
and without (numpy/numpy#23523), which made the same seed give another run on another machine.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# NumPy calls whose float64 loops NumPy vectorises differently on AVX-512 machines.
DISPATCHED = re.compile(r"\bnp\.(exp|exp2|expm1|log|log2|log10|log1p|power|sin|cos|tan|arcsin|arccos|arctan|"
                        r"arctan2|sinh|cosh|tanh|cbrt)\(")
# Rules that numba compiles (register_jitable): there np.exp is libm's, whatever the CPU.
COMPILED_ONLY = {"model/rules/uprising.py"}


def makes_model_numbers(relative: str) -> bool:
    """A file whose code the model's fingerprint covers (the browser's drawing and the engines do not count)."""
    from model.fingerprint import EXCLUDED_DIRS, EXCLUDED_FILES

    parts = relative.split("/")[1:]
    return not (parts[0] in EXCLUDED_DIRS or (len(parts) == 1 and parts[0] in EXCLUDED_FILES))


def test_the_model_calls_no_vectorised_numpy_transcendental():
    offenders = []
    for path in sorted((ROOT / "model").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in COMPILED_ONLY or not makes_model_numbers(relative):
            continue
        offenders += [f"{relative}:{n}" for n, line in enumerate(path.read_text().splitlines(), 1)
                      if DISPATCHED.search(line.split("#")[0])]
    assert not offenders, f"use model.portable_math instead of NumPy's vectorised functions: {offenders}"


SERIES_HASH = """
import hashlib
from model.run import simulate
from model.scenarios import scenario_params
m = simulate(scenario_params("stand_down"), 4, 200)
print(hashlib.sha256(m.series.values[:m.series.n_rows].tobytes()).hexdigest())
"""


@pytest.mark.slow
def test_a_run_is_the_same_with_numpys_vector_code_switched_off():
    """NumPy told not to use the CPU's dispatched instruction sets gives the same daily series, bit for bit."""
    from numpy._core import _multiarray_umath as umath

    present = [f for f in umath.__cpu_dispatch__ if umath.__cpu_features__.get(f)]
    here = subprocess.run([sys.executable, "-c", SERIES_HASH], capture_output=True, text=True, cwd=ROOT, check=True)
    plain = subprocess.run([sys.executable, "-c", SERIES_HASH], capture_output=True, text=True, cwd=ROOT, check=True,
                           env={**os.environ, "NPY_DISABLE_CPU_FEATURES": " ".join(present)})
    assert here.stdout.strip() == plain.stdout.strip(), f"the run depends on the CPU's {present}"
    assert len(here.stdout.strip()) == len(hashlib.sha256().hexdigest())
