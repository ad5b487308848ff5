"""The posterior predictive check: what share of runs at posterior draws reproduce each target.

Each target is checked on ``predictive_runs`` fresh runs at parameter sets drawn from the
posterior, and, for contrast, on as many runs at draws from the prior: the calibration has
done its work where the posterior's share is high and the prior's is not. The runs are journaled
like the calibration's own (keys of their own), so a killed check resumes too.
"""

from __future__ import annotations

import numpy as np

from model.calibration.journal import SimulationJournal, simulation_key
from model.calibration.sampler import run_missing
from model.calibration.spec import CalibrationSpec, Simulator
from model.sweep.posterior import draws


def prior_draws(spec: CalibrationSpec, n: int) -> list[dict[str, float]]:
    """``n`` parameter sets from the uniform priors (seeded by the spec)."""
    rng = np.random.default_rng([spec.root_seed, 1])
    return [{name: float(rng.uniform(low, high)) for name, (low, high) in spec.priors.items()} for _ in range(n)]


def predictive_check(spec: CalibrationSpec, simulator: Simulator, journal: SimulationJournal, posterior,
                     pool, slots: int):
    """A table, one row per target: observed, tolerance, and the prior's and posterior's runs against it."""
    import pandas as pd

    n = spec.predictive_runs
    sets = {"prior": prior_draws(spec, n), "posterior": draws(posterior, n, spec.root_seed)}
    keys = {which: [simulation_key(theta, f"{which}-predictive-{k}") for k, theta in enumerate(thetas)]
            for which, thetas in sets.items()}
    proposals = [(key, theta) for which in sets for key, theta in zip(keys[which], sets[which], strict=True)]
    run_missing(proposals, spec, simulator, journal, pool, slots)
    rows = []
    for target in spec.targets:
        row = {"statistic": target.statistic, "observed": target.observed, "tolerance": target.tolerance,
               "bound": target.bound}
        for which in sets:
            values = np.array([journal.get(key)[target.statistic] for key in keys[which]], dtype=float)
            row[f"{which}_share_met"] = float(np.mean([target.discrepancy(v) <= 1.0 for v in values]))
            finite = values[np.isfinite(values)]
            row[f"{which}_median"] = float(np.median(finite)) if len(finite) else np.nan
            row[f"{which}_p05"], row[f"{which}_p95"] = (np.percentile(finite, [5, 95]) if len(finite)
                                                        else (np.nan, np.nan))
        rows.append(row)
    return pd.DataFrame(rows)
