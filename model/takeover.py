"""The government's collapse (the takeover; ``docs/ODD.md`` 7.14).

When the Taliban control ``TAKEOVER_CONTROL_SHARE`` of the population, or the ANDSF fall below
``COLLAPSE_STRENGTH`` of their initial strength, the government collapses: every remaining force
is lost and control everywhere in Afghanistan rises to at least ``POST_TAKEOVER_CONTROL``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

TAKEOVER_CONTROL_SHARE = 0.75
"""Taliban-controlled population share at which the government collapses."""
COLLAPSE_STRENGTH = 0.25
"""Share of the initial ANDSF strength below which the government collapses."""
POST_TAKEOVER_CONTROL = 0.9
"""Control of every Afghan cell at least, from the week of the collapse."""


def check_takeover(model: CeasefireModel) -> None:
    """Collapse the government when either threshold is crossed (once)."""
    if model.takeover:
        return
    collapsed = model.andsf_strength() < COLLAPSE_STRENGTH * model.initial_andsf
    if model.taliban_control_share() >= TAKEOVER_CONTROL_SHARE or collapsed:
        model.takeover = True
        for force in list(model.agents_by_type.get(AfghanForce, [])):
            model.garrison_lost(force)
        np.maximum(
            model.layers["control"],
            np.where(model.afghan, POST_TAKEOVER_CONTROL, 0.0),
            out=model.layers["control"],
        )
