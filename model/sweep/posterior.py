"""The posterior as a file: the last generation's parameter sets and weights, with what made them.

A Parquet table, one row per particle (a column per calibrated parameter, and ``weight``, summing
to one), whose schema metadata holds the calibration's spec, its fingerprint (which includes the
model's code fingerprint), the generation, its epsilon and the simulations it took. The
calibration (:mod:`model.calibration`) writes it; a sweep's ``[posterior]`` reads it, to integrate
its probabilities over the parameters' uncertainty. It lives with the sweep engine, which may
import nothing of the model.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np

POSTERIOR_KEY = b"mali_abm_posterior"


class PosteriorError(ValueError):
    """A posterior file that cannot be read; the message names it and says why."""


def write_posterior(history, spec, path: Path) -> Path:
    """Write the last generation of a pyabc history as the posterior file (atomically).

    Args:
        history: pyabc's history of the calibration.
        spec: the calibration's spec (:class:`model.calibration.spec.CalibrationSpec`).
        path: where to write it.

    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = history.max_t
    frame, weights = history.get_distribution(m=0, t=t)
    frame = frame[list(spec.priors)].reset_index(drop=True)
    frame["weight"] = np.asarray(weights, dtype=float) / float(np.sum(weights))
    populations = history.get_all_populations()
    done = populations[populations.t >= 0]
    w = frame["weight"].to_numpy()
    meta = {"fingerprint": spec.fingerprint(), "code": spec.code, "spec": spec.as_dict(), "generation": int(t),
            "epsilon": float(done.epsilon.iloc[-1]), "simulations": int(done.samples.sum()),
            "epsilons": [float(e) for e in done.epsilon], "effective_sample_size": float(1.0 / np.sum(w ** 2))}
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), POSTERIOR_KEY: json.dumps(meta).encode()})
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_posterior(path: Path) -> tuple[Any, dict[str, Any]]:
    """The posterior's particles (a DataFrame with ``weight``) and its metadata.

    Raises:
        PosteriorError: the file is missing, not Parquet, or not a posterior this project wrote.

    """
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.is_file():
        raise PosteriorError(f"{path}: no such posterior file (`mali-abm calibrate` writes one)")
    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises several types for a file that is not Parquet
        raise PosteriorError(f"{path}: not a Parquet file ({type(error).__name__})") from None
    raw = (table.schema.metadata or {}).get(POSTERIOR_KEY)
    if raw is None or "weight" not in table.column_names:
        raise PosteriorError(f"{path}: not a posterior written by `mali-abm calibrate` (no metadata or weights)")
    return table.to_pandas(), json.loads(raw)


def draws(frame, n: int, seed: int) -> list[dict[str, float]]:
    """``n`` parameter sets drawn from the posterior by its weights (systematic resampling, seeded).

    Systematic resampling keeps each particle's share within one draw of its weight, so a
    small ``n`` still spreads over the posterior; the draws are shuffled so that draw r is not
    ordered by particle.
    """
    names = [c for c in frame.columns if c != "weight"]
    weights = frame["weight"].to_numpy(dtype=float)
    rng = np.random.default_rng(seed)
    positions = (rng.random() + np.arange(n)) / n
    index = np.minimum(np.searchsorted(np.cumsum(weights / weights.sum()), positions), len(weights) - 1)
    rng.shuffle(index)
    values = frame[names].to_numpy(dtype=float)
    return [dict(zip(names, values[i].tolist(), strict=True)) for i in index]
