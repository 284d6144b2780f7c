"""Replication seeds: common random numbers from one root seed.

Seeds come from ``numpy.random.SeedSequence(root).spawn(reps)``: statistically independent
streams, reproducible from the root. The same replication seeds are used at every design point
(common random numbers), so that contrasts between lever settings are paired.
"""

from __future__ import annotations

import numpy as np

from ceasefire.model.parameters import SEED_BITS, parse_integer, seed_from


def parse_seed(text: str) -> int:
    """Parse a seed typed by a user: an integer in ``[0, 2**53)``, in ASCII digits.

    Raises:
        ValueError: with a one-line message saying what is wrong.
    """
    value = parse_integer(text)
    if not 0 <= value < 2**SEED_BITS:
        raise ValueError(f"must be between 0 and 2**53 - 1, got {value}")
    return value


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
