"""Running sweeps: common random numbers, executors agree, resumption, failures, genericity."""

import sys
import tomllib

import numpy as np
import pandas as pd
import pytest

from model.contract import MALI
from model.sweep.runner import NoProgress, run_sweep
from model.sweep.seeds import replicate_seed
from model.sweep.spec import SpecError, parse_spec
from model.sweep.summary import summarize

SPEC = """
name = "small"
horizon_days = 40
root_seed = 11
replicates = 3
[grid]
concession_refusal = [0.0, 1.0]
mercenary_stand_down = [0.0, 1.0]
"""


def sweep(tmp_path, name="s", text=SPEC, executor="sequential", function=None, **kwargs):
    spec = parse_spec(tomllib.loads(text), function, default=MALI)
    return run_sweep(spec, tmp_path / name, executor, progress=NoProgress, **kwargs), spec


def outcomes(store):
    return store.records().drop(columns=["duration_s"]).sort_values(["point_id", "replicate"]).reset_index(drop=True)


def test_seeds_are_common_across_points_and_stored(tmp_path):
    store, _ = sweep(tmp_path)
    records = store.records()
    assert len(records) == 4 * 3 and records["status"].eq("ok").all()
    for replicate, group in records.groupby("replicate"):
        assert group["seed"].nunique() == 1
        assert group["seed"].iloc[0] == replicate_seed(11, replicate)
    assert records["seed"].nunique() == 3


@pytest.mark.slow  # starts a pool of worker processes (~3 s)
def test_sequential_and_local_processes_give_identical_records(tmp_path):
    a, _ = sweep(tmp_path, "a", executor="sequential")
    b, _ = sweep(tmp_path, "b", executor="local:2")
    pd.testing.assert_frame_equal(outcomes(a), outcomes(b))


def test_rerunning_resumes_without_redoing_anything(tmp_path):
    store, _ = sweep(tmp_path)
    files = sorted(p.name for p in store.runs.iterdir())
    sweep(tmp_path)
    assert sorted(p.name for p in store.runs.iterdir()) == files


def test_more_replicates_need_a_new_directory(tmp_path):
    sweep(tmp_path)
    with pytest.raises(SpecError, match="different spec"):
        sweep(tmp_path, text=SPEC.replace("replicates = 3", "replicates = 4"))


def test_a_directory_made_by_another_model_version_is_refused(tmp_path):
    import dataclasses

    _, spec = sweep(tmp_path)
    with pytest.raises(SpecError, match="model version"):
        run_sweep(dataclasses.replace(spec, code="another-version"), tmp_path / "s", "sequential",
                  progress=NoProgress)


def test_a_failing_run_is_recorded_with_its_traceback_and_the_sweep_goes_on(tmp_path, monkeypatch):
    module = tmp_path / "flaky_model.py"
    module.write_text("def run_one(params, seed, horizon_days):\n"
                      "    if params['x'] == 2:\n        raise RuntimeError('boom at x=2')\n"
                      "    return {'coup': False, 'capital_fell': False, 'y': params['x'] * 10}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    text = 'name = "f"\nhorizon_days = 5\nroot_seed = 1\nreplicates = 2\n[grid]\nx = [1, 2, 3]\n'
    store, _ = sweep(tmp_path, "f", text=text, function="flaky_model:run_one")
    records = store.records()
    assert len(records) == 6
    failed = records[records["status"] == "failed"]
    assert len(failed) == 2 and failed["error"].str.contains("boom at x=2").all()
    assert records.loc[records["status"] == "ok", "y"].tolist() == [10, 10, 30, 30]  # by point, replicate
    module.write_text("def run_one(params, seed, horizon_days):\n"
                      "    return {'coup': False, 'capital_fell': False, 'y': params['x'] * 10}\n")
    sys.modules.pop("flaky_model", None)
    sweep(tmp_path, "f", text=text, function="flaky_model:run_one", retry_failed=True)
    assert store.records()["status"].eq("ok").all() and len(store.records()) == 6


def test_stopping_rule_adds_replicates_until_the_intervals_are_narrow(tmp_path):
    from model.sweep.stats import wilson_halfwidth

    text = SPEC.replace("replicates = 3", "[stopping]\nci_halfwidth = 0.2\nmax_replicates = 12\nmin_replicates = 4")
    store, _ = sweep(tmp_path, "stop", text=text)
    records = store.records()
    for _, runs in records.groupby("point_id"):
        n, coups, falls = len(runs), int(runs["coup"].sum()), int(runs["capital_fell"].sum())
        # 0 of 4 has a Wilson half-width of 0.245 > 0.2: the first round cannot be enough
        assert n > 4
        assert n == 12 or (wilson_halfwidth(coups, n) <= 0.2 and wilson_halfwidth(falls, n) <= 0.2)
        assert sorted(runs["replicate"]) == list(range(n))


def test_summary_has_intervals_and_incidences(tmp_path):
    store, _ = sweep(tmp_path)
    table = summarize(store, [10, 40])
    assert len(table) == 4 and (table["n"] == 3).all()
    assert (table["p_coup_lo"] <= table["p_coup"]).all() and (table["p_coup"] <= table["p_coup_hi"]).all()
    assert {"cif_coup_d10", "cif_coup_d40", "cif_fall_d10", "cif_fall_d40"} <= set(table.columns)
    np.testing.assert_allclose(table["cif_fall_d40"], table["p_fall"])  # no censoring before the horizon
    with pytest.raises(SpecError, match="horizon"):
        summarize(store, [41])


def test_a_mesa_example_swept_by_the_engine_equals_mesa_batch_run(tmp_path):
    import mesa
    from mesa.examples.basic.boltzmann_wealth_model.model import BoltzmannWealth

    text = 'name = "boltzmann"\nhorizon_days = 25\nroot_seed = 3\nreplicates = 3\n[grid]\nn = [20, 40]\n'
    store, _ = sweep(tmp_path, "mesa", text=text, function="model.sweep.examples:boltzmann_run_one")
    seeds = [replicate_seed(3, r) for r in range(3)]
    reference = pd.DataFrame(mesa.batch_run(BoltzmannWealth, {"n": [20, 40], "seed": seeds}, number_processes=1,
                                            iterations=1, max_steps=25, display_progress=False))
    reference = reference.groupby(["n", "seed"], as_index=False)["Gini"].first()
    ours = store.records().merge(store.points(), on="point_id")
    merged = ours.merge(reference, on=["n", "seed"])
    assert len(merged) == 6
    np.testing.assert_allclose(merged["gini"], merged["Gini"], rtol=0, atol=0)


def test_batches_cover_every_task_in_order_and_shrink_to_single_runs():
    from model.sweep.runner import MAX_BATCH, batches

    tasks = [(0, r, r, {}) for r in range(500)]
    split = batches(tasks, slots=2)
    assert [t for batch in split for t in batch] == tasks
    sizes = [len(b) for b in split]
    assert max(sizes) == MAX_BATCH and sizes == sorted(sizes, reverse=True)
    assert sizes[-4:] == [1, 1, 1, 1]
