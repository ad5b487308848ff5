"""The browser's ensemble panel runs the page's settings on the sweep engine and reads back settings seen before."""

import numpy as np
import pytest

from model.sweep.store import SweepStore
from model.sweep.summary import summarize
from model.viz_ensemble import FAN_COLUMNS, QUANTILES, Settings, ensemble_spec, run_ensemble
from model.viz_model import SLIDERS

pytestmark = pytest.mark.slow  # a few dozen short runs


def settings(**sliders) -> Settings:
    from model.params import BY_NAME

    values = {name: BY_NAME[name].default for name in SLIDERS} | sliders
    return Settings(scenario="stand_down", sliders=values, replicates=8, horizon_days=120)


def test_the_ensemble_is_the_sweep_of_its_settings_with_intervals_incidence_and_fans(tmp_path):
    chosen = settings(concession_refusal=1.0)
    ensemble = run_ensemble(chosen, tmp_path, executor="sequential")
    store = SweepStore(tmp_path / chosen.name())
    table = summarize(store)
    assert ensemble.runs == 8 == int(table["n"].iloc[0])
    for event in ("coup", "fall"):
        p, low, high = ensemble.probability[event]
        assert (p, low, high) == tuple(table[[f"p_{event}", f"p_{event}_lo", f"p_{event}_hi"]].iloc[0])
        curve = ensemble.incidence[event]
        assert len(curve) == 121 and np.all(np.diff(curve) >= 0) and curve[-1] == pytest.approx(p)
    for column in FAN_COLUMNS:
        bands = ensemble.fan[column]
        assert bands.shape == (len(QUANTILES), len(ensemble.fan_days))
        assert np.all(np.nan_to_num(np.diff(bands, axis=0)) >= 0)  # 5 % ≤ 25 % ≤ median ≤ 75 % ≤ 95 %


def test_settings_seen_before_are_read_from_the_store_and_a_moved_slider_is_a_new_ensemble(tmp_path):
    chosen = settings()
    run_ensemble(chosen, tmp_path, executor="sequential")
    files = sorted((tmp_path / chosen.name() / "runs").glob("chunk-*"))
    again = run_ensemble(chosen, tmp_path, executor="sequential")
    assert sorted((tmp_path / chosen.name() / "runs").glob("chunk-*")) == files and again.runs == 8
    moved = settings(escort_share=0.6)
    assert moved.name() != chosen.name() and ensemble_spec(moved).fixed["escort_share"] == 0.6
    assert settings(mercenary_stand_down=0.2).name() == chosen.name()  # stand_down sets it: no new ensemble


def test_a_scenarios_overrides_win_over_the_sliders_as_on_the_page():
    # stand_down sets the stand-down itself: the slider cannot undo the scenario the page shows
    from model.scenarios import SCENARIOS

    overridden = next(iter(k for k in SCENARIOS["stand_down"].overrides if k in SLIDERS))
    forced = SCENARIOS["stand_down"].overrides[overridden]
    assert settings(**{overridden: 0.0 if forced else 1.0}).fixed()[overridden] == forced
