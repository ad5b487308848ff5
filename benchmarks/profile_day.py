"""Where a day of the model goes: microseconds per day spent in each process of the schedule.

Wraps each process method of MaliModel with a timer (which adds well under a microsecond per
call) and steps 365-day baseline runs, after building them (set-up and spin-up not counted).

    .venv/bin/python benchmarks/profile_day.py [--runs 6]
"""

from __future__ import annotations

import argparse
import collections
import functools
import time

PROCESSES = ("moscow_bargaining", "spawn_convoys", "move_convoys", "plan_columns", "move_columns",
             "move_sweeps", "fight_sweeps", "attack_garrisons", "update_control", "update_villages",
             "jnim_income_and_recruitment", "army_replacement", "fuel_market", "junta_finances",
             "junta_politics", "capital_check", "record")


def timed(method, totals: collections.Counter, name: str):
    """``method`` wrapped so that its wall time adds to ``totals[name]``."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start
    return wrapper


def main() -> None:
    """Print microseconds per simulated day for each process, and the whole step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6)
    runs = parser.parse_args().runs
    from model.model import MaliModel
    from model.scenarios import scenario_params

    models = [MaliModel(scenario_params("baseline"), seed=seed, horizon_days=365) for seed in range(1, runs + 1)]
    totals: collections.Counter = collections.Counter()
    for name in PROCESSES:
        setattr(MaliModel, name, timed(getattr(MaliModel, name), totals, name))
    days, start = 0, time.perf_counter()
    for model in models:
        while model.running:
            model.step()
        days += model.day
    step_total = time.perf_counter() - start
    print(f"{runs} baseline runs, {days} days; microseconds per day")
    for name, seconds in totals.most_common():
        print(f"  {name:<30}{1e6 * seconds / days:>8.1f}")
    print(f"  {'whole step':<30}{1e6 * step_total / days:>8.1f}")


if __name__ == "__main__":
    main()
