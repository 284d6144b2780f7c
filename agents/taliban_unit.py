"""Taliban units: mobile armed groups that fight, recover in sanctuaries, merge and split.

A unit's ``strength`` is its number of fighters. Units coalesce when they share a cell and
scatter after they attack, following the coalescence-fragmentation model of insurgent groups of
Bohorquez et al. (2009, Nature 462:911), in which the size of the attacking group, and with it
the severity of attacks, has a power-law tail with exponent near 2.5.
"""

from __future__ import annotations

from dataclasses import dataclass
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
REFERENCE_SIZE = 100.0
"""Unit size (fighters) at which the weekly rate of joining another unit equals
``coalescence_rate``."""
FATIGUE_PER_WEEK = 0.04
"""Weekly rise in a fighting unit's fatigue (wounds, exhaustion, wear): spent after about a
fighting season, 20-30 weeks (assumed; range 0.02-0.08)."""
WINTER_FATIGUE = 0.08
"""Added weekly fatigue of a unit on high ground in the depth of winter, at ``seasonality`` 1
(assumed; range 0.03-0.15)."""
SPENT_FATIGUE = 0.7
"""Fatigue at which a unit breaks off to recover."""
RESTED_FATIGUE = 0.2
"""Fatigue below which a recovering unit is fit to fight again."""
LOSS_FATIGUE = 1.0
"""Fatigue added per unit of the share of fighters lost in a week (the wounded)."""
FATIGUE_PENALTY = 0.5
"""Share of a unit's readiness lost at full fatigue."""
READINESS_REFERENCE = 0.6
"""Readiness of a typical unit in the field (supply about 0.7, fatigue about 0.3): attack rates
are stated for it."""
LOCAL_RECOVERY = 0.06
"""Weekly fall in fatigue, and rise in supply, of a unit lying low at full local support."""


class Mode(IntEnum):
    """What a unit is doing this week.

    ``RECOVER``: walking to its sanctuary or refitting there; ``HIDE``: lying low among
    supporters inside Afghanistan (recovering in place, more slowly).
    """

    FIGHT = 0
    RECOVER = 1
    HIDE = 2


MODES = (Mode.FIGHT, Mode.RECOVER, Mode.HIDE)
"""Modes indexed by their integer value (faster than calling ``Mode``)."""


class TalibanUnit(CellAgent):
    """A Taliban fighting group.

    Attributes:
        strength: fighters in the unit.
        supply: ammunition, money and food, 0 (none) to 1 (full).
        morale: will to fight, 0 to 1.
        mode: :class:`Mode` (fight or recover).
        sanctuary: the sanctuary the unit falls back on.
        away: the unit's part-time fighters at home for the harvest or the winter (not in
            ``strength``; :mod:`ceasefire.model.seasons`).
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
        self.fatigue = 0.0
        self.away = 0.0

    @property
    def readiness(self) -> float:
        """How ready the unit is to attack, relative to a typical unit (supply and fatigue)."""
        return self.supply * (1.0 - FATIGUE_PENALTY * self.fatigue) / READINESS_REFERENCE

    def take_losses(self, deaths: float) -> None:
        """Remove ``deaths`` fighters; losses cost morale in proportion to their share."""
        share = min(1.0, deaths / max(self.strength, 1e-9))
        self.strength = max(0.0, self.strength - deaths)
        self.morale = max(0.0, self.morale - 0.8 * share)
        self.fatigue = min(1.0, self.fatigue + LOSS_FATIGUE * share)

    def absorb(self, other: TalibanUnit) -> None:
        """Merge ``other`` into this unit (strength-weighted supply and morale) and remove it."""
        total = self.strength + other.strength
        if total > 0:
            self.supply = (self.supply * self.strength + other.supply * other.strength) / total
            self.morale = (self.morale * self.strength + other.morale * other.strength) / total
            self.fatigue = (self.fatigue * self.strength + other.fatigue * other.strength) / total
        self.strength = total
        self.away += other.away
        other.away = 0.0
        other.remove()

    def remove(self) -> None:
        """Remove the unit; its fighters at home stay in their village as local recruits."""
        if self.away > 0 and self.cell is not None:
            self.model.layers["recruit_pool"][self.cell.coordinate] += self.away
            self.away = 0.0
        super().remove()

    def fragment(self) -> list[TalibanUnit]:
        """Scatter into sections: equal pieces of at least ``SECTION_SIZE`` fighters, same mode.

        Returns:
            The new units split off (this unit keeps one piece).
        """
        pieces = int(self.strength // SECTION_SIZE)
        if pieces < 2:
            return []
        share = self.strength / pieces
        self.strength = share
        self.away /= pieces
        pieces = [
            TalibanUnit(self.model, self.cell, share, self.sanctuary, self.supply, self.morale)
            for _ in range(pieces - 1)
        ]
        for piece in pieces:
            piece.mode = self.mode
            piece.fatigue = self.fatigue
            piece.away = self.away
        return pieces


def weekly_decisions(
    state: UnitState,
    local_support: np.ndarray,
    winter_exposure: np.ndarray,
    spent_fatigue: float = SPENT_FATIGUE,
) -> UnitState:
    """Supply, morale, fatigue and mode of all units after a week, for all units at once.

    Fighting units use up supply (ammunition, food, money) and draw on the local population:
    support above about 0.3 sustains them and lifts morale, hostile areas drain them. They tire
    (``FATIGUE_PER_WEEK``, more on high ground in winter). A spent unit (supply below 0.25,
    morale below 0.3 or fatigue above ``spent_fatigue``) breaks off: where it recovers (its
    sanctuary or in place) is chosen by :func:`recovery_choice` and set by the caller. A unit
    lying low recovers among its supporters; a recovering unit returns to the fight when supply
    reaches 0.9, morale 0.6 and fatigue falls below ``RESTED_FATIGUE``.

    Args:
        state: the units' current state.
        local_support: civilian support for the Taliban in each unit's cell.
        winter_exposure: how much winter weather each unit faces (0 to 1, by seasonality).
        spent_fatigue: fatigue at which a unit breaks off (``SPENT_FATIGUE``, more while a
            winning campaign holds units in the field, :mod:`ceasefire.model.campaign`).

    Returns:
        The new state; spent units are in mode ``RECOVER`` (to be placed by the caller).
    """
    supply, morale, fatigue, mode = state.supply, state.morale, state.fatigue, state.mode
    fighting = mode == Mode.FIGHT
    hiding = mode == Mode.HIDE
    supply = np.where(fighting, np.clip(supply - 0.06 + 0.05 * local_support, 0.0, 1.0), supply)
    morale = np.where(fighting, np.clip(morale + 0.02 * (local_support - 0.3), 0.0, 1.0), morale)
    tiring = FATIGUE_PER_WEEK + WINTER_FATIGUE * winter_exposure
    fatigue = np.where(fighting, np.minimum(1.0, fatigue + tiring), fatigue)
    local = LOCAL_RECOVERY * local_support
    supply = np.where(hiding, np.minimum(1.0, supply + local), supply)
    morale = np.where(hiding, np.minimum(1.0, morale + local), morale)
    fatigue = np.where(hiding, np.maximum(0.0, fatigue - local), fatigue)
    spent = fighting & ((supply < 0.25) | (morale < 0.3) | (fatigue > spent_fatigue))
    rested = (supply >= 0.9) & (morale >= 0.6) & (fatigue <= RESTED_FATIGUE)
    recovered = ~fighting & rested
    mode = np.where(spent, Mode.RECOVER, np.where(recovered, Mode.FIGHT, mode))
    return UnitState(supply, morale, fatigue, mode)


def recovery_choice(
    need: np.ndarray, travel_weeks: np.ndarray, sanctuary_rate: np.ndarray, local_rate: np.ndarray
) -> np.ndarray:
    """Whether each spent unit recovers faster in its sanctuary than where it is.

    Args:
        need: how far the unit is from fit (the largest of its fatigue gap and supply gap).
        travel_weeks: weeks to walk to its sanctuary.
        sanctuary_rate: weekly recovery in the sanctuary (capacity-dependent, less interdiction).
        local_rate: weekly recovery lying low where it is (by local support).

    Returns:
        True where the unit should go to its sanctuary.
    """
    in_sanctuary = travel_weeks + need / np.maximum(sanctuary_rate, 1e-9)
    in_place = need / np.maximum(local_rate, 1e-9)
    return in_sanctuary < in_place


@dataclass(frozen=True)
class UnitState:
    """The decision-relevant state of all units, as arrays (one element per unit)."""

    supply: np.ndarray
    morale: np.ndarray
    fatigue: np.ndarray
    mode: np.ndarray
