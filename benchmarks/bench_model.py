"""Benchmark: median wall time of a 365-day baseline run at the default resolution.

Measured after import and after one warm-up run (which builds the cached map), pinned to
one core, over repeated runs with different seeds. Budget (issue 2): at most 1.0 s.

    make bench            # or: .venv/bin/python benchmarks/bench_model.py --repeats 9
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

BUDGET_S = 1.0


def time_runs(repeats: int, horizon: int) -> list[float]:
    """Wall times of ``repeats`` baseline runs (seeds 1..repeats) after one warm-up."""
    from model.run import run_one
    from model.scenarios import scenario_params

    params = scenario_params("baseline")
    run_one(params, 0, horizon)
    times = []
    for seed in range(1, repeats + 1):
        start = time.perf_counter()
        run_one(params, seed, horizon)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    """Print the machine, the median and spread, and the ratio to the budget."""
    parser = argparse.ArgumentParser(description="Benchmark one baseline run.")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    times = time_runs(args.repeats, args.days)
    median = statistics.median(times)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, pinned to one core")
    print(f"{args.days}-day baseline run, default resolution, {args.repeats} runs after a warm-up")
    print(f"  median {median:.3f} s   min {min(times):.3f} s   max {max(times):.3f} s")
    print(f"  budget {BUDGET_S:.1f} s   median/budget = {median / BUDGET_S:.2f}")


if __name__ == "__main__":
    main()
