"""The tables of docs/UNCERTAINTY.md: posterior, predictive check, levers with and without it, Sobol, PRIM.

    .venv/bin/python experiments/uncertainty_tables.py [--figures results/uncertainty]

Reads the committed posterior (results/calibration/calibration_abc) and the kept sweeps of
docs/data/ (experiments/kept_sweeps.py), so it runs in about a minute; each kept sweep names the
command that made it in docs/UNCERTAINTY.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kept_sweeps import load
from lever_table import COLUMNS, ROWS, print_grid, probability, spread

from model.params import BY_NAME
from model.sweep.emulator import fit_emulator, point_probabilities, sobol_indices
from model.sweep.posterior import read_posterior
from model.sweep.prim import find_box
from model.sweep.summary import summarize

ROOT = Path(__file__).resolve().parents[1]
POSTERIOR = ROOT / "results" / "calibration" / "calibration_abc"
KEPT = ROOT / "docs" / "data"
SOBOL_EVENTS = {"coup": 365, "fall": 730}
PRIM_EVENTS = (("fall", 365), ("fall", 730), ("coup", 365))


def weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The q-quantile of a weighted sample."""
    order = np.argsort(values)
    cumulative = np.cumsum(weights[order]) / weights.sum()
    return float(values[order][min(np.searchsorted(cumulative, q), len(values) - 1)])


def print_posterior(directory: Path) -> None:
    """Each calibrated parameter: prior range, table default, posterior mean and 90 % interval."""
    frame, meta = read_posterior(directory / "posterior.parquet")
    w = frame["weight"].to_numpy()
    print(f"Posterior: generation {meta['generation']}, epsilon {meta['epsilon']:.3f} tolerances, "
          f"{meta['simulations']:,} simulations, effective sample size {meta['effective_sample_size']:.0f} "
          f"of {len(frame)} particles.\n")
    print("| parameter | prior (uniform) | table default | posterior mean | posterior 5–95 % |")
    print("|---|---|---|---|---|")
    for name, (low, high) in meta["spec"]["priors"].items():
        values = frame[name].to_numpy()
        print(f"| `{name}` | {low:.3g}–{high:.3g} | {BY_NAME[name].default:.3g} | {np.sum(w * values):.3g} | "
              f"{weighted_quantile(values, w, 0.05):.3g}–{weighted_quantile(values, w, 0.95):.3g} |")
    check = pd.read_csv(directory / "predictive.csv")
    print("\n| target | observed | tolerance | share of prior runs meeting it | share of posterior runs meeting it "
          "| posterior runs 5–95 % |")
    print("|---|---|---|---|---|---|")
    for row in check.itertuples():
        bound = {"lower": "≥ ", "upper": "≤ "}.get(row.bound, "")
        print(f"| `{row.statistic}` | {bound}{row.observed:g} | {row.tolerance:g} | {row.prior_share_met:.2f} | "
              f"{row.posterior_share_met:.2f} | {row.posterior_p05:.3g}–{row.posterior_p95:.3g} |")


def print_levers(default: pd.DataFrame, posterior: pd.DataFrame) -> None:
    """P(coup), P(fall) within a year on the lever grid, at the defaults → over the posterior; its spread."""
    for event in ("coup", "fall"):
        print_grid(f"P({event} ≤ 365 d), {ROWS} (rows) × {COLUMNS} (columns): at the table's defaults → over the "
                   "posterior", [default, posterior],
                   lambda points, e=event: f"{probability(points[0], e)} → {probability(points[1], e)}")
        print_grid(f"Over the posterior, P({event}): sd across the posterior's draws (share of the runs' variance "
                   "from the parameters)", [posterior], lambda points, e=event: spread(points[0], e))


def print_sobol(store, figures: Path | None) -> None:
    """Sobol indices of P(coup ≤ 365 d) and P(fall ≤ 730 d) on each event's emulator."""
    table, design = point_probabilities(store, SOBOL_EVENTS)
    frames = []
    for event, day in SOBOL_EVENTS.items():
        emulator = fit_emulator(table, design, event)
        indices = sobol_indices(emulator)
        frames.append(indices.assign(by_day=day))
        print(f"\nP({event} ≤ {day} d) over {len(table)} points of {int(table['n'].min())} runs: the emulator's "
              f"5-fold out-of-sample RMSE {emulator.cv_rmse:.3f} against the points' own binomial noise "
              f"{emulator.noise_rmse:.3f} (R² {emulator.cv_r2:.2f}); mean probability "
              f"{table[event].sum() / table['n'].sum():.3f}.\n")
        print("| input | first order S1 [95 %] | total order ST [95 %] |")
        print("|---|---|---|")
        for row in indices.sort_values("ST", ascending=False).itertuples():
            print(f"| `{row.input}` | {row.S1:.2f} [{row.S1 - row.S1_conf:.2f}, {row.S1 + row.S1_conf:.2f}] | "
                  f"{row.ST:.2f} [{row.ST - row.ST_conf:.2f}, {row.ST + row.ST_conf:.2f}] |")
    if figures is not None:
        plot_sobol(pd.concat(frames), figures / "sobol.png")


def print_prim(store, figures: Path | None) -> None:
    """The PRIM box of each event (threshold: a density of 0.5, or the densest box)."""
    for event, day in PRIM_EVENTS:
        box = find_box(store, event, day, threshold=0.5)
        print(f"\n{event} by day {box.by_day}: base rate {box.base_rate:.3f} ({box.cases} runs); box coverage "
              f"{box.coverage:.2f}, density {box.density:.2f}, mass {box.mass:.2f}\n")
        print("| input | range in the box | legal range |")
        print("|---|---|---|")
        for name, limits in box.limits.iterrows():
            print(f"| `{name}` | {limits['low']:.3g}–{limits['high']:.3g} | "
                  f"{BY_NAME[name].low:.3g}–{BY_NAME[name].high:.3g} |")
        if not len(box.limits):
            print("| (none: the box is the whole space) | | |")
        if figures is not None:
            plot_tradeoff(box, figures / f"prim_{event}_{box.by_day}.png")


def plot_sobol(indices: pd.DataFrame, path: Path) -> None:
    """Bars of S1 and ST with their intervals, one panel per event."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    events = list(dict.fromkeys(indices["event"]))
    fig, axes = plt.subplots(1, len(events), figsize=(6 * len(events), 4), squeeze=False)
    for ax, event in zip(axes[0], events, strict=True):
        rows = indices[indices["event"] == event].sort_values("ST")
        y = np.arange(len(rows))
        ax.barh(y - 0.2, rows["S1"], 0.4, xerr=rows["S1_conf"], label="first order S1", color="#9ecae1")
        ax.barh(y + 0.2, rows["ST"], 0.4, xerr=rows["ST_conf"], label="total order ST", color="#3182bd")
        ax.set_yticks(y, rows["input"], fontsize=8)
        ax.set_title(f"P({event} ≤ {int(rows['by_day'].iloc[0])} d)")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_tradeoff(box, path: Path) -> None:
    """PRIM's peeling trajectory: coverage against density, coloured by the inputs restricted."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 4))
    points = ax.scatter(box.trajectory["coverage"], box.trajectory["density"], c=box.trajectory["res_dim"], s=12)
    ax.scatter([box.coverage], [box.density], marker="x", color="red", s=60, label="the box reported")
    ax.set_xlabel("coverage")
    ax.set_ylabel("density")
    ax.set_title(f"PRIM: {box.event} by day {box.by_day}")
    fig.colorbar(points, label="inputs restricted")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    """Print every table as Markdown (and draw the figures)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--figures", type=Path, help="folder for sobol.png and the PRIM trade-offs")
    args = parser.parse_args()
    if args.figures is not None:
        args.figures.mkdir(parents=True, exist_ok=True)
    print_posterior(POSTERIOR)
    default, posterior = (summarize(load(KEPT / f"{name}.parquet")) for name in ("lever_grid", "lever_grid_posterior"))
    print_levers(default, posterior)
    lhs = load(KEPT / "uncertainty_lhs.parquet")
    print_sobol(lhs, args.figures)
    print_prim(lhs, args.figures)


if __name__ == "__main__":
    main()
