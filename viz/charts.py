"""The live charts: violence and negotiation progress over time, and one against the other.

Three interactive Vega-Lite charts (built with Altair, drawn in the browser by Vega from the
vendored files; see :mod:`ceasefire.viz.vendor_assets`): hover a point for its values, drag or
scroll to pan and zoom the weeks (double-click resets), and use a chart's menu to save it as
PNG or SVG. Each chart's spec is built once; a frame only sends its data (named datasets), so
a redraw keeps the zoom. Every lever change (live, or scheduled by the scenario) is marked
where it took effect: a dotted vertical line on the time charts and a star on the trajectory.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import solara

from ceasefire.batch.analysis.style import (
    BASELINE,
    CEASEFIRE_WEEKS,
    CIVILIAN_CASUALTIES,
    DIFFERENCE,
    DIFFERENCE_BAND,
    FATALITIES,
    MEAN_MARKER,
    NEGOTIATION,
    SESSION,
    TRACE,
    ZERO_LINE,
)
from ceasefire.model.parameters import lookup
from ceasefire.viz.replications import Bands
from ceasefire.viz.session import Series

BAND_COLOURS = (BASELINE, SESSION)
"""Bands of the baseline (A) and of the session's replications (B)."""
CHART_HEIGHT = 210
"""Pixels; the width follows the page."""
CHARTS = {
    "violence": "Violence per week",
    "progress": "Negotiation progress (shaded: cease-fire)",
    "trajectory": "Trajectory (colour = week)",
}
"""The charts by key, with their titles."""
SERIES, CHANGES, CEASEFIRES, BANDS = "series", "changes", "ceasefires", "bands"
"""Names of the datasets a frame sends (see :func:`chart_values`)."""
DIFFERENCE_DATA = "difference"
"""Name of the dataset of the A/B difference chart (see :func:`difference_spec`)."""
DATASETS = {
    "violence": (SERIES, CHANGES, BANDS),
    "progress": (SERIES, CHANGES, CEASEFIRES, BANDS),
    "trajectory": (SERIES,),
}
"""The datasets each chart draws (Vega knows only those a chart uses)."""
MEASURES = {"fatalities": "fatalities", "civilian_casualties": "civilian casualties"}
"""Columns of the violence chart and their names in its legend."""


def change_label(change: dict) -> str:
    """Short text for a lever change with the lever's plain label.

    For example ``US backs Pakistan's exit from the FATF grey list 0 → 0.8``.
    """

    def show(value: object) -> str:
        if value is None:
            return "none"
        return f"{value:g}" if isinstance(value, float) else str(value)

    title = lookup(change["lever"]).title
    return f"{title} {show(change['old'])} → {show(change['new'])}"


def runs(weeks: np.ndarray, flags: np.ndarray) -> list[tuple[float, float]]:
    """First and last week of each run of consecutive flagged weeks."""
    edges = np.diff(np.concatenate([[0], flags.astype(int), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [(float(weeks[a]), float(weeks[b])) for a, b in zip(starts, ends, strict=True)]


VEGA_CHART = Path(__file__).with_name("vega_chart.vue")


@solara.component_vue(str(VEGA_CHART))
def VegaChart(spec: dict | str, values: dict | str, name: str, defer: bool = False) -> None:
    """An interactive Vega-Lite chart; a change of ``values`` (its datasets) keeps the zoom.

    ``spec`` is a Vega-Lite spec, or that spec as JSON text (cheaper for a large one, such as
    the map's: neither Solara nor the browser walks every number of text).
    ``values`` maps dataset names to rows, or is that mapping as JSON text (cheaper for a large
    frame: the browser does not make every row reactive).

    ``name`` names the files its menu exports (``name.png``, ``name.svg``). With ``defer`` the
    chart is embedded after the page's first chart without it (the map) has drawn, once the
    browser is idle (3 s at most): a fresh page then draws the map and answers its first clicks
    before it builds the charts.
    """


@solara.component
def CsvButton(title: str) -> None:
    """A short "CSV" button (it fits a chart's column at 1366 px); its tooltip names the chart.

    Pass it as the child of a :func:`solara.FileDownload` of the chart's data.
    """
    with solara.Tooltip(f"Data of the chart '{title}' (CSV)"):
        solara.Button("CSV", icon_name="mdi-download", small=True, outlined=True)


# ---------------------------------------------------------------------------------- specs
def _week_axis() -> alt.X:
    return alt.X("step:Q", title="week", scale=alt.Scale(nice=False))


def _changes() -> alt.Chart:
    """Dotted rules at the lever changes, with the change as tooltip."""
    return (
        alt.Chart(alt.Data(name=CHANGES))
        .mark_rule(strokeDash=[3, 3], color=MEAN_MARKER, strokeWidth=1)
        .encode(x="step:Q", tooltip=[alt.Tooltip("step:Q", title="week"), "change:N"])
    )


def _bands(column: str) -> alt.Chart:
    """The replications' 10-90% bands of ``column``, by scenario."""
    return (
        alt.Chart(alt.Data(name=BANDS))
        .transform_filter(alt.datum.column == column)
        .mark_area(opacity=0.2)
        .encode(
            x="step:Q",
            y="low:Q",
            y2="high:Q",
            color=alt.Color(
                "scenario:N",
                legend=None,  # an empty legend breaks Vega's layout; the tooltip names it
                scale=alt.Scale(range=list(BAND_COLOURS)),
            ),
            tooltip=[
                "scenario:N",
                alt.Tooltip("step:Q", title="week"),
                alt.Tooltip("mean:Q", format=".3~f"),
                alt.Tooltip("low:Q", format=".3~f"),
                alt.Tooltip("high:Q", format=".3~f"),
            ],
        )
    )


def _finish(chart: alt.LayerChart, key: str) -> dict[str, Any]:
    """Chart ``key``'s spec: title, size that follows the page, legend on top, empty datasets."""
    chart = chart.properties(title=CHARTS[key], width="container", height=CHART_HEIGHT)
    spec = (
        chart.configure_legend(orient="top", labelFontSize=11, titleFontSize=11)
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_title(fontSize=13)
        .to_dict(validate=False)
    )
    spec["datasets"] = {name: [] for name in DATASETS[key]}
    return spec


def _line_and_points(chart: alt.Chart, **encoding: Any) -> alt.LayerChart:
    """A line and, on top, its weekly points, which carry the tooltip (the line has none)."""
    tooltip = encoding.pop("tooltip")
    line = chart.mark_line(strokeWidth=1.5).encode(**encoding)
    points = chart.mark_circle(size=30, opacity=1).encode(**encoding, tooltip=tooltip)
    zoom = alt.selection_interval(bind="scales", encodings=["x"])
    return alt.layer(line, points.add_params(zoom))


def violence_spec() -> dict[str, Any]:
    """Fatalities and civilian casualties per week (with bands of fatalities)."""
    folded = (
        alt.Chart(alt.Data(name=SERIES))
        .transform_fold(list(MEASURES), as_=["column", "people"])
        .transform_calculate(measure=f"{MEASURES}[datum.column]")
    )
    lines = _line_and_points(
        folded,
        x=_week_axis(),
        y=alt.Y("people:Q", title="people per week"),
        color=alt.Color(
            "measure:N",
            title=None,
            scale=alt.Scale(
                domain=list(MEASURES.values()), range=[FATALITIES, CIVILIAN_CASUALTIES]
            ),
        ),
        tooltip=[alt.Tooltip("step:Q", title="week"), "measure:N", "people:Q"],
    )
    chart = alt.layer(_bands("fatalities"), lines, _changes()).resolve_scale(color="independent")
    return _finish(chart, "violence")


def progress_spec() -> dict[str, Any]:
    """Negotiation progress, with the cease-fire weeks shaded (and bands)."""
    shading = (
        alt.Chart(alt.Data(name=CEASEFIRES))
        .mark_rect(color=CEASEFIRE_WEEKS, opacity=0.35)
        .encode(
            x="start:Q",
            x2="end:Q",
            tooltip=[
                alt.Tooltip("start:Q", title="cease-fire from"),
                alt.Tooltip("end:Q", title="to"),
            ],
        )
    )
    line = _line_and_points(
        alt.Chart(alt.Data(name=SERIES)),
        x=_week_axis(),
        y=alt.Y("negotiation_progress:Q", title="progress (0-1)", scale=alt.Scale(domain=[0, 1])),
        color=alt.value(NEGOTIATION),
        tooltip=[
            alt.Tooltip("step:Q", title="week"),
            alt.Tooltip("negotiation_progress:Q", title="progress", format=".3f"),
        ],
    )
    chart = alt.layer(shading, _bands("negotiation_progress"), line, _changes())
    return _finish(chart, "progress")


def trajectory_spec() -> dict[str, Any]:
    """Fatalities against negotiation progress, week by week, on axes that fit the data."""
    zoom = alt.selection_interval(bind="scales")
    base = alt.Chart(alt.Data(name=SERIES)).encode(
        x=alt.X(
            "negotiation_progress:Q",
            title="negotiation progress",
            scale=alt.Scale(zero=False, padding=8),
        ),
        y=alt.Y("fatalities:Q", title="fatalities per week", scale=alt.Scale(padding=8)),
        order="step:Q",
        tooltip=[
            alt.Tooltip("step:Q", title="week"),
            alt.Tooltip("negotiation_progress:Q", title="progress", format=".3f"),
            "fatalities:Q",
            alt.Tooltip("change:N", title="lever change"),
        ],
    )
    path = base.mark_line(color=TRACE, strokeWidth=0.8)
    points = (
        base.mark_circle(size=28, opacity=0.9)
        .encode(color=alt.Color("step:Q", title="week", scale=alt.Scale(scheme="viridis")))
        .add_params(zoom)
    )
    stars = base.transform_filter("datum.change != ''").mark_point(
        shape="M0,-1L0.24,-0.33L0.95,-0.31L0.38,0.12L0.59,0.81L0,0.4L-0.59,0.81L-0.38,0.12"
        "L-0.95,-0.31L-0.24,-0.33Z",
        size=160,
        filled=True,
        color=MEAN_MARKER,
    )
    now = base.transform_window(rank="rank()", sort=[alt.SortField("step", order="descending")])
    now = now.transform_filter("datum.rank == 1").mark_point(size=90, color=MEAN_MARKER)
    return _finish(alt.layer(path, points, stars, now), "trajectory")


AB_SIZE = (280, 140)
"""Pixels of each panel of the side-by-side replications (width, height)."""


def ab_spec(title: str, colour: str, top: float) -> dict[str, Any]:
    """One scenario's replications (A or B): mean and 10-90% band of fatalities and progress.

    A and B are drawn side by side on the same axes (fatalities up to ``top``).
    """

    def panel(column: str, label: str, domain: list[float]) -> alt.LayerChart:
        rows = alt.Chart(alt.Data(name=BANDS)).transform_filter(alt.datum.column == column)
        scale = alt.Scale(domain=domain)
        band = rows.mark_area(opacity=0.25, color=colour).encode(
            x=_week_axis(), y=alt.Y("low:Q", title=label, scale=scale), y2="high:Q"
        )
        mean = rows.mark_line(color=colour, strokeWidth=1.5, point=True).encode(
            x=_week_axis(),
            y=alt.Y("mean:Q", scale=scale),
            tooltip=[alt.Tooltip("step:Q", title="week"), alt.Tooltip("mean:Q", format=".3~f"),
                     alt.Tooltip("low:Q", format=".3~f"), alt.Tooltip("high:Q", format=".3~f")],
        )  # fmt: skip
        return alt.layer(band, mean).properties(width=AB_SIZE[0], height=AB_SIZE[1])

    chart = alt.vconcat(
        panel("fatalities", "fatalities per week", [0, top]),
        panel("negotiation_progress", "negotiation progress", [0, 1]),
    ).properties(title=title)
    spec = chart.configure_axis(labelFontSize=11, titleFontSize=12).to_dict(validate=False)
    spec["datasets"] = {BANDS: []}
    return spec


def ab_top(bands: dict[str, Bands]) -> float:
    """Top of the fatalities axis that A and B share: the highest 90th percentile, rounded up."""
    peak = max([1.0, *(float(b.high["fatalities"].max(initial=0)) for b in bands.values())])
    step = 10 ** np.floor(np.log10(peak))
    return float(step * (np.floor(peak / step) + 1))


def difference_spec(names: tuple[str, str]) -> dict[str, Any]:
    """The paired weekly difference in fatalities, B - A, with its 95% interval.

    ``names`` are A's and B's scenarios (in the title). Hover a week for its mean and interval;
    the x axis pans and zooms like the live charts'.
    """
    rows = alt.Chart(alt.Data(name=DIFFERENCE_DATA))
    band = rows.mark_area(color=DIFFERENCE_BAND, opacity=0.5).encode(
        x=_week_axis(), y=alt.Y("low:Q", title="people per week"), y2="high:Q"
    )
    mean = _line_and_points(
        rows,
        x=_week_axis(),
        y="mean:Q",
        color=alt.value(DIFFERENCE),
        tooltip=[alt.Tooltip("step:Q", title="week"),
                 alt.Tooltip("mean:Q", title="B - A (mean)", format=".1f"),
                 alt.Tooltip("low:Q", title="95% interval from", format=".1f"),
                 alt.Tooltip("high:Q", title="to", format=".1f")],
    )  # fmt: skip
    zero = alt.Chart().mark_rule(color=ZERO_LINE, strokeWidth=0.6).encode(y=alt.datum(0))
    title = alt.TitleParams(
        f"Fatalities per week, B ({names[1]}) minus A ({names[0]})",
        subtitle="line: mean over the paired replications; band: its 95% interval",
    )
    chart = alt.layer(band, zero, mean).properties(
        title=title, width="container", height=CHART_HEIGHT
    )
    spec = (
        chart.configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_title(fontSize=13, subtitleFontSize=11)
        .to_dict(validate=False)
    )
    spec["datasets"] = {DIFFERENCE_DATA: []}
    return spec


@functools.cache
def chart_specs() -> dict[str, dict[str, Any]]:
    """The three charts' Vega-Lite specs by key (built once per server; frames send only data).

    Altair's schema validation is skipped here (it costs seconds on the first page); the tests
    validate the specs.
    """
    return {
        "violence": violence_spec(),
        "progress": progress_spec(),
        "trajectory": trajectory_spec(),
    }


# ---------------------------------------------------------------------------------- data
def series_frame(series: Series) -> pd.DataFrame:
    """The weekly series as a table, with the lever changes that took effect each week."""
    changes: dict[int, list[str]] = {}
    for change in series.lever_changes:
        changes.setdefault(int(change["step"]), []).append(change_label(change))
    frame = pd.DataFrame(
        {
            "step": series.step.astype(int),
            "fatalities": series.fatalities,
            "civilian_casualties": series.civilian_casualties,
            "negotiation_progress": series.negotiation_progress,
            "ceasefire": series.ceasefire.astype(int),
        }
    )
    frame["change"] = ["; ".join(changes.get(week, [])) for week in frame["step"]]
    return frame


def bands_frame(bands: dict[str, Bands] | None) -> pd.DataFrame:
    """The replications' bands in long form: scenario, column, step, mean, low, high."""
    frames = [
        pd.DataFrame(
            {
                "scenario": name,
                "column": column,
                "step": band.step.astype(int),
                "mean": band.mean[column],
                "low": band.low[column],
                "high": band.high[column],
            }
        )
        for name, band in (bands or {}).items()
        for column in band.mean
    ]
    columns = ["scenario", "column", "step", "mean", "low", "high"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def chart_values(
    series: Series, bands: dict[str, Bands] | None = None
) -> dict[str, dict[str, list]]:
    """The datasets of one frame, by chart and name (see :data:`DATASETS`)."""
    frame = series_frame(series)
    spans = runs(series.step, series.ceasefire > 0)
    changes = [{"step": int(c["step"]), "change": change_label(c)} for c in series.lever_changes]
    datasets = {
        SERIES: frame.to_dict("records"),
        CHANGES: changes,
        CEASEFIRES: [{"start": a - 0.5, "end": b + 0.5} for a, b in spans],
        BANDS: bands_frame(bands).to_dict("records"),
    }
    return {key: {name: datasets[name] for name in names} for key, names in DATASETS.items()}


def chart_table(key: str, series: Series, bands: dict[str, Bands] | None = None) -> pd.DataFrame:
    """The data of chart ``key`` as a table (its CSV download)."""
    frame = series_frame(series)
    columns = {
        "violence": ["step", "fatalities", "civilian_casualties", "change"],
        "progress": ["step", "negotiation_progress", "ceasefire", "change"],
        "trajectory": ["step", "negotiation_progress", "fatalities", "change"],
    }[key]
    table = frame[columns]
    band_column = {"violence": "fatalities", "progress": "negotiation_progress"}.get(key)
    long = bands_frame(bands)
    if band_column is None or long.empty:
        return table
    wide = long[long["column"] == band_column].pivot(
        index="step", columns="scenario", values=["mean", "low", "high"]
    )
    wide.columns = [f"{scenario} {stat}" for stat, scenario in wide.columns]
    return table.merge(wide.reset_index(), on="step", how="outer")
