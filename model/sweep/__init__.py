"""Parameter sweeps: declared experiments, resumable storage, executors and statistics.

The engine treats a model as a black box ``f(params, seed, horizon_days) -> dict`` declared by
a :class:`~model.sweep.contract.ModelContract` (its parameter checks, scenarios, events and
fingerprint). It imports nothing else of ``model``: ``mali-abm`` hands in the Mali model's
contract (:mod:`model.contract`), and any other function with that signature can be swept.
"""
