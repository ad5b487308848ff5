"""Figure: P(coup) and P(capital fall) within the horizon over the mission's two levers.

Reads a finished sweep directory (default: the quickstart sweep) and draws two annotated heat
maps with 95 % Wilson intervals, plus the cumulative incidence of each event over time.

    .venv/bin/python experiments/figures/levers_heatmap.py results/sweeps/quickstart results/figures/levers.png
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from model.sweep.store import SweepStore
from model.sweep.summary import summarize

LEVERS = ("concession_refusal", "mercenary_stand_down")


def heat(ax, table: pd.DataFrame, event: str, title: str) -> None:
    """One annotated heat map of an event's probability over the two levers."""
    grid = table.pivot(index=LEVERS[0], columns=LEVERS[1], values=f"p_{event}")
    ax.imshow(grid.to_numpy(), cmap="Reds", vmin=0, vmax=1, origin="lower", aspect="auto")
    for i, refusal in enumerate(grid.index):
        for j, stand_down in enumerate(grid.columns):
            row = table[(table[LEVERS[0]] == refusal) & (table[LEVERS[1]] == stand_down)].iloc[0]
            ax.text(j, i, f"{row[f'p_{event}']:.2f}\n[{row[f'p_{event}_lo']:.2f}, {row[f'p_{event}_hi']:.2f}]",
                    ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(grid.columns)), [f"{v:g}" for v in grid.columns])
    ax.set_yticks(range(len(grid.index)), [f"{v:g}" for v in grid.index])
    ax.set_xlabel("mercenary_stand_down")
    ax.set_ylabel("concession_refusal")
    ax.set_title(title, fontsize=10)


def incidence(ax, store: SweepStore, table: pd.DataFrame, horizon: int) -> None:
    """Cumulative incidence of a coup (solid) and of the fall (dashed) for each point."""
    days = list(range(10, horizon + 1, 10))
    curves = summarize(store, days)
    for _, row in curves.iterrows():
        label = f"refusal {row[LEVERS[0]]:g}, stand-down {row[LEVERS[1]]:g}"
        line, = ax.plot(days, [row[f"cif_coup_d{d}"] for d in days], label=label)
        ax.plot(days, [row[f"cif_fall_d{d}"] for d in days], color=line.get_color(), ls="--")
    ax.set_xlabel("day since 2025-09-03")
    ax.set_ylabel("cumulative incidence")
    ax.set_title("coup (solid) and capital fall (dashed), Aalen–Johansen", fontsize=10)
    ax.legend(fontsize=6)


def main(directory: Path, out: Path) -> None:
    """Draw the figure from a sweep directory into ``out``."""
    store = SweepStore(directory)
    meta = store.read_spec()
    table = summarize(store)
    fig = Figure(figsize=(13, 4.2), layout="constrained")
    coup_ax, fall_ax, cif_ax = fig.subplots(1, 3)
    n = int(np.median(table["n"]))
    heat(coup_ax, table, "coup", f"P(coup within {meta['horizon_days']} days), n = {n} per cell")
    heat(fall_ax, table, "fall", f"P(capital falls within {meta['horizon_days']} days)")
    incidence(cif_ax, store, table, meta["horizon_days"])
    fig.suptitle(f"mali-abm: scenario {meta['scenario']}, sweep '{meta['name']}' (95 % Wilson intervals)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp.png")
    fig.savefig(tmp, dpi=120)
    tmp.replace(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
