"""Local workers can run at a lower CPU priority (the browser app's ensemble); a normal sweep's run at the caller's."""

import os

import pytest

from model.sweep.executors import open_executor


@pytest.mark.parametrize("niceness", [0, 5])
def test_local_workers_run_at_the_niceness_asked(niceness):
    own = os.nice(0)  # os.nice(0) reads the niceness without changing it
    with open_executor("local:1", worker_niceness=niceness) as (pool, slots):
        worker = pool.submit(os.nice, 0).result(timeout=60)
    assert slots == 1
    assert worker == min(own + niceness, 19)

