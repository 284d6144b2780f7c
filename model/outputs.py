"""The columns of a run's and a sweep's tables: names, types, units, meanings, rounding.

The model describes what it collects here; the table registry (:mod:`ceasefire.batch.io.tables`)
turns these declarations into tables, and the writers in ``batch/io`` do the formatting
(rounding to the declared decimals, 0/1 for booleans). Tables derived from runs (charts,
comparisons, validation) are declared by the code that writes them. Names are snake_case, at
most 32 characters (Stata's limit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ceasefire.model.parameters import PARAMETERS, PARAMETERS_BY_NAME, Parameter, lookup


@dataclass(frozen=True)
class Column:
    """One documented output column.

    Attributes:
        name: column name.
        type: Frictionless Table Schema type (integer, number, string, date, boolean).
        unit: unit of measurement (``1`` for dimensionless, ``-`` for identifiers and labels).
        description: what the column holds.
        values: allowed values, when the column is categorical.
        decimals: decimal places the writer rounds a ``number`` column to (``None``: not
            rounded, written as the shortest text that reads back to the same double).
        label: plain label for people who have not read the codebook (the dashboard's run
            summary); empty for columns no screen shows.
    """

    name: str
    type: str
    unit: str
    description: str
    values: tuple = ()
    decimals: int | None = None
    label: str = ""


def csv_name(parameter: str) -> str:
    """Column name of a parameter: its own name, ``pakistan_pressure_set`` for the setting.

    The column ``pakistan_pressure`` holds the pressure actually in force; a mechanism switch
    ``mechanisms.<name>`` is written as ``mech_<name>`` (:meth:`Parameter.column`). A name that
    is no parameter is its own column.
    """
    spec = PARAMETERS_BY_NAME.get(parameter)
    return parameter if spec is None else spec.column


def csv_row(values: Mapping[str, Any]) -> dict[str, Any]:
    """Parameter values as written to CSV, by column name.

    Empty (``None``) for ``auto`` and ``none``, 0/1 for switches (:meth:`Parameter.csv_value`).
    """
    return {lookup(name).column: lookup(name).csv_value(value) for name, value in values.items()}


def parameter_column(spec: Parameter, role: str) -> Column:
    """The documented column of parameter ``spec``; ``role`` starts the description."""
    kind = spec.kind
    description = f"{role}: {spec.description}{kind.note}"
    return Column(spec.column, kind.schema_type, spec.unit, description, kind.values(spec))


LEVER_COLUMNS = tuple(parameter_column(p, "Lever in force") for p in PARAMETERS if p.lever)
PARAMETER_COLUMNS = tuple(parameter_column(p, "Parameter at the start") for p in PARAMETERS)


STEP_COLUMNS: tuple[Column, ...] = (
    Column("run_id", "integer", "-", "Run identifier"),
    Column("step", "integer", "week", "Week of the run, 1 = the week from 12 Feb 2021"),
    Column("date", "date", "-", "First day of the week (ISO 8601)"),
    Column(
        "violent_events",
        "integer",
        "events",
        "Violent events this week (rows of events.csv, non-fatal ones included)",
    ),
    Column("fatalities", "integer", "people", "Deaths in all events this week (sum of best)"),
    Column(
        "civilian_casualties",
        "integer",
        "people",
        "Civilians killed or injured this week (UNAMA definition)",
    ),
    Column(
        "negotiation_progress", "number", "1", "Negotiation progress after this week, 0-1", (), 6
    ),
    Column(
        "ceasefire",
        "boolean",
        "-",
        "1 if an open-ended or permanent cease-fire was in force this week (truces and the "
        "reduction in violence are in pause_kind)",
        (0, 1),
    ),
    Column(
        "agenda_items",
        "integer",
        "items",
        "Agenda items agreed after this week, 0-6 (negotiation_progress = agenda_items / 6)",
    ),
    Column("items_agreed", "integer", "items", "Agenda items agreed this week"),
    Column("items_retracted", "integer", "items", "Agenda items retracted this week"),
    Column(
        "truce_days", "integer", "days", "Days of a truce or cease-fire in force this week, 0-7"
    ),
    Column(
        "pause_kind",
        "string",
        "-",
        "Pause in force this week: truce (Eid), riv (reduction in violence), ceasefire "
        "(open-ended), permanent (agenda item 6); empty = none",
        ("truce", "riv", "ceasefire", "permanent"),
    ),
    Column(
        "taliban_fall_belief",
        "number",
        "1/week",
        "The Taliban leadership's mean weekly hazard that a government garrison falls, for the "
        "regime in force (with or without US air support)",
        (),
        6,
    ),
    Column(
        "government_fall_belief",
        "number",
        "1/week",
        "The government's mean weekly hazard that one of its garrisons falls (regime in force)",
        (),
        6,
    ),
    Column(
        "taliban_expected_share",
        "number",
        "1",
        "F_T: discounted flow of the Taliban-controlled share the Taliban expect, 0-1",
        (),
        6,
    ),
    Column(
        "government_expected_share",
        "number",
        "1",
        "F_G: discounted flow of the Taliban-controlled share the government expects, 0-1",
        (),
        6,
    ),
    Column(
        "taliban_war_cost",
        "number",
        "1",
        "kappa_T: the Taliban's cost of war in stake units (share of the country as a flow)",
        (),
        6,
    ),
    Column(
        "government_war_cost",
        "number",
        "1",
        "kappa_G: the government's cost of war in stake units",
        (),
        6,
    ),
    Column(
        "bargaining_surplus",
        "number",
        "1",
        "S: the sides' expected costs of war less their optimism gap (Fearon)",
        (),
        6,
    ),
    Column(
        "commitment_gap",
        "number",
        "1",
        "Gamma: the largest discounted rise of the Taliban's war value the government "
        "foresees (Powell)",
        (),
        6,
    ),
    Column("range_width", "number", "1", "w = S - Gamma: width of the bargaining range", (), 6),
    Column(
        "range_open",
        "number",
        "1",
        "O: probability under the sides' uncertainty that the range is open, 0-1",
        (),
        6,
    ),
    Column(
        "range_capitulation",
        "boolean",
        "-",
        "1 if the bargaining range is clipped to the stake [0, 1]: a side's war is worth less "
        "than conceding everything (e.g. the government during its collapse)",
        (0, 1),
    ),
    Column("ripeness", "number", "1", "R: mutual ripeness (hurting stalemate), 0-1", (), 6),
    Column(
        "government_trust",
        "number",
        "1",
        "The government's probability that the Taliban leadership keeps deals, 0-1",
        (),
        6,
    ),
    Column(
        "hardliner_weight",
        "number",
        "1",
        "The hardliners' weight in the Taliban leadership after this week, 0-1",
        (),
        6,
    ),
    Column(
        "pakistan_pressure",
        "number",
        "1",
        "Pakistani pressure on the sanctuaries in force this week, 0-1 (Pakistan's choice "
        "under auto; the setting is pakistan_pressure_set)",
        (),
        6,
    ),
    Column(
        "taliban_strength",
        "number",
        "fighters",
        "Taliban fighters in units (recruits not yet formed into units and part-timers at home "
        "excluded); an expected value, fractional because combat removes expected losses",
        (),
        2,
    ),
    Column(
        "fighters_at_home",
        "number",
        "fighters",
        "Part-time Taliban fighters at home for the harvest or the winter (not in "
        "taliban_strength; mechanisms.part_time_fighters); an expected value, fractional",
        (),
        2,
    ),
    Column(
        "andsf_strength",
        "number",
        "personnel",
        "ANDSF personnel in garrisons and mobile units; an expected value, fractional",
        (),
        2,
    ),
    Column(
        "taliban_control_share",
        "number",
        "1",
        "Share of Afghanistan's population in Taliban-controlled cells",
        (),
        6,
    ),
    Column(
        "sanctuary_capacity",
        "number",
        "1",
        "Mean capacity of the sanctuaries, 0-1",
        (),
        6,
    ),
    Column(
        "displaced",
        "number",
        "people",
        "People displaced by violence at the end of the week; an expected value, fractional",
        (),
        1,
    ),
    Column(
        "taliban_posture",
        "number",
        "1",
        "Taliban leadership's posture (how readily units attack), 0-1; no pressure term",
        (),
        6,
    ),
    Column(
        "command_capacity",
        "number",
        "1",
        "Taliban leadership's coordination capacity (commanders in place over those needed), 0-1",
        (),
        6,
    ),
    Column(
        "commanders_arrested",
        "integer",
        "people",
        "Taliban commanders arrested or expelled in Pakistan this week",
    ),
    Column(
        "mean_fatigue",
        "number",
        "1",
        "Mean fatigue of Taliban units, 0-1",
        (),
        6,
    ),
    Column(
        "border_crossings",
        "integer",
        "units",
        "Taliban units that crossed the Durand Line this week (either way)",
    ),
    Column(
        "fighters_detained",
        "number",
        "fighters",
        "Taliban fighters detained at the border this week (expected value)",
        (),
        2,
    ),
    Column(
        "pakistan_target",
        "number",
        "1",
        "Pressure Pakistan's calculation favours this week (pressure moves toward it), 0-1",
        (),
        6,
    ),
    Column(
        "us_credibility",
        "number",
        "1",
        "Pakistan's belief that Washington pays the rewards it owes, 0-1",
        (),
        6,
    ),
    Column(
        "us_threat_credibility",
        "number",
        "1",
        "Pakistan's belief that a designation threat is meant, 0-1",
        (),
        6,
    ),
    Column("us_review", "boolean", "-", "1 in a week in which Washington reviewed results", (0, 1)),
    Column(
        "us_paid",
        "boolean",
        "-",
        "1 if Washington paid the offered rewards at this week's review",
        (0, 1),
    ),
    Column(
        "pakistan_designated",
        "boolean",
        "-",
        "1 once Washington has designated Pakistan a state sponsor of terrorism (mechanisms."
        "designation; never lifted within a run)",
        (0, 1),
    ),
    Column("ttp_attacks", "integer", "events", "TTP attacks in Pakistan this week"),
    Column("ttp_deaths", "integer", "people", "Deaths in TTP attacks in Pakistan this week"),
    Column(
        "ttp_fighters",
        "number",
        "fighters",
        "TTP fighters",
        (),
        1,
    ),
    Column("us_troops_present", "boolean", "-", "1 while US troops are in Afghanistan", (0, 1)),
    Column("taliban_deaths", "integer", "people", "Taliban fighters killed this week"),
    Column("andsf_deaths", "integer", "people", "ANDSF personnel killed this week"),
    Column(
        "garrisons_lost",
        "integer",
        "garrisons",
        "ANDSF garrisons (district centres and cities) overrun or surrendered this week, "
        "including those that give up when the government collapses",
    ),
    Column("spoiler_attacks", "integer", "events", "High-profile attacks by hardliners this week"),
    Column("taliban_takeover", "boolean", "-", "1 once the government has collapsed", (0, 1)),
    *LEVER_COLUMNS,
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "integer", "-", "Event identifier, unique within a run"),
    Column("run_id", "integer", "-", "Run identifier"),
    Column("step", "integer", "week", "Week of the event"),
    Column(
        "date_start",
        "date",
        "-",
        "Earliest possible day of the event (UCDP GED): the first day of its week (ISO 8601)",
    ),
    Column(
        "date_end",
        "date",
        "-",
        "Latest possible day of the event (UCDP GED): the last day of its week, date_start + 6",
    ),
    Column(
        "date_prec",
        "integer",
        "-",
        "UCDP GED date precision: always 3 (only the week is known)",
        (3,),
    ),
    Column(
        "latitude",
        "number",
        "degree",
        "Latitude of the centre of the event's map cell",
        (),
        4,
    ),
    Column(
        "longitude", "number", "degree", "Longitude of the centre of the event's map cell", (), 4
    ),
    Column("priogrid_gid", "integer", "-", "PRIO-GRID 0.5 degree cell id"),
    Column("country", "string", "-", "Country of the event", ("Afghanistan", "Pakistan")),
    Column("admin1", "string", "-", "Province (Afghanistan) or province/region (Pakistan)"),
    Column(
        "district_id",
        "string",
        "-",
        "District of the event's cell (AF-XXX-NN, model/data/districts.csv); empty in Pakistan",
    ),
    Column("type_of_violence", "integer", "-", "UCDP type: 1 state-based, 3 one-sided", (1, 3)),
    Column(
        "side_a",
        "string",
        "-",
        "UCDP side A",
        ("Government of Afghanistan", "Taleban", "Government of Pakistan", "TTP"),
    ),
    Column("side_b", "string", "-", "UCDP side B", ("Taleban", "Civilians", "TTP")),
    Column("deaths_a", "integer", "people", "Deaths of side A"),
    Column("deaths_b", "integer", "people", "Deaths of side B"),
    Column("deaths_civilians", "integer", "people", "Civilian deaths"),
    Column("deaths_unknown", "integer", "people", "Deaths of unknown affiliation (always 0 here)"),
    Column(
        "best",
        "integer",
        "people",
        "Best estimate of total deaths; 0 for events that only injured civilians "
        "(keep best >= 1 to compare with UCDP GED)",
    ),
    Column("civilians_injured", "integer", "people", "Civilians injured"),
    Column(
        "event_kind",
        "string",
        "-",
        "Mechanism that produced the event",
        ("ground_attack", "ied", "airstrike", "government_raid", "spoiler_attack", "ttp_attack"),
    ),
    Column(
        "initiator",
        "string",
        "-",
        "Side that initiated the event",
        ("taliban", "government", "ttp"),
    ),
)

_SPLIT = (
    "; each week's events are split over the days of the months it covers (k days of a "
    "week in a month count k/7), so this is an expected value, fractional at month edges"
)
CELL_COLUMNS: tuple[Column, ...] = (
    Column("run_id", "integer", "-", "Run identifier"),
    Column("month_id", "integer", "-", "ViEWS month id: (year - 1980) * 12 + month"),
    Column("priogrid_gid", "integer", "-", "PRIO-GRID 0.5 degree cell id (Afghan cells only)"),
    Column(
        "days_covered",
        "integer",
        "days",
        "Days of the calendar month inside the simulated weeks (fewer than the month's days "
        "in the first and last month): divide by it to compare rates",
    ),
    Column(
        "ged_best_sb", "number", "people", f"Deaths in state-based events (type 1){_SPLIT}", (), 6
    ),
    Column(
        "ged_best_os", "number", "people", f"Deaths in one-sided events (type 3){_SPLIT}", (), 6
    ),
    Column(
        "ged_best",
        "number",
        "people",
        f"Deaths in all events{_SPLIT}",
        (),
        6,
    ),
    Column(
        "events",
        "number",
        "events",
        f"Number of events{_SPLIT}",
        (),
        6,
    ),
)

SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column(
        "mean_weekly_fatalities",
        "number",
        "people/week",
        "Mean of fatalities over the weeks",
        label="Fatalities (mean per week)",
    ),
    Column(
        "total_civilian_casualties",
        "integer",
        "people",
        "Sum of civilian_casualties",
        label="Civilian casualties (total)",
    ),
    Column(
        "final_negotiation_progress",
        "number",
        "1",
        "Negotiation progress after the last week",
        label="Negotiation progress (at the end)",
    ),
    Column(
        "mean_negotiation_progress",
        "number",
        "1",
        "Mean negotiation progress over the weeks",
        label="Negotiation progress (mean)",
    ),
    Column(
        "weeks_to_ceasefire",
        "integer",
        "week",
        "Week in which the first open-ended or permanent cease-fire began; empty = none",
        label="First cease-fire",
    ),
    Column(
        "first_ceasefire_weeks",
        "integer",
        "weeks",
        "Weeks the first cease-fire lasted (to the end of the run if still in force); empty = none",
        label="Weeks the first cease-fire lasted",
    ),
    Column(
        "ceasefire_held",
        "boolean",
        "-",
        "1 if a cease-fire lasted at least 26 weeks by the end of the run",
        (0, 1),
        label="A cease-fire held 26 weeks",
    ),
    Column(
        "ceasefire_began",
        "boolean",
        "-",
        "1 if a cease-fire began during the run (its mean over runs estimates the probability)",
        (0, 1),
        label="A cease-fire began",
    ),
    Column(
        "ceasefire_within_52",
        "boolean",
        "-",
        "1 if a cease-fire began in weeks 1-52",
        (0, 1),
        label="A cease-fire began in the first year",
    ),
    Column(
        "ceasefire_episodes",
        "integer",
        "cease-fires",
        "Open-ended or permanent cease-fires",
        label="Cease-fires",
    ),
    Column(
        "ceasefire_breaks_taliban",
        "integer",
        "cease-fires",
        "Open-ended or permanent cease-fires that the Taliban broke",
        label="Cease-fires the Taliban broke",
    ),
    Column(
        "ceasefire_breaks_government",
        "integer",
        "cease-fires",
        "Open-ended or permanent cease-fires that the government broke",
        label="Cease-fires the government broke",
    ),
    Column("truce_count", "integer", "truces", "Eid truces during the run", label="Eid truces"),
    Column(
        "max_agenda_items",
        "integer",
        "items",
        "Most agenda items agreed at once, 0-6",
        label="Most agenda items agreed (of 6)",
    ),
    Column(
        "weeks_range_open",
        "integer",
        "weeks",
        "Weeks before the government's collapse in which the bargaining range was more likely "
        "open than shut (range_open > 0.5), not counting capitulation weeks "
        "(range_capitulation 1)",
        label="Weeks a deal was within reach",
    ),
    Column(
        "leadership_keeps_deals",
        "boolean",
        "-",
        "1 if the Taliban leadership's latent type keeps deals (drawn once per run with "
        "probability TRUST_PRIOR; the government does not see it)",
        (0, 1),
        label="The Taliban leadership keeps deals",
    ),
    Column(
        "taliban_takeover",
        "boolean",
        "-",
        "1 if the government collapsed",
        (0, 1),
        label="Government collapsed",
    ),
    Column(
        "weeks_to_takeover",
        "integer",
        "week",
        "Week in which the government collapsed; empty = it did not",
        label="Collapse of the government",
    ),
    Column(
        "mean_pakistan_pressure",
        "number",
        "1",
        "Mean Pakistani pressure in force",
        label="Pakistan's pressure (mean)",
    ),
)
"""The summary of a run (``run.json``, ``runs.csv``); each ``label`` is the dashboard's."""

RUN_COLUMNS: tuple[Column, ...] = (
    Column("run_id", "integer", "-", "Run identifier (design_point * reps + replication)"),
    Column(
        "scenario",
        "string",
        "-",
        "Scenario the run starts from: a preset's name, or a scenario file's name (its file "
        "name without one); in a comparison, one scenario per design point",
    ),
    Column("design_point", "integer", "-", "Index of the design point (row of design.csv)"),
    Column("replication", "integer", "-", "Replication number at the design point, from 0"),
    Column(
        "seed",
        "integer",
        "-",
        "Seed of the run: the same for a replication at every design point (< 2**53)",
    ),
    *PARAMETER_COLUMNS,
    *SUMMARY_COLUMNS,
    Column("status", "string", "-", "ok, or error if the run raised", ("ok", "error")),
    Column("error", "string", "-", "Error message of a failed run; empty if ok"),
)


def design_column(spec: Parameter) -> Column:
    """The ``design.csv`` column of parameter ``spec`` (named as in ``runs.csv``)."""
    return Column(
        spec.column,
        spec.kind.design_type,
        spec.unit,
        f"{spec.description}, as the design drew it (unrounded for sampled designs; runs.csv "
        "holds the value used; empty = auto or none)",
        spec.choices,
    )


DESIGN_COLUMNS: tuple[Column, ...] = (
    Column("design_point", "integer", "-", "Design point (design_point in runs.csv)"),
    *(design_column(p) for p in PARAMETERS),
)
"""The possible columns of a sweep's ``design.csv``: ``design_point``, then one column per
varied parameter only, in the order of the design's factors."""

TABLES: dict[str, tuple[Column, ...]] = {
    "steps": STEP_COLUMNS,
    "events": EVENT_COLUMNS,
    "cells": CELL_COLUMNS,
}
"""The tables of one run (``ceasefire run``)."""
SWEEP_TABLES: dict[str, tuple[Column, ...]] = {"runs": RUN_COLUMNS, **TABLES}
"""The tables of a sweep: one row per run in ``runs.csv``, then the per-run tables."""


def names(columns: tuple[Column, ...]) -> list[str]:
    """Column names in order."""
    return [c.name for c in columns]


# --------------------------------------------------------------------------- a run's lever log
LEVER_CHANGE_COLUMNS: tuple[Column, ...] = (
    Column("step", "integer", "week", "First week in which the new value is in force"),
    Column("lever", "string", "-", "The lever changed"),
    Column("old", "string", "-", "Value before the change (empty = none, e.g. US troops stay)"),
    Column("new", "string", "-", "Value after the change (empty = none)"),
    Column("source", "string", "-", "live (dashboard) or timeline", ("live", "timeline")),
)
"""The lever changes of a run (its ``lever_log``), as the dashboard's download writes them."""
