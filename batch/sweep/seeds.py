"""Replication seeds: common random numbers from one root seed.

Seeds come from ``numpy.random.SeedSequence(root).spawn(reps)``: statistically independent
streams, reproducible from the root. The same replication seeds are used at every design point
(common random numbers), so that contrasts between lever settings are paired.
"""

from __future__ import annotations

import numpy as np

from ceasefire.model.parameters import seed_from


def replication_seeds(root: int, reps: int) -> list[int]:
    """The seed of each replication, derived from ``root``.

    Args:
        root: the sweep's root seed.
        reps: number of replications.

    Returns:
        ``reps`` integers in ``[0, 2**53)``.
    """
    children = np.random.SeedSequence(root).spawn(reps)
    return [seed_from(child) for child in children]
