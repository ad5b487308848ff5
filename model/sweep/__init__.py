"""Parameter sweeps: declared experiments, resumable storage, executors and statistics.

The engine treats the model as a black box ``f(params, seed, horizon_days) -> dict`` (by
default :func:`model.run_one`); any function with that signature can be swept.
"""
