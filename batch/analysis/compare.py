"""Comparing named scenarios with the same seeds: a table with intervals and a chart.

Every scenario runs with the same replication seeds (common random numbers), so differences
between scenarios are paired; the table reports each scenario's means with 95% intervals and
its paired difference from the first scenario (by default the status quo).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ceasefire.batch.analysis import style
from ceasefire.batch.analysis import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.analysis.charts import error_bars
from ceasefire.batch.analysis.stats import mean_interval, paired_differences, share_interval
from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import write_datapackage
from ceasefire.batch.io.export import check_output_dir, write_derived
from ceasefire.batch.io.provenance import METADATA, write_metadata
from ceasefire.batch.sweep.executors import make_executor
from ceasefire.batch.sweep.limits import check_runs
from ceasefire.batch.sweep.runner import RunTask
from ceasefire.batch.sweep.seeds import replication_seeds
from ceasefire.batch.sweep.sink import stream_runs
from ceasefire.batch.sweep.tasks import DesignPoint, build_tasks
from ceasefire.model.negotiation.talks import WITHIN_WEEKS
from ceasefire.model.parameters import ParameterError
from ceasefire.model.scenarios import DEFAULT_STEPS, Scenario, load_scenario, presets

MEASURES = (
    ("mean_weekly_fatalities", "mean weekly fatalities"),
    ("total_civilian_casualties", "civilian casualties (killed and injured) per run"),
    ("final_negotiation_progress", "negotiation progress at the end"),
)
SHARES = ("ceasefire_within_52", "ceasefire_held")
"""The runs.csv 0/1 columns (a cease-fire began by week ``WITHIN_WEEKS``; one held
``HELD_WEEKS`` weeks) whose shares over runs the table reports with Wilson intervals."""


@dataclass(frozen=True)
class Comparison:
    """What to compare: scenarios, replications, weeks, root seed, fixed parameters, workers.

    The defaults are those of ``ceasefire compare``.
    """

    scenarios: tuple[Scenario, ...]
    reps: int = 10
    steps: int = DEFAULT_STEPS
    seed: int = 0
    overrides: dict = field(default_factory=dict)
    workers: int = os.cpu_count() or 1

    def __post_init__(self) -> None:
        """Refuse two scenarios of one name, and timeline changes after the last week.

        Results are keyed by scenario name (``comparison.csv``, the ``scenario`` column of
        ``runs.csv``), so two scenarios with one name would be pooled into one row.
        """
        names = [scenario.name for scenario in self.scenarios]
        repeated = next((name for name in names if names.count(name) > 1), None)
        if repeated is not None:
            sharing = [s.origin for s in self.scenarios if s.name == repeated]
            raise ParameterError(
                f"{len(sharing)} scenarios are named '{repeated}' ({', '.join(sharing)}); "
                "results are keyed by name, so give each its own (a scenario file's "
                'name = "...", or its file name when it has no name)'
            )
        for scenario in self.scenarios:
            scenario.check_steps(self.steps)

    @classmethod
    def from_names(cls, names: Sequence[str] | None, **options) -> Comparison:
        """Load the scenarios (presets or files); all presets when ``names`` is empty."""
        chosen = list(names) if names else list(presets())
        return cls(tuple(load_scenario(name) for name in chosen), **options)

    def points(self) -> list[DesignPoint]:
        """The design points: one per scenario, with the fixed parameters on top of its own."""
        return [DesignPoint.of(scenario, self.overrides) for scenario in self.scenarios]


def tasks(comparison: Comparison, outputs: tuple[str, ...] = ()) -> list[RunTask]:
    """One task per scenario and replication; replication ``r`` has the same seed everywhere.

    Args:
        comparison: what to run.
        outputs: per-run tables the tasks return (none for a comparison).
    """
    return list(
        build_tasks(
            comparison.points(),
            reps=comparison.reps,
            seed=comparison.seed,
            steps=comparison.steps,
            outputs=outputs,
        )
    )


def run_comparison(
    comparison: Comparison,
    out_dir: Path,
    overwrite: bool = False,
    command: list[str] | None = None,
) -> list[Path]:
    """Run every scenario, then write runs.csv, metadata.json, comparison.csv and .png."""
    check_runs(len(comparison.scenarios), comparison.reps, "scenarios")
    check_output_dir(out_dir, overwrite)
    executor = make_executor(comparison.workers, None)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_metadata(out_dir / METADATA, metadata(comparison), command)
        runs_csv = stream_runs(executor, tasks(comparison), out_dir, label="compare")
    finally:
        executor.close()
    runs = pd.read_csv(runs_csv)
    table = summarise(runs.sort_values("run_id"), [s.name for s in comparison.scenarios])
    path = write_derived(table, "comparison", out_dir / "comparison.csv")
    write_datapackage(out_dir, ["runs", "comparison"], name="ceasefire-compare")
    return [path, chart(runs, table, out_dir)]


def summarise(runs: pd.DataFrame, names: Sequence[str]) -> pd.DataFrame:
    """The comparison table: one row per scenario.

    Means with 95% t intervals, the probabilities of a cease-fire within 52 weeks and of one
    that held 26 weeks, with Wilson intervals, and the paired difference in mean weekly
    fatalities from the first scenario (same seeds, so replication by replication) with a
    paired t interval.
    """
    ok = runs[runs["status"] == "ok"]
    baseline = ok[ok["scenario"] == names[0]].set_index("replication")["mean_weekly_fatalities"]
    rows = []
    for name in names:
        group = ok[ok["scenario"] == name]
        row = {"scenario": name, "runs": len(group)}
        for column, _ in MEASURES:
            row |= _interval_columns(column, mean_interval(group[column]))
        for share in SHARES:
            row |= _interval_columns(share, share_interval(group[share].astype(int)))
        paired = paired_differences(
            group.set_index("replication")["mean_weekly_fatalities"], baseline
        )
        row |= _interval_columns("fatalities_vs_first", mean_interval(paired))
        rows.append(row)
    return pd.DataFrame(rows)


def _interval_columns(column: str, interval: tuple[float, float, float, int]) -> dict:
    """``column``, ``column_low`` and ``column_high`` from a ``(mean, low, high, n)`` interval."""
    mean, low, high, _ = interval
    return {column: mean, f"{column}_low": low, f"{column}_high": high}


def chart(runs: pd.DataFrame, table: pd.DataFrame, out_dir: Path) -> Path:
    """Violence against negotiation progress per scenario: runs and means with 95% intervals."""
    figure = Figure(figsize=(8, 6), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for i, row in table.iterrows():
        colour = style.SCENARIOS[i % len(style.SCENARIOS)]
        group = runs[(runs["scenario"] == row["scenario"]) & (runs["status"] == "ok")]
        axes.scatter(
            group["final_negotiation_progress"],
            group["mean_weekly_fatalities"],
            s=12,
            alpha=0.35,
            color=colour,
        )
        x, y = row["final_negotiation_progress"], row["mean_weekly_fatalities"]
        axes.errorbar(
            x,
            y,
            xerr=_error(row, "final_negotiation_progress"),
            yerr=_error(row, "mean_weekly_fatalities"),
            fmt="D",
            color=colour,
            markeredgecolor=style.MEAN_MARKER,
            capsize=3,
            label=row["scenario"],
        )
    axes.set_xlabel("negotiation progress at the end of the run (0-1)")
    axes.set_ylabel("mean weekly fatalities (people/week)")
    reps = int(table["runs"].max())
    axes.set_title(f"Scenarios with common seeds ({reps} runs each): means with 95% intervals")
    axes.grid(alpha=0.3)
    axes.legend(fontsize="small")
    return files.write_with(
        out_dir / "comparison.png",
        lambda path: figure.savefig(path, format="png", bbox_inches="tight"),
    )


def metadata(comparison: Comparison) -> dict:
    """What a comparison's ``metadata.json`` records after the provenance: scenarios, seeds."""
    return {
        "scenarios": [
            {"name": s.name, "parameters": s.parameters, "policy_timeline": s.timeline.as_records()}
            for s in comparison.scenarios
        ],
        "design_point_of_scenario": {s.name: i for i, s in enumerate(comparison.scenarios)},
        "set": comparison.overrides,
        "reps": comparison.reps,
        "steps": comparison.steps,
        "root_seed": comparison.seed,
        "replication_seeds": replication_seeds(comparison.seed, comparison.reps),
    }


def _error(row: pd.Series, column: str) -> np.ndarray:
    """Error bar of ``column`` from its ``_low`` and ``_high`` bounds (0 if none)."""
    return error_bars(row[column], row[f"{column}_low"], row[f"{column}_high"])


def check_horizon(steps: int) -> None:
    """Refuse runs too short to say whether a cease-fire came within ``WITHIN_WEEKS`` weeks."""
    if steps < WITHIN_WEEKS:
        raise ParameterError(
            f"--steps must be at least {WITHIN_WEEKS} to estimate the probability "
            f"of a cease-fire within {WITHIN_WEEKS} weeks, got {steps}"
        )
