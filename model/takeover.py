"""The government's fall (the takeover; ``docs/ODD.md`` 7.14).

The government falls when the president's circle leaves (:mod:`ceasefire.model.brokers`), or,
with the switch ``elite_cascade`` off, when Kabul's garrison falls. Then every remaining force
is lost and control everywhere in Afghanistan rises to at least ``POST_TAKEOVER_CONTROL``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.model.brokers import PALACE_PROVINCE

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

POST_TAKEOVER_CONTROL = 0.9
"""Control of every Afghan cell at least, from the week of the collapse."""


def government_fallen(model: CeasefireModel) -> bool:
    """Whether the palace has gone (or, without the elite cascade, Kabul has fallen)."""
    if model.params["mechanisms.elite_cascade"]:
        return not model.government.brokers.palace_loyal
    return not model.government.brokers.capital_garrisons(PALACE_PROVINCE)


def check_takeover(model: CeasefireModel) -> None:
    """Collapse the government once it has fallen."""
    if model.takeover or not government_fallen(model):
        return
    model.takeover = True
    for force in list(model.agents_by_type.get(AfghanForce, [])):
        model.garrison_lost(force, "collapse")
    np.maximum(
        model.layers["control"],
        np.where(model.afghan, POST_TAKEOVER_CONTROL, 0.0),
        out=model.layers["control"],
    )
