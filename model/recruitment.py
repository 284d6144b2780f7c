"""Recruitment: sanctuary and local recruit pools form new Taliban units (``docs/ODD.md`` 7.12).

Sanctuaries fill their pools from the madrassa pipeline at a rate scaled by their capacity; a pool
of at least two sections becomes a new unit that starts in recover mode in the sanctuary. Local
pools (filled by civilian grievance and support, :mod:`ceasefire.agents.civilian_community`) of at
least one section become units in their cell, attached to the nearest sanctuary. No recruiting
once the war is won.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.taliban_unit import SECTION_SIZE, Mode, TalibanUnit

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

SANCTUARY_UNIT_SECTIONS = 2
"""Sections a sanctuary's recruit pool must hold to form a new unit."""
RECRUIT_SUPPLY = 0.5
"""Supply of a unit newly formed in a sanctuary, 0 to 1."""


def recruit(model: CeasefireModel) -> None:
    """Form new units from full recruit pools."""
    if model.takeover:
        return
    rate = model.params["recruitment_rate"]
    for sanctuary in model.sanctuaries:
        if sanctuary.recruit(rate) >= SANCTUARY_UNIT_SECTIONS * SECTION_SIZE:
            unit = TalibanUnit(
                model, sanctuary.cell, sanctuary.recruit_pool, sanctuary, supply=RECRUIT_SUPPLY
            )
            unit.mode = Mode.RECOVER
            sanctuary.recruit_pool = 0.0
    pool = model.layers["recruit_pool"]
    for x, y in np.argwhere(pool >= SECTION_SIZE):
        sanctuary = model.sanctuaries[model.nearest_sanctuary[x, y]]
        TalibanUnit(model, model.grid[(int(x), int(y))], float(pool[x, y]), sanctuary)
        pool[x, y] = 0.0
