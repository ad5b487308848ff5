"""Every bad input gets one line on stderr and exit 2: no traceback, nothing written, nothing deleted (issue 15).

Each case is one the hostile review found answered by a traceback, a silent acceptance or a
misleading message (items 6-10). The command runs in a scratch folder holding a user's own
files; afterwards the folder holds exactly what it held before.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # thirty commands in subprocesses (~30 s)

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
HEAD = 'name = "h"\nhorizon_days = 5\nroot_seed = 1\n'
ONE = HEAD + "replicates = 1\n"
GRID = "[grid]\nconcession_refusal = [0.0]\n"
LONG_NAME = "x" * 300 + ".csv"

# (case, spec file text or None, command after `mali-abm`, words the one line must contain)
CASES = [
    ("int param inf (--set)", None, ["run", "--days", "5", "--set", "jnim_initial_units=inf"], "finite"),
    ("int param 1e400 (--set)", None, ["run", "--days", "5", "--set", "jnim_initial_units=1e400"], "finite"),
    ("negative --seed", None, ["run", "--days", "5", "--seed", "-1"], "--seed"),
    ("horizon 10^7 (run)", None, ["run", "--days", "10000000"], "--days"),
    ("int param inf ([grid])", ONE + "[grid]\njnim_initial_units = [inf]\n", ["sweep", "run", "s.toml"], "finite"),
    ("int param 1e400 ([grid])", ONE + "[grid]\njnim_initial_units = [1e400]\n", ["sweep", "run", "s.toml"],
     "finite"),
    ("inf in [ranges]", ONE + '[design]\nmethod = "lhs"\nn = 4\n[ranges]\njnim_initial_units = [8, inf]\n',
     ["sweep", "run", "s.toml"], "[ranges]"),
    ("negative root_seed", HEAD.replace("root_seed = 1", "root_seed = -1") + "replicates = 1\n" + GRID,
     ["sweep", "run", "s.toml"], "root_seed"),
    ("[stopping] not a table", HEAD + "stopping = 3\n" + GRID, ["sweep", "run", "s.toml"], "must be a table"),
    ("[design] not a table", ONE + "design = 3\n", ["sweep", "run", "s.toml"], "must be a table"),
    ("scenario a list", ONE + 'scenario = ["baseline"]\n' + GRID, ["sweep", "run", "s.toml"], "scenario"),
    ("spec not UTF-8", b'name = "\xff\xfe"\n', ["sweep", "run", "s.toml"], "UTF-8"),
    ("spec a directory", "DIRECTORY", ["sweep", "run", "s.toml"], "directory"),
    ("no such function", ONE + 'function = "nosuch:f"\n' + GRID, ["sweep", "run", "s.toml"], "nosuch"),
    ("bare run function of a declared model", ONE + 'function = "model.run:run_one"\n'
     "[grid]\njnim_initial_units = [1000]\n", ["sweep", "run", "s.toml"], "out of range"),
    ("unreachable Dask scheduler", ONE + GRID, ["sweep", "run", "s.toml", "--executor", "dask://127.0.0.1:9"],
     "Dask"),
    ("garbage scheduler file", ONE + GRID, ["sweep", "run", "s.toml", "--scheduler-file", "keep.txt"], "Dask"),
    ("--out an existing file", ONE + GRID, ["sweep", "run", "s.toml", "--out", "keep.txt"], "is a file"),
    ("TOML true as a number", ONE + "[grid]\nconcession_refusal = [true]\n", ["sweep", "run", "s.toml"], "finite"),
    ("[fixed] overridden by [grid]", ONE + "[fixed]\nconcession_refusal = 0.5\n" + GRID, ["sweep", "run", "s.toml"],
     "[fixed]"),
    ("duplicate grid values", ONE + "[grid]\nconcession_refusal = [0.0, 0.0]\n", ["sweep", "run", "s.toml"],
     "more than once"),
    ("sobol n not a power of two", ONE + '[design]\nmethod = "sobol"\nn = 100\n[ranges]\nescort_share = [0.0, 0.5]\n',
     ["sweep", "run", "s.toml"], "power of two"),
    ("horizon 10^7 (sweep)", ONE.replace("horizon_days = 5", "horizon_days = 10000000") + GRID,
     ["sweep", "plan", "s.toml"], "horizon_days"),
    ("replicates 10^8", HEAD + "replicates = 100000000\n" + GRID, ["sweep", "plan", "s.toml"], "replicates"),
    ("a 10^7-point grid", ONE + "[grid]\nconcession_refusal = [" + ", ".join(f"{i / 1e4}" for i in range(10_000))
     + "]\nmercenary_stand_down = [" + ", ".join(f"{i / 1e3}" for i in range(1000)) + "]\n",
     ["sweep", "plan", "s.toml"], "100,000"),
    ("viz --host not an address", None, ["viz", "--host", "256.1.1.1"], "--host"),
    ("run --out a directory", None, ["run", "--days", "5", "--out", "sub.csv"], "directory"),
    ("run --out in an unwritable place", None, ["run", "--days", "5", "--out", "/proc/r.csv"], "cannot write"),
    ("run --out a name too long", None, ["run", "--days", "5", "--out", LONG_NAME], "cannot write"),
]


def plant(folder: Path) -> dict[str, bytes]:
    """A user's files, which no command may touch; returns every file below the folder and its bytes."""
    (folder / "sub.csv").mkdir()
    (folder / "sub.csv" / ".draft.tmp").write_text("mine")
    (folder / "keep.txt").write_text("garbage, not a scheduler file")
    (folder / ".notes.tmp").write_text("mine")
    return snapshot(folder)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file and folder below ``folder``, with the files' bytes."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_bad_input_gets_one_line_exit_2_and_touches_nothing(tmp_path, case):
    _, spec, command, expected = case
    if spec == "DIRECTORY":
        (tmp_path / "s.toml").mkdir()
    elif isinstance(spec, bytes):
        (tmp_path / "s.toml").write_bytes(spec)
    elif spec is not None:
        (tmp_path / "s.toml").write_text(spec)
    before = plant(tmp_path)
    result = subprocess.run([sys.executable, "-m", "model.cli", *command], capture_output=True, text=True,
                            cwd=tmp_path, env=ENV, timeout=120, check=False)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr[-2000:]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in result.stderr, result.stderr
    assert expected in lines[0]
    assert snapshot(tmp_path) == before, "the command wrote or deleted something"


def test_a_sweep_in_which_no_run_succeeded_summarizes_with_zero_counts(tmp_path):
    """All runs failed: `run` ends and `summarize` prints n = 0 for every point, instead of a KeyError."""
    (tmp_path / "failing.py").write_text(
        "from model.sweep.contract import Event, ModelContract\n"
        "def run(params, seed, horizon_days):\n    raise RuntimeError('boom')\n"
        "C = ModelContract(name='failing', run=run, fingerprint=lambda: 'f1',\n"
        "                  events=(Event(name='coup', flag='coup', day='coup_day'),))\n")
    (tmp_path / "s.toml").write_text(ONE.replace("replicates = 1", "replicates = 2")
                                     + 'function = "failing:C"\n[grid]\nx = [1, 2]\n')
    env = {**ENV, "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path}"}
    cli = [sys.executable, "-m", "model.cli", "sweep"]
    ran = subprocess.run([*cli, "run", "s.toml", "--out", "out", "--executor", "sequential"], capture_output=True,
                         text=True, cwd=tmp_path, env=env, check=False)
    assert ran.returncode == 0 and "4 failed" in ran.stdout, ran.stderr[-2000:]
    summary = subprocess.run([*cli, "summarize", "out"], capture_output=True, text=True, cwd=tmp_path, env=env,
                             check=False)
    assert summary.returncode == 0 and "Traceback" not in summary.stderr
    rows = [line.split() for line in summary.stdout.strip().splitlines()[1:]]
    assert [row[2] for row in rows] == ["0", "0"]  # n = 0 at both points


def test_a_full_disk_during_a_sweep_is_one_line_and_keeps_what_was_stored(tmp_path, monkeypatch, capsys):
    """The disk fills after the first chunk: one line naming the cause and the resume, exit 2, no partial file."""
    import errno

    import click
    import pandas as pd

    from model.contract import MALI
    from model.sweep.cli import run_or_resume
    from model.sweep.spec import parse_spec
    from model.sweep.store import SweepStore

    spec = parse_spec({"name": "full", "horizon_days": 5, "root_seed": 1, "replicates": 4,
                       "grid": {"concession_refusal": [0.0, 1.0]}}, default=MALI)
    written = []
    real_to_parquet = pd.DataFrame.to_parquet

    def fill_up(frame, path, *args, **kwargs):
        if "chunk-new" in str(path):
            if written:
                Path(path).write_bytes(b"PAR1 half a chunk")  # what a full disk leaves
                raise OSError(errno.ENOSPC, "No space left on device")
            written.append(path)
        return real_to_parquet(frame, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", fill_up)
    out = tmp_path / "sweep"
    try:
        run_or_resume(spec, out, "sequential", None, False, False)
        raise AssertionError("the full disk went unnoticed")
    except click.exceptions.Exit as stop:
        assert stop.exit_code == 2
    except Exception as stop:  # typer's own Exit class
        assert getattr(stop, "exit_code", None) == 2, stop
    errors = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("full round")]
    assert len(errors) == 1 and "No space left on device" in errors[0] and "resume" in errors[0], errors
    monkeypatch.undo()
    assert not list(out.glob("runs/.*.tmp")) and len(SweepStore(out).records()) >= 1
