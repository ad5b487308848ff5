"""The compiled daily loops give the same numbers, to the last bit, as the NumPy rules they are made of.

``model/compiled.py`` applies the rules village by village and cell by cell under numba. The
regression records stay byte-identical only if each rule, evaluated on one number at a time,
rounds exactly as on whole arrays; these tests check that on random states, with deaths,
risen villages and cells where neither side is present.
"""

from __future__ import annotations

import numpy as np
import pytest

from model import compiled
from model.rules import control, loyalty, uprising
from model.rules.bounds import clip01
from model.rules.windows import paint_layers, windows

N_VILLAGES = 500


def random_villages(seed: int) -> dict:
    """A random day's village state, with some deaths and some risen villages."""
    rng = np.random.default_rng(seed)
    n = N_VILLAGES
    n_cells, frame_size = 3 * n, 4 * n
    deaths = np.where(rng.random((2, n_cells)) < 0.1, rng.random((2, n_cells)) * 5.0, 0.0)
    q = rng.random(n)
    return {"q": q, "state_share": (1.0 - q) * rng.uniform(0.5, 1.0, n), "zone": rng.integers(1, 6, n).astype(np.int8),
            "population": rng.uniform(50.0, 2e5, n), "reserves": rng.random(n), "loyal": rng.random(n),
            "grievance": rng.random(n), "fear": rng.random(n),
            "cell": rng.choice(n_cells, n, replace=False), "deaths": deaths,
            "frame_cell": rng.choice(frame_size, n, replace=False),
            "field": np.where(rng.random(frame_size) < 0.2, 0.0, rng.uniform(0.0, 5e3, frame_size)),
            "access": rng.random(n), "hardship": rng.random(n)}


PARAMS = {"stock_rate": 0.05, "buffer": 0.5, "blame": 0.5, "drift": 0.02, "backlash": 400.0,
          "grievance_backlash": 300.0, "decay": 0.03, "fear_rate": 0.1, "threshold": 0.4, "call": 0.2,
          "arrest_k": 2.3, "risk_aversion": 0.5}


def village_day_numpy(s: dict, p: dict) -> tuple[np.ndarray, ...]:
    """The village day written with the rules on whole arrays (as the model did before compiling)."""
    access = s["access"]
    exposed = s["hardship"]
    reserves = clip01(s["reserves"] + p["stock_rate"] * ((1.0 - exposed) - s["reserves"]))
    felt = clip01(exposed * (1.0 - p["buffer"] * reserves))
    deaths = s["deaths"][:, s["cell"]]
    state_pc, jnim_pc = deaths[1] / s["population"], deaths[0] / s["population"]
    target = loyalty.loyalty_target(1.0 - s["state_share"], felt, p["blame"])
    loyal = loyalty.update_loyalty(s["loyal"], target, p["drift"], state_pc, jnim_pc, p["backlash"])
    grievance = loyalty.update_grievance(s["grievance"], felt, state_pc + jnim_pc, p["decay"],
                                         p["grievance_backlash"])
    dominant = (s["zone"] == 2) | (s["zone"] == 4)
    fear = clip01(s["fear"] + p["fear_rate"] * (dominant - s["fear"]))
    arrest = uprising.arrest_probability(s["field"][s["frame_cell"]], s["population"], p["arrest_k"])
    risen = uprising.rising(grievance, arrest * (1.0 + fear), s["q"], p["threshold"], p["call"], p["risk_aversion"])
    return access, reserves, loyal, grievance, fear, risen


@pytest.mark.parametrize("seed", range(5))
def test_the_compiled_village_day_equals_the_numpy_rules_to_the_bit(seed):
    s = random_villages(seed)
    expected = village_day_numpy(s, PARAMS)
    got = compiled.village_day(s["q"], s["state_share"], s["zone"], s["population"], s["reserves"], s["loyal"],
                               s["grievance"], s["fear"], s["cell"], s["deaths"], s["frame_cell"], s["field"],
                               s["access"], s["hardship"], *PARAMS.values())
    for name, want, have in zip(("access", "reserves", "loyalty", "grievance", "fear", "risen"), expected, got,
                                strict=True):
        assert np.array_equal(want, have), name
    assert got[5].any() and not got[5].all()  # the uprising threshold was crossed both ways


@pytest.mark.parametrize("seed", range(5))
def test_the_compiled_control_day_equals_the_numpy_rules_to_the_bit(seed):
    rng = np.random.default_rng(seed)
    n_cells = 3 * N_VILLAGES
    village_cell = rng.choice(n_cells, N_VILLAGES, replace=False)
    state = np.where(rng.random(n_cells) < 0.3, 0.0, rng.uniform(0.0, 5e3, n_cells))
    jnim = np.where(rng.random(n_cells) < 0.5, 0.0, rng.uniform(0.0, 2e3, n_cells))
    state[village_cell[:5]] = jnim[village_cell[:5]] = 0.0
    q_before, loyal, risen = rng.random(n_cells), rng.random(N_VILLAGES), rng.random(N_VILLAGES) < 0.2
    s_before = (1.0 - q_before) * rng.uniform(0.3, 1.0, n_cells)  # the rest held by other groups
    others = np.where(rng.random(n_cells) < 0.5, 0.0, rng.uniform(0.0, 1e3, n_cells))
    support = 0.002 * rng.uniform(50.0, 2e5, N_VILLAGES)
    networks = support * rng.uniform(0.0, 1.0, (2, N_VILLAGES))
    s, j, o = state.copy(), jnim.copy(), others.copy()
    cells = village_cell
    against = support * (1.0 - loyal) * (1.0 + risen)
    to_jnim = q_before[cells] / (1.0 - s_before[cells])
    s[cells] += support * loyal + networks[0]
    j[cells] += against * np.minimum(to_jnim, 1.0) + networks[1]
    o[cells] += against * np.maximum(0.0, 1.0 - to_jnim)
    decisiveness = (1.0, 2.0, 1.0, 0.7, 1.0)[seed]
    q_target, s_target = control.contest_shares(j, s, o, decisiveness)
    q_cells, s_cells = control.relax(q_before, q_target, 0.02), control.relax(s_before, s_target, 0.02)
    got = compiled.control_day(q_before, s_before, state.copy(), jnim.copy(), others, village_cell, loyal, risen,
                               support, networks, 0.02, decisiveness)
    if decisiveness == 1.0:
        assert np.array_equal(got[0], q_cells)
        assert np.array_equal(got[1], s_cells)
        assert np.array_equal(got[2], q_cells[cells])
        assert np.array_equal(got[3], s_cells[cells])
        assert np.array_equal(got[4], control.zones(control.zone_share(q_cells[cells], s_cells[cells])))
    else:  # numba's pow and NumPy's vectorised pow may differ in the last bit
        for have, want in zip(got[:4], (q_cells, s_cells, q_cells[cells], s_cells[cells]), strict=True):
            np.testing.assert_allclose(have, want, rtol=1e-14, atol=0.0)
    empty = (state == 0) & (jnim == 0) & (others == 0)
    empty[village_cell] = False
    assert empty.any()  # the case of cells where neither side is present was exercised


def test_window_sums_equal_numpys_bincount_of_the_same_units_to_the_bit():
    rng = np.random.default_rng(3)
    shape, reach, pad = (40, 50), 3, 7
    cells = rng.integers(0, shape[0] * shape[1], 60)
    values = rng.uniform(0.0, 1e3, 60)
    window = windows(shape, reach, pad)
    index = window.window_cells(cells).ravel()
    expected = np.bincount(index, weights=np.repeat(values, len(window.offsets)), minlength=window.padded_size)
    painted = paint_layers(shape, [(reach, cells, [values]), (pad, cells[:2], [values[:2]])])
    assert np.array_equal(painted[0], expected)
