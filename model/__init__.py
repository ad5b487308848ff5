"""mali-abm: Mali's fuel siege as an agent-based model on Mesa.

The public entry point for experiments is :func:`run_one` (a plain, picklable function).
Heavy imports (Mesa) happen only when a model is built, so ``mali-abm --help`` stays fast.
"""

__all__ = ["run_one"]


def run_one(params: dict, seed: int, horizon_days: int) -> dict:
    """Run one replicate and return its outcome record (see :mod:`model.run`)."""
    from model.run import run_one as _run_one

    return _run_one(params, seed, horizon_days)
