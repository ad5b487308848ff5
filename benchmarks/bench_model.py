"""Benchmark: median wall time of a 365-day baseline run at the default resolution.

Measured after import and after one warm-up run (which builds the cached map), pinned to
one core, over repeated runs with different seeds. Seeds differ in the work they do (how
many columns, convoys and fights), so the median is over seeds. The host is shared, and a
neighbour's load only ever adds time: each seed is run ``--best-of`` times in rounds (every
seed once, then again) and its fastest run kept, the usual estimate of what the code costs
(the timeit module's advice). ``--best-of 1`` gives the plain median of single runs.
Budget (issue 12): at most 0.25 s.

    make bench            # or: .venv/bin/python benchmarks/bench_model.py --repeats 9 --best-of 3
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

BUDGET_S = 0.25


def time_runs(repeats: int, horizon: int, best_of: int = 1) -> list[float]:
    """Fastest of ``best_of`` wall times of each of ``repeats`` baseline runs (seeds 1..repeats), after one warm-up.

    The rounds interleave (each seed once per round), so a noisy minute spreads over all seeds
    instead of landing on one.
    """
    from model.run import run_one
    from model.scenarios import scenario_params

    params = scenario_params("baseline")
    run_one(params, 0, horizon)
    best = [float("inf")] * repeats
    for _ in range(best_of):
        for k, seed in enumerate(range(1, repeats + 1)):
            start = time.perf_counter()
            run_one(params, seed, horizon)
            best[k] = min(best[k], time.perf_counter() - start)
    return best


def main() -> None:
    """Print the machine, the median and spread, and the ratio to the budget."""
    parser = argparse.ArgumentParser(description="Benchmark one baseline run.")
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--best-of", type=int, default=3, help="runs of each seed, the fastest kept")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    times = time_runs(args.repeats, args.days, args.best_of)
    median = statistics.median(times)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, pinned to one core")
    print(f"{args.days}-day baseline run, default resolution, {args.repeats} seeds, "
          f"best of {args.best_of} runs each, after a warm-up")
    print(f"  median {median:.3f} s   min {min(times):.3f} s   max {max(times):.3f} s")
    print(f"  budget {BUDGET_S:.2f} s   median/budget = {median / BUDGET_S:.2f}")


if __name__ == "__main__":
    main()
