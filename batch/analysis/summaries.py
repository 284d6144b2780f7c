"""The numbers of a sweep's charts (``ceasefire plot DIR``): per-level means with 95% intervals.

Every table here is written beside the chart that draws it (:mod:`ceasefire.batch.analysis.charts`)
so that each chart can be checked or redrawn in R, Stata or pandas. Only runs with
``status == "ok"`` are used. Runs are grouped by lever levels (:mod:`.levels`); means carry the
t interval and shares of runs the Wilson interval of :mod:`.stats`. Time-series bands are the
t interval computed separately at each step over the runs of the level that reached it:
pointwise, not simultaneous bands, and not truncated (a fatality band may dip below 0 when runs
are few and skewed). In the scatter table the intervals of the two coordinates are computed
separately (a cross of marginal intervals, not a joint confidence region).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ceasefire.batch.analysis.levels import (
    MAX_COLOR_LEVELS,
    MAX_LEVELS,
    Levels,
    lever_levels,
    resolve_column,
    stratum_labels,
)
from ceasefire.batch.analysis.stats import (
    group_moments,
    mean_table,
    moment_bounds,
    pool_moments,
    share_table,
)
from ceasefire.batch.io.reading import check_directory
from ceasefire.model.outputs import csv_name
from ceasefire.model.parameters import PARAMETERS_BY_NAME, ParameterError

STEP_CHUNK_ROWS = 500_000
"""Rows of ``steps.csv`` read at a time."""
FATALITIES = "mean_weekly_fatalities"
PROGRESS = "final_negotiation_progress"
CEASEFIRE_SHARE = "ceasefire_share"
REQUIRED_RUN_COLUMNS = ("run_id", "status", FATALITIES, PROGRESS, "weeks_to_ceasefire")
STEP_OUTPUTS = ("fatalities", "negotiation_progress")
EFFECT_OUTPUTS = (FATALITIES, PROGRESS, CEASEFIRE_SHARE)
HEATMAP_OUTPUTS = (FATALITIES, PROGRESS)


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


# --- Tables ----------------------------------------------------------------------------------


def scatter_table(
    runs: pd.DataFrame,
    lever: str | None,
    levels: Levels | None,
    strata: pd.Series | None = None,
) -> pd.DataFrame:
    """Every run's two coordinates, then the mean of each level in each stratum (95% t).

    Args:
        runs: successful runs.
        lever: the colour lever, or ``None``.
        levels: its levels (``None`` without a lever: one group ``all``).
        strata: each run's stratum (:func:`stratum_labels`); ``None``: all runs in one.

    Returns:
        Columns ``kind`` (``run`` or ``level_mean``), ``run_id``, ``color_lever``, ``stratum``,
        ``level``, ``level_value`` (the run's lever value, or the level's position), ``n`` and,
        for each axis, the value and its ``_low``/``_high`` bounds.
    """
    strata = strata if strata is not None else stratum_labels(runs, ())
    groups = levels.labels if levels is not None else pd.Series("all", index=runs.index)
    x_means = mean_table(runs[PROGRESS], [strata, groups])
    y_means = mean_table(runs[FATALITIES], [strata, groups])
    run_rows = pd.DataFrame(
        {
            "kind": "run",
            "run_id": runs["run_id"],
            "color_lever": lever or "",
            "stratum": strata.astype(object),
            "level": groups.astype(object),
            "level_value": pd.to_numeric(runs[lever], errors="coerce") if lever else np.nan,
            "n": 1,
            PROGRESS: runs[PROGRESS],
            FATALITIES: runs[FATALITIES],
        }
    )
    level_names = x_means.index.get_level_values(1).astype(object)
    mean_rows = pd.DataFrame(
        {
            "kind": "level_mean",
            "run_id": pd.NA,
            "color_lever": lever or "",
            "stratum": x_means.index.get_level_values(0).astype(object),
            "level": level_names,
            "level_value": levels.values.reindex(level_names).to_numpy()
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
    order = ["kind", "run_id", "color_lever", "stratum", "level", "level_value", "n", PROGRESS]
    order += [f"{PROGRESS}_low", f"{PROGRESS}_high", FATALITIES]
    order += [f"{FATALITIES}_low", f"{FATALITIES}_high"]
    return table[order]


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
            part = group_moments(chunk, ["group", "step"], output)
            summaries[output] = pool_moments(summaries[output], part)
    return summaries, dates


def timeseries_table(path: Path, runs: pd.DataFrame, lever: str | None) -> pd.DataFrame:
    """Mean and 95% t band across runs of the weekly outputs, per step and lever level.

    The band at each step is the t interval of the mean over the successful runs of the level
    (``n`` = runs that reached that step). The levels of ``lever`` are shown one by one up to
    :data:`MAX_COLOR_LEVELS`, else in quantile bins.

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
    low, high = moment_bounds(summary)
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
    for output in HEATMAP_OUTPUTS:
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
