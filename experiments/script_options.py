"""The ``--set NAME=VALUE`` option the experiment scripts share, checked against the parameter table."""

from __future__ import annotations

import argparse
import sys

from model.params import ParameterError, parse_assignments
from model.scenarios import scenario_params


def add_overrides(parser: argparse.ArgumentParser) -> None:
    """Let a script take parameter overrides, as ``mali-abm run --set`` does."""
    parser.add_argument("--set", dest="assignments", action="append", default=[], metavar="NAME=VALUE",
                        help="override a parameter (repeatable)")


def params_or_exit(scenario: str, assignments: list[str]) -> dict:
    """The scenario's parameters with the overrides; on bad input one line on stderr and exit 2."""
    try:
        return scenario_params(scenario, parse_assignments(assignments))
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
