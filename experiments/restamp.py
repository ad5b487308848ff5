"""Move kept results to the current model code after a change that leaves their runs unchanged.

    .venv/bin/python experiments/restamp.py sweep docs/data/lever_grid.parquet experiments/lever_grid.toml
    .venv/bin/python experiments/restamp.py morris docs/data/morris_screen.json [--points 6]

Kept results (the sweeps of docs/data/, the Morris screen's counts) carry the fingerprint of the
model code that made them, and the tests refuse them once the code changes. A change that does
not touch their runs (a refactor, or a fix confined to a setting none of their runs uses) would
otherwise force hours of reruns that give the same numbers. This script shows that it does not
touch them before it says so: the current spec must be the kept one apart from the code's
fingerprint, a sample of the kept runs (drawn from the spec's root seed, spread over points and
replicates) is run again with the current code, and only if every rerun gives exactly the kept
outcome is the new fingerprint written. Anything else leaves the file as it was and exits 1: the
results are stale and must be run again.

The check is a sample, so it shows that a change did not touch the kept runs only together with
what the change is: use it for changes whose reach is known (a refactor whose full daily series
hash the same on fixed cases; a fix confined to a setting no kept run uses), never to skip rerunning
after a change that could move some runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kept_sweeps import KEY, outcome_columns
from morris_table import SPEC as MORRIS_SPEC

from model.contract import MALI
from model.sweep.executors import run_batch
from model.sweep.seeds import replicate_seed
from model.sweep.spec import load_spec
from model.sweep.store import spec_meta

UNSTAMPED = ("fingerprint", "code")


def missing_as_minus_one(frame: pd.DataFrame) -> np.ndarray:
    """The values with every missing one as -1, so that two tables compare cell by cell."""
    values = frame.astype(object)
    return values.where(values.notna(), -1).to_numpy()


def comparable(meta: dict) -> dict:
    """A spec.json without what names the code: two of these are equal if the runs asked for are."""
    meta = json.loads(json.dumps(meta, default=str))
    for key in UNSTAMPED:
        meta.pop(key, None)
    if isinstance(meta.get("posterior"), dict):
        meta["posterior"].pop("fingerprint", None)
    return meta


def same_points(kept: list[dict], current: list[dict]) -> bool:
    """Whether two lists of design points are the same runs (values compared as JSON writes them)."""
    return json.dumps(kept, sort_keys=True, default=str) == json.dumps(current, sort_keys=True, default=str)


def rerun(function: str, horizon_days: int, tasks: list) -> pd.DataFrame:
    """Run the tasks with the current code on two processes (the machine's cores)."""
    halves = [tasks[0::2], tasks[1::2]]
    with ProcessPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(run_batch, [function] * 2, [horizon_days] * 2, halves))
    return pd.DataFrame([record for part in parts for record in part])


def restamp_sweep(path: Path, spec_path: Path, sample: int) -> bool:
    """Check a kept sweep against fresh runs of ``sample`` of its runs; restamp it if all agree."""
    spec = load_spec(spec_path, default=MALI)
    kept_table = pq.read_table(path)
    payload = json.loads(kept_table.schema.metadata[KEY])
    current = json.loads(json.dumps(spec_meta(spec), default=str))
    kept_points = [{k: v for k, v in p.items() if k != "point_id"} for p in payload["points"]]
    if comparable(payload["spec"]) != comparable(current) or not same_points(kept_points, spec.points):
        print(f"{path}: the spec {spec_path} asks for other runs than those kept: run it again", file=sys.stderr)
        return False
    kept = kept_table.to_pandas()
    chosen = kept.sample(min(sample, len(kept)), random_state=spec.root_seed % 2**32)
    chosen = chosen.sort_values(["point_id", "replicate"])
    tasks = [(int(row.point_id), int(row.replicate), replicate_seed(spec.root_seed, int(row.replicate)),
              spec.run_params(spec.points[int(row.point_id)], int(row.replicate))) for row in chosen.itertuples()]
    fresh = rerun(spec.function, spec.horizon_days, tasks).sort_values(["point_id", "replicate"])
    columns = outcome_columns(payload["spec"])
    same = np.array_equal(missing_as_minus_one(fresh[columns]), missing_as_minus_one(chosen[columns]))
    print(f"{path}: {len(chosen)} kept runs rerun with code {spec.code}: {'identical' if same else 'DIFFERENT'}")
    if same:
        payload["spec"] = current
        table = kept_table.replace_schema_metadata({**kept_table.schema.metadata, KEY: json.dumps(payload).encode()})
        tmp = path.with_name(f".{path.name}.restamp.tmp")
        pq.write_table(table, tmp)
        os.replace(tmp, path)  # whole or not at all: a kill never leaves half a kept sweep
    return same


def restamp_morris(path: Path, n_points: int) -> bool:
    """Check the kept Morris counts against fresh runs of ``n_points`` points; restamp them if all agree."""
    spec = load_spec(MORRIS_SPEC, default=MALI)
    kept = json.loads(path.read_text(encoding="utf-8"))
    counts = pd.DataFrame(kept["counts"])
    # The counts keep no copy of the spec: at least they must be one row per point of it, each with its replicates.
    if sorted(counts.point_id) != list(range(len(spec.points))) or set(counts.n) != {spec.replicates}:
        print(f"{path}: the counts are not those of {MORRIS_SPEC}'s points and replicates: run it again",
              file=sys.stderr)
        return False
    chosen = np.random.default_rng(spec.root_seed).choice(len(counts), size=min(n_points, len(counts)), replace=False)
    tasks = [(int(counts.point_id[i]), r, replicate_seed(spec.root_seed, r),
              spec.run_params(spec.points[int(counts.point_id[i])], r))
             for i in sorted(chosen) for r in range(spec.replicates)]
    fresh = rerun(spec.function, spec.horizon_days, tasks)
    by_day = kept["by_day"]["coup"]
    fresh["coup_by"] = fresh.coup_day.notna() & (fresh.coup_day <= by_day)
    got = fresh.groupby("point_id").agg(n=("seed", "size"), coup=("coup_by", "sum"), fall=("capital_fell", "sum"))
    want = counts.set_index("point_id").loc[got.index, ["n", "coup", "fall"]]
    same = np.array_equal(got[["n", "coup", "fall"]].to_numpy(), want.to_numpy())
    print(f"{path}: {len(got)} points × {spec.replicates} replicates rerun with code {spec.code}: "
          f"{'identical' if same else 'DIFFERENT'}")
    if same:
        kept["spec_fingerprint"] = spec.fingerprint()
        tmp = path.with_name(f".{path.name}.restamp.tmp")
        tmp.write_text(json.dumps(kept) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    return same


def main() -> None:
    """``sweep FILE SPEC [--runs N]`` or ``morris FILE [--points N]``; exit 1 if the results changed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="kind", required=True)
    sweep = sub.add_parser("sweep", help="a kept sweep of docs/data/ (Parquet)")
    sweep.add_argument("file", type=Path)
    sweep.add_argument("spec", type=Path)
    sweep.add_argument("--runs", type=int, default=60, help="kept runs to rerun")
    morris = sub.add_parser("morris", help="the kept Morris counts (JSON)")
    morris.add_argument("file", type=Path)
    morris.add_argument("--points", type=int, default=6, help="points whose replicates are rerun")
    args = parser.parse_args()
    if not args.file.is_file():
        print(f"error: {args.file}: no such file", file=sys.stderr)
        sys.exit(2)
    if args.kind == "sweep":
        ok = restamp_sweep(args.file, args.spec, args.runs)
    else:
        ok = restamp_morris(args.file, args.points)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
