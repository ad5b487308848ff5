"""The map of control by region at day 0 against the documented target, and how much of it moves in a year.

    .venv/bin/python experiments/control_map.py [--seeds 10] [--days 365] [--workers 2]

The target (``model/data/day0_control_target.csv``) gives, for each region and for Mali, the
range of the population share the state should hold (zones 1-2) at day 0, with its reasoning.
The first table reads each region's mean share over the seeds against it; the second, the
share of the population whose zone at the horizon differs from its zone at day 0, in
``baseline`` and ``no_blockade`` over the same seeds (control must be able to move under
the siege, and hold still without it).
"""

from __future__ import annotations

import argparse
import csv
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from model.model import MaliModel
from model.rules.control import control_shares
from model.run import release
from model.scenarios import scenario_params

TARGET = Path(__file__).resolve().parents[1] / "model" / "data" / "day0_control_target.csv"
NATIONAL = "Mali"
"""The target file's row for the whole country."""


def read_target() -> dict[str, tuple[float, float]]:
    """Each region's (and Mali's) range of the state's population share at day 0."""
    with TARGET.open(encoding="utf-8") as handle:
        return {row["region"]: (float(row["state_min"]), float(row["state_max"])) for row in csv.DictReader(handle)}


def regional_shares(model: MaliModel) -> dict[str, tuple[float, float, float]]:
    """Population shares held by the state, contested and held by JNIM, by region and for Mali."""
    v = model.villages.arrays
    regions = np.array([village.region for village in model.villages.agents])
    shares = {r: control_shares(v.zone[regions == r], v.population[regions == r]) for r in dict.fromkeys(regions)}
    shares[NATIONAL] = control_shares(v.zone, v.population)
    return shares


def day0_and_change(scenario: str, seed: int, days: int) -> tuple[dict, float]:
    """The day-0 shares by region, and the population share whose zone changed by the horizon."""
    model = MaliModel(scenario_params(scenario), seed=seed, horizon_days=days)
    shares, zone0 = regional_shares(model), model.villages.arrays.zone.copy()
    while model.day < days and not model.capital.fell:
        model.step()
    v = model.villages.arrays
    changed = float(v.population[v.zone != zone0].sum() / v.population.sum())
    release(model)
    return shares, changed


def print_day0_table(runs: list[dict], target: dict[str, tuple[float, float]]) -> None:
    """Each region's mean shares at day 0 over the seeds, against the target's range for the state."""
    print("| region | state (zones 1-2) | contested (3) | JNIM (4-5) | target for the state | within |")
    print("|---|---|---|---|---|---|")
    for region, (low, high) in target.items():
        state, contested, jnim = np.mean([run[region] for run in runs], axis=0)
        within = "yes" if low <= state <= high else "**no**"
        print(f"| {region} | {100 * state:.0f} % | {100 * contested:.0f} % | {100 * jnim:.0f} % | "
              f"{100 * low:.0f}-{100 * high:.0f} % | {within} |")


def main() -> None:
    """Print the two tables as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    seeds = list(range(args.seeds))
    with ProcessPoolExecutor(args.workers) as pool:
        results = {s: list(pool.map(day0_and_change, [s] * len(seeds), seeds, [args.days] * len(seeds)))
                   for s in ("baseline", "no_blockade")}
    print(f"Seeds 0..{args.seeds - 1}; population shares at day 0 (`baseline`), means over seeds.\n")
    print_day0_table([shares for shares, _ in results["baseline"]], read_target())
    print(f"\nShare of the population whose zone at day {args.days} differs from day 0, "
          f"over seeds 0..{args.seeds - 1}:\n")
    print("| scenario | mean | min-max |")
    print("|---|---|---|")
    for scenario, runs in results.items():
        changed = [c for _, c in runs]
        print(f"| {scenario} | {100 * np.mean(changed):.1f} % | {100 * min(changed):.1f}-{100 * max(changed):.1f} % |")


if __name__ == "__main__":
    main()
