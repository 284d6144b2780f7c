"""The tables that ``plot``, ``analyze`` and ``compare`` write, declared where they are written.

Importing this module registers them (:func:`ceasefire.batch.io.tables.register`); the chart,
sensitivity and comparison modules import it, and so does the full catalogue
(:mod:`ceasefire.batch.cli.catalogue`) that the codebook is generated from.
"""

from __future__ import annotations

from ceasefire.batch.io.tables import Table, derived, register, with_interval
from ceasefire.model.outputs import Column

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
        "ceasefire_held",
        "1",
        "Share of runs with a cease-fire that lasted 26 weeks (Wilson interval)",
    ),
    *with_interval(
        "fatalities_vs_first",
        "people/week",
        "Mean paired difference in mean weekly fatalities from the first scenario (paired t)",
    ),
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

TABLES: dict[str, Table] = register(
    Table(
        "comparison",
        derived(COMPARISON_COLUMNS),
        ("scenario",),
        "One row per scenario of a comparison: means over its runs with 95% intervals, and the "
        "paired difference from the first scenario.",
        "scenario",
        "`ceasefire compare`",
    ),
    Table(
        "plots/violence_vs_negotiation",
        derived(
            (
                Column(
                    "kind",
                    "string",
                    "-",
                    "run, or level_mean (a level's mean)",
                    ("run", "level_mean"),
                ),
                Column("run_id", "integer", "-", "Run identifier; empty for level means"),
                Column("color_lever", "string", "-", "Lever that colours the runs; empty if none"),
                Column(
                    "stratum",
                    "string",
                    "-",
                    "Panel: the run's levels of the stratifying factors (a=1, b=none), "
                    "or 'all runs'",
                ),
                *_LEVEL_COLUMNS,
                Column("n", "integer", "-", "Runs behind the row"),
                *with_interval("final_negotiation_progress", "1", "Final negotiation progress (t)"),
                *with_interval(
                    "mean_weekly_fatalities", "people/week", "Mean weekly fatalities (t)"
                ),
            )
        ),
        (),
        "The numbers of the chart violence_vs_negotiation.png: one row per run, then one per "
        "stratum (panel) and level of the colour lever with the means of both axes.",
        "run, or stratum and level of the colour lever",
        "`ceasefire plot`",
    ),
    Table(
        "plots/lever_effects",
        derived(
            (
                Column("factor", "string", "-", "The lever"),
                *_LEVEL_COLUMNS,
                Column("binned", "boolean", "-", "1 if the levels are quantile bins", (0, 1)),
                Column(
                    "bin_low", "number", "-", "Smallest lever value in the bin; empty if not binned"
                ),
                Column(
                    "bin_high", "number", "-", "Largest lever value in the bin; empty if not binned"
                ),
                Column("output", "string", "-", "The runs.csv output"),
                Column("interval", "string", "-", "t (means) or wilson (shares)", ("t", "wilson")),
                *_MEAN_COLUMNS,
            )
        ),
        ("factor", "level", "output"),
        "The numbers of lever_effects.png: one row per lever, level and output, with the mean "
        "(or share) and its 95% interval.",
        "lever, level and output",
        "`ceasefire plot`",
    ),
    Table(
        "plots/timeseries",
        derived(
            (
                Column("color_lever", "string", "-", "Lever that groups the runs; empty if none"),
                *_LEVEL_COLUMNS,
                Column("step", "integer", "week", "Week of the run"),
                Column("date", "date", "-", "First day of the week"),
                Column("output", "string", "-", "The steps.csv column"),
                *_MEAN_COLUMNS,
            )
        ),
        ("output", "level", "step"),
        "The numbers of timeseries.png: one row per output, level and week, with the mean over "
        "runs and its 95% interval.",
        "output, level and week",
        "`ceasefire plot` when the sweep wrote steps.csv",
    ),
    Table(
        "plots/heatmap",
        derived(
            (
                Column("lever_x", "string", "-", "Lever on the x axis"),
                Column("level_x", "string", "-", "Its level"),
                Column("lever_y", "string", "-", "Lever on the y axis"),
                Column("level_y", "string", "-", "Its level"),
                Column("output", "string", "-", "The runs.csv output"),
                *_MEAN_COLUMNS,
            )
        ),
        ("output", "level_x", "level_y"),
        "The numbers of heatmap.png: one row per output and pair of levels of two levers.",
        "output and pair of levels",
        "`ceasefire plot` with two or more factors or `--heatmap`",
    ),
    Table(
        "sensitivity_sobol",
        derived(
            (
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
            )
        ),
        ("output", "parameter"),
        "One row per output and varied parameter: Sobol' indices.",
        "output and parameter",
        "`ceasefire analyze --method sobol`",
    ),
    Table(
        "sensitivity_morris",
        derived(
            (
                Column("output", "string", "-", "The runs.csv output analysed"),
                Column("parameter", "string", "-", "The varied parameter"),
                Column(
                    "mu", "number", "-", "Mean elementary effect (output unit per factor range)"
                ),
                Column("mu_star", "number", "-", "Mean absolute elementary effect"),
                Column("mu_star_conf", "number", "-", "Half-width of the 95% bootstrap interval"),
                Column("sigma", "number", "-", "Standard deviation of the elementary effects"),
                Column(
                    "note",
                    "string",
                    "-",
                    "Remarks: constant output, or imprecise (mu_star's 95% interval reaches "
                    "below 0) and which --samples to use",
                ),
            )
        ),
        ("output", "parameter"),
        "One row per output and varied parameter: Morris statistics.",
        "output and parameter",
        "`ceasefire analyze --method morris`",
    ),
    Table(
        "sensitivity_oat",
        derived(
            (
                Column("output", "string", "-", "The runs.csv output analysed"),
                Column(
                    "parameter",
                    "string",
                    "-",
                    "The parameter this design point moves from its default; 'baseline' for "
                    "the point with every parameter at its default",
                ),
                Column(
                    "level", "string", "-", "The moved parameter's value; empty at the baseline"
                ),
                Column("runs", "integer", "-", "Successful runs with the output"),
                *with_interval(
                    "mean",
                    "-",
                    "Mean of the output over replications, in its unit (share of runs for "
                    "yes/no outputs, Wilson interval; else t interval)",
                ),
                *with_interval(
                    "difference",
                    "-",
                    "Mean paired difference from the baseline, replication by replication "
                    "(same seeds), paired t interval",
                ),
                Column("pairs", "integer", "-", "Replications paired with the baseline"),
            )
        ),
        ("output", "parameter", "level"),
        "One row per output and design point of a one-at-a-time sweep: the mean and the paired "
        "difference from the baseline.",
        "output and design point",
        "`ceasefire analyze --method oat`",
    ),
)
"""The tables of this layer, by name."""
