"""ABC-SMC calibration with pyabc: a declared spec in, a posterior file out, resumable after a kill.

Why pyabc: it is the maintained ABC-SMC library of the field (adaptive populations, epsilon
schedules, importance weights, a history database), and the issue's targets are a handful of
facts with tolerances, which is what ABC's acceptance reads directly; an emulator with history
matching would add a model of the model to validate. pyabc keeps each finished generation in
its SQLite history; the project's journal (:mod:`model.calibration.journal`) keeps every finished
simulation, and the sampler (:mod:`model.calibration.sampler`) replays them, so a killed
calibration resumes without losing a run and ends where an uninterrupted one would.

Every generation is run by a fresh ``ABCSMC`` loaded from the history, with NumPy's generator
seeded from the spec's root seed and the generation's index: an uninterrupted calibration and a
resumed one take the same path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from model.calibration.journal import SimulationJournal
from model.calibration.spec import CalibrationSpec, CalibrationSpecError, Simulator
from model.sweep.executors import open_executor
from model.sweep.store import exclusive_lock

MARKER = ".mali-abm-calibration"
LOCK = ".lock"
DATABASE = "abc.db"
JOURNAL = "simulations.jsonl"
POSTERIOR = "posterior.parquet"
PREDICTIVE = "predictive.csv"


def quiet_pyabc() -> None:
    """Pyabc logs every generation at INFO; the engine reports progress itself."""
    os.environ.setdefault("ABC_LOG_LEVEL", "WARNING")
    logging.getLogger("ABC").setLevel(logging.WARNING)


def generation_seed(root_seed: int, t: int) -> int:
    """NumPy's global seed for generation ``t`` (pyabc draws proposals from it)."""
    return int(hashlib.sha256(f"{root_seed}:generation:{t}".encode()).hexdigest()[:8], 16)


class CalibrationDir:
    """A calibration's directory: marker, spec, lock, pyabc's history, the journal, the posterior."""

    def __init__(self, root: Path):
        self.root = Path(root)

    def archive_if_stale(self, spec: CalibrationSpec) -> Path | None:
        """Move aside (never delete) a calibration of another spec or model version; return where it went."""
        spec_file = self.root / "spec.json"
        if not ((self.root / MARKER).is_file() and spec_file.is_file()):
            return None
        stored = json.loads(spec_file.read_text()).get("fingerprint")
        if stored == spec.fingerprint():
            return None
        target = self.root.with_name(f"{self.root.name}.stale-{stored}-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(self.root, target)
        return target

    def claim(self, spec: CalibrationSpec) -> None:
        """Make the directory this spec's, refusing one that holds anything else.

        Raises:
            CalibrationSpecError: a file, a folder that is not a calibration's, or another spec's.

        """
        if self.root.exists() and not self.root.is_dir():
            raise CalibrationSpecError(f"--out {self.root}: is a file, not a calibration directory")
        ours = (self.root / MARKER).is_file()
        if self.root.is_dir() and not ours and any(self.root.iterdir()):
            raise CalibrationSpecError(f"--out {self.root}: not empty and not a calibration directory; "
                                       "give a new or empty folder")
        spec_file = self.root / "spec.json"
        if ours and spec_file.is_file():
            stored = json.loads(spec_file.read_text())
            if stored.get("fingerprint") != spec.fingerprint():
                raise CalibrationSpecError(f"--out {self.root}: holds a calibration of another spec or model version "
                                           f"({stored.get('fingerprint')} ≠ {spec.fingerprint()}); give a new folder")
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / MARKER).touch()
        if not spec_file.is_file():
            tmp = self.root / f".spec.json.{os.getpid()}.tmp"
            tmp.write_text(json.dumps({"fingerprint": spec.fingerprint(), "spec": spec.as_dict()}, indent=1))
            os.replace(tmp, spec_file)

    @contextmanager
    def writer(self, spec: CalibrationSpec):
        """Hold the directory's lock for the calibration: one writer at a time."""
        self.claim(spec)
        with exclusive_lock(self.root / LOCK, f"{self.root}: another `calibrate` is writing this calibration; "
                            "wait for it to end"):
            yield self

    @property
    def database(self) -> str:
        """Pyabc's history, as its SQLAlchemy URL."""
        return f"sqlite:///{(self.root / DATABASE).resolve()}"


def calibrate(spec: CalibrationSpec, simulator: Simulator, out: Path, executor: str = "local",
              quiet: bool = False, check: bool = True, archive_stale: bool = False) -> Path:
    """Run (or resume) the calibration into ``out``; write its posterior, predictive check and figures.

    Args:
        spec: the calibration.
        simulator: the model and its statistics.
        out: the calibration's directory (resumed if it holds this spec's calibration).
        executor: where the simulations run (``sequential``, ``local[:N]``, ``dask://HOST:PORT``).
        quiet: no progress lines.
        check: also the posterior predictive check and the figures.
        archive_stale: move aside a directory that holds another spec's calibration, instead of refusing it.

    Returns:
        The posterior file's path.

    """
    quiet_pyabc()
    directory = CalibrationDir(out)
    if archive_stale and (moved := directory.archive_if_stale(spec)) is not None and not quiet:
        print(f"{out} held a calibration of another spec or model version: moved to {moved}", file=sys.stderr)
    with directory.writer(spec):
        journal = SimulationJournal(directory.root / JOURNAL)
        if journal.damaged and not quiet:
            print(f"{directory.root / JOURNAL}: {journal.damaged} damaged line(s) left out; "
                  "their simulations are run again", file=sys.stderr)
        module = simulator.function.partition(":")[0]
        with open_executor(executor, preload=(module,)) as (pool, slots):
            from model.calibration.sampler import JournalModel, JournalSampler
            from model.sweep.posterior import read_posterior, write_posterior

            model = JournalModel(spec, journal)
            sampler = JournalSampler(model, simulator, pool, slots, quiet)
            history = run_generations(spec, directory, model, sampler, quiet)
            path = write_posterior(history, spec, directory.root / POSTERIOR)
            if check:
                write_check(spec, simulator, journal, read_posterior(path)[0], pool, slots, directory.root)
        return path


def write_check(spec: CalibrationSpec, simulator: Simulator, journal: SimulationJournal, posterior, pool,
                slots: int, root: Path) -> None:
    """The posterior predictive check (predictive.csv) and the figures (report/)."""
    from model.calibration.predictive import predictive_check
    from model.calibration.report import plot_marginals, plot_pairs
    from model.sweep.cli_util import write_frame_atomically

    table = predictive_check(spec, simulator, journal, posterior, pool, slots)
    write_frame_atomically(table, root / PREDICTIVE)
    (root / "report").mkdir(exist_ok=True)
    plot_marginals(posterior, spec.priors, root / "report" / "marginals.png")
    plot_pairs(posterior, spec.priors, root / "report" / "pairs.png")


def new_abc(spec: CalibrationSpec, model, sampler):
    """A fresh ABCSMC for the spec (pyabc's distance objects must not be reused across runs)."""
    import pyabc

    prior = pyabc.Distribution(**{name: pyabc.RV("uniform", low, high - low)
                                  for name, (low, high) in spec.priors.items()})
    targets = spec.targets

    def distance(x: dict, x0: dict) -> float:
        """Largest discrepancy over the targets, in tolerances: ≤ 1 when every target is met."""
        return max(target.discrepancy(x[target.statistic]) for target in targets)

    transition = (pyabc.LocalTransition(k_fraction=0.25) if spec.abc.transition == "local"
                  else pyabc.MultivariateNormalTransition())
    return pyabc.ABCSMC(model, prior, distance, population_size=spec.abc.population, transitions=transition,
                        eps=pyabc.QuantileEpsilon(alpha=spec.abc.quantile), sampler=sampler)


def run_generations(spec: CalibrationSpec, directory: CalibrationDir, model, sampler, quiet: bool):
    """Generation after generation, each from the stored history, until a stopping rule holds."""
    observed = {t.statistic: t.observed for t in spec.targets}
    while True:
        history = stored_history(directory)
        if history is not None and finished(spec, history, quiet):
            return history
        t = 0 if history is None else history.max_t + 1
        np.random.seed(generation_seed(spec.root_seed, t))
        abc = new_abc(spec, model, sampler)
        if history is None:
            abc.new(directory.database, observed)
        else:
            abc.load(directory.database, history.id)
        abc.run(max_nr_populations=1)
        del abc  # the next generation reads the history back from the database, as a resume would


def stored_history(directory: CalibrationDir):
    """Pyabc's history of this directory if a generation has finished, else None (a half-begun one is dropped)."""
    import pyabc

    path = directory.root / DATABASE
    if not path.exists():
        return None
    try:
        history = pyabc.History(directory.database, _id=1)
        max_t = history.max_t
    except Exception:  # a database killed while pyabc created it: nothing of it is needed
        max_t = None
    if max_t is not None and max_t >= 0:
        return history
    path.unlink()  # our own file, holding no finished generation (its simulations are in the journal)
    return None


def finished(spec: CalibrationSpec, history, quiet: bool) -> bool:
    """Whether the calibration is done: epsilon reached, generations or simulations used up."""
    populations = history.get_all_populations()
    done = populations[populations.t >= 0]
    epsilon = float(done.epsilon.iloc[-1])
    simulations = int(done.samples.sum())
    reasons = []
    if epsilon <= spec.abc.minimum_epsilon:
        reasons.append(f"epsilon {epsilon:.3g} ≤ {spec.abc.minimum_epsilon:g}")
    if len(done) >= spec.abc.max_generations:
        reasons.append(f"{len(done)} generations")
    if simulations >= spec.abc.max_simulations:
        reasons.append(f"{simulations} simulations ≥ {spec.abc.max_simulations}")
    if not quiet:
        print(f"generation {int(done.t.iloc[-1])} done: epsilon {epsilon:.3g}, {simulations} simulations in all"
              + (f"; stopping ({', '.join(reasons)})" if reasons else ""), file=sys.stderr, flush=True)
    return bool(reasons)
