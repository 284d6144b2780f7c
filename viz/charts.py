"""The live charts: violence and negotiation progress over time, and one against the other.

One persistent figure per run with three panels; each frame updates the lines in place. Every
lever change (live, or scheduled by the scenario) is marked where it took effect: a dotted
vertical line on the time charts and a star on the trajectory.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ceasefire.viz.map_view import BLUE, VERMILLION, png_bytes
from ceasefire.viz.session import Series

ORANGE, SKY = "#E69F00", "#56B4E9"
"""Okabe-Ito colours of civilian casualties and of the cease-fire shading."""


def change_label(change: dict) -> str:
    """Short text for a lever change, e.g. ``fatf_offer 0 → 0.8``."""

    def show(value: object) -> str:
        if value is None:
            return "none"
        return f"{value:g}" if isinstance(value, float) else str(value)

    return f"{change['lever']} {show(change['old'])} → {show(change['new'])}"


def runs(weeks: np.ndarray, flags: np.ndarray) -> list[tuple[float, float]]:
    """First and last week of each run of consecutive flagged weeks."""
    edges = np.diff(np.concatenate([[0], flags.astype(int), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [(float(weeks[a]), float(weeks[b])) for a, b in zip(starts, ends, strict=True)]


class ChartRenderer:
    """A persistent three-panel figure; :meth:`render` returns PNG bytes.

    Args:
        dpi: resolution of the PNG (the figure is 12 x 3.3 inches).
    """

    def __init__(self, dpi: int = 80) -> None:
        self.figure = Figure(figsize=(12, 3.3), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.violence_ax, self.progress_ax, self.trajectory_ax = self.figure.subplots(1, 3)
        self.figure.subplots_adjust(left=0.05, right=0.99, bottom=0.15, top=0.88, wspace=0.25)
        ax = self.violence_ax
        (self.fatalities,) = ax.plot([], [], color=VERMILLION, lw=1.2, label="fatalities")
        (self.casualties,) = ax.plot(
            [], [], color=ORANGE, lw=1.0, ls="--", label="civilian casualties"
        )
        ax.set(title="Violence per week", xlabel="week", ylabel="people")
        ax.legend(loc="upper left", fontsize=7)
        ax = self.progress_ax
        (self.progress,) = ax.plot([], [], color=BLUE, lw=1.4, label="negotiation progress")
        ax.set(title="Negotiation progress (shaded: cease-fire)", xlabel="week",
               ylabel="progress (0-1)", ylim=(0, 1))  # fmt: skip
        self.ceasefire_spans: list = []
        ax = self.trajectory_ax
        (self.trajectory,) = ax.plot([], [], color="#777777", lw=0.8)
        self.trajectory_points = ax.scatter([], [], c=[], cmap="viridis", s=10, zorder=3)
        (self.trajectory_now,) = ax.plot([], [], "o", ms=7, mfc="none", mec="black", zorder=4)
        self.change_points = ax.scatter(
            [], [], marker="*", s=90, c="black", zorder=5, label="lever change"
        )
        ax.set(
            title="Trajectory (colour = week)",
            xlabel="negotiation progress",
            ylabel="fatalities per week",
            xlim=(0, 1),
        )
        ax.legend(loc="upper right", fontsize=7)
        for ax in (self.violence_ax, self.progress_ax, self.trajectory_ax):
            ax.tick_params(labelsize=7)
            ax.title.set_fontsize(9)
            ax.xaxis.label.set_fontsize(8)
            ax.yaxis.label.set_fontsize(8)
        self.marked = 0
        self.change_artists: list = []

    def _mark_changes(self, series: Series) -> None:
        """Draw markers for lever changes not yet marked."""
        for change in series.lever_changes[self.marked :]:
            week = change["step"]
            for ax in (self.violence_ax, self.progress_ax):
                self.change_artists.append(ax.axvline(week, color="black", ls=":", lw=1.0))
            self.change_artists.append(
                self.progress_ax.annotate(
                    change_label(change),
                    (week, 1.0),
                    xytext=(2, -10 - 9 * (self.marked % 4)),
                    textcoords="offset points",
                    fontsize=6,
                )
            )
            self.marked += 1

    def render(self, series: Series) -> bytes:
        """Draw ``series``; return the PNG bytes."""
        weeks = series.step
        self.fatalities.set_data(weeks, series.fatalities)
        self.casualties.set_data(weeks, series.civilian_casualties)
        self.progress.set_data(weeks, series.negotiation_progress)
        for span in self.ceasefire_spans:
            span.remove()
        self.ceasefire_spans = [
            self.progress_ax.axvspan(start - 0.5, end + 0.5, color=SKY, alpha=0.35, lw=0)
            for start, end in runs(weeks, series.ceasefire > 0)
        ]
        self.trajectory.set_data(series.negotiation_progress, series.fatalities)
        self.trajectory_points.set_offsets(
            np.column_stack([series.negotiation_progress, series.fatalities])
        )
        self.trajectory_points.set_array(weeks)
        if len(weeks):
            self.trajectory_points.set_clim(1, max(weeks[-1], 2))
            self.trajectory_now.set_data(
                [series.negotiation_progress[-1]], [series.fatalities[-1]]
            )
        self._mark_changes(series)
        changed = [c["step"] for c in series.lever_changes]
        at = np.flatnonzero(np.isin(weeks, changed))
        self.change_points.set_offsets(
            np.column_stack([series.negotiation_progress[at], series.fatalities[at]])
        )
        right = max(10.0, float(weeks[-1]) if len(weeks) else 0.0, *changed)
        top = max(10.0, float(series.fatalities.max(initial=0)) * 1.1)
        for ax in (self.violence_ax, self.progress_ax):
            ax.set_xlim(0, right + 1)
        self.violence_ax.set_ylim(0, max(top, float(series.civilian_casualties.max(initial=0))))
        self.trajectory_ax.set_ylim(0, top)
        self.canvas.draw()
        return png_bytes(self.canvas)
