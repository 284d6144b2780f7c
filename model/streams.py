"""Random streams: one generator per process of the model.

Every process (movement, each kind of violence, recruitment, Pakistan's and Washington's
decisions, the TTP, the negotiation, ...) draws from its own ``numpy.random.Generator``, spawned
from the run's seed with ``numpy.random.SeedSequence(seed).spawn``. Two runs that differ in one
lever therefore stay identical until that lever first changes a draw of some process, and even
then the other processes keep their own sequences: paired runs (common random numbers) stay
paired instead of drifting apart through one shared stream.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True)
class Streams:
    """The random generator of each process, named after it."""

    placement: np.random.Generator
    movement: np.random.Generator
    coalescence: np.random.Generator
    ground_attacks: np.random.Generator
    raids: np.random.Generator
    airstrikes: np.random.Generator
    ieds: np.random.Generator
    spoilers: np.random.Generator
    surrender: np.random.Generator
    leadership: np.random.Generator
    united_states: np.random.Generator
    ttp: np.random.Generator
    negotiation: np.random.Generator
    politics: np.random.Generator
    complex_attacks: np.random.Generator

    @classmethod
    def from_seed(cls, seed: int) -> Streams:
        """Spawn one independent stream per process from ``seed``."""
        names = [f.name for f in fields(cls)]
        children = np.random.SeedSequence(seed).spawn(len(names))
        return cls(**{n: np.random.default_rng(c) for n, c in zip(names, children, strict=True)})
