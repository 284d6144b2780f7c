"""The Afghan government: reinforcement capacity and the national morale of its forces.

Morale rests on US air support, the share of the population the government still holds and the
recent loss of district centres; reinforcement (recruiting, pay and logistics) runs down with
the US drawdown and the contractors' departure (SIGAR 2022). Issue 13 replaces this with a
government whose cohesion can break.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel


class AfghanGovernment(Agent):
    """The Afghan government: reinforcement capacity and the morale of its forces.

    Attributes:
        morale: national morale of the ANDSF, 0 to 1.
        reinforcement: weekly share of a unit's gap to full strength that is refilled.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.morale = 0.7
        self.reinforcement = 0.02

    def update(self, air_support: float, control_share: float, recent_falls: float) -> None:
        """Update morale and reinforcement capacity.

        Args:
            air_support: current US air support relative to full (0 to 1).
            control_share: Taliban-controlled population share.
            recent_falls: district centres lost in recent weeks (smoothed count).
        """
        self.reinforcement = 0.02 * (0.4 + 0.6 * air_support)
        self.morale = float(
            np.clip(
                0.25 + 0.35 * air_support + 0.4 * (1.0 - control_share) - 0.03 * recent_falls,
                0.0,
                1.0,
            )
        )
