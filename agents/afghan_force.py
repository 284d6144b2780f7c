"""Afghan National Defence and Security Forces: garrisons and mobile units.

Garrisons hold cities and district centres; mobile units (commandos, quick reaction forces)
move toward Taliban concentrations. While US troops stay, US air support multiplies their
combat power; its end at the withdrawal was followed in 2021 by a collapse of morale and
negotiated surrenders of district centres.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from mesa.discrete_space import CellAgent

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

    from ceasefire.model.ceasefire_model import CeasefireModel


class Post(StrEnum):
    """Where a force is posted."""

    CITY = "city"
    DISTRICT = "district"
    MOBILE = "mobile"


class AfghanForce(CellAgent):
    """An ANDSF garrison or mobile unit.

    Attributes:
        strength: personnel.
        nominal: personnel at full establishment (reinforcement target).
        morale: will to fight, 0 to 1.
        post: :class:`Post`.
    """

    def __init__(self, model: CeasefireModel, cell: Cell, strength: float, post: Post) -> None:
        super().__init__(model)
        self.cell = cell
        self.strength = float(strength)
        self.nominal = float(strength)
        self.morale = 0.7
        self.post = post

    def take_losses(self, deaths: float) -> None:
        """Remove ``deaths`` personnel; losses cost morale in proportion to their share."""
        share = min(1.0, deaths / max(self.strength, 1e-9))
        self.strength = max(0.0, self.strength - deaths)
        self.morale = max(0.0, self.morale - 1.5 * share)

    def recover(self, reinforcement: float, morale_target: float) -> None:
        """Refill toward the nominal strength and move morale toward ``morale_target``.

        Args:
            reinforcement: weekly share of the gap to nominal strength that is refilled.
            morale_target: the morale the force's situation supports, 0 to 1.
        """
        self.strength += reinforcement * max(0.0, self.nominal - self.strength)
        self.morale = min(1.0, max(0.0, self.morale + 0.2 * (morale_target - self.morale)))
