"""Charts of a sweep (``ceasefire plot DIR``): violence against negotiation progress.

:func:`plot_sweep` reads a sweep directory (``runs.csv``, optionally ``steps.csv``, and
``metadata.json``) and writes PNG charts into ``DIR/plots/``. Beside each PNG it writes a CSV
with the same stem that holds exactly the numbers drawn, so that every chart can be checked or
redrawn in R, Stata or pandas. Only runs with ``status == "ok"`` are used.

Charts:

* ``violence_vs_negotiation``: every run as a point, coloured by a lever, with the mean of each
  lever level and its 95% intervals in both directions; one panel per stratum (a combination
  of levels of the other factors, by default all of them), so that a relation between strata
  (such as two levels of ``taliban_war_price``) is not read as one within them.
* ``lever_effects``: for each varied factor, the mean weekly fatalities, the final negotiation
  progress and the share of runs with a cease-fire at each level, with 95% intervals.
* ``timeseries`` (when ``steps.csv`` exists): weekly fatalities and negotiation progress, mean
  and 95% band across runs, per level of the colour lever.
* ``heatmap`` (two or more factors, or an explicit pair): mean weekly fatalities and final
  negotiation progress over two levers.

Intervals are at the 95% level and computed over runs (:mod:`.stats`): Student t intervals of
means, Wilson intervals of shares; levers with many values are shown in quantile bins
(:mod:`.levels`). The numbers drawn are computed in :mod:`.summaries`; colours come from
:mod:`.style`.

Matplotlib figures are created with :class:`matplotlib.figure.Figure` (Agg rendering, no
``pyplot`` state, no display needed). Every file is written atomically
(:mod:`ceasefire.batch.io.files`), so an interrupted call never leaves a partial chart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize, to_hex
from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from numpy.typing import ArrayLike

from ceasefire.batch.analysis import style
from ceasefire.batch.analysis import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.analysis.levels import (
    MAX_COLOR_LEVELS,
    MAX_LEVELS,
    QUANTILE_BINS,
    Levels,
    is_missing_level,
    lever_label,
    lever_levels,
    strata_columns,
    stratum_labels,
    varied_column,
)
from ceasefire.batch.analysis.summaries import (
    CEASEFIRE_SHARE,
    EFFECT_OUTPUTS,
    FATALITIES,
    PROGRESS,
    STEP_OUTPUTS,
    effect_table,
    heatmap_table,
    load_sweep,
    scatter_table,
    timeseries_table,
)
from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import add_to_datapackage
from ceasefire.batch.io.export import conform, write_csv
from ceasefire.batch.io.reading import check_finished
from ceasefire.model.parameters import ParameterError

DPI = 150
CHART_STEMS = ("violence_vs_negotiation", "lever_effects", "timeseries", "heatmap")
"""File stems of the charts; a call deletes those it does not draw (left from earlier calls)."""
LABELS = {
    FATALITIES: "mean weekly fatalities (people/week)",
    PROGRESS: "negotiation progress at end of run (0-1)",
    CEASEFIRE_SHARE: "share of runs with a cease-fire (0-1)",
    "fatalities": "weekly fatalities (people/week)",
    "negotiation_progress": "negotiation progress (0-1)",
}
EFFECT_COLUMNS_PER_ROW = 6
HEATMAP_STYLE = {FATALITIES: (style.SEQUENTIAL, ".1f"), PROGRESS: ("cividis", ".2f")}
"""Colour map and number format of each heat-map panel."""


# --- Colours of levels -----------------------------------------------------------------------


def level_colors(levels: Levels) -> dict[str, str]:
    """One colour per level: ordered viridis shades for numeric levels, Okabe-Ito otherwise.

    Viridis is sampled on [0, 0.85] to avoid its palest yellow; an empty level is grey.
    """
    numeric = [name for name in levels.order if not np.isnan(levels.values[name])]
    other = [name for name in levels.order if name not in numeric]
    colors = dict(zip(numeric, _viridis(len(numeric)), strict=True))
    palette = style.CATEGORIES if len(other) <= len(style.CATEGORIES) else _viridis(len(other))
    for i, name in enumerate(other):
        colors[name] = style.MISSING if is_missing_level(name) and numeric else palette[i]
    return colors


def _viridis(count: int) -> list[str]:
    """``count`` ordered viridis shades from [0, 0.85] (a single level gets a mid shade)."""
    shades = np.linspace(0, 0.85, count) if count > 1 else [0.4] * count
    return [to_hex(colormaps[style.SEQUENTIAL](shade)) for shade in shades]


# --- Output ----------------------------------------------------------------------------------


def save_chart(fig: Figure, table: pd.DataFrame, plots: Path, stem: str) -> list[Path]:
    """Write ``stem.png`` and ``stem.csv`` (the plotted numbers) atomically.

    Returns:
        The PNG and CSV paths.
    """
    png = files.write_with(plots / f"{stem}.png", lambda p: fig.savefig(p, dpi=DPI, format="png"))
    csv = write_csv(conform(table, f"plots/{stem}"), plots / f"{stem}.csv")
    return [png, csv]


def _new_figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


# --- Chart 1: violence against negotiation progress ------------------------------------------


def scatter_chart(
    runs: pd.DataFrame,
    lever: str | None,
    strata: Sequence[str] = (),
    pooled: Sequence[str] = (),
) -> tuple[Figure, pd.DataFrame]:
    """Every run's fatalities against its final negotiation progress, with level means.

    One panel per stratum: a combination of the levels of the ``strata`` factors (sharing
    both axes), so that a relation within strata is not confused with one between them (a
    Simpson's paradox). Runs are coloured by ``lever``: one colour per value when it has at
    most :data:`MAX_COLOR_LEVELS` distinct values, else a continuous viridis colour bar, and
    then the means are taken over its quantile bins. The large markers are the mean per level
    in a panel; the bars are 95% t intervals of the mean of each coordinate separately
    (marginal, not a joint region).

    Args:
        runs: successful runs.
        lever: the colour lever, or ``None``.
        strata: factor columns whose level combinations are the panels (none: one panel).
        pooled: factors the runs are pooled over although they vary (named in the title).

    Returns:
        The figure and its table (:func:`scatter_table`).
    """
    labels = stratum_labels(runs, strata)
    names = list(labels.cat.categories)
    fig, panels = _scatter_grid(len(names))
    levels = lever_levels(runs, lever, MAX_COLOR_LEVELS) if lever else None
    continuous = levels is not None and levels.binned
    groups = levels.labels if levels is not None else pd.Series("all", index=runs.index)
    if continuous:
        norm = Normalize(runs[lever].min(), runs[lever].max())
        colors = _value_colors(levels, norm)
        fig.colorbar(
            ScalarMappable(norm, colormaps[style.SEQUENTIAL]), ax=panels, label=lever_label(lever)
        )
    else:
        colors = level_colors(levels) if levels is not None else {"all": style.SIMULATED}
    table = scatter_table(runs, lever, levels, labels)
    for ax, name in zip(panels, names, strict=True):
        inside = runs[labels == name]
        if continuous:
            _continuous_points(ax, inside, lever, norm)
        else:
            for level, color in colors.items():
                _points(ax, inside[groups[inside.index] == level], color=color)
        means = table[(table["kind"] == "level_mean") & (table["stratum"] == name)]
        for _, mean in means.iterrows():
            _mean_marker(ax, mean, colors[mean["level"]])
        ax.grid(alpha=0.3)
        if strata:
            ax.set_title(f"{name} ({len(inside)} runs)", fontsize=8)
    _scatter_legend(fig, levels, colors, continuous)
    fig.supxlabel(LABELS[PROGRESS], fontsize=10)
    fig.supylabel(LABELS[FATALITIES], fontsize=10)
    fig.suptitle(_scatter_title(len(runs), lever, strata, pooled), fontsize=11)
    return fig, table


def _scatter_title(
    count: int, lever: str | None, strata: Sequence[str], pooled: Sequence[str]
) -> str:
    """Title: runs, colour lever, and the factors of the panels or those pooled over."""
    title = f"Violence against negotiation progress\n{count} runs"
    title += f", colour: {lever}" if lever else ""
    title += f"; one panel per level of {' x '.join(strata)}" if strata else ""
    title += f"; pooled over {', '.join(pooled)}" if pooled else ""
    return title


def _scatter_grid(count: int) -> tuple[Figure, list]:
    """A figure of ``count`` panels sharing both axes (2 or 3 a row); unused panels hidden."""
    ncols = 1 if count == 1 else 2 if count <= 4 else 3
    nrows = -(-count // ncols)
    width, height = (8.4, 5.6) if count == 1 else (2.2 + 3.6 * ncols, 1.2 + 3.0 * nrows)
    fig = _new_figure(width, height)
    axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True).ravel()
    for ax in axes[count:]:
        ax.set_visible(False)
    for ax in axes[max(count - ncols, 0) : count]:
        ax.xaxis.set_tick_params(labelbottom=True)  # the lowest panel of each column
    return fig, list(axes[:count])


def _points(ax, runs: pd.DataFrame, **style) -> None:
    """One small, semi-transparent point per run (rasterized: fast with many runs)."""
    ax.scatter(
        runs[PROGRESS], runs[FATALITIES], s=12, alpha=0.6, linewidths=0, rasterized=True, **style
    )


def _continuous_points(ax, runs: pd.DataFrame, lever: str, norm: Normalize) -> None:
    """Runs coloured on the viridis colour bar of ``lever`` (grey if empty)."""
    present = runs[lever].notna()
    _points(ax, runs[~present], color=style.MISSING)
    cmap = colormaps[style.SEQUENTIAL]
    _points(ax, runs[present], c=runs.loc[present, lever], cmap=cmap, norm=norm)


def _value_colors(levels: Levels, norm: Normalize) -> dict[str, str]:
    """Colour of each level at its position on the viridis colour bar (grey if empty)."""
    cmap = colormaps[style.SEQUENTIAL]
    return {
        name: to_hex(cmap(norm(value))) if not np.isnan(value) else style.MISSING
        for name, value in levels.values.items()
    }


def _mean_marker(ax, mean: pd.Series, color: str) -> None:
    """A large diamond at a level mean (a ``level_mean`` row), with 95% bars both ways."""
    x, y = (
        mean[[axis, f"{axis}_low", f"{axis}_high"]].to_numpy(float)
        for axis in (PROGRESS, FATALITIES)
    )
    ax.errorbar(
        x[0],
        y[0],
        xerr=error_bars(*x),
        yerr=error_bars(*y),
        fmt="D",
        markersize=9,
        color=color,
        markeredgecolor=style.MEAN_MARKER,
        ecolor=style.MEAN_MARKER,
        elinewidth=1.3,
        capsize=4,
        zorder=5,
    )


def error_bars(mean: ArrayLike, low: ArrayLike, high: ArrayLike) -> np.ndarray:
    """Error bar lengths below and above ``mean`` (0 where the interval is undefined).

    Returns:
        A ``(2, n)`` array for matplotlib's ``xerr``/``yerr``.
    """
    mean, low, high = (np.atleast_1d(np.asarray(a, dtype=float)) for a in (mean, low, high))
    return np.clip(np.nan_to_num(np.vstack([mean - low, high - mean])), 0, None)


def _scatter_legend(fig: Figure, levels: Levels | None, colors: dict, continuous: bool) -> None:
    """Legend outside the axes: the levels (or only the empty level of a colour bar) and means."""
    handles = []
    if levels is not None:
        shown = [n for n in levels.order if not continuous or np.isnan(levels.values[n])]
        handles += [
            Line2D([], [], ls="", marker="o", color=colors[name], label=name) for name in shown
        ]
    if levels is None:
        handles.append(Line2D([], [], ls="", marker="o", color=style.SIMULATED, label="one run"))
        label = "mean of all runs,\n95% t interval"
    elif continuous:
        label = f"mean per quantile bin\n({QUANTILE_BINS} bins), 95% t interval"
    else:
        label = "mean per level,\n95% t interval"
    marker = Line2D(
        [], [], marker="D", color=style.MEAN_MARKER, markerfacecolor=style.WHITE, label=label
    )
    title = lever_label(levels.column) if levels is not None and not continuous else None
    fig.legend(handles=[*handles, marker], loc="outside right center", title=title, fontsize=8)


# --- Chart 2: lever effects ------------------------------------------------------------------


def effects_chart(runs: pd.DataFrame, levers: list[str]) -> tuple[Figure, pd.DataFrame]:
    """Panels of output means against each lever's levels (see :func:`effect_table`).

    One column of panels per lever, rows = outputs; more than
    :data:`EFFECT_COLUMNS_PER_ROW` levers wrap into further blocks of rows. Panels of the same
    output share their y axis. Numeric levels are placed at their values (bins at the mean
    lever value of their runs) and joined by a thin line; text or empty levels are placed
    evenly.
    """
    table = effect_table(runs, levers)
    fig, panels = _effect_grid(len(levers))
    first: dict[str, object] = {}
    for i, lever in enumerate(levers):
        for j, output in enumerate(EFFECT_OUTPUTS):
            ax = panels[i][j]
            rows = table[(table["factor"] == lever) & (table["output"] == output)]
            if output in first:
                ax.sharey(first[output])  # before plotting, so autoscaling sees every panel
            else:
                first[output] = ax
            _effect_panel(ax, rows, output)
            if i % EFFECT_COLUMNS_PER_ROW == 0:
                ax.set_ylabel(LABELS[output], fontsize=8)
        suffix = f", {QUANTILE_BINS} quantile bins" if rows["binned"].any() else ""
        panels[i][-1].set_xlabel(lever_label(lever) + suffix, fontsize=8)
    first[CEASEFIRE_SHARE].set_ylim(-0.03, 1.03)
    fig.suptitle(
        f"Lever effects ({len(runs)} runs)\nmean per level with 95% t interval; "
        "cease-fire share with 95% Wilson interval",
        fontsize=10,
    )
    return fig, table


def _effect_grid(count: int) -> tuple[Figure, list[list]]:
    """Figure with one column of panels (one per output) per lever, wrapped in blocks.

    Returns:
        The figure and, per lever, its panels top to bottom; unused panels are hidden.
    """
    per_row = EFFECT_COLUMNS_PER_ROW
    ncols, blocks = min(count, per_row), -(-count // per_row)
    nrows = blocks * len(EFFECT_OUTPUTS)
    fig = _new_figure(1.2 + 2.9 * ncols, 0.6 + 2.3 * nrows)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    panels = []
    for k in range(blocks * ncols):
        block, column = divmod(k, ncols)
        top = block * len(EFFECT_OUTPUTS)
        column_axes = list(axes[top : top + len(EFFECT_OUTPUTS), column])
        if k < count:
            panels.append(column_axes)
        else:
            for ax in column_axes:
                ax.set_visible(False)
    return fig, panels


def _effect_panel(ax, rows: pd.DataFrame, output: str) -> None:
    numeric = rows["level_value"].notna().all()
    x = rows["level_value"].to_numpy(float) if numeric else np.arange(len(rows), dtype=float)
    mean = rows["mean"].to_numpy(float)
    low, high = rows["low"].to_numpy(float), rows["high"].to_numpy(float)
    err = error_bars(mean, low, high)
    color = style.SHARE if output == CEASEFIRE_SHARE else style.SIMULATED
    ax.errorbar(x, mean, yerr=err, fmt="o", color=color, capsize=3, markersize=5, zorder=3)
    if numeric and len(rows) > 1:
        ax.plot(x, mean, color=color, lw=0.8, alpha=0.5)
    if not numeric:
        ax.set_xticks(x, rows["level"].astype(str), rotation=30 if len(rows) > 4 else 0)
        ax.set_xlim(-0.5, len(rows) - 0.5)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)


# --- Chart 3: time series --------------------------------------------------------------------


def timeseries_chart(
    path: Path, runs: pd.DataFrame, lever: str | None
) -> tuple[Figure, pd.DataFrame] | None:
    """Weekly fatalities and negotiation progress over time, mean and 95% band per level.

    Returns:
        The figure and its table (see :func:`timeseries_table`), or ``None`` when ``steps.csv``
        holds no successful run.
    """
    table = timeseries_table(path, runs, lever)
    if table.empty:
        return None
    levels = lever_levels(runs, lever, MAX_COLOR_LEVELS) if lever else None
    colors = level_colors(levels) if levels else {"all": style.SIMULATED}
    if levels is not None and levels.binned:
        colors = _value_colors(levels, Normalize(runs[lever].min(), runs[lever].max()))
    use_dates = table["date"].notna().all()
    fig = _new_figure(9.0, 6.4)
    axes = fig.subplots(2, 1, sharex=True, squeeze=False)[:, 0]
    for ax, output in zip(axes, STEP_OUTPUTS, strict=True):
        rows = table[table["output"] == output]
        for name, group in rows.groupby("level", sort=False):
            x = pd.to_datetime(group["date"]) if use_dates else group["step"]
            label = str(name) if levels is not None else "mean of all runs"
            ax.plot(x, group["mean"], color=colors[name], lw=1.6, label=label)
            ax.fill_between(x, group["low"], group["high"], color=colors[name], alpha=0.2, lw=0)
        ax.set_ylabel(LABELS[output])
        ax.grid(alpha=0.3)
    if use_dates:
        locator = AutoDateLocator()
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(ConciseDateFormatter(locator))
        axes[-1].set_xlabel("week starting (date)")
    else:
        axes[-1].set_xlabel("week of the run (step)")
    title = lever_label(lever) if lever else None
    if levels is not None and levels.binned:
        title = f"{title}, {QUANTILE_BINS} quantile bins"
    handles, labels = axes[0].get_legend_handles_labels()
    band = Line2D([], [], color=style.BAND_KEY, lw=6, alpha=0.3, label="95% t band")
    fig.legend(
        [*handles, band],
        [*labels, "95% t band"],
        loc="outside right upper",
        title=title,
        fontsize=8,
    )
    axes[0].set_title(f"Weekly outputs over time ({len(runs)} runs): mean across runs, 95% band")
    return fig, table


# --- Chart 4: heat map -----------------------------------------------------------------------


def heatmap_chart(runs: pd.DataFrame, pair: tuple[str, str]) -> tuple[Figure, pd.DataFrame]:
    """Heat maps of mean weekly fatalities and final negotiation progress over two levers.

    Cells are annotated with their mean; cells without runs are left blank (light grey).
    """
    table = heatmap_table(runs, pair)
    x_levels, y_levels = (lever_levels(runs, lever, MAX_LEVELS) for lever in pair)
    fig = _new_figure(1.5 + 2 * max(3.6, 0.55 * len(x_levels.order) + 1.6), 4.6)
    axes = fig.subplots(1, 2, squeeze=False)[0]
    for ax, (output, (cmap, fmt)) in zip(axes, HEATMAP_STYLE.items(), strict=True):
        rows = table[table["output"] == output]
        grid = (
            rows.pivot(index="level_y", columns="level_x", values="mean")
            .reindex(index=y_levels.order, columns=x_levels.order)
            .to_numpy(float)
        )
        name, _, unit = LABELS[output].partition(" (")
        _heatmap_panel(ax, grid, x_levels, y_levels, cmap, fmt, fig, unit.rstrip(")"))
        ax.set_title(f"mean {name}" if output == PROGRESS else name, fontsize=10)
    fig.suptitle(f"Mean outputs over {pair[0]} and {pair[1]} ({len(runs)} runs)")
    return fig, table


def _heatmap_panel(ax, grid, x_levels, y_levels, cmap, fmt, fig, label) -> None:
    ax.set_facecolor(style.NO_DATA)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, origin="lower", aspect="auto")
    fig.colorbar(image, ax=ax, label=label, shrink=0.9)
    size = 8 if grid.size <= 36 else 6
    for (row, column), value in np.ndenumerate(grid):
        if np.isnan(value):
            continue
        red, green, blue, _ = image.cmap(image.norm(value))
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(
            column,
            row,
            format(value, fmt),
            ha="center",
            va="center",
            fontsize=size,
            color=style.TEXT_ON_DARK if dark else style.TEXT_ON_LIGHT,
        )
    ax.set_xticks(range(len(x_levels.order)), x_levels.order, fontsize=8)
    ax.set_yticks(range(len(y_levels.order)), y_levels.order, fontsize=8)
    if len(x_levels.order) > 5 or x_levels.binned:
        ax.tick_params(axis="x", labelrotation=30)
    ax.set_xlabel(_binned(lever_label(x_levels.column), x_levels.binned))
    ax.set_ylabel(_binned(lever_label(y_levels.column), y_levels.binned))


def _binned(label: str, binned: bool) -> str:
    return f"{label}, {QUANTILE_BINS} quantile bins" if binned else label


# --- Entry point -----------------------------------------------------------------------------


def plot_sweep(
    out_dir: Path,
    color_by: str | None = None,
    heatmap: tuple[str, str] | None = None,
    partial: bool = False,
    by: Sequence[str] | None = None,
) -> list[Path]:
    """Write the charts of a sweep into ``out_dir/plots/``, each with its numbers as CSV.

    Args:
        out_dir: the sweep directory (``runs.csv``, optional ``steps.csv``, ``metadata.json``).
        color_by: lever (a ``runs.csv`` column or a parameter name) that colours the runs and
            groups the time series; default the first varied factor, or none.
        heatmap: the two levers of the heat map; default the first two factors. Without it and
            with fewer than two factors no heat map is drawn.
        partial: chart a sweep that holds fewer runs than its design (killed or still
            running), with a warning on stderr; without it such a sweep is refused.
        by: factors whose level combinations split ``violence_vs_negotiation`` into panels
            (:func:`~ceasefire.batch.analysis.levels.strata_columns`); ``None``: every factor
            other than the colour lever if that gives at most 12 panels; empty: one panel.

    Charts of an earlier call that this call does not draw (e.g. a heat map for levers no
    longer asked for) are deleted from ``plots/`` so that no stale chart is left beside new ones.

    Returns:
        The written paths, PNG then CSV for each chart: ``violence_vs_negotiation``,
        ``lever_effects`` (when there are factors, or a colour lever), ``timeseries`` (when
        ``steps.csv`` exists and holds successful runs), ``heatmap``.

    Raises:
        ParameterError: for a missing directory or ``runs.csv``, an unfinished sweep without
            ``partial``, an unknown colour or heat-map lever, two identical heat-map levers, a
            stratifying factor that is not a swept factor, or a sweep without successful runs.
    """
    sweep = load_sweep(Path(out_dir))
    check_finished(sweep.out_dir, partial, "charting")
    runs = sweep.runs
    lever = varied_column(runs, color_by, "colour lever") if color_by else None
    lever = lever or (sweep.factors[0] if sweep.factors else None)
    pair = _heatmap_pair(runs, heatmap, sweep.factors)
    strata = strata_columns(runs, sweep.factors, lever, by)
    pooled = [f for f in sweep.factors if f != lever and f not in strata]
    effect_levers = sweep.factors or ([lever] if lever else [])
    steps = sweep.out_dir / "steps.csv"
    builders: dict[str, Callable[[], tuple[Figure, pd.DataFrame] | None]] = {
        "violence_vs_negotiation": lambda: scatter_chart(runs, lever, strata, pooled)
    }
    if effect_levers:
        builders["lever_effects"] = lambda: effects_chart(runs, effect_levers)
    if steps.is_file():
        builders["timeseries"] = lambda: timeseries_chart(steps, runs, lever)
    if pair is not None:
        builders["heatmap"] = lambda: heatmap_chart(runs, pair)
    plots = sweep.out_dir / "plots"
    plots.mkdir(exist_ok=True)
    written: list[Path] = []
    for stem, build in builders.items():
        chart = build()
        if chart is not None:
            written += save_chart(*chart, plots, stem)
    _remove_stale(plots, written)
    drawn = [f"plots/{p.stem}" for p in written if p.suffix == ".csv"]
    gone = [f"plots/{stem}" for stem in CHART_STEMS if f"plots/{stem}" not in drawn]
    add_to_datapackage(sweep.out_dir, drawn, gone)
    return written


def _remove_stale(plots: Path, written: list[Path]) -> None:
    """Delete charts of an earlier call that this call did not draw (e.g. a heat map)."""
    for stem in CHART_STEMS:
        for suffix in (".png", ".csv"):
            path = plots / f"{stem}{suffix}"
            if path not in written:
                path.unlink(missing_ok=True)


def _heatmap_pair(
    runs: pd.DataFrame, heatmap: tuple[str, str] | None, factors: list[str]
) -> tuple[str, str] | None:
    if heatmap is None:
        return (factors[0], factors[1]) if len(factors) >= 2 else None
    if len(heatmap) != 2:
        raise ParameterError(f"a heat map needs two levers, got {len(heatmap)}: {heatmap}")
    pair = tuple(varied_column(runs, name, "heat-map lever") for name in heatmap)
    if pair[0] == pair[1]:
        raise ParameterError(f"heat-map levers must differ, got '{pair[0]}' twice")
    return pair
