"""How exposed the people in a cell are to violence: civilians by density, the state by presence.

Shared by the violence (``docs/ODD.md`` 7.7), the complex attacks (7.22) and the initial
control (Section 5), which reads the same urban share as rurality.
"""

from __future__ import annotations

import numpy as np

URBAN_DENSITY = 125.0
"""Residents per km2 at which a cell counts as half urban (exposure of civilians to fighting)."""
PRESENCE_SCALE = 100.0
"""Government personnel in a cell at which its patrols and posts are half exposed (assumed)."""


def urban_share(density: float | np.ndarray) -> float | np.ndarray:
    """How exposed civilians in a cell are to fighting, 0 (empty) to 1 (city), by density."""
    return density / (density + URBAN_DENSITY)


def government_exposure(presence: float | np.ndarray) -> float | np.ndarray:
    """How exposed the state is in a cell, 0 (absent) to 1, by its personnel there."""
    return presence / (presence + PRESENCE_SCALE)
