"""The intervals of ``batch/analysis/stats.py`` against numbers computed by hand.

The quantiles are the tabled values: t(0.975, 1) = 12.7062, t(0.975, 2) = 4.30265,
z(0.975) = 1.95996.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ceasefire.batch.analysis.stats import (
    group_moments,
    mean_interval,
    mean_table,
    moment_bounds,
    paired_differences,
    pool_moments,
    share_interval,
    share_table,
    t_bounds,
    wilson_bounds,
)

T_2 = 4.302653
"""t(0.975) with 2 degrees of freedom (a table gives 4.303)."""
Z = 1.959964


def test_wilson_matches_the_formula():
    low, high = wilson_bounds([3], [10])
    centre = (0.3 + Z**2 / 20) / (1 + Z**2 / 10)
    half = Z / (1 + Z**2 / 10) * np.sqrt(0.3 * 0.7 / 10 + Z**2 / 400)
    np.testing.assert_allclose([low[0], high[0]], [centre - half, centre + half], rtol=1e-6)
    # The published value for 3 of 10 (Newcombe 1998, method 3): 0.1078 to 0.6032.
    np.testing.assert_allclose([low[0], high[0]], [0.1078, 0.6032], atol=5e-5)


def test_wilson_at_zero_and_one():
    low, high = wilson_bounds([0, 10, 0], [10, 10, 0])
    assert low[0] == 0 and high[0] == pytest.approx(0.2775, abs=5e-5)  # Newcombe 1998: 0.2775
    assert high[1] == 1 and low[1] == pytest.approx(1 - 0.2775, abs=5e-5)
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_t_interval_needs_two_runs():
    low, high = t_bounds([1, 2], [5.0, 5.0], [np.nan, 2.0])
    assert np.isnan(low[0]) and np.isnan(high[0])
    # n = 2, s^2 = 2: half-width t(0.975, 1) * sqrt(2 / 2) = 12.7062
    assert high[1] == pytest.approx(5.0 + 12.7062, abs=1e-4)
    assert low[1] == pytest.approx(5.0 - 12.7062, abs=1e-4)


def test_mean_interval_of_finite_values():
    # 1, 2, 3: mean 2, s = 1, half-width 4.30265 / sqrt(3) = 2.48414; NaN and inf are left out.
    mean, low, high, n = mean_interval([1.0, 2.0, 3.0, np.nan, np.inf])
    assert (mean, n) == (2.0, 3)
    assert low == pytest.approx(2 - 2.48414, abs=1e-5)
    assert high == pytest.approx(2 + 2.48414, abs=1e-5)


def test_mean_interval_of_one_and_of_no_value():
    mean, low, high, n = mean_interval([7.0])
    assert (mean, n) == (7.0, 1) and np.isnan(low) and np.isnan(high)
    mean, low, high, n = mean_interval([np.nan])
    assert n == 0 and np.isnan(mean) and np.isnan(low) and np.isnan(high)


def test_share_interval():
    # 2 of 4: the Wilson interval is symmetric about 0.5, 0.1500 to 0.8500.
    share, low, high, n = share_interval([True, False, False, True])
    assert (share, n) == (0.5, 4)
    assert low == pytest.approx(0.15004, abs=1e-5) and high == pytest.approx(0.84996, abs=1e-5)
    share, low, high, n = share_interval([])
    assert (share, n) == (0.0, 0) and np.isnan(low) and np.isnan(high)


def test_paired_differences_pair_by_replication():
    arm = pd.Series([5.0, 7.0, np.nan, 9.0], index=[0, 1, 2, 3])
    baseline = pd.Series([1.0, 2.0, 3.0], index=[0, 1, 2])  # replication 3 is missing
    difference = paired_differences(arm, baseline)
    assert difference.to_dict() == {0: 4.0, 1: 5.0}
    frame = paired_differences(
        pd.DataFrame({"a": [1.0, np.nan], "b": [2.0, np.nan]}),
        pd.DataFrame({"a": [0.5, 1.0], "b": [np.nan, 1.0]}),
    )
    assert list(frame.index) == [0] and frame.loc[0, "a"] == 0.5 and np.isnan(frame.loc[0, "b"])


def test_paired_interval_is_narrower_than_the_unpaired_one():
    """Arms that share their noise: the paired interval sees only the effect's spread."""
    baseline = pd.Series([10.0, 20.0, 30.0])
    arm = baseline + pd.Series([3.0, 4.0, 5.0])  # effect 4, s = 1
    mean, low, high, n = mean_interval(paired_differences(arm, baseline))
    assert (mean, n) == (4.0, 3)
    assert (low, high) == pytest.approx((4 - 2.48414, 4 + 2.48414), abs=1e-5)


def test_tables_per_group():
    values = pd.Series([1.0, 2.0, 3.0, 10.0, np.nan])
    groups = pd.Series(["a", "a", "a", "b", "b"])
    table = mean_table(values, groups)
    assert table["n"].to_dict() == {"a": 3, "b": 1}
    assert table.loc["a", "mean"] == 2.0 and table.loc["b", "mean"] == 10.0
    assert table.loc["a", "high"] == pytest.approx(2 + 2.48414, abs=1e-5)
    assert np.isnan(table.loc["b", "low"])
    shares = share_table(pd.Series([True, False, False, True]), pd.Series(["x"] * 4))
    assert shares.loc["x", "mean"] == 0.5
    assert shares.loc["x", "low"] == pytest.approx(0.15004, abs=1e-5)


def test_pooled_moments_equal_the_moments_of_the_whole():
    rows = pd.DataFrame(
        {"g": ["a"] * 5 + ["b"] * 3, "s": 1, "x": [1.0, 2.0, 4.0, 8.0, 16.0, 3.0, 3.0, 6.0]}
    )
    pooled = pool_moments(
        group_moments(rows.iloc[:3], ["g", "s"], "x"), group_moments(rows.iloc[3:], ["g", "s"], "x")
    )
    # a: mean 31/5 = 6.2, sum of squared deviations 27.04 + 17.64 + 4.84 + 3.24 + 96.04 = 148.8;
    # b: mean 4, 1 + 1 + 4 = 6.
    assert pooled.loc[("a", 1), "n"] == 5 and pooled.loc[("b", 1), "n"] == 3
    assert pooled.loc[("a", 1), "mean"] == pytest.approx(6.2)
    assert pooled.loc[("a", 1), "m2"] == pytest.approx(148.8)
    assert pooled.loc[("b", 1), "m2"] == pytest.approx(6.0)
    low, high = moment_bounds(pooled.loc[[("b", 1)]])
    # b: s^2 = 3, half-width 4.30265 * sqrt(3 / 3) = 4.30265
    assert (low[0], high[0]) == pytest.approx((4 - T_2, 4 + T_2), abs=1e-5)
