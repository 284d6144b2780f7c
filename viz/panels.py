"""The dashboard's read-only panels: monitors, lever-change log, run summary and About.

The monitors carry tooltips with their reference points; the log lists the latest lever
changes with the week they took effect; the summary is ``run.json``'s.
"""

from __future__ import annotations

from typing import Any

import solara

from ceasefire.model.observe import run_summary
from ceasefire.model.outputs import SUMMARY_COLUMNS, Column
from ceasefire.viz.charts import change_label
from ceasefire.viz.lazy import LazyPanel
from ceasefire.viz.session import END_REASONS, Monitors, Session

SHOWN_CHANGES = 8
"""Lever changes listed under the map (the latest ones)."""

UCDP_WEEKLY_FATALITIES_2020 = 380.0
"""Fatalities per week in Afghanistan in 2020 in UCDP GED (a reference point for the monitor)."""


MONITOR_HELP = {
    "week": "Weeks simulated; week 1 begins on 12 February 2021 (the article's date).",
    "date": "First day of the week shown (week 0 is the initial state).",
    "fatalities": "People killed in the week. Reference: UCDP GED 2020, about "
    f"{UCDP_WEEKLY_FATALITIES_2020:.0f} fatalities a week in Afghanistan.",
    "casualties": "Civilians killed or wounded in the week. Reference: UNAMA 2020, 8,820 "
    "civilian casualties (about 170 a week).",
    "progress": "Share of the six agenda items of the talks agreed, 0 (none) to 1 (a "
    "settlement); a cease-fire begins when both sides prefer a pause, at any progress.",
    "ceasefire": "Whether a cease-fire is in force, or the government has collapsed.",
    "pressure": "Pakistan's pressure on the sanctuaries, 0 (none) to 1 (full crackdown).",
    "control": "Share of Afghanistan's people in cells the Taliban control; the government "
    "falls when its provincial power-brokers and then the palace give up.",
}
"""Tooltips of the monitors, with their reference points."""


# ---------------------------------------------------------------------------------- monitors
def monitor_items(m: Monitors) -> list[tuple[str, str, str]]:
    """``(key, label, value)`` of each monitor, formatted for display."""

    def count(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    ceasefire = "in force" if m.ceasefire else "none"
    return [
        ("week", "Week", f"Week {m.week}"),
        ("date", "Date", m.date),
        ("fatalities", "Fatalities this week", count(m.fatalities)),
        ("casualties", "Civilian casualties this week", count(m.civilian_casualties)),
        ("progress", "Negotiation progress", f"{m.negotiation_progress:.3f}"),
        ("ceasefire", "Cease-fire", "government collapsed" if m.takeover else ceasefire),
        ("pressure", "Pakistan's pressure", f"{m.pakistan_pressure:.2f}"),
        ("control", "Taliban-controlled population", f"{m.taliban_control_share:.1%}"),
    ]


@solara.component
def MonitorBar(monitors: Monitors) -> None:
    """The monitors in one row of small tiles."""
    with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
        for key, label, value in monitor_items(monitors):
            with solara.Tooltip(MONITOR_HELP[key]):
                with solara.Column(
                    gap="0px",
                    classes=[f"monitor-tile-{key}"],
                    style={
                        "border": "1px solid #ddd",
                        "border-radius": "4px",
                        "padding": "4px 8px",
                    },
                ):
                    solara.Text(label, style={"font-size": "11px", "color": "#555"})
                    solara.Text(value, classes=[f"monitor-{key}"], style={"font-size": "17px"})


@solara.component
def LeverLog(changes: list[dict[str, Any]]) -> None:
    """The latest lever changes with the week they took (or take) effect."""
    solara.Text("Lever changes", style={"font-weight": "bold"})
    if not changes:
        solara.Text("none yet", style={"font-size": "12px"})
    for change in changes[-SHOWN_CHANGES:]:
        solara.Text(
            f"week {change['step']}: {change_label(change)} ({change['source']})",
            classes=["lever-change"],
            style={"font-size": "12px"},
        )


def summary_value(column: Column, value: Any) -> str:
    """A summary value as a reader says it: ``none``, ``yes``/``no``, ``week 12``, ``2,625``.

    Shares (unit ``1``) keep two decimals, so 0 reads ``0.00`` beside ``0.71``; other numbers
    are rounded to whole units from 100 up (``1,235``, never ``1.23e+03``), else to one decimal.
    """
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if column.unit == "week":
        return f"week {value}"
    if not isinstance(value, float):
        return f"{value:,}"
    if column.unit == "1":
        return f"{value:.2f}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"


def summary_items(session: Session) -> list[tuple[str, str]]:
    """``(label, value)`` of the run's summary, as ``run.json`` records it.

    The labels are the plain ones declared with the columns (:data:`SUMMARY_COLUMNS`).
    """
    with session.lock:
        summary = run_summary(session.model)
    return [(c.label, summary_value(c, summary[c.name])) for c in SUMMARY_COLUMNS]


@solara.component
def RunSummary(session: Session, week: int) -> None:
    """The end of a run: why it ended and its summary (the ``summary`` of ``run.json``)."""
    reason = END_REASONS[session.end_reason]
    title = f"Run ended at week {week}: {reason}"
    with solara.Card(title, classes=["run-ended"], style={"flex-shrink": "0"}):
        for label, value in summary_items(session):
            solara.Text(
                f"{label}: {value}",
                classes=["summary-item"],
                style={"font-size": "12px", "display": "block"},
            )
        solara.Text(
            "Press Reset for a new run, or raise 'Stop at week' to go on.",
            style={"font-size": "12px", "font-style": "italic"},
        )


ABOUT = """
**Ceasefire** is an agent-based model of Taliban violence in Afghanistan under external
pressure. Taliban units, Afghan government forces, civilian communities and Pakistani
sanctuaries act on the real Af-Pak map, week by week from February 2021, while you set the
levers of Adam Weinstein's article *What Will It Take for Pakistan to Pressure the Taliban Into
a Cease-Fire?* ([Lawfare, 12 February 2021](https://www.lawfaremedia.org/search?q=What+Will+It+Take+for+Pakistan+to+Pressure+the+Taliban)):
US offers and threats to Pakistan, Pakistan's constraints and pressure, the Taliban's
hardliners and the US withdrawal.

**How to start.** Pick a scenario preset and press Reset, then Play (or Step a week at a time).
Move a lever at any time: it applies from the next week, is listed beside the map and marked on
the charts. A run stops at its horizon ('Stop at week') or when the government collapses, and
shows its summary. *Download run* gives the same files as `ceasefire run`.

**Read more.** The model description (ODD protocol): `docs/ODD.md`; how it compares with the
data: `docs/validation.md`; columns of the downloads: `docs/codebook.md` (in the project's
repository and source distribution).
"""
"""Text of the 'About this model' panel."""


@solara.component
def AboutPanel() -> None:
    """What the model is, the article, how to start, and where to read more."""
    with LazyPanel("About this model", classes=["about-panel"]):
        with solara.Column(classes=["about-model"]):
            solara.Markdown(ABOUT)
