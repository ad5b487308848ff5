"""How the blockade cuts Bamako's deliveries: ambush losses, escort throughput and truckers' fear.

    .venv/bin/python experiments/blockade_decomposition.py [--seeds 20] [--days 365] [--workers 2]

The baseline blockade is run with each channel switched off in turn, over the same seeds:
- ambushes: columns (almost) never attack (``blockade_intensity`` 1e-6: escorts are still needed);
- throughput: escorts are plentiful and fast (``escort_per_tanker`` 1, escorted convoys at the
  trucks' own speed and no minimum size), so convoys leave with whatever waits;
- fear: truckers ignore losses (``trucker_fear`` 0).
Each channel's share is the deliveries it costs: deliveries with it switched off minus the
baseline's, over the deliveries the whole blockade costs (``no_blockade`` minus the baseline).
The shares need not sum to one: the channels interact.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from model.params import BY_NAME
from model.run import release, simulate
from model.scenarios import scenario_params

CHANNELS_OFF = {
    "ambushes": {"blockade_intensity": 1e-6},
    "throughput": {"escort_per_tanker": BY_NAME["escort_per_tanker"].low,
                   "escorted_convoy_speed_km_per_day": BY_NAME["convoy_speed_km_per_day"].default,
                   "convoy_min_tankers": 1},
    "fear": {"trucker_fear": 0.0},
}
"""The overrides that switch one channel off (the rest of the baseline unchanged)."""


def deliveries(scenario: str, overrides: dict, seed: int, days: int) -> tuple[float, float]:
    """Tankers delivered and destroyed over a run."""
    model = simulate(scenario_params(scenario, overrides), seed, days)
    delivered, destroyed = model.ledger["tankers_delivered"], model.ledger["tankers_destroyed"]
    release(model)
    return delivered, destroyed


def mean_over_seeds(pool, scenario: str, overrides: dict, seeds: int, days: int) -> tuple[float, float]:
    """Mean tankers delivered and destroyed over the seeds."""
    runs = list(pool.map(deliveries, [scenario] * seeds, [overrides] * seeds, range(seeds), [days] * seeds))
    return float(np.mean([r[0] for r in runs])), float(np.mean([r[1] for r in runs]))


def main() -> None:
    """Print the decomposition as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with ProcessPoolExecutor(args.workers) as pool:
        free, _ = mean_over_seeds(pool, "no_blockade", {}, args.seeds, args.days)
        base, base_destroyed = mean_over_seeds(pool, "baseline", {}, args.seeds, args.days)
        rows = [(name, *mean_over_seeds(pool, "baseline", off, args.seeds, args.days))
                for name, off in CHANNELS_OFF.items()]
    lost = free - base
    print(f"Seeds 0..{args.seeds - 1}, {args.days} days; tankers delivered, means over seeds.\n")
    print("| run | tankers delivered | share of no-blockade deliveries | tankers destroyed | "
          "share of the blockade's cost this channel carries |")
    print("|---|---|---|---|---|")
    print(f"| no blockade | {free:,.0f} | 100 % | 0 | — |")
    print(f"| baseline blockade | {base:,.0f} | {100 * base / free:.0f} % | {base_destroyed:,.0f} | — |")
    for name, delivered, destroyed in rows:
        share = (delivered - base) / lost if lost > 0 else float("nan")
        print(f"| baseline, {name} off | {delivered:,.0f} | {100 * delivered / free:.0f} % | {destroyed:,.0f} | "
              f"{100 * share:.0f} % |")


if __name__ == "__main__":
    main()
