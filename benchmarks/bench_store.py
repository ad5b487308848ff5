"""Benchmark: `sweep status` and `sweep summarize` on a synthetic sweep of 10^6 runs.

The store is filled through its own write path, as the runner fills it: chunks written one after
the other, the writer merging the small ones (:meth:`model.sweep.store.SweepStore.compact`). The
records have the Mali model's outcome fields (random values: what is timed is reading and
summarizing, not the model). Before compaction a 10^6-run sweep of 16-run batches left 62,500
files, at about 4.5 ms a file: some 5 minutes a call (issue 15).

    .venv/bin/python benchmarks/bench_store.py [--runs 1000000] [--chunk 1000]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

POINTS = 1000
FLOAT_FIELDS = [f"outcome_{k}" for k in range(24)]  # a Mali record has about thirty fields


def spec_text(replicates: int) -> str:
    """A Mali sweep of POINTS grid points (the grid is never run here)."""
    values = ", ".join(f"{i / POINTS}" for i in range(POINTS))
    return (f'name = "store_bench"\nhorizon_days = 365\nroot_seed = 1\nreplicates = {replicates}\n'
            f"[grid]\nconcession_refusal = [{values}]\n")


def fill(store, n_runs: int, chunk: int, rng) -> float:
    """Write n_runs synthetic records in chunks, compacting as the runner does; the seconds it took."""
    start = time.perf_counter()
    replicates = n_runs // POINTS
    keys = [(p, r) for r in range(replicates) for p in range(POINTS)]
    for begin in range(0, len(keys), chunk):
        part = keys[begin:begin + chunk]
        coup = rng.random(len(part)) < 0.2
        fell = rng.random(len(part)) < 0.1
        values = rng.random((len(part), len(FLOAT_FIELDS)))
        records = [{"point_id": p, "replicate": r, "seed": 10**9 + r, "status": "ok", "error": None,
                    "duration_s": 0.3, "coup": bool(c), "coup_day": 100.0 if c else None,
                    "capital_fell": bool(f), "capital_fall_day": 200.0 if f else None,
                    **dict(zip(FLOAT_FIELDS, row, strict=True))}
                   for (p, r), c, f, row in zip(part, coup, fell, values, strict=True)]
        store.write_chunk(records)
        store.compact()
    return time.perf_counter() - start


def timed(command: list[str], repeats: int) -> tuple[float, str]:
    """Median wall time of a CLI command, and its last output line."""
    times, out = [], ""
    for _ in range(repeats):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - start)
        out = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return statistics.median(times), out


def main() -> None:
    """Build the store, then time both commands."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1_000_000)
    parser.add_argument("--chunk", type=int, default=1000, help="records per written chunk")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    import tomllib

    from model.contract import MALI
    from model.sweep.spec import parse_spec
    from model.sweep.store import SweepStore

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "store_bench"
        spec = parse_spec(tomllib.loads(spec_text(args.runs // POINTS)), default=MALI)
        store = SweepStore(root)
        with store.writer():
            store.prepare(spec)
            seconds = fill(store, args.runs, args.chunk, np.random.default_rng(0))
        files = len(store.chunk_files())
        cli = str(Path(sys.executable).with_name("mali-abm"))
        status_s, status_line = timed([cli, "sweep", "status", str(root)], args.repeats)
        summary_s, _ = timed([cli, "sweep", "summarize", str(root), "--out", str(Path(tmp) / "s.csv")], args.repeats)
    print(f"synthetic sweep: {args.runs:,} runs ({POINTS} points), written in chunks of {args.chunk} "
          f"in {seconds:.0f} s; {files} files after compaction")
    print(f"  mali-abm sweep status     median {status_s:.2f} s of {args.repeats}   ({status_line})")
    print(f"  mali-abm sweep summarize  median {summary_s:.2f} s of {args.repeats}")


if __name__ == "__main__":
    main()
