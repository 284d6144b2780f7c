"""Levels of a lever: the runs of a sweep grouped by the value of one parameter.

Levers with many distinct values (sampled designs such as Latin hypercube or Sobol) are grouped
into :data:`QUANTILE_BINS` quantile bins of the lever (``pandas.qcut``; ties can merge bins).
A bin is labelled by the smallest and largest lever value in it and plotted at the mean lever
value of its runs. An empty parameter value (``auto`` Pakistani pressure, ``none`` for a
withdrawal week) forms a level of its own, placed last.

Runs at one level of a factor but at different levels of the other factors are pooled, so a
level's interval includes the spread caused by the other factors, unless the runs are first
split into strata (:func:`stratum_labels`), one per combination of levels of other factors.
With common random numbers, runs at different levels share seeds; the intervals of a level are
for the level on its own, not for paired contrasts between levels.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ceasefire.model.outputs import RUN_COLUMNS, STEP_COLUMNS, csv_name
from ceasefire.model.parameters import PARAMETERS_BY_NAME, ParameterError

MAX_COLOR_LEVELS = 10
"""A colour lever with at most this many distinct values gets one colour per value."""
MAX_LEVELS = 12
"""A factor with at most this many distinct values is shown level by level; more are binned."""
QUANTILE_BINS = 5
"""Number of quantile bins of a lever with too many distinct values."""
MAX_PANELS = 12
"""Most strata (panels) of the chart of violence against negotiation progress."""
ALL_RUNS = "all runs"
"""Stratum label of runs that are not split by any factor."""
MISSING_LABELS = {"pakistan_pressure_set": "auto", "withdrawal_week": "none"}
"""Label of an empty value in a parameter column."""
EMPTY_LABEL = "empty"
"""Label of an empty value in any other column."""
UNITS = {c.name: c.unit for c in (*RUN_COLUMNS, *STEP_COLUMNS)}


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
    missing = MISSING_LABELS.get(column, EMPTY_LABEL)
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


def is_missing_level(name: str) -> bool:
    """Whether a level label stands for an empty value."""
    return name in MISSING_LABELS.values() or name == EMPTY_LABEL


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


def stratum_labels(runs: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """Each run's stratum: its levels of ``columns``, as ``a=1, b=none``.

    Levels are those of :func:`lever_levels` (at most :data:`MAX_LEVELS` one by one, else
    quantile bins). Without columns every run is in the one stratum :data:`ALL_RUNS`.

    Returns:
        An ordered categorical aligned with the runs; the categories are the observed
        combinations, in the order of the columns' levels.
    """
    if not columns:
        return pd.Series(pd.Categorical([ALL_RUNS] * len(runs)), index=runs.index)
    levels = [lever_levels(runs, column, MAX_LEVELS) for column in columns]
    parts = [lv.labels.astype(str).map(f"{lv.column}={{}}".format) for lv in levels]
    text = parts[0]
    for part in parts[1:]:
        text = text + ", " + part
    combos = itertools.product(*(lv.order for lv in levels))
    names = [", ".join(f"{c}={v}" for c, v in zip(columns, combo, strict=True)) for combo in combos]
    observed = set(text)
    order = [name for name in names if name in observed]
    return pd.Series(pd.Categorical(text, categories=order, ordered=True), index=runs.index)


def strata_columns(
    runs: pd.DataFrame, factors: Sequence[str], lever: str | None, by: Sequence[str] | None
) -> list[str]:
    """The factors whose level combinations split the runs into strata (chart panels).

    Args:
        runs: successful runs.
        factors: the sweep's factor columns.
        lever: the colour lever (not a stratum: it varies within a panel).
        by: factor names (columns or parameter names); ``None`` for the default, every factor
            other than the colour lever when that gives at most :data:`MAX_PANELS` strata,
            else none; empty for none.

    Raises:
        ParameterError: for a name that is not a factor other than the colour lever (naming
            those allowed), a factor named twice, or more than :data:`MAX_PANELS` strata.
    """
    allowed = [f for f in factors if f != lever]
    if by is None:
        return allowed if stratum_labels(runs, allowed).nunique() <= MAX_PANELS else []
    columns = [_stratum_column(name, allowed) for name in by]
    repeated = next((c for c in columns if columns.count(c) > 1), None)
    if repeated is not None:
        raise ParameterError(f"stratifying factor '{repeated}' is named twice")
    count = stratum_labels(runs, columns).nunique()
    if count > MAX_PANELS:
        raise ParameterError(
            f"stratifying by {', '.join(columns)} gives {count} panels, at most {MAX_PANELS}; "
            "name fewer factors"
        )
    return columns


def _stratum_column(name: str, allowed: Sequence[str]) -> str:
    """The factor column of ``name``, or an error naming the allowed factors."""
    for column in (name, csv_name(name)):
        if column in allowed:
            return column
    choices = ", ".join(allowed) if allowed else "none (no other factor was swept)"
    raise ParameterError(
        f"cannot stratify by '{name}': allowed are the swept factors other than the colour "
        f"lever: {choices}; or 'none'"
    )
