"""Morris screening through the sweep engine: a design of trajectories, then SALib's μ* per input."""

import textwrap
import tomllib

import pytest

from model.sweep.runner import NoProgress, run_sweep
from model.sweep.sensitivity import morris_indices
from model.sweep.spec import SpecError, parse_spec

TOY = """
    import numpy as np
    from model.sweep.contract import Event, ModelContract, ParameterRange

    def run(params, seed, horizon_days):
        # The event's chance rises with x; y does nothing.
        boom = bool(np.random.default_rng(seed).random() < params["x"] / 10)
        return {"boom": boom, "boom_day": 2 if boom else None}

    TOY = ModelContract(name="toy", run=run, fingerprint=lambda: "toy-1",
                        parameters={"x": ParameterRange(0, 10), "y": ParameterRange(0, 1)},
                        events=(Event(name="boom", flag="boom", day="boom_day", ends_run=True),))
"""
SPEC = ('name = "screen"\nfunction = "toy_sensitive:TOY"\nhorizon_days = 5\nroot_seed = 7\nreplicates = 40\n'
        '[design]\nmethod = "morris"\nn = 6\nlevels = 4\n[ranges]\nx = [0, 10]\ny = [0, 1]\n')


@pytest.fixture
def toy(tmp_path, monkeypatch):
    (tmp_path / "toy_sensitive.py").write_text(textwrap.dedent(TOY))
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_morris_ranks_the_input_that_matters_and_gives_the_inert_one_nothing(toy):
    spec = parse_spec(tomllib.loads(SPEC))
    assert len(spec.points) == 6 * (2 + 1)  # n trajectories of (inputs + 1) points
    assert spec.design == {"method": "morris", "n": 6, "levels": 4, "names": ["x", "y"],
                           "bounds": [[0.0, 10.0], [0.0, 1.0]]}
    store = run_sweep(spec, toy / "screen", "sequential", progress=NoProgress)
    indices = morris_indices(store).set_index("input")
    # P(boom) rises by 1 across x's range (μ* is per whole range); y never changes a run (same seeds).
    assert indices.loc["x", "mu_star"] == pytest.approx(1.0, abs=0.15)
    assert indices.loc["y", "mu_star"] == 0.0
    assert indices.loc["x", "mu_star"] - indices.loc["x", "mu_star_conf"] > 0


def test_morris_analysis_refuses_what_it_cannot_read(toy):
    grid = SPEC.replace('[design]\nmethod = "morris"\nn = 6\nlevels = 4\n[ranges]\nx = [0, 10]\ny = [0, 1]\n',
                        "[grid]\nx = [1, 2]\n")
    store = run_sweep(parse_spec(tomllib.loads(grid)), toy / "grid", "sequential", progress=NoProgress)
    with pytest.raises(SpecError, match="not a Morris sweep"):
        morris_indices(store)
    with pytest.raises(SpecError, match="levels = 3: must be an even whole number"):
        parse_spec(tomllib.loads(SPEC.replace("levels = 4", "levels = 3")))
    with pytest.raises(SpecError, match="only a Morris design has levels"):
        parse_spec(tomllib.loads(SPEC.replace('method = "morris"', 'method = "lhs"')))
    screen = run_sweep(parse_spec(tomllib.loads(SPEC.replace("replicates = 40", "replicates = 2"))),
                       toy / "screen", "sequential", progress=NoProgress)
    with pytest.raises(SpecError, match="no such event"):
        morris_indices(screen, {"bust": 3})


def test_the_sensitivity_command_prints_the_ranking_and_refuses_bad_input_in_one_line(toy, monkeypatch):
    from typer.testing import CliRunner

    from model.cli import app

    monkeypatch.setenv("PYTHONPATH", str(toy))
    store = run_sweep(parse_spec(tomllib.loads(SPEC)), toy / "screen", "sequential", progress=NoProgress)
    result = CliRunner().invoke(app, ["sweep", "sensitivity", str(store.root), "--by", "boom=5", "--top", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "mu_star" in lines[0] and len(lines) == 2 and " x " in f" {lines[1]} "
    for args, fragment in [(["--by", "boom"], "must be EVENT=DAY"), (["--by", "boom=9"], "within 1..5")]:
        bad = CliRunner().invoke(app, ["sweep", "sensitivity", str(store.root), *args])
        assert bad.exit_code == 2 and fragment in bad.output and "Traceback" not in bad.output
    missing = CliRunner().invoke(app, ["sweep", "sensitivity", str(toy / "nothing")])
    assert missing.exit_code == 2 and "not a sweep directory" in missing.output


def test_the_noise_floor_is_the_mu_star_of_pure_monte_carlo_noise(toy):
    from model.sweep.sensitivity import event_counts, noise_floor

    spec = parse_spec(tomllib.loads(SPEC))
    store = run_sweep(spec, toy / "screen", "sequential", progress=NoProgress)
    floor = noise_floor(spec.design, event_counts(store))["boom"]
    # p = x / 10 over the levels' grid, n = 40: a few hundredths, far below x's μ* of about 1.
    assert 0.02 < floor < 0.2


def test_the_analysis_of_kept_counts_equals_the_analysis_of_the_sweep(toy):
    import pandas as pd

    from model.sweep.sensitivity import analyse_counts, event_counts

    spec = parse_spec(tomllib.loads(SPEC))
    store = run_sweep(spec, toy / "screen", "sequential", progress=NoProgress)
    counts = event_counts(store)
    kept = pd.DataFrame(counts.to_dict("list"))  # what a saved file gives back
    kept.attrs["by_day"] = dict(counts.attrs["by_day"])
    pd.testing.assert_frame_equal(analyse_counts(spec.design, store.points(), kept, spec.root_seed),
                                  morris_indices(store))


def test_a_design_at_the_top_of_a_range_stays_inside_it():
    """0.3 + 1 × 0.6 rounds to 0.9000000000000001, which the parameter table refuses: clipped."""
    from model.contract import MALI

    raw = tomllib.loads('name = "edge"\nhorizon_days = 5\nroot_seed = 1\nreplicates = 1\n[design]\n'
                        'method = "morris"\nn = 4\n[ranges]\ninitial_cohesion = [0.3, 0.9]\n'
                        'initial_legitimacy = [0.3, 0.9]\n')
    points = parse_spec(raw, default=MALI).points
    values = [p[name] for p in points for name in ("initial_cohesion", "initial_legitimacy")]
    assert max(values) == 0.9 and min(values) == 0.3
