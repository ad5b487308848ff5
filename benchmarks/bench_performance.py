"""Performance benchmarks side by side: throughput vs Mesa's Epstein example, scaling, start-up.

    .venv/bin/python benchmarks/bench_performance.py [--repeats 5]

1. Agent-steps per second: village-days plus mobile-agent-days (columns, convoys, Russian and
   mobile FAMa units) per second of a 365-day baseline run, next to Mesa's bundled Epstein
   civil-violence model (40×40, its defaults) run in the same process, as a ratio. The two
   alternate (one Mali run, one Epstein run, and again), and the ratio reported is the median
   of the pairs' ratios, so that a machine slowing down part-way cannot favour either side.
3. Scaling: time per run at 0.4°, 0.2°, 0.1° and 90, 365, 730 days; exponents of a log-log fit
   of time on cells and on days (1 = linear).
5. Start-up: `mali-abm --help` and `mali-abm run --days 1` wall time.
(2, one baseline run, is benchmarks/bench_model.py; 4, sweeps, is benchmarks/bench_sweep.py.)
Medians over repeats, pinned to one core.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

EPSTEIN_STEPS = 100


def mali_agent_steps_per_s(seed: int, resolution: float | None = None) -> tuple[float, float]:
    """Agent-steps/s and seconds of one 365-day baseline run (counted day by day).

    At the default resolution unless ``resolution`` (degrees) is given.
    """
    from model.model import MaliModel
    from model.processes.convoys import FuelConvoy
    from model.scenarios import scenario_params

    overrides = {} if resolution is None else {"resolution_deg": resolution}
    model = MaliModel(scenario_params("baseline", overrides), seed=seed, horizon_days=365)
    agent_steps, elapsed = 0, 0.0
    while model.day < 365 and not model.capital.fell:
        mobile = (len(model.insurgency.columns) + len(model.agents_of(FuelConvoy)) + len(model.moscow.units)
                  + len(model.army.mobile))
        start = time.perf_counter()
        model.step()
        elapsed += time.perf_counter() - start
        agent_steps += len(model.villages.cells) + mobile
    return agent_steps / elapsed, elapsed


def epstein_agent_steps_per_s(seed: int) -> float:
    """Agent-steps/s of one run of Mesa's bundled Epstein civil-violence model (40×40, defaults)."""
    from mesa.examples.advanced.epstein_civil_violence.model import EpsteinCivilViolence

    model = EpsteinCivilViolence(seed=seed)
    agents = len(model.agents)
    start = time.perf_counter()
    for _ in range(EPSTEIN_STEPS):
        model.step()
    return agents * EPSTEIN_STEPS / (time.perf_counter() - start)


def throughput(repeats: int, resolution: float | None = None) -> dict[str, float]:
    """Mali and Epstein runs in turn; medians of each rate, of the Mali time and of the ratios."""
    pairs = []
    for seed in range(1, repeats + 1):
        mali, seconds = mali_agent_steps_per_s(seed, resolution)
        pairs.append((mali, seconds, epstein_agent_steps_per_s(seed)))
    ratios = [mali / epstein for mali, _, epstein in pairs]
    return {"mali": statistics.median(m for m, _, _ in pairs), "seconds": statistics.median(s for _, s, _ in pairs),
            "epstein": statistics.median(e for *_, e in pairs), "ratio": statistics.median(ratios),
            "ratio_min": min(ratios), "ratio_max": max(ratios)}


def scaling(repeats: int) -> list[tuple[float, int, int, float]]:
    """(resolution, cells, days, median seconds) over the 3 × 3 grid of sizes.

    Runs `no_blockade`, where the capital never falls, so that every run lasts its horizon
    (a baseline run that ends early would flatter the cost of long horizons).
    """
    from model.geography import build_map
    from model.run import run_one
    from model.scenarios import scenario_params

    rows = []
    for resolution in (0.4, 0.2, 0.1):
        params = scenario_params("no_blockade", {"resolution_deg": resolution})
        run_one(params, 0, 5)  # build and cache the map
        cells = len(build_map(resolution).village_cells)
        for days in (90, 365, 730):
            times = []
            for seed in range(1, repeats + 1):
                start = time.perf_counter()
                run_one(params, seed, days)
                times.append(time.perf_counter() - start)
            rows.append((resolution, cells, days, statistics.median(times)))
    return rows


def exponents(rows) -> tuple[float, float]:
    """Least-squares b, c in log t = a + b log cells + c log days."""
    x = np.array([[1.0, np.log(c), np.log(d)] for _, c, d, _ in rows])
    y = np.log([t for *_, t in rows])
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    return float(coef[1]), float(coef[2])


def startup(repeats: int) -> dict[str, float]:
    """Median wall time of two commands a user types, in fresh processes."""
    cli = str(Path(sys.executable).with_name("mali-abm"))
    out = {}
    for label, args in (("mali-abm --help", [cli, "--help"]), ("mali-abm run --days 1", [cli, "run", "--days", "1"])):
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        out[label] = statistics.median(times)
    return out


def main() -> None:
    """Run the three benchmarks and print them as tables."""
    parser = argparse.ArgumentParser(description="Performance benchmarks.")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pinned to one core; medians of {args.repeats}")
    default = throughput(args.repeats)
    print("\n1. throughput (agent-steps/s), Mali and Epstein runs in turn")
    print(f"   mali-abm 365-day baseline   {default['mali']:>12,.0f}   ({default['seconds']:.3f} s stepping)")
    print(f"   Mesa Epstein 40×40          {default['epstein']:>12,.0f}")
    print(f"   ratio, median of pairs      {default['ratio']:>12.1f}×   "
          f"(pairs {default['ratio_min']:.1f}-{default['ratio_max']:.1f}; target ≥ 100×)")
    print("   by resolution (each populated cell is a village agent; default 0.2°):")
    for resolution in (0.4, 0.1):
        other = throughput(max(1, args.repeats // 2 + 1), resolution)
        print(f"   mali-abm at {resolution}°              {other['mali']:>12,.0f}   ratio {other['ratio']:.1f}×")
    rows = scaling(max(1, args.repeats // 2 + 1))
    print("\n3. scaling: seconds per run (no_blockade, so that every run lasts its horizon)")
    print("   resolution  villages   90 d    365 d   730 d")
    for resolution in (0.4, 0.2, 0.1):
        r = [row for row in rows if row[0] == resolution]
        print(f"   {resolution:>6}°   {r[0][1]:>8}  " + "  ".join(f"{t:6.2f}" for *_, t in r))
    b, c = exponents(rows)
    print(f"   exponents: time ∝ villages^{b:.2f} · days^{c:.2f}   (≤ 1 each is at most linear)")
    print("\n5. start-up (wall time)")
    for label, seconds in startup(args.repeats).items():
        print(f"   {label:<24} {seconds:.2f} s")


if __name__ == "__main__":
    main()
