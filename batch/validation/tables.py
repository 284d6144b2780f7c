"""The tables that ``validate`` and ``ablate`` write, declared where they are written.

Importing this module registers them (:func:`ceasefire.batch.io.tables.register`); the
validation and ablation modules import it, and so does the full catalogue
(:mod:`ceasefire.batch.cli.catalogue`) that the codebook is generated from.
"""

from __future__ import annotations

from ceasefire.batch.io.tables import Table, derived, register, with_interval
from ceasefire.model.outputs import Column

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
    Column("map", "string", "-", "Map the runs were made on", ("fine", "coarse")),
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
    Column("map", "string", "-", "Map the runs were made on", ("fine", "coarse")),
    Column("run_id", "integer", "-", "Run identifier (within the map's runs)"),
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

TABLES: dict[str, Table] = register(
    Table(
        "patterns",
        derived(PATTERN_COLUMNS),
        ("pattern", "statistic", "map"),
        "One row per statistic of the validation report and map: simulated value with its "
        "interval, the real-world reference and source, the tolerance and whether it is met.",
        "statistic and map",
        "`ceasefire validate`",
    ),
    Table(
        "lever_effects",
        derived(LEVER_EFFECT_COLUMNS),
        ("contrast", "measure"),
        "One row per lever contrast and outcome: paired effect of moving the lever from low to "
        "high (same seeds in both arms) and its verdict against the expected sign.",
        "contrast and outcome",
        "`ceasefire validate`",
    ),
    Table(
        "negotiation_shock",
        derived(
            (
                Column("measure", "string", "-", "The steps.csv column (the talks' state)"),
                Column("n", "integer", "-", "Replications (pairs of runs with the same seed)"),
                *with_interval(
                    "mean",
                    "-",
                    "Mean over pairs of the difference, fall minus no fall, of the measure "
                    "averaged over the weeks from the fall (t interval)",
                ),
            )
        ),
        ("measure",),
        "One row per measure of the talks: its response to a provincial capital falling in a "
        "given week (paired status-quo runs, same seeds, the capital's garrison removed in "
        "one).",
        "measure",
        "`ceasefire validate`",
    ),
    Table(
        "event_size_fits",
        derived(EVENT_SIZE_FIT_COLUMNS),
        ("map", "run_id"),
        "One row per status-quo run on each map: power-law fit of its deaths per event.",
        "map and run",
        "`ceasefire validate`",
    ),
    Table(
        "monthly_profile",
        derived(MONTHLY_PROFILE_COLUMNS),
        ("month",),
        "One row per calendar month: mean weekly fatalities of the fighting-season runs (weeks "
        "before any government collapse).",
        "month",
        "`ceasefire validate`",
    ),
    Table(
        "ablation",
        derived(ABLATION_COLUMNS),
        ("arm", "quantity", "output"),
        "One row per ablation arm, quantity and output: the arm's paired difference from the "
        "baseline (all mechanisms on), and for the pressure chain the effect of Pakistani "
        "pressure (fixed 1 against 0) within the arm with the share of the baseline's it "
        "removes.",
        "arm, quantity and output",
        "`ceasefire ablate`",
    ),
)
"""The tables of this layer, by name."""
