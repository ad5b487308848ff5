"""Mean outcomes of every scenario over a fixed set of seeds, as a Markdown table.

    .venv/bin/python experiments/scenario_table.py [--seeds 20] [--days 365]

Proportions (coup, capital fall) are plain shares of seeds here; intervals come with the
sweep runner.
"""

from __future__ import annotations

import argparse

import numpy as np

from model.run import release, simulate
from model.scenarios import SCENARIOS, scenario_params

MEASURES = {
    "P(coup)": lambda m: float(bool(m.coup_days)),
    "P(fall)": lambda m: float(m.capital_fell),
    "tankers destroyed": lambda m: m.cum["tankers_destroyed"],
    "tankers delivered": lambda m: m.cum["tankers_delivered"],
    "mean price CFA/L": lambda m: m.series.column("fuel_price_cfa").mean(),
    "days dry": lambda m: m.days_dry,
    "Russians active": lambda m: m.series.column("russian_posture").mean(),
    "JNIM control": lambda m: m.series.column("control_jnim").mean(),
    "JNIM fighters end": lambda m: m.jnim_total,
    "civilian deaths": lambda m: sum(m.cum[f"civilian_deaths_{k}"] for k in ("state", "russian", "jnim")),
}


def main() -> None:
    """Run each scenario for every seed and print the mean of each measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    print(f"Means over seeds 0..{args.seeds - 1}, {args.days} days.\n")
    print("| scenario | " + " | ".join(MEASURES) + " |")
    print("|---" * (len(MEASURES) + 1) + "|")
    for name in SCENARIOS:
        values = {k: [] for k in MEASURES}
        for seed in range(args.seeds):
            model = simulate(scenario_params(name), seed, args.days)
            for key, measure in MEASURES.items():
                values[key].append(measure(model))
            release(model)
        cells = [f"{np.mean(v):.3g}" for v in values.values()]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
