"""The lever grid of a finished sweep as two Markdown tables: P(coup) and P(fall), 95 % intervals.

    .venv/bin/python experiments/lever_table.py results/sweeps/lever_grid

Rows are ``concession_refusal``, columns ``mercenary_stand_down`` (experiments/lever_grid.toml).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from model.sweep.store import SweepStore
from model.sweep.summary import summarize

ROWS, COLUMNS = "concession_refusal", "mercenary_stand_down"


def print_grid(title: str, tables: list, cell) -> None:
    """A Markdown table over the two levers: ``cell(points)`` formats one grid point, given its row of each table."""
    first = tables[0]
    columns = sorted(first[COLUMNS].unique())
    print(f"\n{title}\n")
    print(f"| {ROWS} \\ {COLUMNS} | " + " | ".join(f"{c:g}" for c in columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for row in sorted(first[ROWS].unique()):
        cells = [cell([t[(t[ROWS] == row) & (t[COLUMNS] == column)].iloc[0] for t in tables]) for column in columns]
        print(f"| {row:g} | " + " | ".join(cells) + " |")


def probability(point, event: str) -> str:
    """P(event) with its 95 % interval."""
    return f"{point[f'p_{event}']:.2f} [{point[f'p_{event}_lo']:.2f}, {point[f'p_{event}_hi']:.2f}]"


def spread(point, event: str) -> str:
    """The sd of P(event) across a posterior's draws, with its share of the runs' variance."""
    sd, share = point[f"p_{event}_param_sd"], point[f"p_{event}_param_share"]
    return "—" if sd != sd else f"{sd:.2f}" + (f" ({100 * share:.0f} %)" if share == share else "")


def print_table(table, event: str) -> None:
    """One Markdown table of an event's probability over the two levers."""
    print_grid(f"P({event}) within the horizon, {ROWS} (rows) × {COLUMNS} (columns):", [table],
               lambda points: probability(points[0], event))


def print_spread(table, event: str) -> None:
    """The sd of P(event) across the posterior's draws, and its share of the runs' variance, per point."""
    print_grid(f"P({event}): sd across the posterior (share of the runs' variance from the parameters):", [table],
               lambda points: spread(points[0], event))


def main() -> None:
    """Summarise the sweep and print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sweep", type=Path, help="a finished sweep directory over the two levers")
    args = parser.parse_args()
    table = summarize(SweepStore(args.sweep))
    print(f"{int(table['n'].sum())} runs, {int(table['n'].min())}-{int(table['n'].max())} a point.")
    for event in ("coup", "fall"):
        print_table(table, event)
    if "p_coup_param_sd" in table.columns:  # a sweep over a posterior: how much of the spread is parameters
        for event in ("coup", "fall"):
            print_spread(table, event)


if __name__ == "__main__":
    main()
