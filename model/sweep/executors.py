"""Where runs execute: in this process, in local worker processes, or on a Dask cluster.

All three fit :class:`concurrent.futures.Executor`; a task is a batch of runs (1-10 s of
work) because per-task overhead on Dask is a few milliseconds. Workers clear Mesa 3.3.1's
class-level caches after every run, or a long-lived worker would keep every model alive.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Task = tuple[int, int, int, dict[str, Any]]
"""(point_id, replicate, seed, params) of one run."""


class ExecutorError(ValueError):
    """An --executor value that is not allowed."""


def resolve_function(path: str) -> Callable[[dict, int, int], dict]:
    """Import ``module:callable``."""
    module_name, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def clear_mesa_caches() -> None:
    """Forget finished models: Mesa keeps them via Agent._ids and cached cell neighbourhoods."""
    import mesa
    from mesa.discrete_space import Cell

    mesa.Agent._ids.clear()
    Cell.get_neighborhood.cache_clear()
    Cell._neighborhood.cache_clear()


def run_batch(function: str, horizon_days: int, tasks: list[Task]) -> list[dict[str, Any]]:
    """Run a batch of tasks in a worker; a failing run becomes a record with its traceback."""
    fn = resolve_function(function)
    records = []
    for point_id, replicate, seed, params in tasks:
        start = time.perf_counter()
        try:
            outcome, status, error = fn(dict(params), seed, horizon_days), "ok", None
        except Exception:
            outcome, status, error = {}, "failed", traceback.format_exc()
        clear_mesa_caches()
        records.append({"point_id": point_id, "replicate": replicate, "seed": seed, "status": status,
                        "error": error, "duration_s": time.perf_counter() - start, **outcome})
    return records


class SequentialExecutor(Executor):
    """Runs each task at submission, in this process (for debugging and small sweeps)."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        """Run now and return a completed future."""
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # the caller's as_completed loop re-raises it
            future.set_exception(error)
        return future


def parse_executor(text: str) -> tuple[str, Any]:
    """``sequential`` | ``local[:N]`` | ``dask://HOST:PORT`` → (kind, argument)."""
    if text == "sequential":
        return "sequential", None
    if text == "local" or text.startswith("local:"):
        n = text.partition(":")[2] or str(os.cpu_count() or 1)
        if not n.isdigit() or int(n) < 1:
            raise ExecutorError(f"--executor {text}: local:N needs a positive whole number of processes")
        return "local", int(n)
    if text.startswith("dask://") and len(text) > len("dask://"):
        return "dask", "tcp://" + text[len("dask://"):]
    raise ExecutorError(f"--executor {text!r}: allowed: sequential, local, local:N, dask://HOST:PORT")


DASK_CONNECT_TIMEOUT = "10s"


def stop_now(pool: ProcessPoolExecutor) -> None:
    """Stop a local pool at once (Ctrl-C, SIGTERM, an error): its runs in flight are lost and run again on resume.

    Waiting for the workers to finish their batches would keep an interrupted sweep alive for a batch's
    time; stopping them (the pool keeps its processes in ``_processes``) lets it exit cleanly now,
    with the pool's semaphores released rather than leaked.
    """
    for process in list((pool._processes or {}).values()):
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def connect(address: str | None, scheduler_file: Path | None):
    """A Dask client of the scheduler at ``address`` or in ``scheduler_file``.

    Raises:
        ExecutorError: the scheduler cannot be reached, or the file is not a scheduler file.

    """
    from distributed import Client

    where = f"--scheduler-file {scheduler_file}" if scheduler_file else f"--executor dask://{address[len('tcp://'):]}"
    try:
        if scheduler_file:
            return Client(scheduler_file=str(scheduler_file), timeout=DASK_CONNECT_TIMEOUT)
        return Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except Exception as error:  # distributed raises OSError, TimeoutError, ValueError, KeyError... by cause
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ExecutorError(f"{where}: cannot reach a Dask scheduler ({reason}); start one, or check the "
                            "address or file") from None


def _lower_priority(niceness: int) -> None:
    """Run in each new local worker: lower its CPU priority by ``niceness`` (0 leaves it)."""
    if niceness > 0:
        os.nice(niceness)


@contextmanager
def open_executor(text: str, scheduler_file: Path | None = None, preload: tuple[str, ...] = (),
                  worker_niceness: int = 0) -> Iterator[tuple[Executor, int]]:
    """The executor and its number of parallel slots; closed (and workers stopped) on exit.

    Local workers fork from a server that has already imported ``preload`` (the run function's
    module) and this module, so each worker starts without paying for the imports again. A
    positive ``worker_niceness`` lowers the local workers' CPU priority, so that a process that
    serves a user (the browser app) stays responsive while they run; it changes no result.
    """
    kind, argument = ("dask", None) if scheduler_file else parse_executor(text)
    if kind == "sequential":
        yield SequentialExecutor(), 1
    elif kind == "local":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, *preload])
        pool = ProcessPoolExecutor(max_workers=argument, mp_context=context, initializer=_lower_priority,
                                   initargs=(worker_niceness,))
        try:
            yield pool, argument
        except BaseException:
            stop_now(pool)
            raise
        pool.shutdown(wait=True)
    else:
        client = connect(argument, scheduler_file)
        try:
            slots = sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()) or 1
            yield client.get_executor(), slots
        finally:
            client.close()
