"""Why single no_blockade runs drift: the numbers behind docs/CALIBRATION.md §2.

For each seed, a year without blockade: the largest change of a control share, the share of
the population near the zone 2/3 threshold at day 0, how far JNIM's fighters moved between
regions, and, for the villages that changed side, whose armed strength in reach changed
between the first and the last month. Prints medians, correlations and shares:

    .venv/bin/python experiments/drift_diagnostics.py [--seeds 40]
"""

from __future__ import annotations

import argparse

import numpy as np

from model.model import MaliModel
from model.rules.windows import paint_layers, windows
from model.run import release
from model.scenarios import scenario_params

SHARES = ("control_state", "control_contested", "control_jnim")
NEAR_THRESHOLD = (0.3, 0.5)
"""A band of JNIM share q around the zone 2/3 threshold at 0.4."""
SPREAD = 0.1
"""Half-width of a uniform spread of q among a cell's villages, for thresholds without a jump."""
MONTH = 30
"""Days averaged at the start and at the end of the year, to compare the forces in reach."""
MOVED = 0.25
"""A side's strength in reach 'changed' if its monthly mean moved by more than this share."""


def spread_shares(q: np.ndarray, population: np.ndarray, spread: float = SPREAD) -> np.ndarray:
    """State / contested / JNIM shares (points) if each cell's villages spread uniformly over q ± spread.

    A measurement only, to see how much of the drift is cells jumping a zone threshold: the
    model's zones stay as they are.
    """
    def share_below(threshold: float) -> np.ndarray:
        return np.clip((threshold - (q - spread)) / (2 * spread), 0.0, 1.0)

    state = float(np.sum(population * share_below(0.4)))
    jnim = float(np.sum(population * (1.0 - share_below(0.6))))
    total = float(population.sum())
    return 100 * np.array([state, total - state - jnim, jnim]) / total


def fighters_by_region(model: MaliModel) -> np.ndarray:
    """Share of JNIM's fighters in each administrative region."""
    region = model.grid.map.region.ravel()
    fighters = np.bincount([region[u.cell] for u in model.insurgency.columns],
                           weights=[u.fighters for u in model.insurgency.columns], minlength=region.max() + 1)
    return fighters / fighters.sum()


def strengths_in_reach(model: MaliModel) -> np.ndarray:
    """The armed strength of the state (row 0) and of JNIM (row 1) within reach of each village.

    As control counts them, without the villages' own armed support.
    """
    units = model.insurgency.columns
    cells = np.array([u.cell for u in units], dtype=np.int64)
    reach = model.grid.control_reach
    jnim = paint_layers(model.grid.shape, [(reach, cells, [[u.combat_strength for u in units]])])[0]
    at = windows(model.grid.map.shape, model.grid.control_reach).padded_cell[model.villages.cells]
    return np.array([model.control.state_field[model.villages.frame_cells], jnim[at]])


def side_of(zone: np.ndarray) -> np.ndarray:
    """0 where the state holds (zones 1-2), 1 where contested (3), 2 where JNIM holds (4-5)."""
    return np.digitize(zone, [2.5, 3.5])


def who_moved(model: MaliModel, before: np.ndarray, after: np.ndarray, side_before: np.ndarray) -> np.ndarray:
    """Residents of villages that changed side, by whose strength in reach changed by more than a quarter.

    Args:
        model: the model at the end of the year.
        before: strengths in reach (state, JNIM) averaged over the first month.
        after: the same over the last month.
        side_before: :func:`side_of` each village at day 0.

    Returns:
        Residents whose change went with JNIM's strength only, the state's only, both, neither.

    """
    v = model.villages.arrays
    changed = side_of(v.zone) != side_before
    with np.errstate(divide="ignore", invalid="ignore"):
        moved = np.abs(np.log(after / before)) > np.log(1 + MOVED)
    state, jnim = moved[0] & changed, moved[1] & changed
    return np.array([v.population[mask].sum() for mask in
                     (jnim & ~state, state & ~jnim, jnim & state, changed & ~jnim & ~state)])


def diagnose(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Measures of one seed's year without blockade.

    Returns:
        Largest share change (points), population share near the threshold, regional shift of
        JNIM's fighters, and the largest share change measured with a spread of q (points); and
        the residents of villages that changed side, by :func:`who_moved`.

    """
    model = MaliModel(scenario_params("no_blockade"), seed=seed, horizon_days=365)
    v = model.villages.arrays
    spread_before = spread_shares(v.q, v.population)
    near = (v.q >= NEAR_THRESHOLD[0]) & (v.q < NEAR_THRESHOLD[1])
    near_share = float(v.population[near].sum() / v.population.sum())
    regions_before = fighters_by_region(model)
    side_before = side_of(v.zone)
    first, last = [], []
    while model.day < 365 and not model.capital.fell:
        model.step()
        if model.day <= MONTH:
            first.append(strengths_in_reach(model))
        elif model.day > 365 - MONTH:
            last.append(strengths_in_reach(model))
    moved = who_moved(model, np.mean(first, axis=0), np.mean(last, axis=0), side_before)
    shift = 0.5 * float(np.abs(fighters_by_region(model) - regions_before).sum())
    change = max(abs(model.series.column(c)[-1] - model.series.column(c)[0]) for c in SHARES)
    spread_change = float(np.abs(spread_shares(v.q, v.population) - spread_before).max())
    release(model)
    return np.array([100 * change, near_share, shift, spread_change]), moved


def main() -> None:
    """Diagnose each seed and print the summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="number of seeds (0..N-1), at least 3")
    seeds = range(max(3, parser.parse_args().seeds))
    results = [diagnose(seed) for seed in seeds]
    drift, near, shift, spread_drift = np.array([row for row, _ in results]).T
    moved = np.sum([m for _, m in results], axis=0)
    print(f"Seeds 0..{len(seeds) - 1}, no_blockade, 365 days.")
    print(f"largest share change, median / max:                 {np.median(drift):.1f} / {drift.max():.1f} points")
    print(f"population with q in [0.3, 0.5) at day 0, median:   {np.median(near):.0%} "
          f"(range {near.min():.0%}-{near.max():.0%})")
    print(f"JNIM fighters that changed region in the year, median: {np.median(shift):.0%}")
    print(f"correlation of drift with that regional shift:      {np.corrcoef(drift, shift)[0, 1]:+.2f}")
    print(f"correlation of drift with population near 0.4:      {np.corrcoef(drift, near)[0, 1]:+.2f}")
    print(f"the same drift measured with q spread ±{SPREAD} in a cell: median {np.median(spread_drift):.1f}, "
          f"max {spread_drift.max():.1f} points ({np.mean(spread_drift < 5):.0%} of seeds below 5; "
          f"{np.mean(drift < 5):.0%} with the model's zones)")
    shares = moved / max(moved.sum(), 1.0)
    print(f"residents of villages that changed side (state / contested / JNIM) in the year, by whose strength "
          f"in reach changed by more than {MOVED:.0%} (first against last month, all seeds): JNIM's only "
          f"{shares[0]:.0%}, the state's only {shares[1]:.0%}, both {shares[2]:.0%}, neither {shares[3]:.0%}")


if __name__ == "__main__":
    main()
