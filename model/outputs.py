"""The columns of a run's and a sweep's tables: names, types, units, meanings, rounding.

The model describes what it collects here; the table registry (:mod:`ceasefire.batch.io.tables`)
turns these declarations into tables, and the writers in ``batch/io`` do the formatting
(rounding to the declared decimals, 0/1 for booleans). Tables derived from runs (charts,
comparisons, validation) are declared by the code that writes them. Names are snake_case, at
most 32 characters (Stata's limit).
"""

from __future__ import annotations

from ceasefire.model.columns import (
    LEVER_COLUMNS,
    PARAMETER_COLUMNS,
    Column,
    csv_name,
    csv_row,
    parameter_column,
)
from ceasefire.model.parameters import PARAMETERS, Parameter
from ceasefire.model.step_columns import STEP_COLUMNS

__all__ = [
    "CELL_COLUMNS",
    "DESIGN_COLUMNS",
    "DISTRICT_FALL_COLUMNS",
    "DISTRICT_WEEK_COLUMNS",
    "EVENT_COLUMNS",
    "LEVER_CHANGE_COLUMNS",
    "LEVER_COLUMNS",
    "PARAMETER_COLUMNS",
    "RUN_COLUMNS",
    "STEP_COLUMNS",
    "SUMMARY_COLUMNS",
    "SWEEP_TABLES",
    "TABLES",
    "Column",
    "csv_name",
    "csv_row",
    "design_column",
    "names",
    "parameter_column",
]

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
        (
            "ground_attack",
            "ied",
            "airstrike",
            "government_raid",
            "complex_attack",
            "spoiler_attack",
            "ttp_attack",
        ),
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
        "first_capital_week",
        "integer",
        "week",
        "Week in which the Taliban first held a provincial capital; empty = never",
        label="First provincial capital lost",
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

FALL_KINDS = (
    "initial",
    "assault",
    "destroyed",
    "deal",
    "desertion",
    "withdrawal",
    "defection",
    "collapse",
    "shock",
)
"""How a district can be lost (docs/ODD.md 7.14)."""
DISTRICT_WEEK_COLUMNS: tuple[Column, ...] = (
    *STEP_COLUMNS[:3],  # run_id, step, date, as in steps.csv
    Column("district_id", "string", "-", "District (AF-XXX-NN, model/data/districts.csv)"),
    Column("district", "string", "-", "District name (AIMS spelling)"),
    Column("province", "string", "-", "Province (as admin1 in events.csv)"),
    Column("is_provincial_capital", "boolean", "-", "1 for the 34 provincial capitals", (0, 1)),
    Column(
        "holder",
        "string",
        "-",
        "Who holds the district centre after this week",
        ("government", "taliban"),
    ),
    Column("fell", "boolean", "-", "1 in the week the government lost the district", (0, 1)),
    Column(
        "fall_kind",
        "string",
        "-",
        "How the government lost it (initial: Taliban-held from the start); empty while held",
        FALL_KINDS,
    ),
    Column(
        "garrison_strength",
        "number",
        "people",
        "Personnel of the district's garrison after this week; empty without one",
        (),
        1,
    ),
    Column("morale", "number", "1", "The garrison's morale, 0-1; empty without one", (), 4),
    Column("supply", "number", "1", "The garrison's stock, 0 (empty) to 1 (full)", (), 4),
    Column("arrears_months", "number", "months", "Months of pay the garrison is owed", (), 4),
    Column(
        "threat",
        "number",
        "fighters",
        "Taliban fighters within reach of the centre, Gaussian-weighted (20 km scale)",
        (),
        1,
    ),
    Column(
        "isolation",
        "number",
        "1",
        "Taliban control around the centre, Gaussian mean (25 km scale), 0-1",
        (),
        4,
    ),
    Column(
        "cascade",
        "number",
        "1",
        "Distance-weighted share of neighbouring districts fallen in recent weeks, 0-1",
        (),
        4,
    ),
    Column(
        "deal_hazard",
        "number",
        "1/week",
        "The garrison's weekly hazard of a surrender deal (docs/ODD.md 7.9)",
        (),
        6,
    ),
    Column("broker_loyal", "boolean", "-", "1 while the province's power-broker is loyal", (0, 1)),
)
"""One row per district and week of a run (``district_weeks.csv``); the garrison's columns are
empty where the government holds no garrison, the hazards are those computed before the
week's deals."""

DISTRICT_FALL_COLUMNS: tuple[Column, ...] = (
    STEP_COLUMNS[0],  # run_id
    *DISTRICT_WEEK_COLUMNS[3:7],  # district_id, district, province, is_provincial_capital
    Column(
        "fall_step",
        "integer",
        "week",
        "Week the government lost the district centre (0: Taliban-held from the start); "
        "empty if the government held it to the end of the run",
    ),
    Column(
        "fall_date",
        "date",
        "-",
        "First day of that week (ISO 8601); empty for a district held from the start or to the end",
    ),
    DISTRICT_WEEK_COLUMNS[9],  # fall_kind
)
"""One row per district of a run (``district_falls.csv``): the chronology of the offensive. A
district centre falls once (the government does not retake centres; ``docs/ODD.md`` 7.14)."""

TABLES: dict[str, tuple[Column, ...]] = {
    "steps": STEP_COLUMNS,
    "events": EVENT_COLUMNS,
    "cells": CELL_COLUMNS,
    "district_weeks": DISTRICT_WEEK_COLUMNS,
    "district_falls": DISTRICT_FALL_COLUMNS,
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
