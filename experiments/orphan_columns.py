"""Where JNIM's new columns form: the numbers behind a caveat in docs/CALIBRATION.md §4.

Recruits from cells that no column reaches ("orphans") form a new column where the day's
recruit pool, weighted by JNIM's regional presence, is deepest (ODD, submodel 4). This
counts, over baseline runs, how many columns form that way and how many of them within
``bamako_reach_km`` of the capital:

    .venv/bin/python experiments/orphan_columns.py [--seeds 20] [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse

from script_options import add_overrides, params_or_exit

from model.model import MaliModel
from model.run import release


def count(seed: int, params: dict) -> tuple[int, int, bool]:
    """Columns formed from orphan recruits in one baseline year, those near Bamako, and whether it fell."""
    model = MaliModel(params, seed=seed, horizon_days=365)
    formed = []
    spawn = model.insurgency.spawn_orphan_column

    def spawn_and_note(pool):
        before = len(model.insurgency.columns)
        spawn(pool)
        formed.extend(unit.cell for unit in model.insurgency.columns[before:])

    model.insurgency.spawn_orphan_column = spawn_and_note
    while model.running:
        model.step()
    near = sum(model.grid.chebyshev(cell, model.grid.capital_cell) <= model.grid.bamako_reach for cell in formed)
    fell = model.capital.fell
    release(model)
    return len(formed), near, fell


def main() -> None:
    """Count over the seeds and print one line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=20)
    add_overrides(parser)
    args = parser.parse_args()
    params = params_or_exit("baseline", args.assignments)
    rows = [count(seed, params) for seed in range(max(1, args.seeds))]
    formed, near = sum(r[0] for r in rows), sum(r[1] for r in rows)
    print(f"Seeds 0..{args.seeds - 1}, baseline, 365 days: {formed} columns formed from orphan recruits, "
          f"{near} of them ({near / max(formed, 1):.0%}) within Bamako's reach; "
          f"the capital fell in {sum(r[2] for r in rows)} runs.")


if __name__ == "__main__":
    main()
