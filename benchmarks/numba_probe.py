"""Probe for a planning decision: whether numba would pay for itself on the village update.

numba is not a dependency of mali-abm. To run this probe, install it into the environment
first (`.venv/bin/pip install numba`), then:

    .venv/bin/python benchmarks/numba_probe.py

It times the village update of one day (``MaliModel.update_villages`` without its bookkeeping:
stocks, felt hardship, loyalty, grievance, fear and uprisings of 1,472 villages) written with
the model's NumPy rules, against the same arithmetic compiled by numba as one loop, on the
state of a baseline run at day 100. It checks that both give the same bits, and reports the
time to compile and to load the compiled function from numba's cache.
"""

from __future__ import annotations

import sys
import time
import timeit

import numpy as np

try:
    from numba import njit
except ImportError:
    sys.exit("numba is not installed: `.venv/bin/pip install numba` first (it is not a dependency)")

from model.rules import loyalty, uprising
from model.rules.bounds import clip01

STARTED = time.perf_counter()
ARREST_K = uprising.ARREST_CONSTANT


def villages_numpy(q, stock, loyal, grievance, fear, zone, deaths, population, field, supply, hardship, p):
    """The model's village update, rule by rule, as in ``MaliModel.update_villages``."""
    fuel_access = supply * (1.0 - 0.5 * q)
    exposed = hardship * (1.5 - 0.5 * fuel_access)
    stock = clip01(stock + p["village_stock_rate_per_day"] * ((1.0 - exposed) - stock))
    felt = clip01(exposed * (1.0 - 0.5 * stock))
    state_pc, jnim_pc = deaths[1] / population, deaths[0] / population
    target = loyalty.loyalty_target(q, felt, p["blame_attribution"])
    loyal = loyalty.update_loyalty(loyal, target, p["loyalty_drift_per_day"], state_pc, jnim_pc,
                                   p["indiscriminate_backlash"])
    grievance = loyalty.update_grievance(grievance, felt, state_pc + jnim_pc, p["grievance_decay_per_day"],
                                         p["indiscriminate_backlash"])
    fear = clip01(fear + p["fear_rate_per_day"] * (((zone == 2) | (zone == 4)) - fear))
    arrest = uprising.arrest_probability(field, population)
    risen = uprising.rising(grievance, arrest * (1.0 + fear), q, p["uprising_threshold"], p["jnim_call_to_rise"])
    return fuel_access, stock, loyal, grievance, fear, risen


@njit(cache=True)
def villages_numba(q, stock, loyal, grievance, fear, zone, deaths, population, field, supply, hardship,
                   stock_rate, blame, drift, backlash, decay, fear_rate, threshold, call):
    """The same arithmetic, in the same order, as one loop over villages."""
    n = len(q)
    out = np.empty((5, n))
    risen = np.empty(n, dtype=np.bool_)
    for i in range(n):
        access = supply * (1.0 - 0.5 * q[i])
        exposed = hardship * (1.5 - 0.5 * access)
        s = min(max(stock[i] + stock_rate * ((1.0 - exposed) - stock[i]), 0.0), 1.0)
        felt = min(max(exposed * (1.0 - 0.5 * s), 0.0), 1.0)
        state_pc, jnim_pc = deaths[1, i] / population[i], deaths[0, i] / population[i]
        target = min(max(1.0 - q[i] - blame * felt, 0.0), 1.0)
        shock = backlash * (jnim_pc - state_pc)
        new_loyalty = min(max(loyal[i] + drift * (target - loyal[i]) + shock, 0.0), 1.0)
        g = min(max(grievance[i] + decay * (felt - grievance[i]) + backlash * (state_pc + jnim_pc), 0.0), 1.0)
        dominant = 1.0 if zone[i] == 2 or zone[i] == 4 else 0.0
        f = min(max(fear[i] + fear_rate * (dominant - fear[i]), 0.0), 1.0)
        arrest = 1.0 - np.exp(-ARREST_K * (field[i] / max(population[i] / 1000.0, 1e-9)))
        risen[i] = g + call * q[i] - 0.5 * (arrest * (1.0 + f)) > threshold
        out[0, i], out[1, i], out[2, i], out[3, i], out[4, i] = access, s, new_loyalty, g, f
    return out[0], out[1], out[2], out[3], out[4], risen


def main() -> None:
    """Time both on a baseline run's day-100 state and check that they agree to the bit."""
    from model.run import simulate
    from model.scenarios import scenario_params

    model = simulate(scenario_params("baseline"), 1, 100)
    p, v = model.p, model.villages
    supply = min(1.0, model.days_of_supply / p["market_comfort_days"])
    deaths = np.ascontiguousarray(model.deaths_today[:, v.cells]) + 1e-6  # some deaths, to exercise the shock
    field = model.state_field[model.village_frame_cells]
    common = (v.q, v.stock, v.loyalty, v.grievance, v.fear, v.zone, deaths, v.population, field, supply,
              max(model.hardship, 0.3))
    scalars = (p["village_stock_rate_per_day"], p["blame_attribution"], p["loyalty_drift_per_day"],
               p["indiscriminate_backlash"], p["grievance_decay_per_day"], p["fear_rate_per_day"],
               p["uprising_threshold"], p["jnim_call_to_rise"])
    start = time.perf_counter()
    compiled = villages_numba(*common, *scalars)
    first_call = time.perf_counter() - start
    same = all(np.array_equal(a, b) for a, b in zip(villages_numpy(*common, p), compiled, strict=True))
    times = {name: min(timeit.repeat(call, number=2000, repeat=5)) / 2000 * 1e6 for name, call in (
        ("numpy", lambda: villages_numpy(*common, p)), ("numba", lambda: villages_numba(*common, *scalars)))}
    print(f"village update of {len(v.cells)} villages, µs per day: NumPy {times['numpy']:.1f}, "
          f"numba {times['numba']:.1f} ({times['numpy'] / times['numba']:.1f}×)")
    print(f"same bits: {same}")
    print(f"first call (compiles, or loads numba's cache on a second run): {first_call:.2f} s; "
          f"whole probe {time.perf_counter() - STARTED:.1f} s")


if __name__ == "__main__":
    main()
