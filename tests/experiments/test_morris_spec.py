"""The Morris screen's spec is what its generator prints from the parameter table (it cannot drift)."""

import subprocess
import sys
from pathlib import Path

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

