"""Are JNIM's columns stationary without a blockade? Counts, bases and the size tail over time.

For each seed, a `no_blockade` run of 730 days: the number of columns and of distinct home
cells every 120 days, and the tail of the column sizes at day 365 (Hill's estimator on the
largest fifth, pooled over seeds; Bohorquez et al. 2009 report a tail exponent near 2.5 for
insurgent groups and attacks):

    .venv/bin/python experiments/column_dynamics.py [--seeds 20] [--set name=value ...]

``--set jnim_new_base_share=0`` shows what happens when no split-off column founds a base.
"""

from __future__ import annotations

import argparse

import numpy as np
from script_options import add_overrides, params_or_exit

from model.model import MaliModel
from model.run import release

HORIZON_DAYS = 730
EVERY_DAYS = 120
TAIL_DAY = 365


def hill_exponent(sizes: np.ndarray, top_share: float = 0.2) -> float:
    """Hill's estimator of a power-law tail exponent α (P(X > x) ∝ x^−(α−1)) from the largest sizes."""
    ordered = np.sort(sizes)[::-1]
    k = max(2, int(len(ordered) * top_share))
    return 1.0 + 1.0 / float(np.mean(np.log(ordered[:k] / ordered[k])))


def follow(seed: int, params: dict) -> tuple[list[tuple[int, int]], list[float]]:
    """(columns, distinct homes) every EVERY_DAYS days, and the column sizes at TAIL_DAY."""
    model = MaliModel(params, seed=seed, horizon_days=HORIZON_DAYS)
    counts, sizes = [], []
    last = HORIZON_DAYS // EVERY_DAYS * EVERY_DAYS
    while True:
        if model.day % EVERY_DAYS == 0:
            counts.append((len(model.insurgency.columns), len({u.home_cell for u in model.insurgency.columns})))
        if model.day == TAIL_DAY:
            sizes = [u.fighters for u in model.insurgency.columns]
        if model.day >= last or model.capital.fell:
            break
        model.step()
    release(model)
    return counts, sizes


def main() -> None:
    """Follow each seed and print the medians and the tail."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20, help="number of seeds (0..N-1), at least 2")
    add_overrides(parser)
    args = parser.parse_args()
    params = params_or_exit("no_blockade", args.assignments)
    seeds = range(max(2, args.seeds))
    followed = [follow(seed, params) for seed in seeds]
    counts = np.array([c for c, _ in followed if len(c) == len(followed[0][0])])
    sizes = np.concatenate([s for _, s in followed])
    days = [EVERY_DAYS * k for k in range(counts.shape[1])]
    overrides = f" with {', '.join(args.assignments)}" if args.assignments else ""
    print(f"Seeds 0..{len(seeds) - 1}, no_blockade{overrides}; medians over seeds.")
    print("day              " + " ".join(f"{d:>5}" for d in days))
    print("columns          " + " ".join(f"{v:>5.1f}" for v in np.median(counts[:, :, 0], axis=0)))
    print("distinct homes   " + " ".join(f"{v:>5.1f}" for v in np.median(counts[:, :, 1], axis=0)))
    print(f"column sizes at day {TAIL_DAY}: {len(sizes)} columns, median {np.median(sizes):.0f}, "
          f"90th percentile {np.percentile(sizes, 90):.0f}, largest {sizes.max():.0f}; "
          f"tail exponent (Hill, largest fifth) {hill_exponent(sizes):.2f}")


if __name__ == "__main__":
    main()
