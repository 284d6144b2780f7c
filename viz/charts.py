"""The live charts: violence and negotiation progress over time, and one against the other.

One persistent figure per run with three panels; each frame updates the lines in place. Every
lever change (live, or scheduled by the scenario) is marked where it took effect: a dotted
vertical line on the time charts and a star on the trajectory.
"""

from __future__ import annotations

import threading

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ceasefire.batch.analysis.style import (
    BASELINE,
    CEASEFIRE_WEEKS,
    CIVILIAN_CASUALTIES,
    FATALITIES,
    NEGOTIATION,
    SESSION,
    TRACE,
)
from ceasefire.viz.map_view import png_bytes
from ceasefire.viz.replications import Bands
from ceasefire.viz.session import Series

WEEK_CHUNK = 52
"""The time axes grow a year at a time (so the cached axes rarely need a redraw)."""
BAND_COLOURS = (BASELINE, SESSION)
"""Bands of the baseline (A) and of the session's replications (B)."""


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

    Axes, ticks, lever-change markers and cease-fire shading are cached and redrawn only when
    the limits (which grow in steps), the lever changes or the cease-fire weeks change; a frame
    draws only the lines and points over the cache.

    Args:
        dpi: resolution of the PNG (the figure is 12 x 3.3 inches).
    """

    def __init__(self, dpi: int = 80) -> None:
        self.figure = Figure(figsize=(12, 3.3), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        self.violence_ax, self.progress_ax, self.trajectory_ax = self.figure.subplots(1, 3)
        self.figure.subplots_adjust(left=0.05, right=0.99, bottom=0.15, top=0.88, wspace=0.25)
        ax = self.violence_ax
        (self.fatalities,) = ax.plot([], [], color=FATALITIES, lw=1.2, label="fatalities")
        (self.casualties,) = ax.plot(
            [], [], color=CIVILIAN_CASUALTIES, lw=1.0, ls="--", label="civilian casualties"
        )
        ax.set(title="Violence per week", xlabel="week", ylabel="people")
        ax.legend(loc="upper left", fontsize=7)
        ax = self.progress_ax
        (self.progress,) = ax.plot([], [], color=NEGOTIATION, lw=1.4, label="negotiation progress")
        ax.set(title="Negotiation progress (shaded: cease-fire)", xlabel="week",
               ylabel="progress (0-1)", ylim=(0, 1))  # fmt: skip
        self.ceasefire_spans: list = []
        ax = self.trajectory_ax
        (self.trajectory,) = ax.plot([], [], color=TRACE, lw=0.8)
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
        self.animated = [
            self.fatalities, self.casualties, self.progress, self.trajectory,
            self.trajectory_points, self.trajectory_now, self.change_points,
        ]  # fmt: skip
        for artist in self.animated:
            artist.set_animated(True)
        self.static = None
        self.static_state: tuple | None = None
        self.bands: dict[str, Bands] = {}
        self.band_artists: list = []
        self._lock = threading.Lock()  # the play loop and a click may both ask for a frame

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

    def _limits(self, series: Series) -> tuple[float, float]:
        """Axis limits, grown in steps so that they change rarely: weeks, people per week."""
        last = max([float(series.step[-1]) if len(series.step) else 0.0] + [
            float(c["step"]) for c in series.lever_changes
        ])  # fmt: skip
        last = max([last] + [float(b.step.max(initial=0)) for b in self.bands.values()])
        right = WEEK_CHUNK * (last // WEEK_CHUNK + 1)
        peak = max(float(series.fatalities.max(initial=0)),
                   float(series.civilian_casualties.max(initial=0)), 1.0, *(
                       float(b.high["fatalities"].max(initial=0)) for b in self.bands.values()
                   ))  # fmt: skip
        step = 10 ** np.floor(np.log10(peak))
        top = step * (np.floor(peak / step) + 1)
        return right, top

    def _redraw_static(self, series: Series, limits: tuple[float, float]) -> None:
        """Redraw axes, ticks, lever-change markers and cease-fire shading; cache the result."""
        right, top = limits
        for ax in (self.violence_ax, self.progress_ax):
            ax.set_xlim(0, right)
        self.violence_ax.set_ylim(0, top)
        self.trajectory_ax.set_ylim(0, top)
        self.trajectory_points.set_clim(1, right)
        self._mark_changes(series)
        self._draw_bands()
        for span in self.ceasefire_spans:
            span.remove()
        self.ceasefire_spans = [
            self.progress_ax.axvspan(
                start - 0.5, end + 0.5, color=CEASEFIRE_WEEKS, alpha=0.35, lw=0
            )
            for start, end in runs(series.step, series.ceasefire > 0)
        ]
        self.canvas.draw()  # everything but the animated lines and points
        self.static = self.canvas.copy_from_bbox(self.figure.bbox)

    def _draw_bands(self) -> None:
        """Replication bands (10th-90th percentile) and means of fatalities and progress."""
        for artist in self.band_artists:
            artist.remove()
        self.band_artists = []
        for (name, band), colour in zip(self.bands.items(), BAND_COLOURS, strict=False):
            for ax, column in ((self.violence_ax, "fatalities"),
                               (self.progress_ax, "negotiation_progress")):  # fmt: skip
                self.band_artists += [
                    ax.fill_between(band.step, band.low[column], band.high[column],
                                    color=colour, alpha=0.2, lw=0, label=f"{name} (10-90%)"),
                    *ax.plot(band.step, band.mean[column], color=colour, lw=0.8, ls="-."),
                ]  # fmt: skip

    def render(self, series: Series, bands: dict[str, Bands] | None = None) -> bytes:
        """Draw ``series`` (and replication ``bands``, by scenario); return the PNG bytes."""
        with self._lock:
            self.bands = bands or {}
            return self._render(series)

    def _render(self, series: Series) -> bytes:
        weeks = series.step
        state = (
            self._limits(series),
            len(series.lever_changes),
            tuple(runs(weeks, series.ceasefire > 0)),
            tuple(id(b) for b in self.bands.values()),
        )
        if state != self.static_state:
            self._redraw_static(series, state[0])
            self.static_state = state
        self.fatalities.set_data(weeks, series.fatalities)
        self.casualties.set_data(weeks, series.civilian_casualties)
        self.progress.set_data(weeks, series.negotiation_progress)
        self.trajectory.set_data(series.negotiation_progress, series.fatalities)
        self.trajectory_points.set_offsets(
            np.column_stack([series.negotiation_progress, series.fatalities])
        )
        self.trajectory_points.set_array(weeks)
        if len(weeks):
            self.trajectory_now.set_data([series.negotiation_progress[-1]], [series.fatalities[-1]])
        changed = [c["step"] for c in series.lever_changes]
        at = np.flatnonzero(np.isin(weeks, changed))
        self.change_points.set_offsets(
            np.column_stack([series.negotiation_progress[at], series.fatalities[at]])
        )
        self.canvas.restore_region(self.static)
        for artist in self.animated:
            self.figure.draw_artist(artist)
        return png_bytes(self.canvas)
