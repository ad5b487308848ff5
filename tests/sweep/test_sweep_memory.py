"""A sweep worker's memory stays flat: Mesa's class-level caches are cleared after each run."""

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import psutil
import pytest

from model.sweep.executors import run_batch

FUNCTION = "model.sweep.examples:boltzmann_run_one"
BATCH = 50


def worker_rss(pool) -> int:
    """Resident memory of the pool's single worker process."""
    (pid,) = [p.pid for p in pool._processes.values()]
    return psutil.Process(pid).memory_info().rss


def run(pool, start, count):
    tasks = [(0, r, r, {"n": 100, "width": 10, "height": 10}) for r in range(start, start + count)]
    for k in range(0, count, BATCH):
        pool.submit(run_batch, FUNCTION, 5, tasks[k:k + BATCH]).result()


@pytest.mark.slow  # 2,000 runs in a worker process (~8 s)
def test_worker_memory_after_2000_runs_is_within_50_mb_of_after_200():
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        run(pool, 0, 200)
        after_200 = worker_rss(pool)
        run(pool, 200, 1800)
        after_2000 = worker_rss(pool)
    growth_mb = (after_2000 - after_200) / 2**20
    print(f"worker resident memory: {after_200 / 2**20:.0f} MB after 200 runs, +{growth_mb:.1f} MB after 2,000")
    assert growth_mb < 50, f"worker grew {growth_mb:.1f} MB between 200 and 2,000 runs"


def test_without_clearing_mesa_keeps_every_model():
    """The control: the same runs without clearing the caches do leak (so the test above can fail)."""
    import mesa

    from model.sweep.examples import boltzmann_run_one

    before = len(mesa.Agent._ids)
    for seed in range(30):
        boltzmann_run_one({"n": 100}, seed, 2)
    assert len(mesa.Agent._ids) >= before + 30
    mesa.Agent._ids.clear()
