"""``sweep`` commands: plan, run, status and summarize declared experiments.

Thin commands over :mod:`model.sweep`; user errors print one line and exit 2. The engine knows
no model: the host CLI builds these commands with :func:`build_sweep_app`, handing in its
model's contract (``mali-abm`` hands in :data:`model.contract.MALI`).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import typer

from model.sweep.cli_util import UserError, check_output_path, fail, write_or_fail
from model.sweep.contract import ModelContract

ContractLoader = Callable[[], ModelContract]
"""Returns the host's model contract; called only by the commands that need it (``--help`` stays fast)."""

FUNCTION_HELP = "Sweep another model: module:CONTRACT, or a bare run function module:callable."


def build_sweep_app(default_contract: ContractLoader,
                    description: str = "Parameter sweeps: event probabilities with intervals.") -> typer.Typer:
    """The ``sweep`` command group for a host whose own model is ``default_contract()``."""
    app = typer.Typer(no_args_is_help=True, help=description)

    @app.command()
    def plan(spec: Path = typer.Argument(..., help="Experiment file (TOML)."),
             function: str | None = typer.Option(None, help=FUNCTION_HELP)) -> None:
        """Show points × replicates and an estimated time from a short timing probe."""
        show_plan(load(spec, function, default_contract))

    @app.command()
    def run(spec: Path = typer.Argument(..., help="Experiment file (TOML)."),
            out: Path | None = typer.Option(None, help="Sweep directory [default: results/sweeps/NAME]."),
            executor: str = typer.Option("local", help="sequential | local[:N] | dask://HOST:PORT"),
            scheduler_file: Path | None = typer.Option(None, help="Dask scheduler file (instead of dask://)."),
            retry_failed: bool = typer.Option(False, help="Run again the runs that failed."),
            archive_stale: bool = typer.Option(False, help="If --out holds a sweep of another spec or model "
                                               "version, move it aside (never deleted) and start afresh."),
            wait: bool = typer.Option(False, help="If another `sweep run` is writing --out, wait for it to end."),
            function: str | None = typer.Option(None, help=FUNCTION_HELP)) -> None:
        """Run a sweep, or resume it: completed runs are never redone."""
        sweep = load(spec, function, default_contract)
        with interruptible(f"mali-abm sweep run {spec}" + (f" --out {out}" if out else "")):
            out = run_or_resume(sweep, out, executor, scheduler_file, retry_failed, archive_stale, wait)
        records = summary(out)
        failed = int((records["status"] != "ok").sum())
        typer.echo(f"{len(records)} runs in {out}" + (f", {failed} failed (see `status`)" if failed else ""))

    @app.command()
    def status(directory: Path = typer.Argument(..., help="Sweep directory.")) -> None:
        """Done, failed and remaining runs, and points not yet converged (safe while running)."""
        show_status(directory)

    @app.command()
    def summarize(directory: Path = typer.Argument(..., help="Sweep directory."),
                  horizon: list[int] = typer.Option([], help="Day(s) for cumulative incidence (repeatable)."),
                  out: Path | None = typer.Option(None, help="Write the table to FILE.csv or FILE.parquet.")) -> None:
        """One row per point: n, each event's probability with its 95 % Wilson interval, event days, incidences."""
        summary(directory, horizon, out)

    @app.command()
    def sensitivity(directory: Path = typer.Argument(..., help="Sweep directory of a Morris design."),
                    by: list[str] = typer.Option([], help="EVENT=DAY: count the event only by that day (repeatable)."),
                    top: int = typer.Option(20, help="Inputs to show per event, by μ*."),
                    out: Path | None = typer.Option(None, help="Write all indices to FILE.csv or .parquet.")) -> None:
        """Morris screening: μ* with its 95 % interval and σ of every input, per event (SALib)."""
        show_sensitivity(directory, by, top, out)

    @app.command()
    def sobol(directory: Path = typer.Argument(..., help="Sweep directory of an LHS or Sobol design."),
              by: list[str] = typer.Option([], help="EVENT=DAY: count the event only by that day (repeatable)."),
              out: Path | None = typer.Option(None, help="Write the indices to FILE.csv or .parquet.")) -> None:
        """Sobol first- and total-order indices of each event's probability, on a Gaussian-process emulator."""
        show_sobol(directory, by, out)

    @app.command()
    def prim(directory: Path = typer.Argument(..., help="Sweep directory of a sampled design."),
             event: str = typer.Option(..., help="The event whose runs PRIM isolates (e.g. fall)."),
             day: int | None = typer.Option(None, help="Count the event only by this day."),
             threshold: float = typer.Option(0.5, help="Density the box must reach (share of its runs with the event).")
             ) -> None:
        """Scenario discovery: the PRIM box of the inputs where the event happens (EMA Workbench)."""
        show_prim(directory, event, day, threshold)

    return app


def load(spec_path: Path, function: str | None, default_contract: ContractLoader):
    """Load a spec or exit with its one-line error; the host's model unless the spec names another."""
    from model.sweep.spec import SpecError, load_spec

    try:
        return load_spec(spec_path, function, default=default_contract())
    except SpecError as error:
        fail(str(error))


def show_plan(sweep) -> None:
    """Print the number of runs and the time a two-run probe predicts."""
    from model.sweep.executors import run_batch
    from model.sweep.seeds import replicate_seed

    cores = os.cpu_count() or 1
    runs = len(sweep.points) * sweep.max_replicates
    params = sweep.run_params(sweep.points[0])
    run_batch(sweep.function, sweep.horizon_days, [(0, 0, replicate_seed(sweep.root_seed, 0), params)])
    start = time.perf_counter()
    run_batch(sweep.function, sweep.horizon_days, [(0, 1, replicate_seed(sweep.root_seed, 1), params)])
    per_run = time.perf_counter() - start
    intervals = {1: "its 95 % interval is", 2: "both 95 % intervals are"}.get(
        len(sweep.events), f"all {len(sweep.events)} 95 % intervals are")
    how = (f"{sweep.replicates} replicates" if sweep.replicates else
           f"{sweep.stopping.min_replicates}..{sweep.stopping.max_replicates} replicates "
           f"(until {intervals} ±{sweep.stopping.ci_halfwidth})")
    typer.echo(f"{sweep.name}: {len(sweep.points)} points × {how} = at most {runs} runs "
               f"of {sweep.horizon_days} days")
    typer.echo(f"probe: {per_run:.2f} s per run → about {runs * per_run / 60:.1f} min on one core, "
               f"{runs * per_run / cores / 60:.1f} min on {cores} cores (local)")


@contextmanager
def interruptible(resume_command: str) -> Iterator[None]:
    """Ctrl-C or SIGTERM ends a sweep cleanly, saying how to resume it (exit 130).

    SIGTERM is made to interrupt as Ctrl-C does, so that the local workers are stopped and the
    pool's semaphores released instead of leaked; what reached the store is kept.
    """
    def terminate(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except KeyboardInterrupt:
        with suppress(OSError):  # stderr closed
            typer.echo(f"interrupted: the runs stored are kept; resume with: {resume_command}", err=True)
        raise typer.Exit(code=130) from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_or_resume(sweep, out: Path | None, executor: str, scheduler_file: Path | None, retry_failed: bool,
                  archive_stale: bool, wait: bool = False) -> Path:
    """Check the executor and the output folder, move a stale sweep aside if asked, run; return the folder."""
    from model.sweep.executors import ExecutorError, parse_executor
    from model.sweep.runner import run_sweep
    from model.sweep.spec import SpecError

    default = out is None
    if default:  # made when the sweep starts, not before its executor is known to work
        out = Path("results") / "sweeps" / sweep.name
    try:
        if scheduler_file is None:
            parse_executor(executor)
        elif not scheduler_file.exists():
            raise ExecutorError(f"--scheduler-file {scheduler_file}: no such file")
        if not default and not out.parent.resolve().is_dir():
            raise SpecError(f"--out {out}: folder {out.parent} does not exist")
        if archive_stale and out.is_dir():
            from model.sweep.store import SweepStore

            store = SweepStore(out)
            if store.is_sweep():
                with store.writer(wait=wait):  # never move a sweep another process is writing
                    moved = store.archive_if_stale(sweep)
                if moved is not None:
                    typer.echo(f"moved the sweep of another spec or model version to {moved}", err=True)
        run_sweep(sweep, out, executor, scheduler_file, retry_failed, wait_for_lock=wait)
    except (SpecError, ExecutorError) as error:
        fail(str(error))
    except OSError as error:  # a full disk, a folder that became read-only: what was stored is whole
        fail(f"{out}: the sweep stopped ({error.strerror or error}); the runs stored are kept: fix the cause "
             "(a full disk: make room) and run the same command to resume")
    return out


def show_status(directory: Path) -> None:
    """Print a sweep directory's progress, or exit with a one-line error."""
    from model.sweep.spec import SpecError
    from model.sweep.store import SweepStore
    from model.sweep.summary import status as read_status

    store = SweepStore(directory)
    try:
        s = read_status(store)
    except SpecError as error:
        fail(str(error))
    typer.echo(f"done {s.done}, failed {s.failed}, remaining {s.remaining}; "
               f"{s.unconverged} of {s.points} points not yet converged")


def show_sensitivity(directory: Path, by: list[str], top: int, out: Path | None) -> None:
    """Print the ``top`` inputs by μ* for each event of a Morris sweep (and optionally write all)."""
    import pandas as pd

    from model.sweep.sensitivity import morris_indices
    from model.sweep.spec import SpecError
    from model.sweep.store import SweepStore

    try:
        check_output_path(out)
        horizons = dict(parse_event_day(item) for item in by)
        indices = morris_indices(SweepStore(directory), horizons)
    except (SpecError, UserError) as error:
        fail(str(error))
    shown = indices.sort_values(["event", "mu_star"], ascending=[True, False]).groupby("event").head(top)
    with pd.option_context("display.width", 200, "display.precision", 3):
        typer.echo(shown.to_string(index=False))
    if out is not None:
        write_or_fail(indices, out)


def show_sobol(directory: Path, by: list[str], out: Path | None) -> None:
    """Print each event's Sobol indices with the emulator's out-of-sample error (and optionally write them)."""
    import pandas as pd

    from model.sweep.emulator import fit_emulator, point_probabilities, sobol_indices
    from model.sweep.spec import SpecError
    from model.sweep.store import SweepStore

    try:
        check_output_path(out)
        table, design = point_probabilities(SweepStore(directory), dict(parse_event_day(item) for item in by))
    except (SpecError, UserError) as error:
        fail(str(error))
    frames = []
    for event, day in table.attrs["by_day"].items():
        emulator = fit_emulator(table, design, event)
        typer.echo(f"\n{event} by day {day}: emulator out-of-sample RMSE {emulator.cv_rmse:.3f} (the points' own "
                   f"binomial noise {emulator.noise_rmse:.3f}), R² {emulator.cv_r2:.2f} over {len(table)} points")
        indices = sobol_indices(emulator).assign(by_day=day, cv_rmse=emulator.cv_rmse, noise_rmse=emulator.noise_rmse)
        with pd.option_context("display.width", 200, "display.precision", 3):
            typer.echo(indices[["input", "S1", "S1_conf", "ST", "ST_conf"]].to_string(index=False))
        frames.append(indices)
    if out is not None:
        write_or_fail(pd.concat(frames), out)


def show_prim(directory: Path, event: str, day: int | None, threshold: float) -> None:
    """Print the PRIM box of an event's runs."""
    from model.sweep.prim import find_box
    from model.sweep.spec import SpecError
    from model.sweep.store import SweepStore

    if not 0 < threshold <= 1:
        fail(f"--threshold {threshold}: must be in (0, 1]")
    try:
        box = find_box(SweepStore(directory), event, day, threshold)
    except SpecError as error:
        fail(str(error))
    typer.echo(f"{event} by day {box.by_day}: {box.cases} runs of {round(box.cases / box.base_rate)} "
               f"(base rate {box.base_rate:.3f}); box coverage {box.coverage:.2f}, density {box.density:.2f}, "
               f"mass {box.mass:.2f}")
    typer.echo(box.limits.to_string() if len(box.limits) else "the box restricts no input")


def parse_event_day(item: str) -> tuple[str, int]:
    """``EVENT=DAY`` as (event, day), or a one-line error."""
    name, _, day = item.partition("=")
    if not name or not day.strip().isdigit():
        raise UserError(f"--by {item!r}: must be EVENT=DAY, e.g. coup=365")
    return name.strip(), int(day)


def summary(directory: Path, horizons: list[int] | None = None, out: Path | None = None):
    """Print (and optionally write) the summary table of a sweep directory; return its records."""
    import pandas as pd

    from model.sweep.spec import SpecError, stored_events
    from model.sweep.store import SweepStore
    from model.sweep.summary import check_horizons, runs_per_draw, summarize_records

    store = SweepStore(directory)
    try:
        meta = store.read_spec()
        if meta is None:
            raise SpecError(f"{directory}: not a sweep directory (no spec.json)")
        check_output_path(out)
        check_horizons(horizons, meta["horizon_days"])
        records = store.records()
        events = stored_events(meta)
        table = summarize_records(store.points(), records, sorted(horizons or []), events, meta["horizon_days"],
                                  runs_per_draw(meta))
    except (SpecError, UserError) as error:
        fail(str(error))
    with pd.option_context("display.width", 200, "display.max_columns", 40, "display.precision", 3):
        typer.echo(table.to_string(index=False))
    if out is not None:
        write_or_fail(table, out)
    return records
