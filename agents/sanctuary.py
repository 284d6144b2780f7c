"""Sanctuaries: fixed Taliban bases in Pakistan whose capacity Pakistani pressure cuts.

Safe havens across a border lower an insurgency's cost of fighting: they shelter leaders,
train and resupply fighters and let them recover (Salehyan 2007, World Politics 59:217).
Pakistan's pressure on the sanctuaries (raids on camps and depots, closing madrassas and
markets, watching hospitals) lowers their capacity, with a lag. A sanctuary acts only through
what it gives units: recovery and resupply of units that come to it, and recruits from the
madrassa pipeline, with a pulse during the madrassas' annual recess around Ramadan. Each of the
three channels has a switch (:mod:`ceasefire.model.mechanisms`); off, the channel works as at
full capacity whatever the pressure.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mesa.discrete_space import FixedAgent

if TYPE_CHECKING:
    from mesa.discrete_space import Cell

    from ceasefire.model.ceasefire_model import CeasefireModel

PRESSURE_EFFECT = 0.85
"""Share of capacity that maximal, sustained pressure removes."""
ADJUSTMENT_RATE = 0.15
"""Weekly rate at which capacity moves toward its pressure-dependent target."""
RECRUITS_PER_WEEK = 40.0
"""Fighters a sanctuary of base capacity 1 sends per week at full capacity (madrassa pipeline)."""
RESUPPLY_RATE = 0.3
"""Weekly gain in supply and morale of a unit refitting in a sanctuary at full capacity."""
RECOVERY_RATE = 0.15
"""Weekly fall in fatigue of a unit refitting in a sanctuary at full capacity (a refit takes
4-8 weeks; assumed, range 0.08-0.25)."""
RAMADAN_1442 = dt.date(2021, 4, 13)
"""First day of Ramadan 1442 AH."""
ISLAMIC_YEAR_DAYS = 354.367
"""Mean length of the Islamic (lunar) year, in days."""
RECESS_DAYS = (-14, 37)
"""The madrassas' annual recess, in days from 1 Ramadan: from late Sha'ban to about 7 Shawwal
(an academic calendar of 7 Shawwal to 17 Sha'ban; sources in docs/dev/research/issue11)."""
RECESS_EXTRA = 2.0
"""Extra recruits during the recess, relative to the rest of the year (assumed: three times the
rate; range 0.5-4)."""
_RECESS_SHARE = (RECESS_DAYS[1] - RECESS_DAYS[0]) / ISLAMIC_YEAR_DAYS
_BASE_PULSE = 1.0 / (1.0 + RECESS_EXTRA * _RECESS_SHARE)


def recruitment_pulse(date: dt.date) -> float:
    """Seasonal multiplier of madrassa recruits, mean 1 over a (lunar) year."""
    offset = ((date - RAMADAN_1442).days - RECESS_DAYS[0]) % ISLAMIC_YEAR_DAYS
    in_recess = offset < RECESS_DAYS[1] - RECESS_DAYS[0]
    return _BASE_PULSE * (1.0 + RECESS_EXTRA * in_recess)


class Sanctuary(FixedAgent):
    """A Taliban sanctuary on Pakistani soil.

    Attributes:
        name: place name (Quetta, Peshawar, Miranshah, ...).
        base_capacity: relative size of the sanctuary without pressure.
        capacity: current capacity as a share of ``base_capacity``, 0 to 1.
        recruit_pool: fighters recruited but not yet formed into a unit.
    """

    def __init__(self, model: CeasefireModel, cell: Cell, name: str, base_capacity: float) -> None:
        super().__init__(model)
        self.cell = cell
        self.name = name
        self.base_capacity = base_capacity
        self.capacity = 1.0
        self.recruit_pool = 0.0

    def respond_to_pressure(self, pressure: float) -> None:
        """Move capacity toward ``1 - PRESSURE_EFFECT * pressure`` at ``ADJUSTMENT_RATE``."""
        target = 1.0 - PRESSURE_EFFECT * pressure
        self.capacity += ADJUSTMENT_RATE * (target - self.capacity)

    def channel_capacity(self, mechanism: str) -> float:
        """Capacity as felt through one channel: 1 when the channel's switch is off."""
        return self.capacity if self.model.params[f"mechanisms.{mechanism}"] else 1.0

    def _recruits(self, recruitment_rate: float, capacity: float) -> float:
        return (
            RECRUITS_PER_WEEK
            * self.base_capacity
            * capacity
            * recruitment_rate
            * recruitment_pulse(self.model.date)
        )

    def recruit(self, recruitment_rate: float) -> float:
        """Add this week's recruits to the pool and return the pool size."""
        self.recruit_pool += self._recruits(
            recruitment_rate, self.channel_capacity("madrassa_pipeline")
        )
        return self.recruit_pool

    def recruits_forgone(self, recruitment_rate: float) -> float:
        """Recruits this week lost to pressure: at full capacity less at the capacity felt."""
        return self._recruits(recruitment_rate, 1.0 - self.channel_capacity("madrassa_pipeline"))

    def resupply_rate(self) -> float:
        """Weekly gain in supply and morale of a unit refitting here."""
        return RESUPPLY_RATE * self.channel_capacity("sanctuary_resupply")

    def recovery_rate(self) -> float:
        """Weekly fall in fatigue of a unit refitting here."""
        return RECOVERY_RATE * self.channel_capacity("sanctuary_recovery")
