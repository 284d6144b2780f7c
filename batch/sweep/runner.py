"""One run of a sweep: a picklable task in, its runs.csv row and table rows out.

Workers (local processes or Dask workers) execute :func:`execute`; the coordinator only appends
the text they return, so its memory does not grow with the size of runs or sweeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ceasefire.batch.io.export import FRAMES, csv_text
from ceasefire.model.observe import run_summary
from ceasefire.model.outputs import SUMMARY_COLUMNS, csv_row, names
from ceasefire.model.parameters import DEFAULTS
from ceasefire.model.simulation import simulate
from ceasefire.model.timeline import PolicyTimeline


@dataclass(frozen=True)
class RunTask:
    """Everything a worker needs to reproduce one run.

    Attributes:
        run_id: ``design_point * reps + replication``.
        design_point: index of the design point.
        replication: replication number, from 0.
        seed: the replication's seed.
        parameters: parameter overrides (scenario, ``--set`` and the design point).
        timeline: the scenario's policy timeline as records.
        steps: weeks to simulate.
        outputs: per-run tables to return (``steps``, ``events``, ``cells``).
        scenario: name of the scenario the run starts from.
    """

    run_id: int
    design_point: int
    replication: int
    seed: int
    parameters: dict[str, Any]
    timeline: tuple[dict[str, Any], ...]
    steps: int
    outputs: tuple[str, ...]
    scenario: str


@dataclass
class RunResult:
    """What a run sends back: its ``runs.csv`` row and the CSV text (no header) of each table."""

    run_id: int
    row: dict[str, Any]
    tables: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the run finished without raising."""
        return self.row["status"] == "ok"


def identity_row(task: RunTask) -> dict[str, Any]:
    """The identifying part of a run's ``runs.csv`` row: ids, scenario, seed, every parameter."""
    row: dict[str, Any] = {
        "run_id": task.run_id,
        "scenario": task.scenario,
        "design_point": task.design_point,
        "replication": task.replication,
        "seed": task.seed,
    }
    values = {**DEFAULTS, **task.parameters}  # validated with the spec, before the sweep started
    return row | csv_row(values)


def execute(task: RunTask) -> RunResult:
    """Run one task; an exception becomes status ``error`` with its message, not a crash."""
    row = identity_row(task)
    try:
        timeline = PolicyTimeline.from_entries(task.timeline)
        model = simulate(task.parameters, task.seed, task.steps, timeline, run_id=task.run_id)
        tables = {name: csv_text(FRAMES[name](model), header=False) for name in task.outputs}
    except Exception as error:  # a failed run is recorded; the sweep goes on
        return failed_result(task, f"{type(error).__name__}: {error}")
    return RunResult(
        task.run_id, row | run_summary(model) | {"status": "ok", "error": None}, tables
    )


def failed_result(task: RunTask, message: str) -> RunResult:
    """The result of a run that raised or could not be executed."""
    summary = dict.fromkeys(names(SUMMARY_COLUMNS))
    error = {"status": "error", "error": message.replace("\n", " ")}
    return RunResult(task.run_id, identity_row(task) | summary | error)
