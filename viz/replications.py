"""Uncertainty on screen: replications of a baseline (A) and of the session (B), same seeds.

The runs are the tasks ``ceasefire compare`` runs
(:func:`ceasefire.batch.analysis.compare.tasks`), on the same executors, and the table is its
:func:`~ceasefire.batch.analysis.compare.summarise`; on top, the weekly series of every run
give the bands on the charts (10th to 90th percentile across replications) and the paired
weekly difference B - A with a 95% t interval.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ceasefire.batch.analysis.compare import Comparison, summarise, tasks
from ceasefire.batch.analysis.stats import mean_table, paired_differences
from ceasefire.batch.sweep.executors import make_executor
from ceasefire.batch.sweep.runner import RunResult, execute
from ceasefire.model.outputs import STEP_COLUMNS, names
from ceasefire.model.scenarios import Scenario

BAND_COLUMNS = ("fatalities", "negotiation_progress")
"""Weekly series drawn as bands."""
MAX_REPLICATIONS = 50


@dataclass(frozen=True)
class Bands:
    """Per week of one scenario: mean and 10th/90th percentiles across replications."""

    step: np.ndarray
    mean: dict[str, np.ndarray]
    low: dict[str, np.ndarray]
    high: dict[str, np.ndarray]


@dataclass(frozen=True)
class Replicated:
    """The outcome of a batch of replications of A and B."""

    names: tuple[str, str]
    table: pd.DataFrame
    bands: dict[str, Bands]
    difference: pd.DataFrame


def steps_table(results: list[RunResult]) -> pd.DataFrame:
    """The weekly rows of every run (``run_id`` tells them apart)."""
    text = "".join(r.tables.get("steps", "") for r in results if r.ok)
    return pd.read_csv(io.StringIO(text), names=names(STEP_COLUMNS))


def bands(steps: pd.DataFrame) -> Bands:
    """Mean and 10th/90th percentiles per week of one scenario's runs."""
    grouped = steps.groupby("step")
    return Bands(
        step=np.asarray(list(grouped.groups), dtype=float),
        mean={c: grouped[c].mean().to_numpy() for c in BAND_COLUMNS},
        low={c: grouped[c].quantile(0.1).to_numpy() for c in BAND_COLUMNS},
        high={c: grouped[c].quantile(0.9).to_numpy() for c in BAND_COLUMNS},
    )


def paired_difference(steps: pd.DataFrame, run_scenario: dict[int, int], reps: int) -> pd.DataFrame:
    """Weekly fatalities of the second scenario minus the first (the baseline).

    Replication by replication (same seeds): the mean and a 95% t interval per week.
    """
    frame = steps.assign(
        point=steps["run_id"].map(run_scenario), replication=steps["run_id"] % reps
    )
    wide = frame.pivot_table(index=["step", "replication"], columns="point", values="fatalities")
    diff = paired_differences(wide[1], wide[0])
    table = mean_table(diff, diff.index.get_level_values("step"))
    return table.rename_axis("step").reset_index()[["step", "mean", "low", "high"]]


def summarise_runs(comparison: Comparison, results: list[RunResult]) -> Replicated:
    """The comparison table, the bands and the paired difference of finished runs."""
    labels = tuple(s.name for s in comparison.scenarios)
    runs = pd.DataFrame([r.row for r in results]).sort_values("run_id")
    runs["scenario"] = [labels[p] for p in runs["design_point"]]  # A and B by design point
    steps = steps_table(results)
    point_of = dict(zip(runs["run_id"], runs["design_point"], strict=True))
    by_point = steps["run_id"].map(point_of)
    return Replicated(
        names=labels,
        table=summarise(runs, labels),
        bands={labels[p]: bands(steps[by_point == p]) for p in range(len(labels))},
        difference=paired_difference(steps, point_of, comparison.reps),
    )


class ReplicationRunner:
    """Runs a comparison in a background thread over a pool of worker processes.

    Args:
        on_update: called (from the worker thread) after each finished run and at the end.
        workers: worker processes (1: in this process).
    """

    def __init__(self, on_update: Callable[[], None], workers: int = 2) -> None:
        self.on_update = on_update
        self.workers = workers
        self.done = 0
        self.total = 0
        self.result: Replicated | None = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """Whether a batch is in progress."""
        return self._thread is not None and self._thread.is_alive()

    def start(
        self, baseline: Scenario, current: Scenario, reps: int, steps: int, seed: int
    ) -> None:
        """Run ``reps`` replications of both for ``steps`` weeks, with the same seeds.

        The baseline comes first: the table's ``fatalities_vs_first`` and the difference are
        ``current - baseline``.
        """
        if self.running:
            return
        if not 2 <= reps <= MAX_REPLICATIONS:
            raise ValueError(f"replications must be 2 to {MAX_REPLICATIONS}, got {reps}")
        comparison = Comparison((baseline, current), reps, steps, seed, {}, self.workers)
        self.done, self.total, self.result, self.error = 0, 2 * reps, None, None
        self._cancel.clear()
        self._thread = threading.Thread(
            target=self._run, args=(comparison,), name="ceasefire-replications", daemon=True
        )
        self._thread.start()

    def cancel(self, wait: bool = False) -> None:
        """Stop after the runs in flight (the pool is shut down)."""
        self._cancel.set()
        thread = self._thread
        if wait and thread is not None:
            thread.join()

    def _run(self, comparison: Comparison) -> None:
        executor = make_executor(comparison.workers, None)
        results: list[RunResult] = []
        try:
            for result in executor.run(execute, tasks(comparison, outputs=("steps",))):
                results.append(result)
                self.done = len(results)
                if self._cancel.is_set():
                    self.error = "cancelled"
                    return
                self.on_update()
            self.result = summarise_runs(comparison, results)
        except Exception as error:  # shown on the page; the session goes on
            self.error = f"{type(error).__name__}: {error}"
        finally:
            executor.close()
            self.on_update()
