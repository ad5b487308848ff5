"""Where a day of the model goes: microseconds per day spent in each step of the schedule.

Wraps each call of :meth:`model.model.MaliModel.step` and :meth:`~model.model.MaliModel.insurgency_day`
(the processes' methods and the two JNIM-economy functions) with a timer, which adds well under
a microsecond per call, and steps 365-day baseline runs after building them (set-up and spin-up
not counted).

    .venv/bin/python benchmarks/profile_day.py [--runs 6]
"""

from __future__ import annotations

import argparse
import collections
import functools
import time

# (attribute of the model holding the process, its methods the schedule calls)
PROCESS_METHODS = (
    ("moscow", ("bargain", "answer_siege")),
    ("logistics", ("dispatch", "move")),
    ("insurgency", ("plan", "move", "coalesce_and_fragment")),
    ("army", ("move_sweeps", "fight_sweeps", "defend_garrisons", "replace_losses")),
    ("control", ("update",)),
    ("villages", ("day",)),
    ("hub", ("trade",)),
    ("capital", ("check",)),
)
MODEL_METHODS = ("start_day", "state_forces", "settle_accounts", "junta_deliberates", "record")
MODULE_FUNCTIONS = ("jnim_income", "pay_and_recruit", "refuel")


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


def instrument(model_module, totals: collections.Counter) -> None:
    """Wrap the model's own steps and the JNIM-economy functions it imported."""
    for name in MODEL_METHODS:
        setattr(model_module.MaliModel, name, timed(getattr(model_module.MaliModel, name), totals, name))
    for name in MODULE_FUNCTIONS:
        setattr(model_module, name, timed(getattr(model_module, name), totals, name))


def instrument_processes(model, totals: collections.Counter) -> None:
    """Wrap the methods of one built model's processes (on the instances, so other models are untouched)."""
    for attribute, methods in PROCESS_METHODS:
        process = getattr(model, attribute)
        for method in methods:
            setattr(process, method, timed(getattr(process, method), totals, f"{attribute}.{method}"))


def main() -> None:
    """Print microseconds per simulated day for each step, and the whole step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=6)
    runs = parser.parse_args().runs
    import model.model as model_module
    from model.scenarios import scenario_params

    models = [model_module.MaliModel(scenario_params("baseline"), seed=seed, horizon_days=365)
              for seed in range(1, runs + 1)]
    totals: collections.Counter = collections.Counter()
    instrument(model_module, totals)
    for model in models:
        instrument_processes(model, totals)
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
