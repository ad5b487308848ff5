"""Running a sweep: pending runs, batches, flushing to the store, progress, resumption.

Re-running the same command resumes: what the store holds is never redone. With a stopping
rule the sweep runs in rounds, giving more replicates only to points whose Wilson intervals
for the probability of every event the model declares are still wider than the target.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from model.sweep.executors import ExecutorError, Task, open_executor, run_batch
from model.sweep.seeds import replicate_seed
from model.sweep.spec import SweepSpec
from model.sweep.stats import wilson_halfwidth
from model.sweep.store import SweepStore

MAX_BATCH = 16
MAX_RESTARTS_WITHOUT_PROGRESS = 3
"""Local workers replaced after dying before a sweep gives up (each time a run was stored resets it)."""


@dataclass
class PointState:
    """What the store says about one design point.

    With a stopping rule the sweep runs in rounds of ``min_replicates`` runs a point, and a
    point's next round depends only on its *complete* rounds: the runs a killed round left are
    kept but not judged until their round is complete, so any sequence of kills and resumes ends
    with the records of the uninterrupted sweep (issue 15).
    """

    done: set[int]
    outcomes: dict[int, dict[str, bool] | None]
    """Replicate → whether each event (by its flag field) happened, or None if the run failed (stopping sweeps only)."""

    def complete(self, spec: SweepSpec) -> int:
        """Replicates of the point's complete rounds: the longest prefix 0..k·step − 1 that is done."""
        if spec.stopping is None:
            return len(self.done)
        step, cap = spec.stopping.min_replicates, spec.stopping.max_replicates
        rounds = 0
        while rounds * step < cap and all(r in self.done for r in range(rounds * step, min(cap, (rounds + 1) * step))):
            rounds += 1
        return min(cap, rounds * step)

    def converged(self, spec: SweepSpec) -> bool:
        """Whether the point needs no more replicates, judged on its complete rounds only."""
        if spec.stopping is None:
            return len(self.done) >= spec.replicates
        n = self.complete(spec)
        if n >= spec.stopping.max_replicates:
            return True
        judged = [self.outcomes[r] for r in range(n) if self.outcomes.get(r) is not None]
        if len(judged) < spec.stopping.min_replicates:
            return False
        return all(wilson_halfwidth(sum(o[e.flag] for o in judged), len(judged)) <= spec.stopping.ci_halfwidth
                   for e in spec.events)

    def target(self, spec: SweepSpec) -> int:
        """How many replicates the point should have after the next round."""
        if spec.stopping is None:
            return spec.replicates
        return min(spec.stopping.max_replicates, self.complete(spec) + spec.stopping.min_replicates)


def point_states(spec: SweepSpec, records: pd.DataFrame, retry_failed: bool) -> list[PointState]:
    """Per point: replicates done (failed ones only if not retried) and each run's events."""
    states = [PointState(set(), {}) for _ in spec.points]
    if not len(records):
        return states
    point = records["point_id"].to_numpy(int)
    replicate = records["replicate"].to_numpy(int)
    ok = (records["status"] == "ok").to_numpy()
    counted = ok | (not retry_failed)
    for p, r in zip(point[counted].tolist(), replicate[counted].tolist(), strict=True):
        states[p].done.add(r)
    # A fixed-replicate sweep never reads the outcomes: building a dict per run is skipped (10^6 runs: seconds).
    if spec.stopping is not None:
        flags = [e.flag for e in spec.events]
        happened = [records[f].fillna(False).astype(bool).tolist() if f in records else [False] * len(records)
                    for f in flags]
        for k, (p, r, good) in enumerate(zip(point.tolist(), replicate.tolist(), ok.tolist(), strict=True)):
            states[p].outcomes[r] = {f: values[k] for f, values in zip(flags, happened, strict=True)} if good else None
    return states


def pending_tasks(spec: SweepSpec, states: list[PointState]) -> list[Task]:
    """The runs of the next round, replicate-major so early results cover every point."""
    todo = []
    for point_id, state in enumerate(states):
        if state.converged(spec):
            continue
        point = spec.points[point_id]
        for replicate in range(state.target(spec)):
            if replicate not in state.done:
                todo.append((point_id, replicate, replicate_seed(spec.root_seed, replicate),
                             spec.run_params(point, replicate)))
    return sorted(todo, key=lambda t: (t[1], t[0]))


def batches(tasks: list[Task], slots: int) -> list[list[Task]]:
    """Split tasks into batches that shrink toward the end (guided self-scheduling).

    Each batch takes a quarter of the remaining runs per slot (1 to MAX_BATCH runs), so that
    batches are large while there is much to do (little per-task overhead) and single runs at
    the end (no worker is left finishing a long batch while the others idle).
    """
    out, start = [], 0
    while start < len(tasks):
        size = max(1, min(MAX_BATCH, math.ceil((len(tasks) - start) / (4 * slots))))
        out.append(tasks[start:start + size])
        start += size
    return out


class Progress:
    """A rich progress bar on a terminal; one plain line per update otherwise."""

    def __init__(self, total: int, label: str):
        self.total, self.done, self.start, self.last_line = total, 0, time.monotonic(), 0.0
        self.bar, self.shown = None, True
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self.bar = Bar("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), transient=False)
            self.task = self.bar.add_task(label, total=total)
            self.bar.start()
        self.label = label

    def advance(self, n: int) -> None:
        """Count ``n`` more runs done."""
        self.done += n
        if self.bar is not None:
            self.bar.update(self.task, advance=n)
            return
        now = time.monotonic()
        if self.shown and (now - self.last_line >= 1.0 or self.done == self.total):
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate > 0 else float("inf")
            try:
                print(f"{self.label}: {self.done}/{self.total} runs, {rate:.1f} runs/s, ETA {eta:.0f} s",
                      file=sys.stderr, flush=True)
            except OSError:  # stderr closed (a pipe whose reader left): the sweep goes on, unseen
                self.shown = False
            self.last_line = now

    def close(self) -> None:
        """Stop the bar."""
        if self.bar is not None:
            self.bar.stop()


class NoProgress:
    """A progress display that shows nothing (library use, tests, benchmarks)."""

    def __init__(self, total: int, label: str):
        self.total, self.label = total, label

    def advance(self, n: int) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to stop."""


def run_sweep(spec: SweepSpec, out: Path, executor: str = "local", scheduler_file: Path | None = None,
              retry_failed: bool = False, progress: Callable[[int, str], Progress] = Progress,
              wait_for_lock: bool = False, worker_niceness: int = 0) -> SweepStore:
    """Run (or resume) a sweep until every point has its replicates or has converged.

    The sweep directory's lock is held throughout: a second writer is refused (or waits).
    ``worker_niceness`` lowers the local workers' CPU priority (see ``open_executor``).
    """
    store = SweepStore(out)
    preload = (spec.function.partition(":")[0],)
    restarts_without_progress = 0
    while True:
        chunks_before = _chunk_names(store)
        try:
            # The executor first: a Dask scheduler that cannot be reached is refused before anything is written.
            with (open_executor(executor, scheduler_file, preload=preload,
                                worker_niceness=worker_niceness) as (pool, slots),
                  store.writer(wait=wait_for_lock)):
                store.prepare(spec)
                _run_rounds(spec, store, pool, slots, retry_failed, progress)
            return store
        except BrokenProcessPool:
            # A local worker died (killed, out of memory): what reached the store stays, and the
            # rounds, worked out again from it, run the lost batches on new workers.
            stored = bool(_chunk_names(store) - chunks_before)  # a new chunk: some run reached the store
            restarts_without_progress = 0 if stored else restarts_without_progress + 1
            if restarts_without_progress > MAX_RESTARTS_WITHOUT_PROGRESS:
                raise ExecutorError(f"local workers died {restarts_without_progress} times in a row without storing "
                                    "a run (killed, or out of memory?); the runs stored are kept: run the same "
                                    "command again to resume") from None
            print("warning: a local worker died; starting new workers and running its lost batches again",
                  file=sys.stderr, flush=True)


def _chunk_names(store: SweepStore) -> set[str]:
    """The store's chunk files by name: a new name means a run was stored (no records read)."""
    return {path.name for path in store.chunk_files()}


def _run_rounds(spec: SweepSpec, store: SweepStore, pool, slots: int, retry_failed: bool,
                progress: Callable[[int, str], Progress]) -> None:
    """Round after round until no point needs more runs."""
    round_no = 0
    while True:
        tasks = pending_tasks(spec, point_states(spec, store.records(), retry_failed))
        if not tasks:
            break
        round_no += 1
        bar = progress(len(tasks), f"{spec.name} round {round_no}")
        try:
            _run_round(pool, slots, spec, store, tasks, bar)
        finally:
            bar.close()
        retry_failed = False


def _run_round(pool, slots: int, spec: SweepSpec, store: SweepStore, tasks: list[Task], bar: Progress) -> None:
    """Submit the round's batches, keep at most 2 per slot in flight, store each as it finishes."""
    queue: Iterable[list[Task]] = iter(batches(tasks, slots))
    in_flight = {pool.submit(run_batch, spec.function, spec.horizon_days, b) for b in _take(queue, 2 * slots)}
    while in_flight:
        finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
        for future in finished:
            records = future.result()
            store.write_chunk(records)
            store.compact()
            bar.advance(len(records))
            for batch in _take(queue, 1):
                in_flight.add(pool.submit(run_batch, spec.function, spec.horizon_days, batch))


def _take(iterator, n: int) -> list:
    out = []
    for item in iterator:
        out.append(item)
        if len(out) == n:
            break
    return out
