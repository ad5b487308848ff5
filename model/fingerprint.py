"""Which files fingerprint the simulation: its code and its data, not the way it is shown or swept.

A sweep directory records this fingerprint and is resumed only by the same simulation, and
``make figures`` redraws when one of these files changes. So the rule must not miss a file that
changes the numbers, while editing the CLI, the browser app or the sweep engine must not count.
It is an exclusion list: a new presentation module wrongly fingerprinted only makes sweeps be
refused; a new simulation module wrongly left out would silently resume a sweep with other
numbers. Every ``.py`` under ``model/`` (any subpackage) and every file under ``model/data/``
counts, except the files below.

Standard library only, so that ``python3 -m model.fingerprint --files`` works without the
virtualenv (the Makefile's ``MODEL_FILES``).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent

EXCLUDED_DIRS = ("sweep", "calibration")
"""Subpackages of engines: the sweep engine and the calibration run the model and store results, never make
them (a calibration's own fingerprint adds the file that reads its statistics)."""

EXCLUDED_FILES = (
    "__main__.py",
    "app.py",  # the browser app
    "cli.py",  # the mali-abm command
    "contract.py",  # what the sweep engine is told about the model (its events enter the spec's own fingerprint)
    "fingerprint.py",  # this list: changing it changes the set of files, and so the fingerprint, by itself
    "portrayal.py",  # the browser's colours
    "viz_assets.py",  # the browser's front-end assets
    "viz_ensemble.py",  # the browser's ensemble panel: runs the model through the sweep engine
    "village_view.py",  # what the browser reads of the villages
    "viz_model.py",  # the browser's controls
)
"""Files directly in ``model/`` that present the model or drive it, and cannot change its numbers."""


def _counts(relative: Path) -> bool:
    """Whether a file (relative to the package) is simulation code or data."""
    parts = relative.parts
    if "__pycache__" in parts or any(part.startswith(".") for part in parts):
        return False  # bytecode, editor and temporary files
    if parts[0] in EXCLUDED_DIRS or (len(parts) == 1 and parts[0] in EXCLUDED_FILES):
        return False
    return relative.suffix == ".py" or parts[0] == "data"


def simulation_files(root: Path = PACKAGE) -> list[Path]:
    """The files that make the model's numbers, relative to the package, in a fixed order."""
    files = (path.relative_to(root) for path in root.rglob("*") if path.is_file())
    return sorted((f for f in files if _counts(f)), key=lambda f: f.as_posix())


def code_fingerprint(root: Path = PACKAGE) -> str:
    """Hash of the simulation files' names and contents (16 hex digits)."""
    digest = hashlib.sha256()
    for relative in simulation_files(root):
        digest.update(relative.as_posix().encode())
        digest.update((root / relative).read_bytes())
    return digest.hexdigest()[:16]


def main(argv: list[str]) -> int:
    """``--files``: the files, one a line, as paths from the repository root; otherwise the hash."""
    if argv == ["--files"]:
        for relative in simulation_files():
            print((Path(PACKAGE.name) / relative).as_posix())
        return 0
    if argv:
        print("usage: python3 -m model.fingerprint [--files]", file=sys.stderr)
        return 2
    print(code_fingerprint())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
