"""Civilian communities: one per populated Afghan cell, with their state in property layers.

Each community is a Mesa ``FixedAgent`` whose attributes read the grid's property layers, so
that the weekly update runs as array operations over all communities at once
(:func:`update_communities`) instead of a Python loop over thousands of agents.

Mechanisms and sources:

* Harm shifts support. Civilian casualties caused by one side lower support for it; harm by
  pro-government and international forces raises support for the Taliban more than Taliban
  harm lowers it (Lyall, Blair and Imai 2013, APSR 107:679, survey evidence from Afghanistan).
* Control shapes support (Kalyvas 2006): support drifts toward the side that controls a cell.
* Grievance and support supply local recruits, scaled so that recruitment replaces roughly the
  Taliban's losses at the default settings.
* Violence displaces people (flight from recent local violence), who return when it abates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import FixedAgent
from scipy.ndimage import gaussian_filter

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

    from ceasefire.model.ceasefire_model import CeasefireModel

LOCAL_RECRUIT_RATE = 3e-5
"""Weekly recruits per resident at full support and no grievance (times ``recruitment_rate``)."""
FLIGHT_RATE = 0.005
"""Weekly share of residents who flee under heavy local violence."""
RETURN_RATE = 0.01
"""Weekly share of the displaced who return when violence has abated."""
VIOLENCE_SCALE = 5.0
"""Smoothed weekly deaths in and around a cell at which flight reaches 63 % of its maximum."""


class CivilianCommunity(FixedAgent):
    """The population of one Afghan cell; attributes are views on the model's layers."""

    def __init__(self, model: CeasefireModel, cell: Cell) -> None:
        super().__init__(model)
        self.cell = cell

    def _layer(self, name: str) -> float:
        return float(self.model.layers[name][self.cell.coordinate])

    @property
    def population(self) -> float:
        """Residents present (not displaced)."""
        return self._layer("residents")

    @property
    def support(self) -> float:
        """Support for the Taliban, 0 (government) to 1 (Taliban)."""
        return self._layer("support")

    @property
    def grievance(self) -> float:
        """Accumulated grievance from harm, 0 to 1."""
        return self._layer("grievance")

    @property
    def displaced(self) -> float:
        """Residents of this cell currently displaced."""
        return self._layer("displaced")

    @property
    def casualties(self) -> float:
        """Civilian casualties (killed and injured) in this cell since the start."""
        return self._layer("civilian_casualties")


@dataclass
class CivilianLayers:
    """The arrays a community update reads and writes (all ``[x, y]``, modified in place)."""

    residents: np.ndarray
    displaced: np.ndarray
    support: np.ndarray
    grievance: np.ndarray
    recruit_pool: np.ndarray
    casualties: np.ndarray


def update_communities(
    layers: CivilianLayers,
    populated: np.ndarray,
    control: np.ndarray,
    harm_by_taliban: np.ndarray,
    harm_by_government: np.ndarray,
    violence: np.ndarray,
    recruitment_rate: float,
) -> None:
    """Advance all civilian communities by one week.

    Args:
        layers: community state, updated in place.
        populated: boolean mask of cells that hold a community.
        control: Taliban control, 0 (government) to 1 (Taliban).
        harm_by_taliban: civilian casualties this week caused by the Taliban.
        harm_by_government: civilian casualties this week caused by government and US forces.
        violence: smoothed recent deaths per cell.
        recruitment_rate: scale of recruitment (model parameter).
    """
    people = np.maximum(layers.residents + layers.displaced, 1.0)
    # News of harm travels: neighbouring cells react too (one-cell Gaussian kernel).
    per_1000_t = gaussian_filter(harm_by_taliban, 1.0) * 1000.0 / people
    per_1000_g = gaussian_filter(harm_by_government, 1.0) * 1000.0 / people
    s, g = layers.support, layers.grievance
    shift = 0.02 * (control - s) + 0.4 * per_1000_g * (1 - s) - 0.15 * per_1000_t * s
    s += np.where(populated, shift, 0.0)
    np.clip(s, 0.0, 1.0, out=s)
    g += np.where(populated, 0.5 * (per_1000_g + 0.5 * per_1000_t) * (1 - g) - 0.01 * g, 0.0)
    np.clip(g, 0.0, 1.0, out=g)
    layers.casualties += harm_by_taliban + harm_by_government

    pressure = 1.0 - np.exp(-gaussian_filter(violence, 1.0) / VIOLENCE_SCALE)
    fleeing = layers.residents * FLIGHT_RATE * pressure
    returning = layers.displaced * RETURN_RATE * (1.0 - pressure)
    layers.residents += returning - fleeing
    layers.displaced += fleeing - returning

    recruits = LOCAL_RECRUIT_RATE * recruitment_rate * layers.residents * s * (0.5 + g)
    layers.recruit_pool += np.where(populated, recruits, 0.0)
