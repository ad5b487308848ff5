"""What the junta's rural fuel-sales ban does: JNIM's strength, the state's ground, P(coup) and P(fall).

    .venv/bin/python experiments/rural_ban.py [--seeds 100] [--workers 2]

The article: "the junta's attempt to control rural regions through gasoline rationing turned
into its opposite". The ban (``rural_fuel_ban``) withholds a share of the rural market's fuel:
columns can buy less (their mobility) and pay more (their purse), but villages get less fuel
and feel more hardship (grievance, blamed on the state as far as ``blame_attribution`` says).
Each level runs the baseline blockade to 730 days over the same seeds (common random numbers).
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from model.run import run_one
from model.scenarios import scenario_params
from model.sweep.stats import wilson_interval

LEVELS = (0.0, 0.5, 1.0)
COUP_DAYS, FALL_DAYS = 365, 730


def outcome(ban: float, seed: int) -> tuple[bool, bool, float, float]:
    """Coup within 365 days, fall within 730, and the state's share and JNIM's fighters at the end."""
    record = run_one(scenario_params("baseline", {"rural_fuel_ban": ban}), seed, FALL_DAYS)
    coup = record["coup_day"] is not None and record["coup_day"] <= COUP_DAYS
    return coup, bool(record["capital_fell"]), record["control_state_end"], record["jnim_fighters_end"]


def wilson(successes: int, n: int) -> str:
    """A probability with its 95 % Wilson interval."""
    p, low, high = wilson_interval(successes, n)
    return f"{p:.2f} [{low:.2f}, {high:.2f}]"


def main() -> None:
    """Print the table as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"Baseline blockade, seeds 0..{args.seeds - 1}, 730 days; 95 % Wilson intervals; "
          "medians at the end of the run (day 730 or the capital's fall).\n")
    print("| `rural_fuel_ban` | P(coup ≤ 365 d) | P(fall ≤ 730 d) | state's population share at the end | "
          "JNIM fighters at the end |")
    print("|---|---|---|---|---|")
    with ProcessPoolExecutor(args.workers) as pool:
        for ban in LEVELS:
            runs = list(pool.map(outcome, [ban] * args.seeds, range(args.seeds)))
            coups, falls = sum(r[0] for r in runs), sum(r[1] for r in runs)
            state, fighters = np.median([r[2] for r in runs]), np.median([r[3] for r in runs])
            print(f"| {ban:.1f} | {wilson(coups, args.seeds)} | {wilson(falls, args.seeds)} | "
                  f"{100 * state:.0f} % | {fighters:,.0f} |")


if __name__ == "__main__":
    main()
