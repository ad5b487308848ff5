"""Calibration checks: the pre-blockade equilibrium, then the blockade facts.

Prints a Markdown table of fact → model value over a fixed set of seeds, so that every number
in docs/CALIBRATION.md comes from this command:

    .venv/bin/python experiments/calibration.py [--seeds 40] [--only equilibrium|blockade]
                                                [--set name=value ...]

``--set`` changes parameters of the table in both checks, to measure an alternative (the
trials listed in docs/CALIBRATION.md).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from script_options import add_overrides

from model.params import ParameterError, parse_assignments
from model.run import release, simulate
from model.scenarios import scenario_params

DAY_LATE_OCTOBER = 55
"""3 Sep + 55 days = 28 Oct 2025: 'by late October more than 100 tankers destroyed' [R]."""


SHARES = ("control_state", "control_contested", "control_jnim")


def equilibrium(seeds: range, overrides: dict) -> list[tuple[str, str, str]]:
    """no_blockade, 365 days: price within 10 % of 775, no dry day, control drift < 5 points."""
    price_dev, dry, start, change, spread, fighters, attempts, coups = [], [], [], [], [], [], [], []
    for seed in seeds:
        model = simulate(scenario_params("no_blockade", overrides), seed, 365)
        s = model.series
        price_dev.append(np.max(np.abs(s.column("fuel_price_cfa") / 775.0 - 1.0)))
        dry.append(model.hub.days_dry)
        start.append([100 * s.column(c)[0] for c in SHARES])
        change.append([100 * (s.column(c)[-1] - s.column(c)[0]) for c in SHARES])
        spread.append(max(100 * np.std(s.column(c)) for c in SHARES))
        fighters.append((s.column("jnim_fighters")[0], s.column("jnim_fighters")[-1]))
        attempts.append(len(model.junta.attempt_days))
        coups.append(len(model.junta.coup_days))
        release(model)
    change, fighters = np.array(change), np.array(fighters)
    worst = np.abs(change).max(axis=1)
    mean, half = change.mean(axis=0), 1.96 * change.std(axis=0, ddof=1) / np.sqrt(len(change))
    ratio = fighters[:, 1] / fighters[:, 0]
    return [
        ("price within 10 % of 775 CFA/L", "max deviation over all days and seeds",
         f"{100 * max(price_dev):.1f} %"),
        ("no dry days", "days dry, total over seeds", f"{sum(dry)}"),
        ("(the map of control at day 0)", "population share held by state / contested / JNIM, mean over seeds",
         " / ".join(f"{m:.1f}" for m in np.mean(start, axis=0)) + " %"),
        ("control shares drift < 5 points", "mean end − start over seeds (state / contested / JNIM), 95 % CI",
         " / ".join(f"{m:+.1f} ± {h:.1f}" for m, h in zip(mean, half, strict=True)) + " points"),
        ("control shares drift < 5 points, per seed", "largest abs(end − start) of the three shares, median / max",
         f"{np.median(worst):.1f} / {worst.max():.1f} points ({np.mean(worst < 5):.0%} of seeds below 5)"),
        ("(how much a run fluctuates)", "largest SD of a share over the days of a run, median / max",
         f"{np.median(spread):.1f} / {max(spread):.1f} points"),
        ("JNIM ≈ 6,000 fighters [M]", "fighters at day 0, median [10th-90th pct]",
         f"{np.median(fighters[:, 0]):,.0f} [{np.percentile(fighters[:, 0], 10):,.0f}-"
         f"{np.percentile(fighters[:, 0], 90):,.0f}]"),
        ("JNIM strength stable without blockade", "fighters at day 365 / day 0, min-max over seeds",
         f"{ratio.min():.2f}-{ratio.max():.2f}"),
        ("Mali ≈ 0.12 coup attempts a year (8 in 65 years) [M]", "attempts per run-year, 95 % CI (Poisson)",
         rate_with_interval(sum(attempts), len(seeds))),
        ("Mali ≈ 0.08 successful coups a year (5 in 65 years) [M]", "coups per run-year, 95 % CI (Poisson)",
         rate_with_interval(sum(coups), len(seeds))),
    ]


def rate_with_interval(events: int, years: int) -> str:
    """An event rate per year with its exact 95 % Poisson interval (Garwood)."""
    from scipy.stats import chi2

    low = chi2.ppf(0.025, 2 * events) / 2 / years if events else 0.0
    high = chi2.ppf(0.975, 2 * events + 2) / 2 / years
    return f"{events / years:.3f} [{low:.3f}-{high:.3f}] ({events} in {years})"


def blockade(seeds: range, overrides: dict) -> list[tuple[str, str, str]]:
    """Baseline blockade against the facts on destroyed tankers and ambush sizes."""
    destroyed, burn_shares = [], []
    for seed in seeds:
        model = simulate(scenario_params("baseline", overrides), seed, DAY_LATE_OCTOBER)
        destroyed.append(model.series.column("tankers_destroyed")[-1])
        burn_shares += model.ledger.ambush_burn_shares
        release(model)
    destroyed = np.array(destroyed)
    shares = np.array(burn_shares)
    return [
        ("> 100 tankers destroyed by late Oct 2025 [R]",
         f"tankers destroyed by day {DAY_LATE_OCTOBER}, median [10th-90th pct]",
         f"{np.median(destroyed):.0f} [{np.percentile(destroyed, 10):.0f}-{np.percentile(destroyed, 90):.0f}]"
         f" ({np.mean(destroyed > 100):.0%} of seeds > 100)"),
        ("an ambush burns 20-40 of 80+ tankers (25-50 %) [R]",
         "share of a convoy burned in successful ambushes, median [10th-90th pct]",
         f"{np.median(shares):.2f} [{np.percentile(shares, 10):.2f}-{np.percentile(shares, 90):.2f}]"
         f" over {len(shares)} ambushes" if len(shares) else "no ambush"),
    ]


def main() -> None:
    """Run the checks and print them as one Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="number of seeds (0..N-1)")
    parser.add_argument("--only", choices=("equilibrium", "blockade"), help="run one of the two checks")
    add_overrides(parser)
    args = parser.parse_args()
    try:
        overrides = parse_assignments(args.assignments)
        scenario_params("no_blockade", overrides)
        if args.seeds < 2:
            raise ParameterError(f"--seeds {args.seeds}: need at least 2 seeds for an interval")
    except ParameterError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
    seeds = range(args.seeds)
    print(f"Seeds 0..{len(seeds) - 1}." + (f" Overrides: {', '.join(args.assignments)}." if overrides else "") + "\n")
    print("| fact or target | model measure | model gives |")
    print("|---|---|---|")
    rows = [] if args.only == "blockade" else equilibrium(seeds, overrides)
    rows += [] if args.only == "equilibrium" else blockade(seeds, overrides)
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
