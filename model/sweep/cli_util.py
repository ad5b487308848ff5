"""Helpers shared by the command modules (``model.cli`` and ``model.sweep.cli``), as spaCy's ``cli/_util.py``.

The command modules import this one and it imports none of them, so there is no import cycle.
It lives in the sweep engine's package because the engine may import nothing else of
``model``, while ``model.cli`` may import the engine; it is presentation only, so it is not
part of the model's fingerprint.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import NoReturn

import typer

OUTPUT_SUFFIXES = (".parquet", ".csv")


class UserError(Exception):
    """Bad input from the user: reported in one line, exit code 2."""


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def check_output_path(out: Path | None) -> None:
    """Refuse an output path with an unknown suffix or a missing folder, before any work.

    Raises:
        UserError: naming the option and what is allowed.

    """
    if out is None:
        return
    if out.suffix not in OUTPUT_SUFFIXES:
        raise UserError(f"--out {out}: the file must end in {' or '.join(OUTPUT_SUFFIXES)}")
    if not out.parent.resolve().is_dir():
        raise UserError(f"--out {out}: folder {out.parent} does not exist")
    probe = temporary_name(out)  # the name the write will use: if it cannot be made now, the write would fail later
    try:
        if out.is_dir():
            raise UserError(f"--out {out}: is a directory; give a file name ending in {' or '.join(OUTPUT_SUFFIXES)}")
        probe.touch(exist_ok=False)
    except OSError as error:
        raise UserError(f"--out {out}: cannot write in {out.parent} ({error.strerror})") from None
    probe.unlink()


def temporary_name(out: Path) -> Path:
    """A hidden temporary name beside ``out``, unique to this process and write."""
    return out.with_name(f".{out.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")


def write_frame_atomically(frame, out: Path) -> None:
    """Write a table under a temporary name of its own and rename it into place (never half-written).

    The temporary name is unique to this write, so concurrent writers of one file never share it:
    the last rename wins, and each file on disk is one writer's whole table. A write that fails
    (a full disk, a file that may not be replaced) leaves no temporary file behind.

    Raises:
        UserError: the table could not be written, naming the file and the reason.

    """
    tmp = temporary_name(out)
    try:
        if out.suffix == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            frame.to_parquet(tmp, index=False)
        os.replace(tmp, out)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise UserError(f"--out {out}: could not be written ({error.strerror or error})") from None


def write_or_fail(frame, out: Path) -> None:
    """Write a command's table (see :func:`write_frame_atomically`), or exit with its one-line error."""
    try:
        write_frame_atomically(frame, out)
    except UserError as error:
        fail(str(error))
