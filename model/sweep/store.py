"""Crash-safe sweep storage: one Parquet file per flushed chunk, renamed into place.

Writing a chunk under a temporary name and ``os.replace``-ing it survives ``kill -9`` (a
reader never sees half a file; measured on these machines in 25 of 25 trials), and files are
only ever added, so ``status`` can read while a sweep writes.

Layout of a sweep directory::

    .mali-abm-sweep    the marker: this project made the directory (nothing else is written to)
    .lock              held (an OS lock) by the one ``sweep run`` writing the directory
    spec.json          the validated spec, its fingerprint and the model's events
    points.parquet     one row per design point: point_id and its parameters
    runs/*.parquet     run records: point_id, replicate, seed, status, error, duration_s, outcomes;
                       each chunk's name ends in the first 16 hex digits of its bytes' SHA-256
    runs/damaged/      chunks that failed their checksum or could not be read, set aside (never
                       deleted) by the next ``sweep run``, which then runs their runs again

A directory is written only if it is missing, empty, or marked as a sweep (or holds the
spec.json of an earlier version of the engine); cleanup removes only the temporary files the
store names itself, and only while it holds the lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import json
import os
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from model.sweep.spec import SpecError, SweepSpec

KEY = ["point_id", "replicate"]
MARKER = ".mali-abm-sweep"
LOCK = ".lock"
OWN_TEMPORARIES = (".spec.json.*.tmp", ".points.parquet.*.tmp", "runs/.chunk-*.tmp", "runs/.compaction.json.*.tmp")
"""The only temporary files the store writes (and so the only ones its cleanup removes)."""
COMPACTION = ".compaction.json"
"""A merge of chunks in progress: the merged chunk's name and its sources (see :meth:`SweepStore.compact`)."""
COMPACT_WHEN = 64
"""Small chunks in a sweep before the writer merges them into one."""
SMALL_CHUNK_ROWS = 4096
"""A chunk of fewer records is small: a 10^6-run sweep ends with a few hundred files, not 62,500."""


@contextmanager
def exclusive_lock(path: Path, busy: str, wait: bool = False):
    """Hold an OS lock on ``path`` for the block: one writer of a directory at a time.

    Raises:
        SpecError: ``busy``, when another process holds the lock and ``wait`` is false.

    """
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise SpecError(busy) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def spec_meta(spec: SweepSpec) -> dict:
    """What a sweep directory's spec.json holds: the spec's identity, design and model code."""
    meta = {"name": spec.name, "fingerprint": spec.fingerprint(), "function": spec.function,
            "code": spec.code, "horizon_days": spec.horizon_days, "root_seed": spec.root_seed,
            "scenario": spec.scenario, "replicates": spec.replicates,
            "stopping": None if spec.stopping is None else spec.stopping.__dict__,
            "n_points": len(spec.points), "fixed": spec.fixed,
            "events": [e.as_dict() for e in spec.events], "design": spec.design}
    if spec.posterior is not None:
        meta["posterior"] = spec.posterior
    return meta


class SweepStore:
    """A sweep directory: its spec, its points and its run records."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.runs = self.root / "runs"

    def is_sweep(self) -> bool:
        """Whether the directory was made by this project (its marker, or an older engine's spec.json)."""
        return (self.root / MARKER).is_file() or (self.root / "spec.json").is_file()

    def claim(self) -> None:
        """Make the directory a sweep directory, refusing one that holds anything else.

        Raises:
            SpecError: the path is a file, or a folder that is neither empty nor a sweep.

        """
        if self.root.exists() and not self.root.is_dir():
            raise SpecError(f"--out {self.root}: is a file, not a sweep directory")
        if self.root.is_dir() and not self.is_sweep() and any(self.root.iterdir()):
            raise SpecError(f"--out {self.root}: not empty and not a sweep directory; give a new or empty folder")
        self.root.mkdir(parents=True, exist_ok=True)  # parents: the default results/sweeps/ of a new checkout
        (self.root / MARKER).touch()

    @contextmanager
    def writer(self, wait: bool = False):
        """Hold the directory's lock while writing it: one ``sweep run`` at a time.

        Raises:
            SpecError: another process holds the lock and ``wait`` is false.

        """
        self.claim()
        with exclusive_lock(self.root / LOCK, f"{self.root}: another `sweep run` is writing this sweep; wait for it "
                            "to end, or pass --wait", wait):
            yield self

    def prepare(self, spec: SweepSpec) -> None:
        """Create the directory for a spec, or check that it holds this very spec.

        Raises:
            SpecError: the directory holds a sweep of a different spec.

        """
        fingerprint = spec.fingerprint()
        existing = self.read_spec()
        if existing is None and self.runs.exists() and any(self.runs.glob("chunk-*.parquet")):
            raise SpecError(f"{self.root} holds run records but no spec.json: it cannot be resumed safely; "
                            "give another --out")
        if existing is not None and existing["fingerprint"] != fingerprint:
            raise SpecError(f"{self.root} holds a sweep of a different spec or model version "
                            f"({existing['name']!r}, code {existing.get('code', '?')}); give another --out, "
                            "or --archive-stale to move it aside")
        self.runs.mkdir(parents=True, exist_ok=True)
        if existing is None:
            points = pd.DataFrame(spec.points).assign(point_id=range(len(spec.points)))
            self._write_frame(points[["point_id", *spec.points[0]]], self.root / "points.parquet")
            self._write_text(json.dumps(spec_meta(spec), indent=2, default=str), self.root / "spec.json")
        self.clean_temporaries()
        self.finish_compaction()
        for path in self.set_aside_damaged():
            print(f"warning: {path.name} was damaged (checksum or format): set aside in {self.runs / 'damaged'}, "
                  "its runs will be run again", file=sys.stderr)

    def archive_if_stale(self, spec: SweepSpec) -> Path | None:
        """Move aside a directory that holds a sweep of another spec or model version.

        Nothing is deleted: the old sweep is renamed to ``NAME.stale-CODE-TIME`` next to it,
        where its records stay readable. Returns the new name, or None if nothing was moved.
        """
        existing = self.read_spec()
        if existing is None or existing["fingerprint"] == spec.fingerprint():
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.root.with_name(f"{self.root.name}.stale-{existing.get('code', 'unknown')}-{stamp}")
        os.replace(self.root, target)
        return target

    def read_spec(self) -> dict | None:
        """The stored spec, or None for a new directory."""
        path = self.root / "spec.json"
        return json.loads(path.read_text()) if path.exists() else None

    def points(self) -> pd.DataFrame:
        """The design points, one row each."""
        return pd.read_parquet(self.root / "points.parquet")

    def write_chunk(self, records: list[dict]) -> None:
        """Add run records as one new file (atomic: all of it or none), named with its checksum."""
        if not records:
            return
        tmp = self._temporary(self.runs / "chunk-new.parquet")
        try:
            pd.DataFrame(records).to_parquet(tmp, index=False)
            os.replace(tmp, self._chunk_name(tmp))
        except OSError:
            tmp.unlink(missing_ok=True)  # a full disk: no partial file is left beside the whole chunks
            raise

    def chunk_files(self) -> list[Path]:
        """The run-record files, oldest first."""
        return sorted(self.runs.glob("chunk-*.parquet")) if self.runs.exists() else []

    def chunks(self, files: list[Path] | None = None) -> tuple[list[pd.DataFrame], list[Path]]:
        """The chunks that pass their checksum and read, and the damaged ones (truncated, altered, unreadable).

        A chunk whose name carries no checksum (an older engine's) is read as it is. A reader
        that runs while the writer merges chunks may find a file gone: it reads the listing again
        (the merged chunk is in place before its sources go, so the new listing has every record).
        """
        for _ in range(10):
            try:
                return self._read_chunks(self.chunk_files() if files is None else files)
            except FileNotFoundError:
                if files is not None:
                    raise
        return self._read_chunks(self.chunk_files())

    @staticmethod
    def _read_chunks(files: list[Path]) -> tuple[list[pd.DataFrame], list[Path]]:
        frames, damaged = [], []
        for path in files:
            data = path.read_bytes()
            expected = path.stem.rsplit("-", 1)[-1]
            if len(expected) == 16 and _digest(data) != expected:
                damaged.append(path)
                continue
            try:  # from the bytes read: a file the writer merged away meanwhile is not mistaken for a damaged one
                frames.append(pd.read_parquet(io.BytesIO(data)))
            except Exception:  # pyarrow raises several kinds for a damaged file
                damaged.append(path)
        return frames, damaged

    def compact(self) -> None:
        """Merge the small chunks into one once there are ``COMPACT_WHEN`` of them (the writer's job).

        ``status`` and ``summarize`` read every file, at a few milliseconds each: without this a
        10^6-run sweep would leave 62,500 chunks and take minutes a call. Crash-safe in two
        phases: a manifest names the merged chunk and its sources before the merged chunk is
        moved into place, and the sources are removed only after; a writer killed in between
        finishes the job when the sweep resumes (:meth:`finish_compaction`), so no record is
        lost and none is stored twice. Damaged chunks are not merged (they are set aside).
        """
        small = [p for p in self.chunk_files() if _rows(p) < SMALL_CHUNK_ROWS]
        if len(small) < COMPACT_WHEN:
            return
        frames, damaged = self.chunks(small)
        sources = [p for p in small if p not in damaged]
        if len(sources) < 2:
            return
        tmp = self._temporary(self.runs / "chunk-new.parquet")
        try:
            concat_records(frames).to_parquet(tmp, index=False)
            merged = self._chunk_name(tmp)
            self._write_text(json.dumps({"merged": merged.name, "sources": [p.name for p in sources]}),
                             self.runs / COMPACTION)
            os.replace(tmp, merged)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        self.finish_compaction()

    def finish_compaction(self) -> None:
        """Complete (or drop) a merge a killed writer left: remove its sources once its merged chunk is in place."""
        manifest = self.runs / COMPACTION
        if not manifest.exists():
            return
        try:
            plan = json.loads(manifest.read_text())
        except (ValueError, OSError):  # torn by a crash: keep every chunk (a record read twice is read once)
            manifest.unlink()
            return
        if (self.runs / plan["merged"]).exists():
            for name in plan["sources"]:
                (self.runs / name).unlink(missing_ok=True)
        manifest.unlink()

    def _chunk_name(self, tmp: Path) -> Path:
        """The final name of a chunk written to ``tmp``: time, process, random part and its checksum."""
        digest = _digest(tmp.read_bytes())
        return self.runs / f"chunk-{time.time_ns()}-{os.getpid()}-{uuid.uuid4().hex[:8]}-{digest}.parquet"

    def set_aside_damaged(self) -> list[Path]:
        """Move damaged chunks to runs/damaged/ (never deleted); their runs will be run again."""
        _, damaged = self.chunks()
        if damaged:
            (self.runs / "damaged").mkdir(exist_ok=True)
            for path in damaged:
                os.replace(path, self.runs / "damaged" / path.name)
        return damaged

    def records(self) -> pd.DataFrame:
        """Every run record, one per (point, replicate); a success supersedes a failure.

        Damaged chunks are left out and named on stderr (a ``sweep run`` sets them aside and
        runs their runs again).
        """
        frames, damaged = self.chunks()
        for path in damaged:
            print(f"warning: {path} is damaged (checksum or format); it is left out, and the next "
                  "`sweep run` sets it aside and runs its runs again", file=sys.stderr)
        table = concat_records(frames)
        if not len(table):
            return table
        table["_failed"] = table["status"] != "ok"
        table = table.sort_values([*KEY, "_failed"], kind="stable").drop_duplicates(KEY)
        return table.drop(columns="_failed").reset_index(drop=True)

    def clean_temporaries(self) -> None:
        """Remove the temporary files of this store a killed writer left behind (never complete chunks).

        Only the store's own names (``OWN_TEMPORARIES``), and only under the writer's lock, so
        nothing another process or the user put there is touched.
        """
        for pattern in OWN_TEMPORARIES:
            for tmp in self.root.glob(pattern):
                tmp.unlink(missing_ok=True)

    @staticmethod
    def _temporary(path: Path) -> Path:
        """A temporary name beside ``path``, unique to this write."""
        return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")

    @classmethod
    def _write_frame(cls, frame: pd.DataFrame, path: Path) -> None:
        tmp = cls._temporary(path)
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)

    @classmethod
    def _write_text(cls, text: str, path: Path) -> None:
        tmp = cls._temporary(path)
        tmp.write_text(text)
        os.replace(tmp, path)


def concat_records(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Chunks' records as one table, every column of any chunk kept (all-empty columns carry no dtype)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=[*KEY, "seed", "status", "error", "duration_s"])
    columns = list(dict.fromkeys(c for f in frames for c in f.columns))
    frames = [f.dropna(axis=1, how="all") for f in frames]
    return pd.concat(frames, ignore_index=True).reindex(columns=columns)


def _rows(path: Path) -> int:
    """A chunk's number of records, from its footer (a damaged chunk counts as small: it is then found)."""
    try:
        return pq.ParquetFile(path).metadata.num_rows
    except Exception:
        return 0


def _digest(data: bytes) -> str:
    """The first 16 hex digits of a chunk's SHA-256 (its name carries them)."""
    return hashlib.sha256(data).hexdigest()[:16]
