"""ANDSF sustainment and the negotiated surrender of isolated garrisons (``docs/ODD.md`` 7.9).

Negotiated surrenders of isolated district garrisons, brokered by elders once US air support and
contractor logistics were gone, drove the ANDSF's collapse in 2021 (SIGAR 2022). Each week every
force refills toward full strength and adjusts its morale; each garrison then surrenders with a
hazard that grows with the Taliban control around it, its lack of morale and the lack of air
support.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from scipy.ndimage import uniform_filter

from ceasefire.agents.afghan_force import AfghanForce, Post

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

SURRENDER_HAZARD = 1.0
"""Weekly surrender hazard of a fully encircled garrison with no morale and no air support."""
LOCAL_CONTROL_DRAG = 0.3
"""Fall in a force's morale target per unit of Taliban control in its own cell."""


def sustain_forces(model: CeasefireModel) -> None:
    """Garrisons refill and regain morale, or give up when isolated without air support."""
    control = model.layers["control"]
    hazard = surrender_hazard(model)
    morale = model.government.morale
    for force in list(model.agents_by_type.get(AfghanForce, [])):
        cell = force.cell.coordinate
        force.recover(
            model.government.reinforcement, morale - LOCAL_CONTROL_DRAG * float(control[cell])
        )
        if force.post == Post.MOBILE:
            continue
        if model.streams.surrender.random() < hazard(force):
            model.garrison_lost(force)


def surrender_hazard(model: CeasefireModel) -> Callable[[AfghanForce], float]:
    """The weekly surrender hazard of a garrison, given this week's control and air support.

    Returns a function of the garrison (it reads the garrison's morale when called).
    """
    surrounding = uniform_filter(model.layers["control"], size=3, mode="nearest")
    air = model.us.air_support / max(model.params["us_air_support"], 1e-9)

    def hazard(force: AfghanForce) -> float:
        cell = force.cell.coordinate
        return float(SURRENDER_HAZARD * surrounding[cell] ** 2 * (1 - force.morale) * (1 - air))

    return hazard
