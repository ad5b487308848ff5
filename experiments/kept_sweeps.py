"""Keep a finished sweep's run records in docs/data/, so the docs' tables are rebuilt without rerunning it.

    .venv/bin/python experiments/kept_sweeps.py save results/sweeps/lever_grid docs/data/lever_grid.parquet

A kept file is one Parquet table of every run's outcome fields (point, replicate, seed, the
events' flags and days), its schema metadata holding the sweep's spec.json and points. Reading
it back rebuilds a sweep directory in a temporary folder, so every analysis of the engine
(summaries, Sobol, PRIM) reads it as it would the sweep. Its spec fingerprint (model code
included) makes it stale once the model changes: ``tests/experiments/test_uncertainty_tables.py``
checks that, and reruns some of its runs to show they give the kept records.
"""

from __future__ import annotations

import argparse
import atexit
import json
import shutil
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from model.sweep.store import MARKER, SweepStore

KEY = b"mali_abm_kept_sweep"


def outcome_columns(meta: dict) -> list[str]:
    """The record fields a summary reads: the run's identity, status, and each event's flag and day."""
    events = [c for e in meta["events"] for c in (e["flag"], e["day"])]
    return ["point_id", "replicate", "seed", "status", *events]


def save(directory: Path, path: Path) -> None:
    """Keep a sweep's records (outcome fields only), its spec and points in one Parquet file."""
    store = SweepStore(directory)
    meta = store.read_spec()
    records = store.records()[outcome_columns(meta)]
    table = pa.Table.from_pandas(records, preserve_index=False)
    points = store.points().to_dict("records")  # json writes floats exactly (shortest repr)
    table = table.replace_schema_metadata({KEY: json.dumps({"spec": meta, "points": points}).encode()})
    pq.write_table(table, path)


def kept_meta(path: Path) -> dict:
    """The kept sweep's spec.json."""
    return json.loads(pq.read_schema(path).metadata[KEY])["spec"]


def load(path: Path) -> SweepStore:
    """The kept sweep as a sweep directory in a temporary folder (removed at exit)."""
    kept = json.loads(pq.read_schema(path).metadata[KEY])
    root = Path(tempfile.mkdtemp(prefix="kept-sweep-"))
    _cleanup.append(root)
    (root / MARKER).touch()
    (root / "spec.json").write_text(json.dumps(kept["spec"], indent=2))
    pd.DataFrame(kept["points"]).to_parquet(root / "points.parquet", index=False)
    store = SweepStore(root)
    store.runs.mkdir()
    store.write_chunk(pq.read_table(path).to_pandas().to_dict("records"))
    return store


_cleanup: list[Path] = []


@atexit.register
def _remove_temporaries() -> None:
    for root in _cleanup:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    """``save DIR FILE``: keep a finished sweep."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["save"])
    parser.add_argument("sweep", type=Path)
    parser.add_argument("file", type=Path)
    args = parser.parse_args()
    if not (args.sweep / "spec.json").is_file():
        print(f"error: {args.sweep}: not a sweep directory (no spec.json)", file=sys.stderr)
        sys.exit(2)
    save(args.sweep, args.file)
    print(f"kept {args.sweep} in {args.file}")


if __name__ == "__main__":
    main()
