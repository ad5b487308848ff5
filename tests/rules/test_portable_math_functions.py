"""model/portable_math.py: elementary functions of arrays that are the C library's, to the bit, in any shape.

NumPy's float64 exp, power, sin, cos and arcsin differ in the last bit between CPUs with AVX-512
and without (numpy/numpy#23523), which makes the same seed give another run on another machine.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from model import portable_math as pm

FUNCTIONS = [(pm.exp, math.exp, lambda x: x), (pm.sin, math.sin, lambda x: x), (pm.cos, math.cos, lambda x: x),
             (pm.arcsin, math.asin, lambda x: np.clip(x / 20.0, -1.0, 1.0)),
             (lambda x: pm.power(x, -3.5), lambda v: math.pow(v, -3.5), lambda x: np.abs(x) + 0.01)]


@pytest.mark.parametrize("case", range(len(FUNCTIONS)))
@pytest.mark.parametrize("shape", [(4000,), (40, 50), ()])
def test_each_function_is_the_c_library_to_the_bit_in_any_shape(case, shape):
    ours, libm, domain = FUNCTIONS[case]
    x = domain(np.random.default_rng(case).normal(scale=8.0, size=shape))
    got = ours(x)
    assert got.shape == np.shape(x) and got.dtype == np.float64
    assert np.array_equal(got.ravel(), np.array([libm(v) for v in np.ravel(x)]))
