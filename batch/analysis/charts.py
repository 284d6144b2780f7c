"""Charts of a sweep (``ceasefire plot DIR``): violence against negotiation progress.

:func:`plot_sweep` reads a sweep directory (``runs.csv``, optionally ``steps.csv``, and
``metadata.json``) and writes PNG charts into ``DIR/plots/``. Beside each PNG it writes a CSV
with the same stem that holds exactly the numbers drawn, so that every chart can be checked or
redrawn in R, Stata or pandas. Only runs with ``status == "ok"`` are used.

Charts:

* ``violence_vs_negotiation``: every run as a point, coloured by a lever, with the mean of each
  lever level and its 95% intervals in both directions.
* ``lever_effects``: for each varied factor, the mean weekly fatalities, the final negotiation
  progress and the share of runs with a cease-fire at each level, with 95% intervals.
* ``timeseries`` (when ``steps.csv`` exists): weekly fatalities and negotiation progress, mean
  and 95% band across runs, per level of the colour lever.
* ``heatmap`` (two or more factors, or an explicit pair): mean weekly fatalities and final
  negotiation progress over two levers.

Intervals (all at the 95% level, computed over runs, i.e. over replications and, for a marginal
mean, over the design points that share the level):

* Means use the Student t interval ``mean +/- t(0.975, n - 1) * s / sqrt(n)``, where ``s`` is
  the sample standard deviation (``ddof=1``) of the ``n`` runs in the group. The runs are treated
  as independent draws. Runs at one level of a factor but at different levels of the other
  factors are pooled, so the interval includes the spread caused by the other factors. With
  common random numbers, runs at different levels share seeds; the intervals shown are for each
  level on its own, not for paired contrasts between levels. With ``n = 1`` no interval is
  defined: its bounds are empty in the CSV and no bar is drawn.
* Shares (of runs with a cease-fire, i.e. a non-empty ``weeks_to_ceasefire``: a cease-fire
  began, whether or not it held) use the Wilson score interval with ``z = 1.95996``:
  ``(p + z^2/(2n)) / (1 + z^2/n) +/- z / (1 + z^2/n) * sqrt(p (1 - p) / n + z^2 / (4 n^2))``.
* Time-series bands are the t interval above computed separately at each step over the runs
  of the level that reached it: pointwise, not simultaneous bands. Bounds are not truncated
  (a fatality band may dip below 0 when runs are few and skewed).
* In ``violence_vs_negotiation`` the intervals of the two coordinates are computed separately
  (a cross of marginal intervals, not a joint confidence region).

Levers with many distinct values (sampled designs such as Latin hypercube or Sobol) are grouped
into :data:`QUANTILE_BINS` quantile bins of the lever (``pandas.qcut``; ties can merge bins).
A bin is labelled by the smallest and largest lever value in it and plotted at the mean lever
value of its runs. An empty parameter value (``auto`` Pakistani pressure, ``none`` for a
withdrawal week) forms a level of its own.

Matplotlib figures are created with :class:`matplotlib.figure.Figure` (Agg rendering, no
``pyplot`` state, no display needed). Every file is written atomically
(:mod:`ceasefire.batch.io.files`), so an interrupted call never leaves a partial chart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
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
from scipy import stats

from ceasefire.batch.analysis import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import add_to_datapackage
from ceasefire.batch.io.export import conform, write_csv
from ceasefire.batch.io.reading import check_directory, check_finished
from ceasefire.model.outputs import RUN_COLUMNS, STEP_COLUMNS, csv_name
from ceasefire.model.parameters import PARAMETERS_BY_NAME, ParameterError

CONFIDENCE = 0.95
"""Confidence level of every interval."""
MAX_COLOR_LEVELS = 10
"""A colour lever with at most this many distinct values gets one colour per value."""
MAX_LEVELS = 12
"""A factor with at most this many distinct values is shown level by level; more are binned."""
QUANTILE_BINS = 5
"""Number of quantile bins of a lever with too many distinct values."""
STEP_CHUNK_ROWS = 500_000
"""Rows of ``steps.csv`` read at a time."""
DPI = 150
CHART_STEMS = ("violence_vs_negotiation", "lever_effects", "timeseries", "heatmap")
"""File stems of the charts; a call deletes those it does not draw (left from earlier calls)."""

OKABE_ITO = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#0072B2",
    "#D55E00",
    "#CC79A7",
    "#F0E442",
    "#000000",
)
"""Okabe-Ito colour-blind-safe palette (Okabe and Ito 2008), for unordered categories."""
SINGLE_COLOR = "#0072B2"
MISSING_COLOR = "#999999"
MISSING_LABELS = {"pakistan_pressure_set": "auto", "withdrawal_week": "none"}
"""Label of an empty value in a parameter column."""

FATALITIES = "mean_weekly_fatalities"
PROGRESS = "final_negotiation_progress"
CEASEFIRE_SHARE = "ceasefire_share"
REQUIRED_RUN_COLUMNS = ("run_id", "status", FATALITIES, PROGRESS, "weeks_to_ceasefire")
STEP_OUTPUTS = ("fatalities", "negotiation_progress")
LABELS = {
    FATALITIES: "mean weekly fatalities (people/week)",
    PROGRESS: "negotiation progress at end of run (0-1)",
    CEASEFIRE_SHARE: "share of runs with a cease-fire (0-1)",
    "fatalities": "weekly fatalities (people/week)",
    "negotiation_progress": "negotiation progress (0-1)",
}
UNITS = {c.name: c.unit for c in (*RUN_COLUMNS, *STEP_COLUMNS)}


# --- Statistics ------------------------------------------------------------------------------


def t_bounds(n: ArrayLike, mean: ArrayLike, var: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Student t interval of a mean from group summaries.

    ``mean +/- t(0.975, n - 1) * sqrt(var / n)``; NaN where ``n < 2``.

    Args:
        n: number of runs per group.
        mean: sample mean per group.
        var: sample variance per group (``ddof=1``).

    Returns:
        Lower and upper bounds.
    """
    n = np.asarray(n, dtype=float)
    mean = np.asarray(mean, dtype=float)
    var = np.asarray(var, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        quantile = stats.t.ppf(0.5 + CONFIDENCE / 2, np.where(n >= 2, n - 1, np.nan))
        half = quantile * np.sqrt(var / n)
    half = np.where(n >= 2, half, np.nan)
    return mean - half, mean + half


def wilson_bounds(successes: ArrayLike, n: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a proportion ``successes / n`` (NaN where ``n == 0``).

    Args:
        successes: number of runs with the event per group.
        n: number of runs per group.

    Returns:
        Lower and upper bounds, within [0, 1].
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    z = stats.norm.ppf(0.5 + CONFIDENCE / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denominator = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denominator
        half = z / denominator * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    # The interval contains p; min/max only remove rounding error at p = 0 and p = 1.
    return np.clip(np.fmin(centre - half, p), 0, 1), np.clip(np.fmax(centre + half, p), 0, 1)


def mean_table(
    values: pd.Series, groups: pd.Series | list[pd.Series] | None = None
) -> pd.DataFrame:
    """Mean and t interval of ``values`` per group (or overall), ignoring missing values.

    Args:
        values: one value per run.
        groups: group key(s) per run (several keys give a MultiIndex); ``None`` = one group
            ``all``.

    Returns:
        Columns ``n``, ``mean``, ``low``, ``high``, one row per observed group (index = group).
    """
    keys = groups if groups is not None else pd.Series("all", index=values.index)
    table = values.astype(float).groupby(keys, observed=True).agg(["count", "mean", "var"])
    low, high = t_bounds(table["count"], table["mean"], table["var"])
    return pd.DataFrame(
        {"n": table["count"].astype(int), "mean": table["mean"], "low": low, "high": high},
        index=table.index,
    )


def share_table(events: pd.Series, groups: pd.Series) -> pd.DataFrame:
    """Share of runs where ``events`` is true per group, with the Wilson interval."""
    table = events.astype(float).groupby(groups, observed=True).agg(["count", "sum"])
    low, high = wilson_bounds(table["sum"], table["count"])
    return pd.DataFrame(
        {
            "n": table["count"].astype(int),
            "mean": table["sum"] / table["count"],
            "low": low,
            "high": high,
        },
        index=table.index,
    )


# --- Levels of a lever -----------------------------------------------------------------------


@dataclass(frozen=True)
class Levels:
    """The levels (or quantile bins) of one lever over the runs.

    Attributes:
        column: column of ``runs.csv``.
        labels: per-run level label, an ordered categorical aligned with the runs.
        values: numeric position of each level (the value, or the mean value of a bin); NaN for
            a non-numeric or empty level.
        binned: whether the levels are quantile bins.
        bounds: smallest and largest lever value of each level (NaN when non-numeric).
    """

    column: str
    labels: pd.Series
    values: pd.Series
    binned: bool
    bounds: pd.DataFrame

    @property
    def order(self) -> list[str]:
        """Level labels in plotting order."""
        return list(self.labels.cat.categories)


def _labels(values: Iterable[float], numeric: bool) -> list[str]:
    """Short, distinct labels of level values (more digits only when needed)."""
    values = list(values)
    if not numeric:
        return [str(v) for v in values]
    for digits in (4, 8, 17):
        labels = [f"{v:.{digits}g}" for v in values]
        if len(set(labels)) == len(labels):
            break
    return labels


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def lever_levels(runs: pd.DataFrame, column: str, max_levels: int) -> Levels:
    """Group the runs by the value of ``column``, or by quantile bins when it has many values.

    A numeric lever with more than ``max_levels`` distinct values is cut into
    :data:`QUANTILE_BINS` quantile bins (``pandas.qcut``, ties merge bins), each labelled
    ``min..max`` of the values in it. Empty values form their own level, placed last.

    Args:
        runs: successful runs.
        column: the lever's column.
        max_levels: most distinct values shown one by one.

    Returns:
        The levels.
    """
    raw = runs[column]
    present = raw.dropna()
    numeric = _is_numeric(raw)
    binned = numeric and present.nunique() > max_levels
    labels, spans = _bins(present) if binned else _distinct(present, column, numeric)
    names = list(spans.index)
    missing = MISSING_LABELS.get(column, "empty")
    if len(present) < len(raw):
        names.append(missing)
        spans = spans.reindex(names)
    full = labels.reindex(raw.index).fillna(missing)
    categorical = pd.Series(pd.Categorical(full, categories=names, ordered=True), index=raw.index)
    return Levels(column, categorical, spans["mean"], binned, spans[["low", "high"]])


def _bins(present: pd.Series) -> tuple[pd.Series, pd.DataFrame]:
    """Quantile bins: label per value, and per bin its ``low``, ``high`` and ``mean`` value."""
    codes = pd.qcut(present, QUANTILE_BINS, duplicates="drop")
    spans = present.groupby(codes, observed=True).agg(low="min", high="max", mean="mean")
    names = _bin_labels(spans["low"].to_numpy(float), spans["high"].to_numpy(float))
    labels = codes.map(dict(zip(spans.index, names, strict=True))).astype(object)
    spans.index = names
    return labels, spans.astype(float)


def _bin_labels(lows: np.ndarray, highs: np.ndarray) -> list[str]:
    """``low..high`` labels with fixed decimals: 3 significant digits of the overall span."""
    span = float(np.max(highs) - np.min(lows)) or 1.0
    decimals = int(np.clip(2 - np.floor(np.log10(span)), 0, 12))
    while True:
        pairs = zip(lows, highs, strict=True)
        names = [f"{lo:.{decimals}f}..{hi:.{decimals}f}" for lo, hi in pairs]
        if len(set(names)) == len(names) or decimals >= 12:
            return names
        decimals += 1


def _distinct(present: pd.Series, column: str, numeric: bool) -> tuple[pd.Series, pd.DataFrame]:
    """One level per distinct value: label per value, and per level its value (if numeric)."""
    distinct = sorted(present.unique(), key=_sort_key(column))
    names = _labels(distinct, numeric)
    labels = present.map(dict(zip(distinct, names, strict=True))).astype(object)
    value = np.asarray(distinct, dtype=float) if numeric else np.full(len(names), np.nan)
    spans = pd.DataFrame({"low": value, "high": value, "mean": value}, index=names)
    return labels, spans


def _sort_key(column: str) -> Callable[[object], object]:
    """Sort key of a lever's values: numeric order, or the declared order of a choice."""
    spec = PARAMETERS_BY_NAME.get(column)
    if spec is not None and spec.choices:
        order = {c: i for i, c in enumerate(spec.choices)}
        return lambda v: (order.get(v, len(order)), str(v))
    return lambda v: v if isinstance(v, int | float | np.number) else str(v)


def level_colors(levels: Levels) -> dict[str, str]:
    """One colour per level: ordered viridis shades for numeric levels, Okabe-Ito otherwise.

    Viridis is sampled on [0, 0.85] to avoid its palest yellow; an empty level is grey.
    """
    numeric = [name for name in levels.order if not np.isnan(levels.values[name])]
    other = [name for name in levels.order if name not in numeric]
    colors = dict(zip(numeric, _viridis(len(numeric)), strict=True))
    palette = OKABE_ITO if len(other) <= len(OKABE_ITO) else _viridis(len(other))
    for i, name in enumerate(other):
        is_missing = name in MISSING_LABELS.values() or name == "empty"
        colors[name] = MISSING_COLOR if is_missing and numeric else palette[i]
    return colors


def _viridis(count: int) -> list[str]:
    """``count`` ordered viridis shades from [0, 0.85] (a single level gets a mid shade)."""
    shades = np.linspace(0, 0.85, count) if count > 1 else [0.4] * count
    return [to_hex(colormaps["viridis"](shade)) for shade in shades]


def lever_label(column: str) -> str:
    """Axis label of a lever: its name and unit (``0-1`` for the 0-1 scales)."""
    name = "pakistan_pressure" if column == "pakistan_pressure_set" else column
    spec = PARAMETERS_BY_NAME.get(name)
    unit = UNITS.get(column, "")
    if spec is not None and unit == "1" and (spec.low, spec.high) == (0.0, 1.0):
        return f"{column} (0-1)"
    if unit in ("", "-", "1"):
        return column
    return f"{column} ({unit})"


# --- Input -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sweep:
    """What the charts need from a sweep directory.

    Attributes:
        out_dir: the sweep directory.
        runs: successful runs (``status == "ok"``).
        factors: columns of the varied parameters, in design order.
    """

    out_dir: Path
    runs: pd.DataFrame
    factors: list[str]


def load_sweep(out_dir: Path) -> Sweep:
    """Read ``runs.csv`` and the design's factors.

    The factors are the names under ``design.factors`` in ``metadata.json`` (mapped to their
    ``runs.csv`` column, e.g. ``pakistan_pressure`` -> ``pakistan_pressure_set``). When it
    lists none (a user's CSV design, or no ``metadata.json``) they are inferred: the parameter
    columns that vary among successful runs, in the order of ``model/parameters.py``; a
    one-point design has none.

    Raises:
        ParameterError: when the directory, ``runs.csv`` or a needed column is missing (or the
            path is a file), when ``metadata.json`` is unreadable, or when no run succeeded.
    """
    out_dir = check_directory(Path(out_dir))
    path = out_dir / "runs.csv"
    if not path.is_file():
        raise ParameterError(f"'{path}' is missing; is '{out_dir}' a sweep directory?")
    try:
        runs = pd.read_csv(path, low_memory=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as error:
        raise ParameterError(f"cannot read '{path}': {error}".replace("\n", " ")) from None
    missing = [c for c in REQUIRED_RUN_COLUMNS if c not in runs.columns]
    if missing:
        raise ParameterError(f"'{path}' lacks the column(s) {', '.join(missing)}")
    runs = runs[runs["status"] == "ok"].reset_index(drop=True)
    if runs.empty:
        raise ParameterError(f"no successful runs (status ok) in '{path}'; nothing to plot")
    return Sweep(out_dir, runs, _factors(out_dir, runs))


def _factors(out_dir: Path, runs: pd.DataFrame) -> list[str]:
    """Factor columns from ``metadata.json``, else the parameter columns that vary."""
    path = out_dir / "metadata.json"
    names: list[str] = []
    if path.is_file():
        try:
            design = json.loads(path.read_text(encoding="utf-8")).get("design") or {}
            names = [factor["name"] for factor in design.get("factors") or []]
        except (json.JSONDecodeError, AttributeError, KeyError, TypeError) as error:
            message = f"cannot read the design factors in '{path}': {error}"
            raise ParameterError(message.replace("\n", " ")) from None
    if names:
        return [resolve_column(runs, name, "design factor") for name in names]
    candidates = [csv_name(name) for name in PARAMETERS_BY_NAME]
    return [c for c in candidates if c in runs and runs[c].nunique(dropna=False) > 1]


def resolve_column(runs: pd.DataFrame, name: str, role: str) -> str:
    """The ``runs.csv`` column of lever ``name`` (a column or a parameter name).

    Raises:
        ParameterError: naming the lever when no such column exists.
    """
    if name in runs.columns:
        return name
    if csv_name(name) in runs.columns:
        return csv_name(name)
    raise ParameterError(
        f"unknown {role} '{name}': not a column of runs.csv "
        f"(factors and parameters such as {', '.join(list(PARAMETERS_BY_NAME)[:4])}, ...)"
    )


def varied_column(runs: pd.DataFrame, name: str, role: str) -> str:
    """Like :func:`resolve_column`, refusing a lever with a single value in the sweep.

    Raises:
        ParameterError: for an unknown lever, or one that the sweep did not vary.
    """
    column = resolve_column(runs, name, role)
    values = runs[column].drop_duplicates()
    if len(values) < 2:
        shown = "empty" if values.isna().all() else values.iloc[0]
        raise ParameterError(
            f"{role} '{name}' has a single value in this sweep ({shown}); "
            "choose a parameter the sweep varied or an output such as mean_pakistan_pressure"
        )
    return column


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


def scatter_chart(runs: pd.DataFrame, lever: str | None) -> tuple[Figure, pd.DataFrame]:
    """Every run's fatalities against its final negotiation progress, with level means.

    Runs are coloured by ``lever``: one colour per value when it has at most
    :data:`MAX_COLOR_LEVELS` distinct values, else a continuous viridis colour bar, and then the
    means are taken over its quantile bins. The large markers are the mean per level; the bars
    are 95% t intervals of the mean of each coordinate separately (marginal, not a joint region).

    Returns:
        The figure and its table: ``kind`` (``run`` or ``level_mean``), ``run_id``,
        ``color_lever``, ``level``, ``level_value`` (the run's lever value, or the level's
        position), ``n`` and, for each axis, the value and its ``_low``/``_high`` bounds.
    """
    fig = _new_figure(8.4, 5.6)
    ax = fig.add_subplot()
    levels = lever_levels(runs, lever, MAX_COLOR_LEVELS) if lever else None
    continuous = levels is not None and levels.binned
    groups = levels.labels if levels is not None else pd.Series("all", index=runs.index)
    if continuous:
        colors = _scatter_continuous(fig, ax, runs, levels)
    else:
        colors = level_colors(levels) if levels is not None else {"all": SINGLE_COLOR}
        for name, color in colors.items():
            _points(ax, runs[groups == name], color=color)
    x_means = mean_table(runs[PROGRESS], groups)
    y_means = mean_table(runs[FATALITIES], groups)
    for name in x_means.index:
        _mean_marker(ax, x_means.loc[name], y_means.loc[name], colors[name])
    _scatter_legend(fig, levels, colors, continuous)
    ax.set_xlabel(LABELS[PROGRESS])
    ax.set_ylabel(LABELS[FATALITIES])
    ax.grid(alpha=0.3)
    coloured = f", colour: {lever}" if lever else ""
    ax.set_title(f"Violence against negotiation progress\n{len(runs)} runs{coloured}")
    return fig, _scatter_table(runs, lever, levels, x_means, y_means)


def _points(ax, runs: pd.DataFrame, **style) -> None:
    """One small, semi-transparent point per run (rasterized: fast with many runs)."""
    ax.scatter(
        runs[PROGRESS], runs[FATALITIES], s=12, alpha=0.6, linewidths=0, rasterized=True, **style
    )


def _scatter_continuous(fig: Figure, ax, runs: pd.DataFrame, levels: Levels) -> dict[str, str]:
    """Runs coloured on a viridis colour bar (grey if empty); returns the colour of each bin."""
    lever = levels.column
    present = runs[lever].notna()
    norm, cmap = Normalize(runs[lever].min(), runs[lever].max()), colormaps["viridis"]
    _points(ax, runs[~present], color=MISSING_COLOR)
    _points(ax, runs[present], c=runs.loc[present, lever], cmap=cmap, norm=norm)
    fig.colorbar(ScalarMappable(norm, cmap), ax=ax, label=lever_label(lever))
    return _value_colors(levels, norm)


def _value_colors(levels: Levels, norm: Normalize) -> dict[str, str]:
    """Colour of each level at its position on the viridis colour bar (grey if empty)."""
    cmap = colormaps["viridis"]
    return {
        name: to_hex(cmap(norm(value))) if not np.isnan(value) else MISSING_COLOR
        for name, value in levels.values.items()
    }


def _mean_marker(ax, x: pd.Series, y: pd.Series, color: str) -> None:
    """A large diamond at the level mean, with 95% bars in both directions."""
    ax.errorbar(
        x["mean"],
        y["mean"],
        xerr=_error_bars(x["mean"], x["low"], x["high"]),
        yerr=_error_bars(y["mean"], y["low"], y["high"]),
        fmt="D",
        markersize=9,
        color=color,
        markeredgecolor="black",
        ecolor="black",
        elinewidth=1.3,
        capsize=4,
        zorder=5,
    )


def _error_bars(mean: ArrayLike, low: ArrayLike, high: ArrayLike) -> np.ndarray:
    """Error bar lengths below and above ``mean`` (0 where the interval is undefined)."""
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
        handles.append(Line2D([], [], ls="", marker="o", color=SINGLE_COLOR, label="one run"))
        label = "mean of all runs,\n95% t interval"
    elif continuous:
        label = f"mean per quantile bin\n({QUANTILE_BINS} bins), 95% t interval"
    else:
        label = "mean per level,\n95% t interval"
    marker = Line2D([], [], marker="D", color="black", markerfacecolor="white", label=label)
    title = lever_label(levels.column) if levels is not None and not continuous else None
    fig.legend(handles=[*handles, marker], loc="outside right upper", title=title, fontsize=8)


def _scatter_table(runs, lever, levels, x_means, y_means) -> pd.DataFrame:
    run_rows = pd.DataFrame(
        {
            "kind": "run",
            "run_id": runs["run_id"],
            "color_lever": lever or "",
            "level": levels.labels.astype(object) if levels is not None else "all",
            "level_value": pd.to_numeric(runs[lever], errors="coerce") if lever else np.nan,
            "n": 1,
            PROGRESS: runs[PROGRESS],
            FATALITIES: runs[FATALITIES],
        }
    )
    mean_rows = pd.DataFrame(
        {
            "kind": "level_mean",
            "run_id": pd.NA,
            "color_lever": lever or "",
            "level": x_means.index.astype(object),
            "level_value": levels.values.reindex(x_means.index).to_numpy()
            if levels is not None
            else np.nan,
            "n": x_means["n"].to_numpy(),
            PROGRESS: x_means["mean"].to_numpy(),
            f"{PROGRESS}_low": x_means["low"].to_numpy(),
            f"{PROGRESS}_high": x_means["high"].to_numpy(),
            FATALITIES: y_means["mean"].to_numpy(),
            f"{FATALITIES}_low": y_means["low"].to_numpy(),
            f"{FATALITIES}_high": y_means["high"].to_numpy(),
        }
    )
    table = pd.concat([run_rows, mean_rows], ignore_index=True)
    order = ["kind", "run_id", "color_lever", "level", "level_value", "n", PROGRESS]
    order += [f"{PROGRESS}_low", f"{PROGRESS}_high", FATALITIES]
    order += [f"{FATALITIES}_low", f"{FATALITIES}_high"]
    return table[order]


# --- Chart 2: lever effects ------------------------------------------------------------------

EFFECT_OUTPUTS = (FATALITIES, PROGRESS, CEASEFIRE_SHARE)
EFFECT_COLUMNS_PER_ROW = 6


def effect_table(runs: pd.DataFrame, levers: Iterable[str]) -> pd.DataFrame:
    """Mean of each output per lever level, with its 95% interval.

    For each lever (levels as in :func:`lever_levels` with at most :data:`MAX_LEVELS` shown one
    by one), the mean over the runs at each level of ``mean_weekly_fatalities`` and
    ``final_negotiation_progress`` with a t interval, and ``ceasefire_share`` (share of runs
    with a non-empty ``weeks_to_ceasefire``, i.e. a cease-fire began) with a Wilson interval.

    Returns:
        Columns ``factor``, ``level``, ``level_value`` (x position; empty for text or empty
        levels), ``binned``, ``bin_low``, ``bin_high``, ``output``, ``interval`` (``t`` or
        ``wilson``), ``n``, ``mean``, ``low``, ``high``.
    """
    ceasefire = runs["weeks_to_ceasefire"].notna()
    parts = []
    for lever in levers:
        levels = lever_levels(runs, lever, MAX_LEVELS)
        for output in EFFECT_OUTPUTS:
            if output == CEASEFIRE_SHARE:
                table, interval = share_table(ceasefire, levels.labels), "wilson"
            else:
                table, interval = mean_table(runs[output], levels.labels), "t"
            parts.append(_effect_rows(levels, output, interval, table))
    return pd.concat(parts, ignore_index=True)


def _effect_rows(levels: Levels, output: str, interval: str, table: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`effect_table` for one lever and output."""
    names = table.index.astype(object)
    bounds = levels.bounds.reindex(names) if levels.binned else None
    return pd.DataFrame(
        {
            "factor": levels.column,
            "level": names,
            "level_value": levels.values.reindex(names).to_numpy(),
            "binned": levels.binned,
            "bin_low": bounds["low"].to_numpy() if bounds is not None else np.nan,
            "bin_high": bounds["high"].to_numpy() if bounds is not None else np.nan,
            "output": output,
            "interval": interval,
            **{c: table[c].to_numpy() for c in ("n", "mean", "low", "high")},
        }
    )


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
    err = _error_bars(mean, low, high)
    color = "#D55E00" if output == CEASEFIRE_SHARE else SINGLE_COLOR
    ax.errorbar(x, mean, yerr=err, fmt="o", color=color, capsize=3, markersize=5, zorder=3)
    if numeric and len(rows) > 1:
        ax.plot(x, mean, color=color, lw=0.8, alpha=0.5)
    if not numeric:
        ax.set_xticks(x, rows["level"].astype(str), rotation=30 if len(rows) > 4 else 0)
        ax.set_xlim(-0.5, len(rows) - 0.5)
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.3)


# --- Chart 3: time series --------------------------------------------------------------------


def step_summary(path: Path, groups: pd.Series) -> tuple[dict[str, pd.DataFrame], pd.Series]:
    """Per group and step: count, mean and sum of squared deviations of the weekly outputs.

    ``steps.csv`` is read in chunks of :data:`STEP_CHUNK_ROWS` rows and only the needed
    columns; chunk summaries are merged exactly (pooled mean and the parallel-variance formula
    of Chan, Golub and LeVeque), so memory does not grow with the number of runs.

    Args:
        path: ``steps.csv``.
        groups: level label per successful ``run_id`` (other runs are skipped).

    Returns:
        Per output, a frame indexed by (group, step) with ``n``, ``mean`` and ``m2`` (empty
        when no successful run is in the file); and the ``date`` of each step (empty when the
        file has no date column).

    Raises:
        ParameterError: when ``steps.csv`` lacks a needed column.
    """
    header = pd.read_csv(path, nrows=0).columns
    needed = ["run_id", "step", *STEP_OUTPUTS]
    missing = [c for c in needed if c not in header]
    if missing:
        raise ParameterError(f"'{path}' lacks the column(s) {', '.join(missing)}")
    usecols = [*needed, "date"] if "date" in header else needed
    empty = pd.DataFrame(columns=["n", "mean", "m2"])
    summaries = dict.fromkeys(STEP_OUTPUTS, empty)
    dates = pd.Series(dtype=object)
    for chunk in pd.read_csv(path, usecols=usecols, chunksize=STEP_CHUNK_ROWS):
        chunk = chunk.assign(group=chunk["run_id"].map(groups)).dropna(subset=["group"])
        if chunk.empty:
            continue
        if "date" in chunk:
            dates = dates.combine_first(chunk.groupby("step")["date"].first())
        for output in STEP_OUTPUTS:
            summaries[output] = _merge_moments(summaries[output], _moments(chunk, output))
    return summaries, dates


def _moments(chunk: pd.DataFrame, output: str) -> pd.DataFrame:
    """Count, mean and sum of squared deviations of ``output`` per (group, step)."""
    part = chunk.groupby(["group", "step"])[output].agg(["count", "mean", "var"])
    part = part[part["count"] > 0]  # only missing values: nothing to pool
    m2 = part["var"].fillna(0) * (part["count"] - 1)
    return pd.DataFrame({"n": part["count"], "mean": part["mean"], "m2": m2})


def _merge_moments(total: pd.DataFrame, part: pd.DataFrame) -> pd.DataFrame:
    """Pool count, mean and sum of squared deviations of the same groups."""
    if total.empty or part.empty:
        return part if total.empty else total
    both = pd.concat([total, part])
    keys = both.groupby(level=[0, 1])
    n = keys["n"].sum()
    mean = (both["n"] * both["mean"]).groupby(level=[0, 1]).sum() / n
    deviation = both["mean"] - mean.reindex(both.index).to_numpy()
    m2 = (both["m2"] + both["n"] * deviation**2).groupby(level=[0, 1]).sum()
    return pd.DataFrame({"n": n, "mean": mean, "m2": m2})


def timeseries_table(path: Path, runs: pd.DataFrame, lever: str | None) -> pd.DataFrame:
    """Mean and 95% t band across runs of the weekly outputs, per step and lever level.

    The band at each step is the t interval of the mean over the successful runs of the level
    (``n`` = runs that reached that step). Levels as in :func:`scatter_chart`.

    Returns:
        Columns ``color_lever``, ``level``, ``level_value``, ``step``, ``date``, ``output``,
        ``n``, ``mean``, ``low``, ``high``; empty when ``steps.csv`` has no successful run.
    """
    levels = lever_levels(runs, lever, MAX_COLOR_LEVELS) if lever else None
    labels = levels.labels.astype(object) if levels else pd.Series("all", index=runs.index)
    groups = pd.Series(labels.to_numpy(), index=runs["run_id"].to_numpy())
    groups = groups[~groups.index.duplicated()]
    summaries, dates = step_summary(path, groups)
    parts = [
        _band_rows(summary, output, levels, dates)
        for output, summary in summaries.items()
        if not summary.empty
    ]
    if not parts:
        return pd.DataFrame()
    table = pd.concat(parts, ignore_index=True).assign(color_lever=lever or "")
    order = levels.order if levels else ["all"]
    table["level"] = pd.Categorical(table["level"], categories=order, ordered=True)
    table = table.sort_values(["output", "level", "step"], kind="stable")
    table["level"] = table["level"].astype(object)
    columns = ["color_lever", "level", "level_value", "step", "date", "output", "n", "mean"]
    return table[[*columns, "low", "high"]].reset_index(drop=True)


def _band_rows(
    summary: pd.DataFrame, output: str, levels: Levels | None, dates: pd.Series
) -> pd.DataFrame:
    """Rows of :func:`timeseries_table` for one output from its pooled moments."""
    n, mean = summary["n"].astype(int), summary["mean"].astype(float)
    var = summary["m2"].astype(float) / (n - 1).where(n > 1)
    low, high = t_bounds(n, mean, var)
    group = summary.index.get_level_values(0)
    step = summary.index.get_level_values(1)
    return pd.DataFrame(
        {
            "level": group,
            "level_value": levels.values.reindex(group).to_numpy() if levels else np.nan,
            "step": step,
            "date": dates.reindex(step).to_numpy() if len(dates) else None,
            "output": output,
            "n": n.to_numpy(),
            "mean": mean.to_numpy(),
            "low": low,
            "high": high,
        }
    )


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
    colors = level_colors(levels) if levels else {"all": SINGLE_COLOR}
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
    band = Line2D([], [], color="grey", lw=6, alpha=0.3, label="95% t band")
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

HEATMAP_OUTPUTS = ((FATALITIES, "viridis", ".1f"), (PROGRESS, "cividis", ".2f"))


def heatmap_table(runs: pd.DataFrame, pair: tuple[str, str]) -> pd.DataFrame:
    """Mean outputs over the levels of two levers (quantile bins when they have many values).

    Each lever is grouped as in :func:`lever_levels` (at most :data:`MAX_LEVELS` levels shown
    one by one, else :data:`QUANTILE_BINS` quantile bins). Every cell is the mean over the runs
    in it, with its 95% t interval; empty cells are absent.

    Returns:
        Columns ``lever_x``, ``level_x``, ``lever_y``, ``level_y``, ``output``, ``n``,
        ``mean``, ``low``, ``high``.
    """
    x_levels, y_levels = (lever_levels(runs, lever, MAX_LEVELS) for lever in pair)
    parts = []
    for output, _, _ in HEATMAP_OUTPUTS:
        table = mean_table(runs[output], [x_levels.labels, y_levels.labels])
        cells = table.index.to_frame(index=False, name=["level_x", "level_y"]).astype(object)
        parts.append(
            cells.assign(
                lever_x=pair[0],
                lever_y=pair[1],
                output=output,
                **{c: table[c].to_numpy() for c in ("n", "mean", "low", "high")},
            )
        )
    table = pd.concat(parts, ignore_index=True)
    columns = ["lever_x", "level_x", "lever_y", "level_y", "output", "n", "mean", "low", "high"]
    return table[columns]


def heatmap_chart(runs: pd.DataFrame, pair: tuple[str, str]) -> tuple[Figure, pd.DataFrame]:
    """Heat maps of mean weekly fatalities and final negotiation progress over two levers.

    Cells are annotated with their mean; cells without runs are left blank (light grey).
    """
    table = heatmap_table(runs, pair)
    x_levels, y_levels = (lever_levels(runs, lever, MAX_LEVELS) for lever in pair)
    fig = _new_figure(1.5 + 2 * max(3.6, 0.55 * len(x_levels.order) + 1.6), 4.6)
    axes = fig.subplots(1, 2, squeeze=False)[0]
    for ax, (output, cmap, fmt) in zip(axes, HEATMAP_OUTPUTS, strict=True):
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
    ax.set_facecolor("#EEEEEE")
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
            color="white" if dark else "black",
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

    Charts of an earlier call that this call does not draw (e.g. a heat map for levers no
    longer asked for) are deleted from ``plots/`` so that no stale chart is left beside new ones.

    Returns:
        The written paths, PNG then CSV for each chart: ``violence_vs_negotiation``,
        ``lever_effects`` (when there are factors, or a colour lever), ``timeseries`` (when
        ``steps.csv`` exists and holds successful runs), ``heatmap``.

    Raises:
        ParameterError: for a missing directory or ``runs.csv``, an unfinished sweep without
            ``partial``, an unknown colour or heat-map lever, two identical heat-map levers, or
            a sweep without successful runs.
    """
    sweep = load_sweep(Path(out_dir))
    check_finished(sweep.out_dir, partial, "charting")
    runs = sweep.runs
    lever = varied_column(runs, color_by, "colour lever") if color_by else None
    lever = lever or (sweep.factors[0] if sweep.factors else None)
    pair = _heatmap_pair(runs, heatmap, sweep.factors)
    effect_levers = sweep.factors or ([lever] if lever else [])
    steps = sweep.out_dir / "steps.csv"
    builders: dict[str, Callable[[], tuple[Figure, pd.DataFrame] | None]] = {
        "violence_vs_negotiation": lambda: scatter_chart(runs, lever)
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
