"""The figure scripts draw from a sweep directory (a tiny sweep here; `make figures` uses quickstart)."""

import subprocess
import sys
import tomllib
from pathlib import Path

from model.contract import MALI
from model.sweep.runner import NoProgress, run_sweep
from model.sweep.spec import parse_spec

ROOT = Path(__file__).resolve().parents[2]
SPEC = """
name = "tiny_levers"
horizon_days = 30
root_seed = 2
replicates = 2
[grid]
concession_refusal = [0.0, 1.0]
mercenary_stand_down = [0.0, 1.0]
"""


def test_levers_figure_is_drawn_from_a_sweep(tmp_path):
    run_sweep(parse_spec(tomllib.loads(SPEC), default=MALI), tmp_path / "sweep", "sequential", progress=NoProgress)
    out = tmp_path / "figures" / "levers.png"
    result = subprocess.run([sys.executable, str(ROOT / "experiments" / "figures" / "levers_heatmap.py"),
                             str(tmp_path / "sweep"), str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    assert not list(out.parent.glob(".*tmp*"))
