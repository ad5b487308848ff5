"""MaliModel as ``mesa.batch_run`` wants it: a DataCollector of the outcome scalars.

Used only by the sweep benchmark (``bench_sweep.py``, which imports it from this folder) to
compare the engine with Mesa's own batch runner on the same model. batch_run reads the data
collected at step ``max_steps``, so the reporters are collected every step (batch_run crashes
when a model collects on some steps only).
"""

from __future__ import annotations

from mesa.datacollection import DataCollector

from model.model import MaliModel


class BatchRunMaliModel(MaliModel):
    """MaliModel with the DataCollector batch_run requires."""

    def __init__(self, params: dict | None = None, seed: int = 0, horizon_days: int = 365):
        super().__init__(params, seed=seed, horizon_days=horizon_days)
        self.datacollector = DataCollector(model_reporters={
            "coup": lambda m: bool(m.junta.coup_days),
            "capital_fell": lambda m: m.capital.fell,
            "tankers_destroyed": lambda m: m.ledger["tankers_destroyed"],
        })
        self.datacollector.collect(self)

    def step(self) -> None:
        """A day of the model, then collect."""
        super().step()
        self.datacollector.collect(self)
