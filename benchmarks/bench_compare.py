"""Benchmark: the 365-day baseline run of this checkout against another commit, side by side.

A refactor or a speed change is judged by a ratio measured in one invocation, so that the
host's load (which moves medians by half on a shared machine, docs/PERFORMANCE.md) hits both
sides alike. The other commit is checked out into a temporary git worktree; one worker process
per side, both pinned to the same core, runs the same seeds in alternation, and the ratio is
the median of the per-seed ratios (this checkout over the other).

    .venv/bin/python benchmarks/bench_compare.py --against HEAD~1 --repeats 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKER = """
import os, sys, time
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from model.run import run_one
from model.scenarios import scenario_params
params = scenario_params("baseline")
run_one(params, 0, 365)
print("ready", flush=True)
for line in sys.stdin:
    seed = int(line)
    start = time.perf_counter()
    run_one(params, seed, 365)
    print(time.perf_counter() - start, flush=True)
"""


def start_worker(tree: Path) -> subprocess.Popen:
    """A Python process that imports the model from ``tree`` and times runs on request."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    worker = subprocess.Popen([sys.executable, "-c", WORKER], cwd=tree, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    if worker.stdout.readline().strip() != "ready":
        raise SystemExit(f"the worker for {tree} did not start")
    return worker


def timed(worker: subprocess.Popen, seed: int) -> float:
    """Wall time of one run in a worker."""
    worker.stdin.write(f"{seed}\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def compare(other: Path, repeats: int) -> tuple[list[float], list[float]]:
    """Alternate the two sides over seeds 1..repeats; return each side's times."""
    here, there = start_worker(ROOT), start_worker(other)
    mine, theirs = [], []
    try:
        for seed in range(1, repeats + 1):
            mine.append(timed(here, seed))
            theirs.append(timed(there, seed))
    finally:
        for worker in (here, there):
            worker.stdin.close()
            worker.wait()
    return mine, theirs


def main() -> None:
    """Check out the other commit, alternate the runs, print both medians and the ratio."""
    parser = argparse.ArgumentParser(description="This checkout's baseline run against another commit's.")
    parser.add_argument("--against", default="HEAD~1", help="the commit to compare with (default HEAD~1)")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(other), args.against], cwd=ROOT, check=True)
        try:
            mine, theirs = compare(other, args.repeats)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=ROOT, check=True)
    ratios = [m / t for m, t in zip(mine, theirs, strict=True)]
    print(f"365-day baseline, {args.repeats} seeds alternated, one core: this checkout against {args.against}")
    print(f"  this checkout  median {statistics.median(mine):.3f} s")
    print(f"  {args.against:<13}  median {statistics.median(theirs):.3f} s")
    print(f"  ratio (this / other), median of pairs {statistics.median(ratios):.3f}  "
          f"(pairs {min(ratios):.3f}-{max(ratios):.3f})")


if __name__ == "__main__":
    main()
