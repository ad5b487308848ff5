"""The Morris screen: its spec is generated from the table, and its kept counts are what the model gives."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_morris_spec_is_generated_from_the_parameter_table():
    printed = subprocess.run([sys.executable, "experiments/morris_spec.py"], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout
    assert (ROOT / "experiments" / "morris_screen.toml").read_text(encoding="utf-8") == printed


def test_the_screen_covers_every_assumption_but_the_policies():
    sys.path.insert(0, str(ROOT / "experiments"))
    from morris_spec import EXCLUDED, EXCLUDED_GROUPS, screened

    from model.params import PARAMETERS

    names = {p.name for p in screened()}
    for p in PARAMETERS:
        assumed = "assumption" in p.source.lower() and p.kind is not str and p.low < p.high
        policy = p.group in EXCLUDED_GROUPS or p.name in EXCLUDED
        assert (p.name in names) == (assumed and not policy), p.name


@pytest.mark.slow
@pytest.mark.parametrize("point_id", [0, 631, 1263])
def test_the_kept_counts_are_what_fresh_runs_of_the_screen_give(point_id):
    """Rerun one point's replicates with the sweep's own seeds: the kept counts must be exactly theirs."""
    from model.contract import MALI
    from model.run import run_one
    from model.sweep.seeds import replicate_seed
    from model.sweep.spec import load_spec

    spec = load_spec(ROOT / "experiments" / "morris_screen.toml", default=MALI)
    kept = json.loads((ROOT / "docs" / "data" / "morris_screen.json").read_text(encoding="utf-8"))
    assert kept["spec_fingerprint"] == spec.fingerprint(), "the kept screen is stale: rerun it and --save"
    runs = [run_one(spec.run_params(spec.points[point_id]), replicate_seed(spec.root_seed, r), spec.horizon_days)
            for r in range(spec.replicates)]
    coups = sum(r["coup_day"] is not None and r["coup_day"] <= kept["by_day"]["coup"] for r in runs)
    falls = sum(bool(r["capital_fell"]) for r in runs)
    index = kept["counts"]["point_id"].index(point_id)
    assert (kept["counts"]["n"][index], kept["counts"]["coup"][index], kept["counts"]["fall"][index]) == \
        (len(runs), coups, falls)
