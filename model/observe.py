"""What the model observes: one reporter per column of ``steps.csv``, and the run's summary.

Each reporter is a function of the model, keyed by its column name (declared, with its type,
unit and meaning, in :data:`ceasefire.model.outputs.STEP_COLUMNS`), in the way Mesa's
:class:`~mesa.DataCollector` pairs a reporter's name with its function. The model collects them
through a ``DataCollector`` at the end of every week, so ``model.datacollector`` and
``mesa.batch_run`` work as with any Mesa model. Values are collected as they are, at full
precision and with indicators as booleans; the writer rounds them to the decimals each column
declares and writes indicators as 0/1 (:func:`ceasefire.batch.io.export.as_written`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model.outputs import csv_name
from ceasefire.model.parameters import LEVERS, PARAMETERS_BY_NAME

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

Reporter = Callable[["CeasefireModel"], Any]


def _tally(field: str, model: CeasefireModel) -> int:
    return getattr(model.events.week, field)


def _lever(name: str, model: CeasefireModel) -> Any:
    return PARAMETERS_BY_NAME[name].csv_value(model.params[name])


def _mean_fatigue(model: CeasefireModel) -> float:
    units = model.agents_by_type.get(TalibanUnit, [])
    return float(np.mean([u.fatigue for u in units])) if units else 0.0


def _fighters_at_home(model: CeasefireModel) -> float:
    return float(sum(u.away for u in model.agents_by_type.get(TalibanUnit, [])))


def _displaced(model: CeasefireModel) -> float:
    return float(model.layers["displaced"].sum())


STEP_REPORTERS: dict[str, Reporter] = {
    "run_id": lambda m: m.run_id,
    "step": lambda m: m.steps,
    "date": lambda m: m.date.isoformat(),
    "violent_events": partial(_tally, "events"),
    "fatalities": partial(_tally, "fatalities"),
    "civilian_casualties": partial(_tally, "civilian_casualties"),
    "negotiation_progress": lambda m: m.negotiation.progress,
    "ceasefire": lambda m: m.negotiation.in_ceasefire,
    "agenda_items": lambda m: m.negotiation.agenda.agreed,
    "items_agreed": lambda m: m.negotiation.agenda.agreed_this_week,
    "items_retracted": lambda m: m.negotiation.agenda.retracted_this_week,
    "truce_days": lambda m: m.negotiation.truce_days,
    "pause_kind": lambda m: m.negotiation.pause_kind or None,
    "taliban_fall_belief": lambda m: m.negotiation.assessment.fall_beliefs[0],
    "government_fall_belief": lambda m: m.negotiation.assessment.fall_beliefs[1],
    "taliban_expected_share": lambda m: m.negotiation.assessment.taliban.value,
    "government_expected_share": lambda m: m.negotiation.assessment.government.value,
    "taliban_war_cost": lambda m: m.negotiation.assessment.kappa[0],
    "government_war_cost": lambda m: m.negotiation.assessment.kappa[1],
    "bargaining_surplus": lambda m: m.negotiation.assessment.range.surplus,
    "commitment_gap": lambda m: m.negotiation.assessment.range.gap,
    "range_width": lambda m: m.negotiation.assessment.range.width,
    "range_open": lambda m: m.negotiation.assessment.range.openness,
    "range_capitulation": lambda m: m.negotiation.assessment.range.capitulation,
    "ripeness": lambda m: m.negotiation.assessment.ripeness,
    "government_trust": lambda m: m.negotiation.trust,
    "hardliner_weight": lambda m: m.negotiation.hardliner_weight,
    "pakistan_pressure": lambda m: m.pakistan.pressure,
    "taliban_strength": lambda m: m.taliban_strength(),
    "fighters_at_home": _fighters_at_home,
    "andsf_strength": lambda m: m.andsf_strength(),
    "taliban_control_share": lambda m: m.taliban_control_share(),
    "sanctuary_capacity": lambda m: m.sanctuary_capacity(),
    "displaced": _displaced,
    "taliban_posture": lambda m: m.leadership.posture,
    "command_capacity": lambda m: m.leadership.command_capacity,
    "commanders_arrested": lambda m: m.leadership.arrested,
    "mean_fatigue": _mean_fatigue,
    "border_crossings": lambda m: m.border_crossings,
    "fighters_detained": lambda m: m.fighters_detained,
    "pakistan_target": lambda m: m.pakistan.target,
    "us_credibility": lambda m: m.pakistan.pi,
    "us_threat_credibility": lambda m: m.pakistan.theta,
    "us_review": lambda m: m.us.last_review is not None,
    "us_paid": lambda m: m.us.last_review is not None and m.us.last_review.paid,
    "pakistan_designated": lambda m: m.us.designated,
    "ttp_attacks": partial(_tally, "ttp_attacks"),
    "ttp_deaths": partial(_tally, "ttp_deaths"),
    "ttp_fighters": lambda m: m.ttp.fighters,
    "us_troops_present": lambda m: bool(m.us.troops_present),
    "taliban_deaths": partial(_tally, "taliban_deaths"),
    "andsf_deaths": partial(_tally, "andsf_deaths"),
    "garrisons_lost": partial(_tally, "garrisons_lost"),
    "spoiler_attacks": partial(_tally, "spoiler_attacks"),
    "complex_attacks": partial(_tally, "complex_attacks"),
    "districts_taliban": lambda m: m.districts.held_count(),
    "capitals_taliban": lambda m: m.districts.held_count(capitals=True),
    "crossings_taliban": lambda m: m.districts.crossings_held(),
    "customs_lost": lambda m: m.districts.customs_lost(),
    "surrender_deals": lambda m: m.garrisons.deals,
    "andsf_deserters": lambda m: m.garrisons.deserters,
    "amnesty_credibility": lambda m: m.garrisons.amnesty,
    "contractor_presence": lambda m: m.logistics.contractors,
    "air_force_readiness": lambda m: m.logistics.readiness,
    "government_cohesion": lambda m: m.government.brokers.cohesion,
    "brokers_defected": lambda m: int((~m.government.brokers.loyal).sum()),
    "taliban_takeover": lambda m: bool(m.takeover),
    **{csv_name(name): partial(_lever, name) for name in LEVERS},
}
"""Reporter of each weekly column, in the order of ``steps.csv``."""


def _mean(column: str, model: CeasefireModel) -> float | None:
    rows = model.rows
    return float(np.mean([r[column] for r in rows])) if rows else None


def _total_civilian_casualties(model: CeasefireModel) -> int:
    return int(sum(r["civilian_casualties"] for r in model.rows))


def _weeks_to_takeover(model: CeasefireModel) -> int | None:
    return next((r["step"] for r in model.rows if r["taliban_takeover"]), None)


def _first_capital_week(model: CeasefireModel) -> int | None:
    return next((r["step"] for r in model.rows if r["capitals_taliban"] > 0), None)


def _first_ceasefire_weeks(model: CeasefireModel) -> int | None:
    first = model.negotiation.first_ceasefire()
    return first.weeks(model.steps) if first else None


def _max_agenda_items(model: CeasefireModel) -> int:
    return max((r["agenda_items"] for r in model.rows), default=model.negotiation.agenda.agreed)


def _breaks(side: str, model: CeasefireModel) -> int:
    """Open-ended or permanent cease-fires that ``side`` (``taliban``, ``government``) broke."""
    return sum(e.open_ended and e.ended_by == side for e in model.negotiation.episodes)


def _weeks_range_open(model: CeasefireModel) -> int:
    """Weeks before the takeover (the talks are then frozen) with the range more open than shut.

    Weeks in which the range is a capitulation (a bound clipped to the stake) do not count.
    """
    rows = model.rows
    return int(
        sum(
            r["range_open"] > 0.5 and not (r["range_capitulation"] or r["taliban_takeover"])
            for r in rows
        )
    )


SUMMARY_REPORTERS: dict[str, Reporter] = {
    "mean_weekly_fatalities": partial(_mean, "fatalities"),
    "total_civilian_casualties": _total_civilian_casualties,
    "final_negotiation_progress": lambda m: m.negotiation.progress,
    "mean_negotiation_progress": partial(_mean, "negotiation_progress"),
    "weeks_to_ceasefire": lambda m: m.negotiation.first_ceasefire_week(),
    "first_ceasefire_weeks": _first_ceasefire_weeks,
    "ceasefire_held": lambda m: bool(m.negotiation.held(m.steps)),
    "ceasefire_began": lambda m: m.negotiation.first_ceasefire_week() is not None,
    "ceasefire_within_52": lambda m: m.negotiation.ceasefire_within(),
    "ceasefire_episodes": lambda m: sum(e.open_ended for e in m.negotiation.episodes),
    "ceasefire_breaks_taliban": partial(_breaks, "taliban"),
    "ceasefire_breaks_government": partial(_breaks, "government"),
    "truce_count": lambda m: sum(e.pause == "truce" for e in m.negotiation.episodes),
    "max_agenda_items": _max_agenda_items,
    "weeks_range_open": _weeks_range_open,
    "leadership_keeps_deals": lambda m: bool(m.negotiation.keeps_deals),
    "taliban_takeover": lambda m: bool(m.takeover),
    "weeks_to_takeover": _weeks_to_takeover,
    "first_capital_week": _first_capital_week,
    "mean_pakistan_pressure": partial(_mean, "pakistan_pressure"),
}
"""Reporter of each summary column of ``runs.csv`` and ``run.json`` (declared, with units, in
:data:`ceasefire.model.outputs.SUMMARY_COLUMNS`); ``None`` is a missing value."""


def run_summary(model: CeasefireModel) -> dict[str, Any]:
    """The run's summaries, keyed by column name, in the order of ``runs.csv``."""
    return {name: report(model) for name, report in SUMMARY_REPORTERS.items()}
