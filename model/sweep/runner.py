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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from model.sweep.executors import Task, open_executor, run_batch
from model.sweep.seeds import replicate_seed
from model.sweep.spec import SweepSpec
from model.sweep.stats import wilson_halfwidth
from model.sweep.store import SweepStore

MAX_BATCH = 16


@dataclass
class PointState:
    """What the store says about one design point."""

    done: set[int]
    ok: int
    events: dict[str, int]
    """Successful runs in which each event (by its flag field) happened."""

    def converged(self, spec: SweepSpec) -> bool:
        """Whether the point needs no more replicates."""
        if spec.stopping is None:
            return len(self.done) >= spec.replicates
        if len(self.done) >= spec.stopping.max_replicates:
            return True
        if self.ok < spec.stopping.min_replicates:
            return False
        return all(wilson_halfwidth(self.events[e.flag], self.ok) <= spec.stopping.ci_halfwidth
                   for e in spec.events)

    def target(self, spec: SweepSpec) -> int:
        """How many replicates the point should have after the next round."""
        if spec.stopping is None:
            return spec.replicates
        step = spec.stopping.min_replicates
        return min(spec.stopping.max_replicates, max(step, len(self.done) + step))


def point_states(spec: SweepSpec, records: pd.DataFrame, retry_failed: bool) -> list[PointState]:
    """Per point: replicates done (failed ones only if not retried), successes, event counts."""
    flags = [e.flag for e in spec.events]
    states = [PointState(set(), 0, dict.fromkeys(flags, 0)) for _ in spec.points]
    for row in records.itertuples(index=False):
        state = states[int(row.point_id)]
        ok = row.status == "ok"
        if ok or not retry_failed:
            state.done.add(int(row.replicate))
        if ok:
            state.ok += 1
            for flag in flags:
                state.events[flag] += bool(getattr(row, flag, False))
    return states


def pending_tasks(spec: SweepSpec, states: list[PointState]) -> list[Task]:
    """The runs of the next round, replicate-major so early results cover every point."""
    todo = []
    for point_id, state in enumerate(states):
        if state.converged(spec):
            continue
        params = spec.run_params(spec.points[point_id])
        for replicate in range(state.target(spec)):
            if replicate not in state.done:
                todo.append((point_id, replicate, replicate_seed(spec.root_seed, replicate), params))
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
        self.bar = None
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
        if now - self.last_line >= 1.0 or self.done == self.total:
            rate = self.done / max(now - self.start, 1e-9)
            eta = (self.total - self.done) / rate if rate > 0 else float("inf")
            print(f"{self.label}: {self.done}/{self.total} runs, {rate:.1f} runs/s, ETA {eta:.0f} s",
                  file=sys.stderr, flush=True)
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
              retry_failed: bool = False, progress: Callable[[int, str], Progress] = Progress) -> SweepStore:
    """Run (or resume) a sweep until every point has its replicates or has converged."""
    store = SweepStore(out)
    store.prepare(spec)
    with open_executor(executor, scheduler_file, preload=(spec.function.partition(":")[0],)) as (pool, slots):
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
    return store


def _run_round(pool, slots: int, spec: SweepSpec, store: SweepStore, tasks: list[Task], bar: Progress) -> None:
    """Submit the round's batches, keep at most 2 per slot in flight, store each as it finishes."""
    queue: Iterable[list[Task]] = iter(batches(tasks, slots))
    in_flight = {pool.submit(run_batch, spec.function, spec.horizon_days, b) for b in _take(queue, 2 * slots)}
    while in_flight:
        finished, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
        for future in finished:
            records = future.result()
            store.write_chunk(records)
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
