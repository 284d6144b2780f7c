"""Taliban units: mobile armed groups that fight, recover in sanctuaries, merge and split.

A unit's ``strength`` is its number of fighters. Units coalesce when they share a cell and
fragment at random, following the coalescence-fragmentation model of insurgent groups of
Bohorquez et al. (2009, Nature 462:911), in which the size of the attacking group, and with it
the severity of attacks, has a power-law tail with exponent near 2.5.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from mesa.discrete_space import CellAgent

if TYPE_CHECKING:
    from ceasefire.agents.sanctuary import Sanctuary
    from ceasefire.model.ceasefire_model import CeasefireModel
    from mesa.discrete_space import Cell

SECTION_SIZE = 20.0
"""Fighters in the smallest unit (a section); fragments are never smaller."""
MAX_FRAGMENTS = 8
"""A breaking-up unit splits into at most this many pieces (bounds the number of agents)."""
REFERENCE_SIZE = 100.0
"""Unit size at which the fragmentation probability equals ``fragmentation_rate``."""


class Mode(IntEnum):
    """What a unit is doing this week."""

    FIGHT = 0
    RECOVER = 1


class TalibanUnit(CellAgent):
    """A Taliban fighting group.

    Attributes:
        strength: fighters in the unit.
        supply: ammunition, money and food, 0 (none) to 1 (full).
        morale: will to fight, 0 to 1.
        mode: :class:`Mode` (fight or recover).
        sanctuary: the sanctuary the unit falls back on.
    """

    def __init__(
        self,
        model: CeasefireModel,
        cell: Cell,
        strength: float,
        sanctuary: Sanctuary,
        supply: float = 1.0,
        morale: float = 0.8,
    ) -> None:
        super().__init__(model)
        self.cell = cell
        self.strength = float(strength)
        self.supply = supply
        self.morale = morale
        self.mode = Mode.FIGHT
        self.sanctuary = sanctuary

    def choose_mode(self) -> None:
        """Fall back to the sanctuary when spent; return to the fight when recovered."""
        if self.mode == Mode.FIGHT:
            if self.supply < 0.25 or self.morale < 0.3:
                self.mode = Mode.RECOVER
        elif self.supply >= 0.9 and self.morale >= 0.6:
            self.mode = Mode.FIGHT

    def sustain(self, local_support: float) -> None:
        """Consume supply in the field and draw on the local population's support.

        Args:
            local_support: civilian support for the Taliban in the unit's cell, 0 to 1.
        """
        if self.mode == Mode.FIGHT:
            self.supply = min(1.0, max(0.0, self.supply - 0.06 + 0.05 * local_support))
            self.morale = min(1.0, self.morale + 0.02 * (local_support - 0.3))

    def take_losses(self, deaths: float) -> None:
        """Remove ``deaths`` fighters; losses cost morale in proportion to their share."""
        share = min(1.0, deaths / max(self.strength, 1e-9))
        self.strength = max(0.0, self.strength - deaths)
        self.morale = max(0.0, self.morale - 0.8 * share)

    def absorb(self, other: TalibanUnit) -> None:
        """Merge ``other`` into this unit (strength-weighted supply and morale) and remove it."""
        total = self.strength + other.strength
        if total > 0:
            self.supply = (self.supply * self.strength + other.supply * other.strength) / total
            self.morale = (self.morale * self.strength + other.morale * other.strength) / total
        self.strength = total
        other.remove()

    def fragment(self) -> list[TalibanUnit]:
        """Break up into equal pieces of at least a section each.

        Returns:
            The new units split off (this unit keeps one piece).
        """
        pieces = int(min(MAX_FRAGMENTS, self.strength // SECTION_SIZE))
        if pieces < 2:
            return []
        share = self.strength / pieces
        self.strength = share
        return [
            TalibanUnit(self.model, self.cell, share, self.sanctuary, self.supply, self.morale)
            for _ in range(pieces - 1)
        ]
