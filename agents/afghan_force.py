"""Afghan National Defence and Security Forces: garrisons and mobile units.

Garrisons hold the provincial capitals and the other district centres (one each); mobile units
(commandos, quick reaction forces) move toward Taliban concentrations. While US troops stay, US
air support multiplies their combat power; garrisons negotiate their surrender through elders
(:mod:`ceasefire.model.surrender`).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from mesa.discrete_space import CellAgent

from ceasefire.model.districts import NO_DISTRICT

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
        district: index of the district whose centre a garrison holds (row of
            ``model/data/districts.csv``); -1 for a mobile unit.
    """

    def __init__(
        self,
        model: CeasefireModel,
        cell: Cell,
        strength: float,
        post: Post,
        district: int = NO_DISTRICT,
    ) -> None:
        super().__init__(model)
        self.cell = cell
        self.strength = float(strength)
        self.nominal = float(strength)
        self.morale = 0.7
        self.post = post
        self.district = district

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
