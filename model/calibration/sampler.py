"""A pyabc sampler that runs simulations on the project's executors, deterministically and resumably.

pyabc's own parallel samplers draw parameters inside the workers from OS entropy, so no two runs
agree and a killed generation is lost. This sampler keeps every draw in the main process, on
NumPy's global generator (which pyabc draws from), seeded per generation by the engine:

1. look ahead: call pyabc's ``simulate_one`` for a batch with the model only noting the
   parameters it is asked for (placeholder statistics), after saving the generator's state;
2. run the proposals not yet in the journal, on the executor, and journal them as they finish;
3. replay: restore the generator's state and call ``simulate_one`` again for the batch, the model
   now reading the journal, so pyabc proposes, weighs and accepts exactly the same parameters.

The proposals do not depend on the statistics (pyabc's proposal within a generation is fixed),
so the replay sees the same parameters as the look-ahead. The generation's population is the
first ``n`` accepted proposals of one deterministic sequence: the same whatever the executor,
the batch size, or where a kill fell (the journal answers what was already run).
"""

from __future__ import annotations

import math
import sys
import time
from concurrent.futures import as_completed

import numpy as np
from pyabc.sampler import Sampler

from model.calibration.journal import SimulationJournal, seed_of, simulation_key
from model.calibration.spec import CalibrationSpec, Simulator
from model.calibration.worker import simulate_batch

LARGEST_BATCH = 2000
"""Proposals looked ahead at once at most (their runs are wasted if the generation fills early)."""


class JournalModel:
    """The model pyabc calls: notes parameters during a look-ahead, reads the journal during a replay."""

    def __init__(self, spec: CalibrationSpec, journal: SimulationJournal):
        self.spec = spec
        self.journal = journal
        self.names = tuple(t.statistic for t in spec.targets)
        self.noted: list[tuple[str, dict[str, float]]] | None = None

    def __call__(self, parameter) -> dict[str, float]:
        """The statistics of the run at ``parameter`` (placeholders while looking ahead)."""
        theta = {name: float(parameter[name]) for name in self.spec.priors}
        key = simulation_key(theta, "abc")
        if self.noted is not None:
            self.noted.append((key, theta))
            return dict.fromkeys(self.names, 0.0)
        return self.journal.get(key)


class JournalSampler(Sampler):
    """Look ahead, run what the journal lacks on an executor, replay (see the module's docstring)."""

    def __init__(self, model: JournalModel, simulator: Simulator, pool, slots: int, quiet: bool = False):
        super().__init__()
        self.model = model
        self.simulator = simulator
        self.pool = pool
        self.slots = slots
        self.quiet = quiet
        self.run_now = 0
        self.rate = 0.3

    def sample_until_n_accepted(self, n, simulate_one, t, *, max_eval=np.inf, all_accepted=False, ana_vars=None):
        """The generation's first ``n`` accepted particles (pyabc's Sampler interface)."""
        sample = self._create_empty_sample()
        evaluations, rate = 0, 1.0 if all_accepted else self.rate
        while sample.n_accepted < n and evaluations < max_eval:
            needed = n - sample.n_accepted
            # as many as should fill the generation at the last acceptance rate: an overshoot is wasted runs
            batch = int(min(LARGEST_BATCH, max(2 * self.slots, math.ceil(needed / rate))))
            state = np.random.get_state()
            self.model.noted = []
            for _ in range(batch):
                simulate_one()
            proposals, self.model.noted = self.model.noted, None
            self.run_missing(proposals)
            np.random.set_state(state)
            accepted_before = sample.n_accepted
            for _ in range(batch):
                particle = simulate_one()
                sample.append(particle)
                evaluations += 1
                if sample.n_accepted == n:
                    break
            rate = max(0.01, (sample.n_accepted - accepted_before) / batch)
            self.report(t, sample.n_accepted, n, evaluations)
        if not all_accepted:
            self.rate = max(0.01, sample.n_accepted / max(evaluations, 1))  # the next generation's first guess
        self.nr_evaluations_ = evaluations
        if sample.n_accepted < n:
            sample.ok = False
        return sample

    def run_missing(self, proposals: list[tuple[str, dict[str, float]]]) -> None:
        """Run, on the executor, the proposals the journal does not hold."""
        self.run_now += run_missing(proposals, self.model.spec, self.simulator, self.model.journal, self.pool,
                                    self.slots)

    def report(self, t: int, accepted: int, n: int, evaluations: int) -> None:
        """One progress line per batch on stderr."""
        if not self.quiet:
            label = "prior sample" if t < 0 else f"generation {t}"
            print(f"{time.strftime('%H:%M:%S')} {label}: {accepted}/{n} accepted of {evaluations} simulations "
                  f"({self.run_now} run this session, {len(self.model.journal)} in the journal)",
                  file=sys.stderr, flush=True)


def run_missing(proposals: list[tuple[str, dict[str, float]]], spec: CalibrationSpec, simulator: Simulator,
                journal: SimulationJournal, pool, slots: int) -> int:
    """Run the simulations (key, parameters) the journal does not hold, journal each batch as it ends; how many ran."""
    names = tuple(t.statistic for t in spec.targets)
    missing = {key: theta for key, theta in proposals if key not in journal}
    tasks = [(key, spec.run_params(theta), seed_of(key, spec.root_seed)) for key, theta in missing.items()]
    if not tasks:
        return 0
    size = max(1, math.ceil(len(tasks) / (4 * slots)))
    futures = [pool.submit(simulate_batch, simulator.function, spec.horizon_days, names, tasks[k:k + size])
               for k in range(0, len(tasks), size)]
    for future in as_completed(futures):
        journal.add([(key, missing[key], stats) for key, stats, _ in future.result()])
    return len(tasks)
