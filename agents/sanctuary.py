"""Sanctuaries: fixed Taliban bases in Pakistan whose capacity Pakistani pressure cuts.

Safe havens across a border lower an insurgency's cost of fighting: they shelter leaders,
train and resupply fighters and let them recover (Salehyan 2007, World Politics 59:217).
Pakistan's pressure on the sanctuaries (arrests, closing madrassas and markets, border
control) lowers their capacity, with a lag.
"""

from __future__ import annotations

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

    def recruit(self, recruitment_rate: float) -> float:
        """Add this week's recruits to the pool and return the pool size."""
        self.recruit_pool += (
            RECRUITS_PER_WEEK * self.base_capacity * self.capacity * recruitment_rate
        )
        return self.recruit_pool

    def resupply_rate(self) -> float:
        """Weekly gain in supply and morale of a unit recovering here."""
        return 0.3 * self.capacity
