"""Every scenario over a fixed set of seeds: P(coup) and P(fall) at several horizons, and year-one means.

    .venv/bin/python experiments/scenario_table.py [--seeds 20] [--horizons 180 365 730] [--workers 2]

Each seed runs once, to the longest horizon: a coup or a fall by day D is one whose day is at
most D (a fall ends the run, so later horizons contain the earlier ones). Probabilities come
with 95 % Wilson intervals; the other columns are means over the seeds of the first 365 days
(or of the run, if the capital fell before).
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from model.run import release, simulate
from model.scenarios import SCENARIOS, scenario_params
from model.sweep.stats import wilson_interval

YEAR = 365

MEASURES = {
    "tankers destroyed": lambda m, d: m.series.column("tankers_destroyed")[d],
    "tankers delivered": lambda m, d: m.series.column("tankers_delivered")[d],
    "mean price CFA/L": lambda m, d: m.series.column("fuel_price_cfa")[: d + 1].mean(),
    "coup attempts": lambda m, d: m.series.column("coup_attempts")[d],
    "Russians active": lambda m, d: m.series.column("russian_posture")[: d + 1].mean(),
    "JNIM fighters": lambda m, d: m.series.column("jnim_fighters")[d],
    "state control": lambda m, d: m.series.column("control_state")[d],
}
"""Year-one measures: each takes the model and the last day to read (day 365, or the fall's day)."""


def one_run(name: str, seed: int, days: int) -> tuple[int | None, int | None, dict[str, float]]:
    """One seed of one scenario: first coup day, fall day, and the year-one measures."""
    model = simulate(scenario_params(name), seed, days)
    last = min(YEAR, model.series.n_rows - 1)
    coups = model.junta.coup_days
    result = (coups[0] if coups else None, model.capital.fall_day,
              {key: float(measure(model, last)) for key, measure in MEASURES.items()})
    release(model)
    return result


def probability(days: list[int | None], horizon: int) -> str:
    """Share of runs whose event happened by ``horizon``, with its 95 % Wilson interval."""
    p, lo, hi = wilson_interval(sum(d is not None and d <= horizon for d in days), len(days))
    return f"{p:.2f} [{lo:.2f}, {hi:.2f}]"


def main() -> None:
    """Run each scenario for every seed and print one row per scenario."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--horizons", type=int, nargs="+", default=[180, 365, 730])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    days = max(args.horizons)
    print(f"Seeds 0..{args.seeds - 1}, each run to day {days}; year-one columns are means over the seeds.\n")
    heads = [f"P(coup) by {h}" for h in args.horizons] + [f"P(fall) by {h}" for h in args.horizons]
    print("| scenario | " + " | ".join(heads + list(MEASURES)) + " |")
    print("|---" * (len(heads) + len(MEASURES) + 1) + "|")
    with ProcessPoolExecutor(args.workers) as pool:
        for name in SCENARIOS:
            runs = list(pool.map(one_run, [name] * args.seeds, range(args.seeds), [days] * args.seeds))
            coups, falls = [r[0] for r in runs], [r[1] for r in runs]
            cells = [probability(coups, h) for h in args.horizons] + [probability(falls, h) for h in args.horizons]
            cells += [f"{np.mean([r[2][key] for r in runs]):.3g}" for key in MEASURES]
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
