"""Benchmark: sweep throughput and peak memory, side by side on the same model.

Each method runs in a fresh Python process (so memory does not carry over) over the same
runs (365-day baseline, seeds from one root): the engine ``sequential`` and ``local:2``, and
``mesa.batch_run`` with 2 processes. Peak memory is the largest summed resident memory of the
process and its children, sampled every 50 ms from the parent process.

    .venv/bin/python benchmarks/bench_sweep.py [--runs 200]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

METHODS = ("sequential", "local:2", "batch_run:2")
SPEC = """name = "bench"
scenario = "baseline"
horizon_days = {days}
root_seed = 1
replicates = {runs}
[grid]
concession_refusal = [0.8]
"""


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its children, in bytes."""
    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def measure(method: str, runs: int, days: int, model: str) -> dict:
    """Run one method in this process; return its wall time."""
    start = time.perf_counter()
    if method.startswith("batch_run"):
        run_batch_run(runs, days, int(method.partition(":")[2]), model)
    else:
        run_engine(method, runs, days, model)
    wall = time.perf_counter() - start
    return {"method": method, "runs": runs, "wall_s": wall, "runs_per_s": runs / wall}


def measure_in_child(method: str, runs: int, days: int, model: str) -> dict:
    """Measure one method in a fresh process; sample its tree's memory from here, every 50 ms.

    Sampling from outside keeps the sampler from competing for the measured process's GIL
    (which slowed the in-process ``sequential`` method by a few per cent).
    """
    child = subprocess.Popen([sys.executable, __file__, "--method", method, "--runs", str(runs),
                              "--days", str(days), "--model", model], stdout=subprocess.PIPE, text=True)
    process, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        peak = max(peak, tree_rss(process))
        time.sleep(0.05)
    out = child.stdout.read()
    if child.returncode != 0:
        raise SystemExit(f"{method} failed with exit code {child.returncode}")
    return {**json.loads(out.strip().splitlines()[-1]), "peak_mb": peak / 2**20}


def run_engine(executor: str, runs: int, days: int, model: str = "mali") -> None:
    """The engine on a one-point spec with ``runs`` replicates."""
    import tomllib

    from model.sweep.runner import NoProgress, run_sweep
    from model.sweep.spec import parse_spec

    text = SPEC.format(days=days, runs=runs)
    if model == "boltzmann":
        text = text.replace('scenario = "baseline"\n', "").replace("concession_refusal = [0.8]", "n = [100]")
        spec = parse_spec(tomllib.loads(text), "model.sweep.examples:boltzmann_run_one")
    else:
        from model.contract import MALI

        spec = parse_spec(tomllib.loads(text), default=MALI)
    with tempfile.TemporaryDirectory() as tmp:
        run_sweep(spec, Path(tmp) / "bench", executor, progress=NoProgress)


def run_batch_run(runs: int, days: int, processes: int, model: str = "mali") -> None:
    """mesa.batch_run over the same seeds (it steps max_steps + 1 times: we ask days − 1)."""
    import mesa
    from batchrun_adapter import BatchRunMaliModel  # next to this script
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannWealth

    from model.scenarios import scenario_params
    from model.sweep.seeds import replicate_seed

    seeds = [replicate_seed(1, r) for r in range(runs)]
    if model == "boltzmann":
        mesa.batch_run(BoltzmannWealth, {"n": [100], "seed": seeds}, number_processes=processes, iterations=1,
                       max_steps=days - 1, display_progress=False)
        return
    mesa.batch_run(BatchRunMaliModel, {"params": [scenario_params("baseline")], "seed": seeds,
                                       "horizon_days": days}, number_processes=processes, iterations=1,
                   max_steps=days - 1, display_progress=False)


def main() -> None:
    """Measure every method in its own process and print the table."""
    parser = argparse.ArgumentParser(description="Sweep throughput benchmark.")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--model", choices=("mali", "boltzmann"), default="mali",
                        help="mali-abm's model, or Mesa's Boltzmann example (short runs: overhead shows)")
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.method:
        print(json.dumps(measure(args.method, args.runs, args.days, args.model)))
        return
    results = [measure_in_child(method, args.runs, args.days, args.model) for method in METHODS]
    base = {r["method"]: r for r in results}
    what = "365-day baseline" if args.model == "mali" else f"{args.days}-step Boltzmann (n=100)"
    print(f"machine: {os.cpu_count()} cores; model {args.model}: {args.runs} runs of {what} per method")
    print(f"{'method':<14}{'wall s':>9}{'runs/s':>9}{'peak MB':>10}{'× sequential':>14}{'× batch_run':>13}")
    for r in results:
        print(f"{r['method']:<14}{r['wall_s']:>9.1f}{r['runs_per_s']:>9.2f}{r['peak_mb']:>10.0f}"
              f"{r['runs_per_s'] / base['sequential']['runs_per_s']:>14.2f}"
              f"{r['runs_per_s'] / base['batch_run:2']['runs_per_s']:>13.2f}")


if __name__ == "__main__":
    main()
