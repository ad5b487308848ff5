"""Fixed cases whose outcome records are stored in tests/data/regression_records.json.

Regenerate (only after a deliberate model change, in a commit that says why):

    .venv/bin/python tests/regression_cases.py
"""

from __future__ import annotations

import json
from pathlib import Path

RECORDS = Path(__file__).with_name("data") / "regression_records.json"
CASES = [
    {"scenario": scenario, "seed": seed, "days": 240}
    for scenario in ("baseline", "stand_down", "no_blockade", "negotiate")
    for seed in (1, 2, 3)
]


def compute(case: dict) -> dict:
    """The outcome record of one case."""
    from model.run import run_one
    from model.scenarios import scenario_params

    return run_one(scenario_params(case["scenario"]), case["seed"], case["days"])


if __name__ == "__main__":
    records = [{"case": case, "record": compute(case)} for case in CASES]
    RECORDS.write_text(json.dumps(records, indent=1) + "\n")
    print(f"wrote {len(records)} records to {RECORDS}")
