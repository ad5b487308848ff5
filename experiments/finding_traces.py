"""Three findings of docs/CALIBRATION.md traced: what carries them, or whether they are there at all.

    .venv/bin/python experiments/finding_traces.py [--only NAME] [--seeds N] [--workers 2]

Each finding compares a control and a treatment over the same seeds (common random numbers,
730 days) by paired differences with 95 % normal intervals: P(coup within 365 days), P(fall
within 730 days), and the mediators through which an effect could pass, read at day 365 (or
on the day the capital fell, if earlier). Where a parameter switches a candidate channel off,
the comparison is repeated with it off in both arms; the share a channel carries is the effect
it removes, (effect − effect with it off) / effect, shown only where the effect's interval
excludes zero. Findings (``--only``):

- ``russian_fuel``: Moscow's fuel via Conakry against ``baseline`` (the scenario table read a
  doubled P(fall) over 60 seeds); whether the effect is there at all over more seeds.
- ``ceiling_gain``: ``jnim_ceiling_grievance_gain`` 0 against 1 (the ceiling sweep read a lower
  P(coup) at the higher gain over 60 seeds).
- ``rural_ban``: ``rural_fuel_ban`` 0 against 1. Candidate channel: JNIM's fuel (its columns
  burn none moving and buy none: ``jnim_fuel_l_per_fighter_move`` and
  ``jnim_fuel_purchase_l_per_fighter_day`` 0); what remains with it off passes through the
  villages' fuel and hardship, and Bamako's market, which no parameter switches off alone.
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from model.run import simulate
from model.scenarios import scenario_params

COUP_DAYS, FALL_DAYS = 365, 730


@dataclass(frozen=True)
class Finding:
    """A control and a treatment (scenario, overrides), candidate channels, and the seeds to run."""

    control: tuple[str, dict]
    treatment: tuple[str, dict]
    seeds: int
    channels: dict[str, dict] = field(default_factory=dict)


FINDINGS = {
    "russian_fuel": Finding(("baseline", {}), ("russian_fuel", {}), 200),
    "ceiling_gain": Finding(("baseline", {"jnim_ceiling_grievance_gain": 0.0}),
                            ("baseline", {"jnim_ceiling_grievance_gain": 1.0}), 400),
    "rural_ban": Finding(("baseline", {}), ("baseline", {"rural_fuel_ban": 1.0}), 100, {
        "JNIM's fuel": {"jnim_fuel_l_per_fighter_move": 0.0, "jnim_fuel_purchase_l_per_fighter_day": 0.0}}),
}

MEDIATORS = {
    "JNIM fighters": "jnim_fighters",
    "state's share": "control_state",
    "tankers delivered": "tankers_delivered",
    "tankers destroyed": "tankers_destroyed",
    "Bamako's price (CFA/L)": "fuel_price_cfa",
    "Russian active share": "russian_posture",
    "cohesion": "junta_cohesion",
}
"""Mediators: a series column read at day 365 (or at the fall)."""


def outcomes(arm: tuple[str, dict], off: dict, seed: int) -> list[float]:
    """Coup within 365 days, fall within 730, then each mediator at day 365 (or at the fall)."""
    scenario, overrides = arm
    model = simulate(scenario_params(scenario, {**overrides, **off}), seed, FALL_DAYS)
    coups = model.junta.coup_days
    read_day = min(COUP_DAYS, model.series.n_rows - 1)
    mediators = [float(model.series.column(column)[read_day]) for column in MEDIATORS.values()]
    return [float(bool(coups) and coups[0] <= COUP_DAYS), float(model.capital.fell), *mediators]


def paired(pool, finding: Finding, off: dict, seeds: int) -> tuple[np.ndarray, np.ndarray]:
    """Outcome rows of the control and the treatment over seeds 0..seeds−1."""
    arms = []
    for arm in (finding.control, finding.treatment):
        arms.append(np.array(list(pool.map(outcomes, [arm] * seeds, [off] * seeds, range(seeds)))))
    return arms[0], arms[1]


def interval(differences: np.ndarray, digits: int) -> str:
    """Mean paired difference with its 95 % normal interval."""
    mean, half = differences.mean(), 1.96 * differences.std(ddof=1) / np.sqrt(len(differences))
    return f"{mean:+.{digits}f} [{mean - half:+.{digits}f}, {mean + half:+.{digits}f}]"


def digits_for(values: np.ndarray) -> int:
    """Decimals that show a column of this size: none for thousands, three for shares."""
    return 0 if np.nanmax(np.abs(values)) >= 100 else 3


def print_effects(control: np.ndarray, treatment: np.ndarray) -> None:
    """One row per outcome: control mean, treatment mean, paired difference."""
    names = ["P(coup ≤ 365 d)", "P(fall ≤ 730 d)", *(f"{name} at day 365" for name in MEDIATORS)]
    print("| outcome | control | treatment | treatment − control |")
    print("|---|---|---|---|")
    for k, name in enumerate(names):
        digits = 2 if k < 2 else digits_for(control[:, k])
        print(f"| {name} | {control[:, k].mean():.{digits}f} | {treatment[:, k].mean():.{digits}f} | "
              f"{interval(treatment[:, k] - control[:, k], digits)} |")


def print_channels(pool, finding: Finding, effects: np.ndarray, seeds: int) -> None:
    """The effect on P(coup) and P(fall) with each candidate channel off in both arms.

    A share carried is shown only for an effect whose interval excludes zero.
    """
    total = effects.mean(axis=0)
    half = 1.96 * effects.std(axis=0, ddof=1) / np.sqrt(len(effects))
    resolved_effects = np.abs(total) > half
    print("\n| channel off | effect on P(coup ≤ 365 d) | share carried | effect on P(fall ≤ 730 d) | share carried |")
    print("|---|---|---|---|---|")
    for name, off in finding.channels.items():
        control, treatment = paired(pool, finding, off, seeds)
        diff = treatment[:, :2] - control[:, :2]
        shares = [f"{100 * (t - d) / t:.0f} %" if resolved else "—"
                  for t, d, resolved in zip(total, diff.mean(axis=0), resolved_effects, strict=True)]
        print(f"| {name} | {interval(diff[:, 0], 3)} | {shares[0]} | {interval(diff[:, 1], 3)} | {shares[1]} |")


def print_finding(pool, name: str, finding: Finding, seeds: int) -> None:
    """A finding's effects and mediators, then its channels."""
    print(f"\n`{name}`: {describe(finding.control)} (control) against {describe(finding.treatment)} "
          f"(treatment), seeds 0..{seeds - 1}:\n")
    control, treatment = paired(pool, finding, {}, seeds)
    print_effects(control, treatment)
    if finding.channels:
        print_channels(pool, finding, treatment[:, :2] - control[:, :2], seeds)


def describe(arm: tuple[str, dict]) -> str:
    """``scenario`` with its overrides, as the docs write them."""
    scenario, overrides = arm
    return f"`{scenario}`" + "".join(f" `{k}={v}`" for k, v in overrides.items())


def main() -> None:
    """Print each finding's tables, as Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(FINDINGS), action="append",
                        help="trace only this finding (repeatable; default: all)")
    parser.add_argument("--seeds", type=int, help="seeds per arm (default: each finding's own)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.seeds is not None and args.seeds < 2:
        parser.error(f"--seeds must be at least 2 (an interval needs two paired runs), not {args.seeds}")
    print("Paired differences over common seeds, 730 days, 95 % normal intervals.")
    with ProcessPoolExecutor(args.workers) as pool:
        for name in args.only or FINDINGS:
            finding = FINDINGS[name]
            print_finding(pool, name, finding, args.seeds or finding.seeds)


if __name__ == "__main__":
    main()
