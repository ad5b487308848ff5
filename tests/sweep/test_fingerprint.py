"""The model's fingerprint covers the simulation's code and data only (model/fingerprint.py).

Editing the CLI, the browser app or the sweep engine leaves existing sweeps resumable; editing
a simulation file, or adding a module, makes them stale.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.fingerprint import EXCLUDED_DIRS, EXCLUDED_FILES, code_fingerprint, simulation_files

ROOT = Path(__file__).resolve().parents[2]
SPEC = 'name = "fp"\nhorizon_days = 5\nroot_seed = 1\nreplicates = 1\n[grid]\nconcession_refusal = [0.0, 1.0]\n'
PRESENTATION = ["model/app.py", "model/cli.py", "model/portrayal.py", "model/sweep/summary.py",
                "model/sweep/cli_util.py"]


@pytest.fixture
def copy(tmp_path):
    """A copy of the package (with its bytecode and numba caches, so runs start fast)."""
    shutil.copytree(ROOT / "model", tmp_path / "model")
    return tmp_path


def append_comment(path: Path) -> None:
    path.write_text(path.read_text() + "# an edit that changes no number\n")


def test_the_file_list_is_every_simulation_file_and_needs_only_the_standard_library():
    listed = subprocess.run([shutil.which("python3") or sys.executable, "-S", "-m", "model.fingerprint", "--files"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert listed == [f"model/{f.as_posix()}" for f in simulation_files()]
    assert {"model/__init__.py", "model/params.py", "model/rules/coup.py", "model/data/corridors.csv"} <= set(listed)
    engines = tuple(f"model/{d}/" for d in EXCLUDED_DIRS)
    assert not [f for f in listed if f.startswith(engines) or Path(f).name in EXCLUDED_FILES]
    python = {f"model/{p.relative_to(ROOT / 'model').as_posix()}" for p in (ROOT / "model").rglob("*.py")
              if "__pycache__" not in p.parts}
    left_out = python - set(listed)
    assert all(f.startswith(engines) or (f.count("/") == 1 and Path(f).name in EXCLUDED_FILES)
               for f in left_out)


def test_the_makefile_redraws_figures_from_the_same_list():
    assert "MODEL_FILES  := $(shell $(PYTHON) -m model.fingerprint --files)" in (ROOT / "Makefile").read_text()


def test_presentation_edits_keep_the_fingerprint_and_simulation_edits_change_it(copy):
    package = copy / "model"
    before = code_fingerprint(package)
    for name in [*EXCLUDED_FILES, "sweep/spec.py"]:
        if (package / name).exists():
            append_comment(package / name)
    assert code_fingerprint(package) == before
    (package / "processes").mkdir(exist_ok=True)
    (package / "processes" / "brand_new.py").write_text("RATE = 1\n")  # a new module counts by default
    assert code_fingerprint(package) != before
    (package / "processes" / "brand_new.py").unlink()
    append_comment(package / "rules" / "coup.py")
    assert code_fingerprint(package) != before


def in_copy(copy: Path, *args: str) -> subprocess.CompletedProcess:
    """Run python in the copy: PYTHONPATH comes before the editable install of the repository."""
    return subprocess.run([sys.executable, *args], cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)},
                          capture_output=True, text=True)


def sweep(copy: Path) -> subprocess.CompletedProcess:
    return in_copy(copy, "-m", "model.cli", "sweep", "run", "spec.toml", "--out", "out", "--executor", "sequential")


@pytest.mark.slow  # sweeps in a copy of the package, three times (~4 s)
def test_a_sweep_resumes_after_presentation_edits_and_is_stale_after_a_simulation_edit(copy):
    (copy / "spec.toml").write_text(SPEC)
    first = sweep(copy)
    assert first.returncode == 0, first.stderr
    spec_json = (copy / "out" / "spec.json").read_text()
    assert in_copy(copy, "-c", "import model; print(model.__file__)").stdout.startswith(str(copy / "model"))
    chunks = sorted(p.name for p in (copy / "out" / "runs").iterdir())
    for name in PRESENTATION:
        append_comment(copy / name)
    resumed = sweep(copy)
    assert resumed.returncode == 0, resumed.stderr
    assert "2 runs in out" in resumed.stdout
    assert sorted(p.name for p in (copy / "out" / "runs").iterdir()) == chunks  # nothing was run again
    assert (copy / "out" / "spec.json").read_text() == spec_json
    append_comment(copy / "model" / "rules" / "coup.py")
    stale = sweep(copy)
    assert stale.returncode == 2 and "different spec or model version" in stale.stderr


def test_a_plain_modules_fingerprint_is_its_file_and_its_helpers_not_its_folder(tmp_path, monkeypatch):
    """An unrelated notes.md beside a module used to make its sweeps stale (issue 15, item 12)."""
    import importlib

    from model.sweep.contract import package_fingerprint

    (tmp_path / "helper_mod_fp.py").write_text("K = 1\n")
    (tmp_path / "plain_mod_fp.py").write_text("import helper_mod_fp\n\ndef run(p, s, h):\n    return {}\n")
    (tmp_path / "notes.md").write_text("draft\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("plain_mod_fp")

    def fingerprint():
        package_fingerprint.cache_clear()
        return package_fingerprint("plain_mod_fp")

    before = fingerprint()
    (tmp_path / "notes.md").write_text("another draft\n")
    assert fingerprint() == before
    (tmp_path / "helper_mod_fp.py").write_text("K = 2\n")
    assert fingerprint() != before
