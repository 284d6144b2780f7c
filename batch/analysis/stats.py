"""The intervals of every table and chart: one t interval, one Wilson interval, paired differences.

Every interval is at the 95% level (:data:`CONFIDENCE`) and computed over runs, which are
treated as independent draws:

* A mean uses the Student t interval ``mean +/- t(0.975, n - 1) * s / sqrt(n)``, where ``s`` is
  the sample standard deviation (``ddof=1``) of the ``n`` runs (:func:`t_bounds`). With
  ``n = 1`` no interval is defined: its bounds are NaN (empty in a CSV, no bar in a chart).
* A share of runs (e.g. with a cease-fire) uses the Wilson score interval with
  ``z = 1.95996``: ``(p + z^2/(2n)) / (1 + z^2/n) +/- z / (1 + z^2/n) * sqrt(p (1 - p) / n +
  z^2 / (4 n^2))`` (:func:`wilson_bounds`).
* A paired difference (two arms run with the same replication seeds, common random numbers) is
  the difference replication by replication (:func:`paired_differences`), with the t interval
  of its mean.

Group summaries that are built in pieces (``steps.csv`` read in chunks) are pooled exactly with
:func:`pool_moments`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import stats

CONFIDENCE = 0.95
"""Confidence level of every interval."""


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


def mean_interval(values: Iterable[float]) -> tuple[float, float, float, int]:
    """Mean, 95% t interval and count of the finite ``values`` (NaN and 0 when there are none).

    Args:
        values: one value per run (missing and infinite values are left out).

    Returns:
        ``(mean, low, high, n)``.
    """
    array = np.asarray([v for v in values if np.isfinite(v)], dtype=float)
    if array.size == 0:
        return np.nan, np.nan, np.nan, 0
    low, high = t_bounds(array.size, array.mean(), array.var(ddof=1) if array.size > 1 else 0)
    return float(array.mean()), float(low), float(high), int(array.size)


def share_interval(events: Iterable[bool]) -> tuple[float, float, float, int]:
    """Share of runs with an event, its 95% Wilson interval and the number of runs.

    Args:
        events: one flag per run.

    Returns:
        ``(share, low, high, n)``; the share is 0 when there are no runs.
    """
    flags = np.asarray(list(events), dtype=float)
    hits, n = int(flags.sum()), int(flags.size)
    low, high = wilson_bounds(hits, n)
    return hits / max(n, 1), float(low), float(high), n


def paired_differences(
    arm: pd.Series | pd.DataFrame, baseline: pd.Series | pd.DataFrame
) -> pd.Series | pd.DataFrame:
    """Replication-by-replication differences ``arm - baseline`` (common random numbers).

    Both are indexed by replication (or by anything that pairs the runs); pairs where either side
    is missing are left out (for a frame: rows missing in every column).

    Args:
        arm: one value (or row of values) per replication.
        baseline: the same replications of the arm it is compared with.

    Returns:
        The differences, aligned on the shared index.
    """
    difference = arm - baseline
    if isinstance(difference, pd.DataFrame):
        return difference.dropna(how="all")
    return difference.dropna()


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


def group_moments(frame: pd.DataFrame, keys: list[str], column: str) -> pd.DataFrame:
    """Count, mean and sum of squared deviations (``m2``) of ``column`` per group.

    Groups with only missing values are left out (nothing to pool).
    """
    part = frame.groupby(keys)[column].agg(["count", "mean", "var"])
    part = part[part["count"] > 0]
    m2 = part["var"].fillna(0) * (part["count"] - 1)
    return pd.DataFrame({"n": part["count"], "mean": part["mean"], "m2": m2})


def pool_moments(total: pd.DataFrame, part: pd.DataFrame) -> pd.DataFrame:
    """Pool two :func:`group_moments` of the same groups (indexed by two keys) exactly.

    The pooled mean and the parallel-variance formula of Chan, Golub and LeVeque, so a table
    read in chunks gives the moments of the whole.
    """
    if total.empty or part.empty:
        return part if total.empty else total
    both = pd.concat([total, part])
    keys = both.groupby(level=[0, 1])
    n = keys["n"].sum()
    mean = (both["n"] * both["mean"]).groupby(level=[0, 1]).sum() / n
    deviation = both["mean"] - mean.reindex(both.index).to_numpy()
    m2 = (both["m2"] + both["n"] * deviation**2).groupby(level=[0, 1]).sum()
    return pd.DataFrame({"n": n, "mean": mean, "m2": m2})


def moment_bounds(moments: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The t interval of each group's mean from its :func:`group_moments`."""
    n = moments["n"].astype(int)
    var = moments["m2"].astype(float) / (n - 1).where(n > 1)
    return t_bounds(n, moments["mean"].astype(float), var)
