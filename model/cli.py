"""The ``mali-abm`` command line: thin commands over importable functions.

User errors (unknown scenario or parameter, bad value, bad path) print one line on stderr
and exit with code 2, and nothing is written. Heavy imports (Mesa, pandas) happen inside
the commands that need them so that ``mali-abm --help`` stays fast.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import typer

from model.sweep.cli import build_sweep_app
from model.sweep.cli_util import UserError, check_output_path, fail, write_or_fail

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None, help="Mali's fuel siege as an agent-based model (Mesa).")


def mali_contract():
    """The Mali model's declaration for the sweep engine (imported only by the sweep commands)."""
    from model.contract import MALI

    return MALI


app.add_typer(build_sweep_app(mali_contract, "Parameter sweeps: coup and capital-fall probabilities."), name="sweep")


def json_safe(record: dict) -> dict:
    """Replace NaN by None so that the record is strict JSON."""
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in record.items()}


def refuse_non_finite(assignments: dict[str, str]) -> None:
    """Refuse ``--set name=inf`` (or nan, or 1e400): no parameter of the table takes one.

    Raises:
        UserError: naming the assignment.

    """
    for name, text in assignments.items():
        try:
            number = float(text)
        except ValueError:
            continue  # not a number: a choice, or a typo the table's check names
        if not math.isfinite(number):
            raise UserError(f"--set {name}={text}: must be a finite number (`mali-abm params` gives the ranges)")


@app.command()
def run(
    scenario: str = typer.Option("baseline", help="Scenario name (see `mali-abm scenarios`)."),
    days: int = typer.Option(365, help="Horizon in days from day 0 = 2025-09-03."),
    seed: int = typer.Option(1, help="Seed of the model's random generator."),
    set_: list[str] = typer.Option([], "--set", help="Override a parameter: name=value (repeatable)."),
    out: Path | None = typer.Option(None, help="Write the daily series to FILE.parquet or FILE.csv."),
    as_json: bool = typer.Option(False, "--json", help="Print the outcome as one JSON object."),
) -> None:
    """Run one scenario and print its outcome record; optionally write the daily series."""
    from model.params import ParameterError, parse_assignments
    from model.scenarios import scenario_params
    from model.sweep.spec import MAX_HORIZON_DAYS

    try:
        if not 0 < days <= MAX_HORIZON_DAYS:
            raise UserError(f"--days {days}: the horizon must be a whole number of days in 1..{MAX_HORIZON_DAYS}")
        if seed < 0:
            raise UserError(f"--seed {seed}: must be a whole number ≥ 0")
        assignments = parse_assignments(set_)
        refuse_non_finite(assignments)
        params = scenario_params(scenario, assignments)
        check_output_path(out)
    except (ParameterError, UserError) as error:
        fail(str(error))
    from model.run import outcome_record, release, simulate

    model = simulate(params, seed, days)
    record = outcome_record(model)
    if out is not None:
        write_or_fail(model.series.to_frame(), out)
    release(model)
    if as_json:
        typer.echo(json.dumps(json_safe({"scenario": scenario, "seed": seed, **record})))
        return
    typer.echo(f"scenario {scenario}, seed {seed}, {days} days from 2025-09-03")
    for key, value in record.items():
        shown = "—" if value is None else (f"{value:,.3f}" if isinstance(value, float) else value)
        typer.echo(f"  {key:<24} {shown}")


@app.command()
def scenarios() -> None:
    """List the scenarios, one line each."""
    from model.scenarios import SCENARIOS

    for s in SCENARIOS.values():
        overrides = ", ".join(f"{k}={v}" for k, v in s.overrides.items()) or "table defaults"
        typer.echo(f"{s.name:<20} {s.summary}  [{overrides}]")


@app.command()
def params() -> None:
    """Print the parameter table by process: name, default, unit, range, source."""
    from model.params import GROUPS, PARAMETERS

    typer.echo(f"{'name':<34} {'default':>12}  {'unit':<26} {'range':<22} source")
    for group in GROUPS:
        typer.echo(f"\n[{group}]")
        for p in [row for row in PARAMETERS if row.group == group]:
            default = f"{p.default:g}" if isinstance(p.default, float) else str(p.default)
            typer.echo(f"{p.name:<34} {default:>12}  {p.unit:<26} {p.range_text():<22} {p.source}")


@app.command()
def calibrate(
    spec_file: Path = typer.Argument(..., metavar="SPEC.toml", help="Calibration file (experiments/*.toml)."),
    out: Path | None = typer.Option(None, help="Directory (default results/calibration/NAME); resumed if it exists."),
    executor: str = typer.Option("local", help="sequential | local[:N] | dask://HOST:PORT"),
    archive_stale: bool = typer.Option(False, help="Move aside (never delete) a calibration of another spec or "
                                                   "model version in --out, and start afresh."),
) -> None:
    """ABC-SMC calibration (pyabc) of the spec's priors to its targets: a posterior file and its checks."""
    from model.calibration.spec import load_calibration_spec
    from model.calibration.statistics import mali_simulator
    from model.sweep.executors import ExecutorError, parse_executor
    from model.sweep.spec import SpecError  # a calibration's own errors are a kind of it

    simulator = mali_simulator()
    try:
        parse_executor(executor)
        spec = load_calibration_spec(spec_file, simulator)
    except (SpecError, ExecutorError) as error:
        fail(str(error))
    from model.calibration.engine import PREDICTIVE
    from model.calibration.engine import calibrate as run_calibration
    from model.sweep.posterior import read_posterior

    directory = out or Path("results") / "calibration" / spec.name
    try:
        path = run_calibration(spec, simulator, directory, executor, archive_stale=archive_stale)
    except SpecError as error:
        fail(str(error))
    _, meta = read_posterior(path)
    typer.echo(f"posterior: {path} (generation {meta['generation']}, epsilon {meta['epsilon']:.3g} tolerances, "
               f"{meta['simulations']} simulations, effective sample size {meta['effective_sample_size']:.0f})")
    typer.echo(f"predictive check: {directory / PREDICTIVE}; figures: {directory / 'report'}")
    import pandas as pd

    typer.echo(pd.read_csv(directory / PREDICTIVE)[["statistic", "observed", "tolerance", "bound", "prior_share_met",
                                                   "posterior_share_met"]].to_string(index=False))


def bind_problem(host: str, port: int) -> str | None:
    """Why a server could not bind host:port now (one line), or None if it could."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError):
        return f"--host {host}: not an address or a host name this machine can resolve"
    with socket.socket(family) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return f"--port {port}: {host}:{port} is already in use; choose another port"
            return f"--host {host}: cannot serve on it ({error.strerror}); 127.0.0.1 serves this machine only"
    return None


@app.command()
def viz(
    port: int = typer.Option(8765, help="Port to serve on."),
    scenario: str = typer.Option("baseline", help="Scenario selected when the page opens."),
    host: str = typer.Option("127.0.0.1", help="Address to bind."),
) -> None:
    """Start the browser app (Mesa SolaraViz: the map of Mali and charts) and print its address."""
    from model.scenarios import SCENARIOS

    if scenario not in SCENARIOS:
        fail(f"unknown scenario {scenario!r}; allowed: {', '.join(SCENARIOS)}")
    if not 0 < port < 65536:
        fail(f"--port {port}: must be in 1..65535")
    problem = bind_problem(host, port)
    if problem is not None:
        fail(problem)
    from model import viz_assets

    try:
        viz_assets.ensure(lambda line: typer.echo(line, err=True))
    except viz_assets.AssetsError as error:
        fail(str(error))
    solara = Path(sys.executable).with_name("solara")
    env = {**os.environ, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False", "MALI_ABM_SCENARIO": scenario}
    print(f"mali-abm viz: http://{host}:{port}  (scenario {scenario}; Ctrl-C stops it)", flush=True)
    os.execve(solara, [str(solara), "run", "model.app", "--host", host, "--port", str(port),
                       "--production", "--no-open"], env)


def main() -> None:
    """Console-script entry: usage errors become one line on stderr and exit code 2.

    Typer vendors its own copy of Click, so its usage errors are recognised by the
    ``format_message``/``exit_code`` interface they share rather than by class.
    """
    try:
        code = app(standalone_mode=False)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":
            typer.echo(error.format_message())
            sys.exit(0)
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            typer.echo(f"error: {error.format_message()}", err=True)
            sys.exit(2)
        raise
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
