"""The dashboard's uncertainty panel: replications of a baseline (A) and of the session (B).

The runs themselves are :class:`~ceasefire.viz.replications.ReplicationRunner`'s; this module
draws the controls, the progress, the comparison table, A and B side by side and the paired
difference (Vega-Lite charts like the live ones: hover values, PNG/SVG from the menu, CSV).
"""

from __future__ import annotations

import pandas as pd
import solara

from ceasefire.batch.io.export import csv_text
from ceasefire.model.scenarios import Scenario, presets
from ceasefire.viz.charts import (
    BAND_COLOURS,
    BANDS,
    DIFFERENCE_DATA,
    CsvButton,
    VegaChart,
    ab_spec,
    ab_top,
    bands_frame,
    difference_spec,
)
from ceasefire.viz.controls import current_scenario
from ceasefire.viz.replications import MAX_REPLICATIONS, Replicated, ReplicationRunner
from ceasefire.viz.session import Session
from ceasefire.viz.widgets import preset_title


# ---------------------------------------------------------------------------------- uncertainty
def comparison_markdown(table: pd.DataFrame) -> str:
    """The comparison table (``ceasefire compare``'s) as a Markdown table with 95% intervals."""

    def interval(row: pd.Series, column: str, digits: int) -> str:
        low, high = row[f"{column}_low"], row[f"{column}_high"]
        bounds = "" if pd.isna(low) else f" [{low:,.{digits}f}, {high:,.{digits}f}]"
        return f"{row[column]:,.{digits}f}{bounds}"

    lines = [
        "| scenario | runs | mean weekly fatalities | civilian casualties per run "
        "| progress at the end | cease-fire within 52 weeks | fatalities vs A |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, (_, row) in zip("AB", table.iterrows(), strict=False):
        lines.append(
            f"| {label}: {row['scenario']} | {row['runs']} "
            f"| {interval(row, 'mean_weekly_fatalities', 0)} "
            f"| {interval(row, 'total_civilian_casualties', 0)} "
            f"| {interval(row, 'final_negotiation_progress', 2)} "
            f"| {interval(row, 'ceasefire_within_52', 2)} "
            f"| {interval(row, 'fatalities_vs_first', 0)} |"
        )
    return "\n".join(lines)


@solara.component
def UncertaintyPanel(session: Session, runner: ReplicationRunner, tick: int) -> None:
    """Replications of A (a baseline) and B (this session) with the same seeds, in a pool.

    ``tick`` changes with the runner's progress (it redraws the panel).
    """
    reps = solara.use_reactive(10)
    own = f"{preset_title(session.config.scenario)} without the live changes"
    choices = {own: None, **{preset_title(n): n for n in presets()}}
    baseline = solara.use_reactive(own)
    problem, set_problem = solara.use_state("")

    def start() -> None:
        name = choices[baseline.value]
        base = session.scenario() if name is None else session.scenario(name)
        settings = dict(session.config.settings)
        a = Scenario(f"{base.name} (A)", base.description, {**base.parameters, **settings},
                     base.timeline)  # fmt: skip
        try:
            runner.start(a, current_scenario(session), reps.value, session.horizon,
                         session.config.seed)  # fmt: skip
        except ValueError as error:
            set_problem(str(error))

    solara.Text(
        "A = the baseline, B = this session (its settings and live changes so far), run to the "
        "horizon with the same seeds; the charts show their 10-90% bands (A grey, B blue).",
        style={"font-size": "12px"},
    )
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Select("Baseline (A)", values=list(choices), value=baseline)
        with solara.Column(classes=["replications-count"], style={"min-width": "220px"}):
            solara.SliderInt(f"Replications: {reps.value}", value=reps, min=2, max=MAX_REPLICATIONS)
        solara.Button(
            f"Run {reps.value} replications",
            on_click=start,
            disabled=runner.running,
            color="primary",
            classes=["run-replications"],
        )
        if runner.running:
            solara.Button("Cancel", on_click=runner.cancel)
    if problem:
        solara.Text(problem, style={"color": "#b00020"})
    if runner.total:
        solara.ProgressLinear(value=100 * runner.done / runner.total)
        solara.Text(
            f"{runner.done} of {runner.total} runs"
            + (f" · {runner.error}" if runner.error else ""),
            classes=["replication-progress"],
            style={"font-size": "12px"},
        )
    result = runner.result
    if result is not None:
        with solara.Column(classes=["replication-table"]):
            solara.Markdown(comparison_markdown(result.table))
        SideBySide(result)
        DifferenceChart(result)


@solara.component
def SideBySide(result: Replicated) -> None:
    """A and B next to each other, on the same axes: their means and 10-90% bands."""
    top = ab_top(result.bands)
    specs = solara.use_memo(
        lambda: [ab_spec(f"{letter}: {name}", colour, top)
                 for letter, name, colour in zip("AB", result.names, BAND_COLOURS, strict=True)],
        [result],
    )  # fmt: skip
    with solara.Row(classes=["ab-side-by-side"], style={"flex-wrap": "wrap", "gap": "16px"}):
        for letter, name, spec in zip("ab", result.names, specs, strict=True):
            with solara.Column(classes=[f"ab-{letter}"]):
                values = {BANDS: bands_frame({name: result.bands[name]}).to_dict("records")}
                VegaChart(spec=spec, values=values, name=f"ceasefire-replications-{letter}")


DIFFERENCE_TITLE = "Fatalities per week, B minus A"
"""The difference chart's name in its CSV button's tooltip."""


@solara.component
def DifferenceChart(result: Replicated) -> None:
    """The paired difference B - A (a Vega-Lite chart), drawn once per batch of replications."""
    spec = solara.use_memo(lambda: difference_spec(result.names), [result])
    values = solara.use_memo(
        lambda: {DIFFERENCE_DATA: result.difference.to_dict("records")}, [result]
    )
    with solara.Column(classes=["difference-chart"], gap="0px", style={"width": "100%"}):
        VegaChart(spec=spec, values=values, name="ceasefire-replications-difference")
        with solara.Row(classes=["csv-difference"]):
            solara.FileDownload(
                lambda: csv_text(result.difference),
                filename="ceasefire-replications-difference.csv",
                children=[CsvButton(DIFFERENCE_TITLE)],
            )
