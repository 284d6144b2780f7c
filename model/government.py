"""The Afghan government: its brokers' cohesion, its forces' morale and reinforcement.

National morale and the capacity to refill units (recruiting, pay and logistics) rest on the
government's cohesion, the share of its provincial power-brokers still loyal
(:mod:`ceasefire.model.brokers`), and reinforcement also on ground logistics, which decline
after the contractors leave (:mod:`ceasefire.model.logistics`; SIGAR 2022).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesa import Agent

from ceasefire.model.brokers import PowerBrokers
from ceasefire.model.consolidation import Consolidation

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

REINFORCEMENT = 0.02
"""Weekly share of a unit's gap to full strength refilled by a whole government at full
logistics (assumed)."""


class AfghanGovernment(Agent):
    """The Afghan government: its brokers, the morale and the reinforcement of its forces.

    Attributes:
        brokers: the provincial power-brokers and the palace.
        consolidation: the order to give up threatened districts for the capitals.
        morale: national morale of the ANDSF, 0 to 1.
        reinforcement: weekly share of a unit's gap to full strength that is refilled.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.brokers = PowerBrokers(model)
        self.consolidation = Consolidation(model)
        self.morale = self.brokers.morale
        self.reinforcement = REINFORCEMENT

    def update(self, week: int) -> None:
        """Brokers defect or stay; morale and reinforcement follow cohesion and logistics."""
        self.brokers.update(week)
        self.consolidation.update(week)
        cohesion = self.brokers.cohesion
        self.morale = self.brokers.morale
        self.reinforcement = REINFORCEMENT * self.model.logistics.ground * cohesion
