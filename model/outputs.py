"""Output tables: the one source of truth for column names, types, units and meanings.

Writers, the codebook and the tests read these declarations; a column that is written must be
declared here. Names are snake_case, at most 32 characters (Stata's limit).
"""

from __future__ import annotations

from dataclasses import dataclass

from ceasefire.model.parameters import LEVERS, PARAMETERS_BY_NAME


@dataclass(frozen=True)
class Column:
    """One documented output column.

    Attributes:
        name: column name.
        type: Frictionless Table Schema type (integer, number, string, date, boolean).
        unit: unit of measurement (``1`` for dimensionless, ``-`` for identifiers and labels).
        description: what the column holds.
        values: allowed values, when the column is categorical.
    """

    name: str
    type: str
    unit: str
    description: str
    values: tuple = ()


def _lever_columns() -> tuple[Column, ...]:
    columns = []
    for name in LEVERS:
        spec = PARAMETERS_BY_NAME[name]
        if name == "pakistan_pressure":
            columns.append(
                Column(
                    "pakistan_pressure_set",
                    "number",
                    "1",
                    "Lever in force: fixed Pakistani pressure; empty = auto",
                )
            )
        elif spec.kind == "week":
            columns.append(
                Column(
                    name,
                    "integer",
                    spec.unit,
                    f"Lever in force: {spec.description}; empty = troops stay",
                )
            )
        else:
            columns.append(Column(name, "number", spec.unit, f"Lever in force: {spec.description}"))
    return tuple(columns)


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
    Column("negotiation_progress", "number", "1", "Negotiation progress after this week, 0-1"),
    Column(
        "ceasefire", "boolean", "-", "1 if a cease-fire was in force at the end of the week", (0, 1)
    ),
    Column(
        "pakistan_pressure", "number", "1", "Pakistani pressure on the sanctuaries in force, 0-1"
    ),
    Column(
        "taliban_strength",
        "number",
        "fighters",
        "Taliban fighters in units (recruits not yet formed into units excluded)",
    ),
    Column(
        "andsf_strength", "number", "personnel", "ANDSF personnel in garrisons and mobile units"
    ),
    Column(
        "taliban_control_share",
        "number",
        "1",
        "Share of Afghanistan's population in Taliban-controlled cells",
    ),
    Column("sanctuary_capacity", "number", "1", "Mean capacity of the sanctuaries, 0-1"),
    Column("displaced", "number", "people", "People displaced by violence at the end of the week"),
    Column("campaign_intensity", "number", "1", "Taliban leadership's campaign intensity, 0-1"),
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
    *_lever_columns(),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "integer", "-", "Event identifier, unique within a run"),
    Column("run_id", "integer", "-", "Run identifier"),
    Column("step", "integer", "week", "Week of the event"),
    Column("date", "date", "-", "First day of the week of the event (ISO 8601)"),
    Column("latitude", "number", "degree", "Latitude of the centre of the event's map cell"),
    Column("longitude", "number", "degree", "Longitude of the centre of the event's map cell"),
    Column("priogrid_gid", "integer", "-", "PRIO-GRID 0.5 degree cell id"),
    Column("country", "string", "-", "Country of the event", ("Afghanistan", "Pakistan")),
    Column("admin1", "string", "-", "Province (Afghanistan) or province/region (Pakistan)"),
    Column("type_of_violence", "integer", "-", "UCDP type: 1 state-based, 3 one-sided", (1, 3)),
    Column("side_a", "string", "-", "UCDP side A", ("Government of Afghanistan", "Taleban")),
    Column("side_b", "string", "-", "UCDP side B", ("Taleban", "Civilians")),
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
        ("ground_attack", "ied", "airstrike", "government_raid", "spoiler_attack"),
    ),
    Column("initiator", "string", "-", "Side that initiated the event", ("taliban", "government")),
)

CELL_COLUMNS: tuple[Column, ...] = (
    Column("run_id", "integer", "-", "Run identifier"),
    Column("month_id", "integer", "-", "ViEWS month id: (year - 1980) * 12 + month"),
    Column("priogrid_gid", "integer", "-", "PRIO-GRID 0.5 degree cell id (Afghan cells only)"),
    Column("ged_best_sb", "integer", "people", "Deaths in state-based events (type 1)"),
    Column("ged_best_os", "integer", "people", "Deaths in one-sided events (type 3)"),
    Column("ged_best", "integer", "people", "Deaths in all events"),
    Column("events", "integer", "events", "Number of events"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "steps": STEP_COLUMNS,
    "events": EVENT_COLUMNS,
    "cells": CELL_COLUMNS,
}


def names(columns: tuple[Column, ...]) -> list[str]:
    """Column names in order."""
    return [c.name for c in columns]
