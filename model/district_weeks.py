"""The weekly record of every district: who holds it, its garrison and its hazards.

One snapshot a week, after the week's falls and the brokers' update, of the 398 districts of
``model/data/districts.csv``: the rows of ``district_weeks.csv``
(:data:`ceasefire.model.outputs.DISTRICT_WEEK_COLUMNS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.model.districts import load_districts

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel


class DistrictWeeks:
    """Snapshots of the districts, one per week (arrays of 398 values each)."""

    def __init__(self) -> None:
        self.weeks: list[dict[str, Any]] = []

    def record(self, model: CeasefireModel) -> None:
        """Add this week's snapshot."""
        n = len(load_districts())
        strength, morale = np.full(n, np.nan), np.full(n, np.nan)
        hazard = np.full(n, np.nan)
        for force in model.agents_by_type.get(AfghanForce, []):
            if force.post != Post.MOBILE:
                strength[force.district], morale[force.district] = force.strength, force.morale
        for force, value in model.garrisons.hazard.items():
            if force.cell is not None:
                hazard[force.district] = value
        garrisons, record = model.garrisons, model.districts
        brokers = model.government.brokers
        self.weeks.append(
            {
                "step": model.steps,
                "date": model.date.isoformat(),
                "taliban_held": record.taliban_held().copy(),
                "fell": record.fall_week == model.steps,
                "fall_kind": list(record.fall_kind),
                "garrison_strength": strength,
                "morale": morale,
                "supply": np.where(np.isnan(strength), np.nan, garrisons.supply),
                "arrears_months": np.where(np.isnan(strength), np.nan, garrisons.arrears),
                **{k: v.copy() for k, v in garrisons.conditions.items()},
                "deal_hazard": hazard,
                "broker_loyal": brokers.loyal[brokers.province_of].copy(),
            }
        )
