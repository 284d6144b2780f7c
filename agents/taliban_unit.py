"""Taliban units: mobile armed groups that fight, recover in sanctuaries, merge and split.

A unit's ``strength`` is its number of fighters. Units coalesce when they share a cell and
fragment at random, following the coalescence-fragmentation model of insurgent groups of
Bohorquez et al. (2009, Nature 462:911), in which the size of the attacking group, and with it
the severity of attacks, has a power-law tail with exponent near 2.5.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

import numpy as np
from mesa.discrete_space import CellAgent

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

    from ceasefire.agents.sanctuary import Sanctuary
    from ceasefire.model.ceasefire_model import CeasefireModel

SECTION_SIZE = 20.0
"""Fighters in the smallest unit (a section); fragments are never smaller."""
MAX_FRAGMENTS = 4
"""A breaking-up unit splits into at most this many pieces (bounds the number of agents)."""
REFERENCE_SIZE = 100.0
"""Unit size at which the fragmentation probability equals ``fragmentation_rate``."""


class Mode(IntEnum):
    """What a unit is doing this week."""

    FIGHT = 0
    RECOVER = 1


MODES = (Mode.FIGHT, Mode.RECOVER)
"""Modes indexed by their integer value (faster than calling ``Mode``)."""


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
        """Break up into equal pieces of at least a section each, all in this unit's mode.

        Returns:
            The new units split off (this unit keeps one piece).
        """
        pieces = int(min(MAX_FRAGMENTS, self.strength // SECTION_SIZE))
        if pieces < 2:
            return []
        share = self.strength / pieces
        self.strength = share
        pieces = [
            TalibanUnit(self.model, self.cell, share, self.sanctuary, self.supply, self.morale)
            for _ in range(pieces - 1)
        ]
        for piece in pieces:
            piece.mode = self.mode
        return pieces


def weekly_decisions(
    supply: np.ndarray, morale: np.ndarray, mode: np.ndarray, local_support: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Supply, morale and mode of all units after a week, computed for all units at once.

    Units in the field use up supply (ammunition, food, money) and draw on the local
    population: support above about 0.3 sustains them and lifts morale, hostile areas drain
    them. A spent unit (supply below 0.25 or morale below 0.3) falls back to its sanctuary; a
    recovering unit returns to the fight when supply reaches 0.9 and morale 0.6.

    Args:
        supply: supply of each unit, 0 to 1.
        morale: morale of each unit, 0 to 1.
        mode: :class:`Mode` of each unit.
        local_support: civilian support for the Taliban in each unit's cell.

    Returns:
        New supply, morale and mode arrays.
    """
    fighting = mode == Mode.FIGHT
    supply = np.where(fighting, np.clip(supply - 0.06 + 0.05 * local_support, 0.0, 1.0), supply)
    morale = np.where(fighting, np.clip(morale + 0.02 * (local_support - 0.3), 0.0, 1.0), morale)
    spent = fighting & ((supply < 0.25) | (morale < 0.3))
    recovered = ~fighting & (supply >= 0.9) & (morale >= 0.6)
    mode = np.where(spent, Mode.RECOVER, np.where(recovered, Mode.FIGHT, mode))
    return supply, morale, mode
