"""Mean outcomes of every scenario over a fixed set of seeds, as a Markdown table.

    .venv/bin/python experiments/scenario_table.py [--seeds 20] [--days 365]

Coup and capital-fall probabilities come with 95 % Wilson intervals; the other columns are
means over the seeds.
"""

from __future__ import annotations

import argparse

import numpy as np

from model.run import release, simulate
from model.scenarios import SCENARIOS, scenario_params
from model.sweep.stats import wilson_interval

MEASURES = {
    "P(coup)": lambda m: float(bool(m.junta.coup_days)),
    "P(fall)": lambda m: float(m.capital.fell),
    "tankers destroyed": lambda m: m.ledger["tankers_destroyed"],
    "tankers delivered": lambda m: m.ledger["tankers_delivered"],
    "mean price CFA/L": lambda m: m.series.column("fuel_price_cfa").mean(),
    "days dry": lambda m: m.hub.days_dry,
    "Russians active": lambda m: m.series.column("russian_posture").mean(),
    "JNIM control": lambda m: m.series.column("control_jnim").mean(),
    "JNIM fighters end": lambda m: m.jnim_total,
    "civilian deaths": lambda m: sum(m.ledger[f"civilian_deaths_{k}"] for k in ("state", "russian", "jnim")),
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
        cells = [_cell(key, v) for key, v in values.items()]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def _cell(key: str, values: list[float]) -> str:
    """A mean, or for a probability its estimate and 95 % Wilson interval."""
    if key.startswith("P("):
        p, lo, hi = wilson_interval(int(sum(values)), len(values))
        return f"{p:.2f} [{lo:.2f}, {hi:.2f}]"
    return f"{np.mean(values):.3g}"


if __name__ == "__main__":
    main()
