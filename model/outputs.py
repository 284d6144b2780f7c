"""Output tables: the one source of truth for column names, types, units and meanings.

Writers, the codebook and the tests read these declarations; a column that is written must be
declared here. Names are snake_case, at most 32 characters (Stata's limit).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ceasefire.model.mechanisms import SWITCH_PREFIX
from ceasefire.model.parameters import AUTO, PARAMETERS, Parameter


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
    """

    name: str
    type: str
    unit: str
    description: str
    values: tuple = ()
    decimals: int | None = None


def csv_name(parameter: str) -> str:
    """Column name of a parameter: its own name, ``pakistan_pressure_set`` for the setting.

    The column ``pakistan_pressure`` holds the pressure actually in force; a mechanism switch
    ``mechanisms.<name>`` is written as ``mech_<name>``.
    """
    if parameter == "pakistan_pressure":
        return "pakistan_pressure_set"
    if parameter.startswith(SWITCH_PREFIX):
        return "mech_" + parameter.removeprefix(SWITCH_PREFIX)
    return parameter


def csv_value(value: Any) -> Any:
    """A parameter value as written to CSV: empty for ``auto`` and ``none``, 0/1 for switches."""
    if isinstance(value, bool):
        return int(value)
    return None if value is None or value == AUTO else value


def decimal_places(columns: tuple[Column, ...]) -> dict[str, int]:
    """The declared decimals of the columns that are rounded, by name."""
    return {c.name: c.decimals for c in columns if c.decimals is not None}


def rounded(row: dict[str, Any], columns: tuple[Column, ...]) -> dict[str, Any]:
    """``row`` with each value of a column that declares ``decimals`` rounded to them."""
    places = decimal_places(columns)
    return {
        name: round(value, places[name]) if name in places and value is not None else value
        for name, value in row.items()
    }


def parameter_column(spec: Parameter, role: str) -> Column:
    """The documented column of parameter ``spec``; ``role`` starts the description."""
    description = f"{role}: {spec.description}"
    if spec.kind == "choice":
        return Column(spec.name, "string", spec.unit, description, spec.choices)
    if spec.kind == "switch":
        return Column(csv_name(spec.name), "boolean", spec.unit, description, (0, 1))
    if spec.kind == "pressure":
        return Column(csv_name(spec.name), "number", spec.unit, f"{description}; empty = auto")
    if spec.kind == "week":
        return Column(spec.name, "integer", spec.unit, f"{description}; empty = troops stay")
    return Column(spec.name, "integer" if spec.kind == "int" else "number", spec.unit, description)


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
        "ceasefire", "boolean", "-", "1 if a cease-fire was in force at the end of the week", (0, 1)
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
    Column("mean_weekly_fatalities", "number", "people/week", "Mean of fatalities over the weeks"),
    Column("total_civilian_casualties", "integer", "people", "Sum of civilian_casualties"),
    Column("final_negotiation_progress", "number", "1", "Negotiation progress after the last week"),
    Column("mean_negotiation_progress", "number", "1", "Mean negotiation progress over the weeks"),
    Column(
        "weeks_to_ceasefire",
        "integer",
        "week",
        "Week in which the first cease-fire began; empty = none",
    ),
    Column(
        "ceasefire_held",
        "boolean",
        "-",
        "1 if a cease-fire lasted at least 26 weeks by the end of the run",
        (0, 1),
    ),
    Column(
        "ceasefire_began",
        "boolean",
        "-",
        "1 if a cease-fire began during the run (its mean over runs estimates the probability)",
        (0, 1),
    ),
    Column("taliban_takeover", "boolean", "-", "1 if the government collapsed", (0, 1)),
    Column(
        "weeks_to_takeover",
        "integer",
        "week",
        "Week in which the government collapsed; empty = it did not",
    ),
    Column("mean_pakistan_pressure", "number", "1", "Mean Pakistani pressure in force"),
)

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
        csv_name(spec.name),
        "string" if spec.kind == "choice" else "number",
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


# --------------------------------------------------------------------------- derived tables
def with_interval(name: str, unit: str, description: str) -> tuple[Column, ...]:
    """A mean over runs and the bounds of its 95% interval (``name``, ``_low``, ``_high``)."""
    return (
        Column(name, "number", unit, description),
        Column(f"{name}_low", "number", unit, f"Lower bound of the 95% interval of {name}"),
        Column(f"{name}_high", "number", unit, f"Upper bound of the 95% interval of {name}"),
    )


COMPARISON_COLUMNS: tuple[Column, ...] = (
    Column("scenario", "string", "-", "Scenario name (preset or file)"),
    Column("runs", "integer", "-", "Successful runs of the scenario"),
    *with_interval(
        "mean_weekly_fatalities", "people/week", "Mean over runs of mean weekly fatalities (t)"
    ),
    *with_interval(
        "total_civilian_casualties", "people", "Mean over runs of civilian casualties (t)"
    ),
    *with_interval(
        "final_negotiation_progress", "1", "Mean over runs of the final negotiation progress (t)"
    ),
    *with_interval(
        "ceasefire_within_52",
        "1",
        "Share of runs with a cease-fire that began by week 52 (Wilson interval)",
    ),
    *with_interval(
        "fatalities_vs_first",
        "people/week",
        "Mean paired difference in mean weekly fatalities from the first scenario (paired t)",
    ),
)

PATTERN_COLUMNS: tuple[Column, ...] = (
    Column("pattern", "string", "-", "The pattern the statistic belongs to"),
    Column("statistic", "string", "-", "What is measured, with its unit"),
    *with_interval("mean", "-", "Mean of the statistic over replications (t interval)"),
    Column("runs", "integer", "-", "Replications the statistic was computed from"),
    Column("reference", "string", "-", "The real-world value or expectation"),
    Column("source", "string", "-", "Where the reference comes from"),
    Column("tolerance", "string", "-", "The rule that decides passed; empty = descriptive row"),
    Column("passed", "boolean", "-", "Whether the rule holds; empty for descriptive rows"),
    Column("tuned", "string", "-", "Parameter tuned to this pattern; empty if none"),
)

LEVER_EFFECT_COLUMNS: tuple[Column, ...] = (
    Column("contrast", "string", "-", "Lever moved from low to high, with any context"),
    Column("claim", "string", "-", "The claim tested, with its hypothesis id (ODD 1.2)"),
    Column("measure", "string", "-", "The outcome (a runs.csv summary or early_fatalities)"),
    Column("low_arm", "number", "-", "Mean of the measure in the low arm"),
    Column("high_arm", "number", "-", "Mean of the measure in the high arm"),
    *with_interval("effect", "-", "Mean paired difference high - low (paired t interval)"),
    Column("pairs", "integer", "-", "Replications with both arms"),
    Column("expected_sign", "integer", "1", "Sign the brief expects; empty = none", (-1, 1)),
    Column(
        "verdict",
        "string",
        "-",
        "Interval against the expected sign; empty without an expectation",
        ("as expected", "opposite", "no clear effect"),
    ),
    Column(
        "basis",
        "string",
        "-",
        "Where the effect's sign comes from: by construction (a term of Pakistan's utility), "
        "ratio of constants, assumption (a parameter), or emergent (through the agents); only "
        "emergent effects are evidence about the article's claims",
        ("by construction", "ratio of constants", "assumption", "emergent"),
    ),
)

EVENT_SIZE_FIT_COLUMNS: tuple[Column, ...] = (
    Column("run_id", "integer", "-", "Run identifier"),
    Column("alpha", "number", "1", "Power-law exponent (discrete MLE above xmin)"),
    Column("xmin", "number", "people", "Lower bound of the tail (minimum KS distance)"),
    Column("tail_events", "integer", "-", "Events with at least xmin deaths"),
    Column("r_lognormal", "number", "1", "Normalised log-likelihood ratio, power law vs lognormal"),
    Column("p_lognormal", "number", "1", "Significance of the sign of r_lognormal"),
    Column("r_stretched", "number", "1", "Same, power law vs stretched exponential"),
    Column("p_stretched", "number", "1", "Significance of the sign of r_stretched"),
)

MONTHLY_PROFILE_COLUMNS: tuple[Column, ...] = (
    Column("month", "integer", "-", "Calendar month, 1-12"),
    *with_interval(
        "fatalities", "people/week", "Mean weekly fatalities in the month during the war (t)"
    ),
    Column("runs", "integer", "-", "Runs with war weeks in the month"),
)

_LEVEL_COLUMNS: tuple[Column, ...] = (
    Column("level", "string", "-", "Level label: the value, a quantile bin, or all"),
    Column(
        "level_value",
        "number",
        "-",
        "Numeric position of the level (its value, or the mean of a bin); empty if not numeric",
    ),
)
_MEAN_COLUMNS: tuple[Column, ...] = (
    Column("n", "integer", "-", "Runs (or run-weeks) behind the mean"),
    Column("mean", "number", "-", "Mean of the output (unit of the output)"),
    Column("low", "number", "-", "Lower bound of the 95% interval"),
    Column("high", "number", "-", "Upper bound of the 95% interval"),
)
LEVER_CHANGE_COLUMNS: tuple[Column, ...] = (
    Column("step", "integer", "week", "First week in which the new value is in force"),
    Column("lever", "string", "-", "The lever changed"),
    Column("old", "string", "-", "Value before the change (empty = none, e.g. US troops stay)"),
    Column("new", "string", "-", "Value after the change (empty = none)"),
    Column("source", "string", "-", "live (dashboard) or timeline", ("live", "timeline")),
)

PLOT_TABLES: dict[str, tuple[Column, ...]] = {
    "plots/violence_vs_negotiation": (
        Column("kind", "string", "-", "run, or level_mean (a level's mean)", ("run", "level_mean")),
        Column("run_id", "integer", "-", "Run identifier; empty for level means"),
        Column("color_lever", "string", "-", "Lever that colours the runs; empty if none"),
        *_LEVEL_COLUMNS,
        Column("n", "integer", "-", "Runs behind the row"),
        *with_interval("final_negotiation_progress", "1", "Final negotiation progress (t)"),
        *with_interval("mean_weekly_fatalities", "people/week", "Mean weekly fatalities (t)"),
    ),
    "plots/lever_effects": (
        Column("factor", "string", "-", "The lever"),
        *_LEVEL_COLUMNS,
        Column("binned", "boolean", "-", "1 if the levels are quantile bins", (0, 1)),
        Column("bin_low", "number", "-", "Smallest lever value in the bin; empty if not binned"),
        Column("bin_high", "number", "-", "Largest lever value in the bin; empty if not binned"),
        Column("output", "string", "-", "The runs.csv output"),
        Column("interval", "string", "-", "t (means) or wilson (shares)", ("t", "wilson")),
        *_MEAN_COLUMNS,
    ),
    "plots/timeseries": (
        Column("color_lever", "string", "-", "Lever that groups the runs; empty if none"),
        *_LEVEL_COLUMNS,
        Column("step", "integer", "week", "Week of the run"),
        Column("date", "date", "-", "First day of the week"),
        Column("output", "string", "-", "The steps.csv column"),
        *_MEAN_COLUMNS,
    ),
    "plots/heatmap": (
        Column("lever_x", "string", "-", "Lever on the x axis"),
        Column("level_x", "string", "-", "Its level"),
        Column("lever_y", "string", "-", "Lever on the y axis"),
        Column("level_y", "string", "-", "Its level"),
        Column("output", "string", "-", "The runs.csv output"),
        *_MEAN_COLUMNS,
    ),
    "sensitivity_sobol": (
        Column("output", "string", "-", "The runs.csv output analysed"),
        Column("parameter", "string", "-", "The varied parameter"),
        Column("s1", "number", "1", "First-order Sobol' index"),
        Column("s1_conf", "number", "1", "Half-width of the 95% bootstrap interval of s1"),
        Column("st", "number", "1", "Total-order Sobol' index"),
        Column("st_conf", "number", "1", "Half-width of the 95% bootstrap interval of st"),
        Column(
            "note",
            "string",
            "-",
            "Why indices are empty (constant output, output missing), or that they are "
            "imprecise (a 95% interval wider than 0..1) and which --samples to use",
        ),
    ),
    "sensitivity_morris": (
        Column("output", "string", "-", "The runs.csv output analysed"),
        Column("parameter", "string", "-", "The varied parameter"),
        Column("mu", "number", "-", "Mean elementary effect (output unit per factor range)"),
        Column("mu_star", "number", "-", "Mean absolute elementary effect"),
        Column("mu_star_conf", "number", "-", "Half-width of the 95% bootstrap interval"),
        Column("sigma", "number", "-", "Standard deviation of the elementary effects"),
        Column(
            "note",
            "string",
            "-",
            "Remarks: constant output, or imprecise (mu_star's 95% interval reaches below 0) "
            "and which --samples to use",
        ),
    ),
}
"""Tables of ``ceasefire plot`` (in ``plots/``) and ``ceasefire analyze``, keyed by path stem."""

ABLATION_COLUMNS: tuple[Column, ...] = (
    Column(
        "arm",
        "string",
        "-",
        "baseline (all mechanisms on), off:<m> (m off), only:<m> (every other pressure-chain "
        "mechanism off), chain_off (all chain mechanisms off), sum_of_only (sum of the only arms)",
    ),
    Column(
        "quantity",
        "string",
        "-",
        "arm_vs_baseline: the arm's output minus the baseline's under Pakistan's own choice; "
        "pressure_effect: the output at fixed pressure 1 minus at 0, within the arm",
        ("arm_vs_baseline", "pressure_effect"),
    ),
    Column("output", "string", "-", "The output (a runs.csv column, or early_fatalities)"),
    Column("estimate", "number", "output unit", "Mean paired difference over replications"),
    Column("estimate_low", "number", "output unit", "Lower bound of the 95% t interval"),
    Column("estimate_high", "number", "output unit", "Upper bound of the 95% t interval"),
    Column("pairs", "integer", "runs", "Replications with both arms successful"),
    Column(
        "carried",
        "number",
        "output unit",
        "Pressure effect of the baseline minus that of the arm (what the arm's change removes)",
    ),
    Column("carried_low", "number", "output unit", "Lower bound of its 95% t interval"),
    Column("carried_high", "number", "output unit", "Upper bound of its 95% t interval"),
    Column(
        "carried_share",
        "number",
        "1",
        "carried over the baseline's pressure effect (for sum_of_only: the only arms' effects "
        "summed over the baseline's; 1 if the channels add up)",
    ),
    Column(
        "pair_correlation",
        "number",
        "1",
        "Correlation over replications of the runs at pressure 1 and 0 (how well pairs stay "
        "paired)",
    ),
)

DERIVED_DECIMALS = 6
"""Decimal places of every ``number`` column of a derived table."""


def _derived(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """``columns`` with :data:`DERIVED_DECIMALS` declared for their ``number`` columns."""
    return tuple(
        replace(c, decimals=DERIVED_DECIMALS) if c.type == "number" else c for c in columns
    )


DERIVED_TABLES: dict[str, tuple[Column, ...]] = {
    name: _derived(columns)
    for name, columns in {
        "ablation": ABLATION_COLUMNS,
        "comparison": COMPARISON_COLUMNS,
        "patterns": PATTERN_COLUMNS,
        "lever_effects": LEVER_EFFECT_COLUMNS,
        "event_size_fits": EVENT_SIZE_FIT_COLUMNS,
        "monthly_profile": MONTHLY_PROFILE_COLUMNS,
        "lever_changes": LEVER_CHANGE_COLUMNS,
        **PLOT_TABLES,
    }.items()
}
"""Tables computed from runs: compare, validate, plot and analyze, keyed by path stem."""
