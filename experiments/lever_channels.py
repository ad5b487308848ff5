"""Which channel carries each lever's effect on P(coup) and P(fall): the levers with a channel switched off.

    .venv/bin/python experiments/lever_channels.py [--seeds 200] [--workers 2]

Each lever is moved from 0 to 1 (the other at its baseline default) over the same seeds (common
random numbers), and its effect is the change in P(coup within 365 days) and P(fall within 730
days). The effect is measured again with one channel switched off; the share a channel carries
is the effect it removes, (effect − effect with it off) / effect. Channels:
- ``concession_refusal``: Moscow's stand-down after refusals (off: ``mercenary_stand_down`` 0) and
  the gold given away by concessions when the junta grants (off: ``concession_gold_loss`` 0);
- ``mercenary_stand_down``: the officers' lost confidence when Moscow's units stand down (off:
  ``cohesion_protection_weight`` 0). What remains with it off is the military channel, the units'
  absence from patrols, sweeps and escorts, which no parameter switches off alone.
Shares need not sum to one (the channels interact) and an effect near zero makes its shares
meaningless: read them with the effect's interval.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from model.run import run_one
from model.scenarios import scenario_params

LEVERS = {
    "concession_refusal": {"Moscow's stand-down": {"mercenary_stand_down": 0.0},
                           "gold concessions": {"concession_gold_loss": 0.0}},
    "mercenary_stand_down": {"officers' lost confidence": {"cohesion_protection_weight": 0.0}},
}
"""Each lever's channels and the overrides that switch one off."""

COUP_DAYS, FALL_DAYS = 365, 730


def outcomes(overrides: dict, seed: int) -> tuple[bool, bool]:
    """Whether a run had a coup within 365 days and lost the capital within 730."""
    record = run_one(scenario_params("baseline", overrides), seed, FALL_DAYS)
    coup = record["coup_day"] is not None and record["coup_day"] <= COUP_DAYS
    return coup, bool(record["capital_fell"])


def effect(pool, lever: str, off: dict, seeds: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P(coup) and P(fall) at the lever's 0 and 1, and the paired per-seed differences (1 minus 0)."""
    runs = {}
    for value in (0.0, 1.0):
        overrides = {**off, lever: value}
        runs[value] = np.array(list(pool.map(outcomes, [overrides] * seeds, range(seeds))), dtype=float)
    return runs[0.0].mean(axis=0), runs[1.0].mean(axis=0), runs[1.0] - runs[0.0]


def interval(differences: np.ndarray) -> str:
    """Mean paired difference with its 95 % normal interval."""
    mean, half = differences.mean(), 1.96 * differences.std(ddof=1) / np.sqrt(len(differences))
    return f"{mean:+.3f} [{mean - half:+.3f}, {mean + half:+.3f}]"


def print_lever(pool, lever: str, channels: dict, seeds: int) -> None:
    """The lever's effect, then its effect with each channel switched off."""
    print(f"\n`{lever}` 0 → 1 (seeds 0..{seeds - 1}):\n")
    print("| run | P(coup ≤ 365 d) at 0 → 1 | effect on P(coup) | share carried | "
          "P(fall ≤ 730 d) at 0 → 1 | effect on P(fall) | share carried |")
    print("|---|---|---|---|---|---|---|")
    low, high, diff = effect(pool, lever, {}, seeds)
    total = diff.mean(axis=0)
    print(f"| all channels | {low[0]:.2f} → {high[0]:.2f} | {interval(diff[:, 0])} | — | "
          f"{low[1]:.2f} → {high[1]:.2f} | {interval(diff[:, 1])} | — |")
    for name, off in channels.items():
        low, high, diff_off = effect(pool, lever, off, seeds)
        shares = [f"{100 * (t - d) / t:.0f} %" if abs(t) > 1e-9 else "—" for t, d in zip(total, diff_off.mean(axis=0),
                                                                                        strict=True)]
        print(f"| {name} off | {low[0]:.2f} → {high[0]:.2f} | {interval(diff_off[:, 0])} | {shares[0]} | "
              f"{low[1]:.2f} → {high[1]:.2f} | {interval(diff_off[:, 1])} | {shares[1]} |")


def main() -> None:
    """Print one table per lever, as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print("Baseline scenario; effects are paired differences over common seeds, 95 % intervals.")
    with ProcessPoolExecutor(args.workers) as pool:
        for lever, channels in LEVERS.items():
            print_lever(pool, lever, channels, args.seeds)


if __name__ == "__main__":
    main()
