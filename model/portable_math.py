"""Elementary functions of float arrays that give the same bits on every x86-64 CPU.

NumPy evaluates ``exp``, ``power``, ``sin``, ``cos`` and ``arcsin`` of float64 arrays with its own
vector code on CPUs with AVX-512 and with the C library's functions on the others, and the two
differ in the last bit for some inputs (numpy/numpy#23523). In an agent-based model a last-bit
difference turns a draw's outcome sooner or later, so the same seed gives another run, and other
probabilities, on a CPU with AVX-512 than on one without. These functions evaluate element by
element with the C library (compiled loops: numba calls libm's ``exp``, ``pow``, ``sin``, ``cos``,
``asin``), which is what NumPy itself does on a CPU without AVX-512, so there they give exactly
NumPy's numbers, and elsewhere the same numbers as there. ``tests/rules/test_portable_math.py``
checks them against Python's ``math`` module, which also calls the C library. (Squares, square
roots, sums and products are exact, or summed in the same order, everywhere, and stay NumPy's.)

Each takes a float array of any shape (or a number) and returns a new float64 array of its shape.
``power_1d`` is the compiled kernel itself, for rules that numba compiles too.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit


@njit(cache=True)
def _exp(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = math.exp(x[i])
    return out


@njit(cache=True)
def power_1d(x: np.ndarray, exponent: float) -> np.ndarray:
    """``x ** exponent`` of a one-dimensional float64 array, element by element with libm's ``pow``."""
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = math.pow(x[i], exponent)
    return out


@njit(cache=True)
def _sin(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = math.sin(x[i])
    return out


@njit(cache=True)
def _cos(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = math.cos(x[i])
    return out


@njit(cache=True)
def _arcsin(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    for i in range(x.size):
        out[i] = math.asin(x[i])
    return out


def _elementwise(kernel, x, *args) -> np.ndarray:
    """Apply a one-dimensional kernel to an array of any shape."""
    a = np.asarray(x, dtype=np.float64)  # (not ascontiguousarray, which makes a number one-dimensional)
    return kernel(np.ascontiguousarray(a.reshape(-1)), *args).reshape(a.shape)


def exp(x) -> np.ndarray:
    """The exponential e ** x."""
    return _elementwise(_exp, x)


def power(x, exponent: float) -> np.ndarray:
    """Each element raised to ``exponent`` (a number)."""
    return _elementwise(power_1d, x, float(exponent))


def sin(x) -> np.ndarray:
    """Sine (radians)."""
    return _elementwise(_sin, x)


def cos(x) -> np.ndarray:
    """Cosine (radians)."""
    return _elementwise(_cos, x)


def arcsin(x) -> np.ndarray:
    """Inverse sine, in radians."""
    return _elementwise(_arcsin, x)
