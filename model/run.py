"""``run_one``: the model as a plain function of (parameters, seed, horizon) → outcome record.

This is what sweeps call. It builds a model, steps it until the horizon or the capital's
fall, and returns MODEL_SPEC §5's record. Events that did not happen are None.
"""

from __future__ import annotations

import math

import mesa

from model.model import MaliModel


def outcome_record(model: MaliModel) -> dict:
    """The scalar outcomes of a finished run."""
    s, ledger, capital = model.series, model.ledger, model.capital
    coups = model.junta.coup_days
    gold = [(t, jnim) for (_, t, _), jnim in zip(model.mines.table, model.mines_held_by_jnim(), strict=True)]
    gold_total = sum(t for t, _ in gold)
    return {
        "coup": bool(coups),
        "coup_day": coups[0] if coups else None,
        "n_coups": len(coups),
        "n_coup_attempts": len(model.junta.attempt_days),
        "n_assaults": len(capital.assaults),
        "capital_fell": capital.fell,
        "capital_fall_day": capital.fall_day,
        "end_day": model.day,
        "end_reason": capital.end_reason,
        "peak_fuel_price_cfa": float(model.hub.peak_price),
        "days_dry": int(model.hub.days_dry),
        "tankers_delivered": int(ledger["tankers_delivered"]),
        "tankers_destroyed": int(ledger["tankers_destroyed"]),
        "tankers_diverted": int(ledger["tankers_diverted"]),
        "control_state_end": float(s.column("control_state")[-1]),
        "control_jnim_end": float(s.column("control_jnim")[-1]),
        "jnim_fighters_end": float(model.jnim_total),
        "civilian_deaths_state": float(ledger["civilian_deaths_state"]),
        "civilian_deaths_russian": float(ledger["civilian_deaths_russian"]),
        "civilian_deaths_jnim": float(ledger["civilian_deaths_jnim"]),
        "gold_share_jnim_end": sum(t for t, held in gold if held) / gold_total if gold_total else math.nan,
    }


def simulate(params: dict, seed: int, horizon_days: int) -> MaliModel:
    """Build and run a model to its horizon or to the capital's fall."""
    model = MaliModel(params, seed=seed, horizon_days=horizon_days)
    while model.day < horizon_days and not model.capital.fell:
        model.step()
    return model


def release(model: MaliModel) -> None:
    """Drop Mesa 3.3.1's class-level reference to a model so a long-lived worker stays flat."""
    mesa.Agent._ids.pop(model, None)


def run_one(params: dict, seed: int, horizon_days: int) -> dict:
    """Run one replicate; ``params`` are overrides of the parameter table's defaults."""
    model = simulate(params, seed, horizon_days)
    record = outcome_record(model)
    release(model)
    return record
