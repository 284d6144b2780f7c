"""Territorial control: armed presence per cell, and control that follows the balance of forces.

Government forces hold only the cells they stand in (garrisons rarely patrolled beyond their
posts); Taliban units project presence over a neighbourhood. The incumbent order (the current
control, half) and the population's support (half) act as a prior worth ``SUPPORT_WEIGHT``
armed men: where neither side is present, control persists and drifts slowly toward support
(Kalyvas 2006; ``docs/ODD.md`` 7.10).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.ndimage import gaussian_filter

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.agents.taliban_unit import TalibanUnit

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

PRESENCE_LAYERS = {TalibanUnit: "taliban_presence", AfghanForce: "government_presence"}
"""Layer holding the summed strength of each armed agent type per cell."""
CONTROL_RATE = 0.1
"""Weekly rate at which control moves toward the local balance of forces."""
SUPPORT_WEIGHT = 100.0
"""Armed men that the population's support is worth in the balance of control."""
TALIBAN_REACH = 1.0
"""Width (cells) of the Gaussian over which a Taliban unit's presence counts for control."""
VIOLENCE_MEMORY = 0.7
"""Weekly retention of the ``violence`` layer (recent deaths per cell)."""


def update_presence(model: CeasefireModel, *agent_types: type) -> None:
    """Sum the strength of each agent type per cell into its presence layer (default: both)."""
    for agent_type in agent_types or (TalibanUnit, AfghanForce):
        layer = model.layers[PRESENCE_LAYERS[agent_type]]
        layer[:] = 0.0
        agents = list(model.agents_by_type.get(agent_type, []))
        if agents:
            xy = np.array([a.cell.coordinate for a in agents])
            np.add.at(layer, (xy[:, 0], xy[:, 1]), [a.strength for a in agents])


def update_control(model: CeasefireModel) -> None:
    """Move each Afghan cell's control toward the local balance; age the violence layer."""
    control = model.layers["control"]
    taliban = gaussian_filter(model.layers["taliban_presence"], TALIBAN_REACH)
    government = model.layers["government_presence"]
    prior = SUPPORT_WEIGHT * 0.5 * (control + model.layers["support"])
    target = (taliban + prior) / (taliban + government + SUPPORT_WEIGHT)
    if model.takeover:
        target = np.ones_like(control)
    control += np.where(model.afghan, CONTROL_RATE * (target - control), 0.0)
    violence = model.layers["violence"]
    violence *= VIOLENCE_MEMORY
    violence += model.events.week.deaths


def taliban_control_share(layers: dict[str, np.ndarray]) -> float:
    """Share of Afghanistan's residents in cells the Taliban control (control > 0.5)."""
    people = layers["residents"] + layers["displaced"]
    return float(people[layers["control"] > 0.5].sum() / people.sum())
