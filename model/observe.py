"""What the model observes each week: one reporter per column of ``steps.csv``.

Each reporter is a function of the model, keyed by its column name (declared, with its type,
unit and meaning, in :data:`ceasefire.model.outputs.STEP_COLUMNS`), in the way Mesa's
:class:`~mesa.DataCollector` pairs a reporter's name with its function. The model collects them
through a ``DataCollector`` at the end of every week, so ``model.datacollector`` and
``mesa.batch_run`` work as with any Mesa model.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model.outputs import csv_name, csv_value
from ceasefire.model.parameters import LEVERS

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

Reporter = Callable[["CeasefireModel"], Any]


def _tally(field: str, model: CeasefireModel) -> int:
    return getattr(model.events.week, field)


def _rounded(function: Reporter, digits: int, model: CeasefireModel) -> float:
    return round(function(model), digits)


def _lever(name: str, model: CeasefireModel) -> Any:
    return csv_value(model.params[name])


def _mean_fatigue(model: CeasefireModel) -> float:
    units = model.agents_by_type.get(TalibanUnit, [])
    return float(np.mean([u.fatigue for u in units])) if units else 0.0


def _displaced(model: CeasefireModel) -> float:
    return float(model.layers["displaced"].sum())


STEP_REPORTERS: dict[str, Reporter] = {
    "run_id": lambda m: m.run_id,
    "step": lambda m: m.steps,
    "date": lambda m: m.date.isoformat(),
    "violent_events": partial(_tally, "events"),
    "fatalities": partial(_tally, "fatalities"),
    "civilian_casualties": partial(_tally, "civilian_casualties"),
    "negotiation_progress": partial(_rounded, lambda m: m.negotiation.progress, 6),
    "ceasefire": lambda m: int(m.negotiation.in_ceasefire),
    "pakistan_pressure": partial(_rounded, lambda m: m.pakistan.pressure, 6),
    "taliban_strength": partial(_rounded, lambda m: m.taliban_strength(), 2),
    "andsf_strength": partial(_rounded, lambda m: m.andsf_strength(), 2),
    "taliban_control_share": partial(_rounded, lambda m: m.taliban_control_share(), 6),
    "sanctuary_capacity": partial(_rounded, lambda m: m.sanctuary_capacity(), 6),
    "displaced": partial(_rounded, _displaced, 1),
    "taliban_posture": partial(_rounded, lambda m: m.leadership.posture, 6),
    "command_capacity": partial(_rounded, lambda m: m.leadership.command_capacity, 6),
    "commanders_arrested": lambda m: m.leadership.arrested,
    "mean_fatigue": partial(_rounded, _mean_fatigue, 6),
    "border_crossings": lambda m: m.border_crossings,
    "fighters_detained": partial(_rounded, lambda m: m.fighters_detained, 2),
    "pakistan_target": partial(_rounded, lambda m: m.pakistan.target, 6),
    "us_credibility": partial(_rounded, lambda m: m.pakistan.pi, 6),
    "us_threat_credibility": partial(_rounded, lambda m: m.pakistan.theta, 6),
    "us_review": lambda m: int(m.us.last_review is not None),
    "us_paid": lambda m: int(m.us.last_review is not None and m.us.last_review.paid),
    "ttp_attacks": partial(_tally, "ttp_attacks"),
    "ttp_deaths": partial(_tally, "ttp_deaths"),
    "ttp_fighters": partial(_rounded, lambda m: m.ttp.fighters, 1),
    "us_troops_present": lambda m: int(m.us.troops_present),
    "taliban_deaths": partial(_tally, "taliban_deaths"),
    "andsf_deaths": partial(_tally, "andsf_deaths"),
    "garrisons_lost": partial(_tally, "garrisons_lost"),
    "spoiler_attacks": partial(_tally, "spoiler_attacks"),
    "taliban_takeover": lambda m: int(m.takeover),
    **{csv_name(name): partial(_lever, name) for name in LEVERS},
}
"""Reporter of each weekly column, in the order of ``steps.csv``."""
