"""Seeds derived from one root seed with SeedSequence: common random numbers across points.

Replicate r gets the same seed at every design point, so differences between points are not
blurred by different random histories (this roughly halves their variance here).
"""

from __future__ import annotations

import numpy as np


def replicate_seed(root_seed: int, replicate: int) -> int:
    """The 63-bit seed of replicate ``replicate``: child ``replicate`` of the root SeedSequence."""
    child = np.random.SeedSequence(root_seed, spawn_key=(replicate,))
    return int(child.generate_state(1, dtype=np.uint64)[0] >> np.uint64(1))
