"""The one way runs are planned: design points times replications, as :class:`RunTask` s.

A sweep's design points, a comparison's scenarios, the validation's contrast arms and the
ablation's arms are all design points: a scenario to start from and the parameters set on top
of it. :func:`build_tasks` turns any of them into runs the same way, so that run ``point * reps
+ rep`` always has replication ``rep``'s seed (common random numbers across points).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ceasefire.batch.sweep.runner import RunTask
from ceasefire.batch.sweep.seeds import replication_seeds
from ceasefire.model.scenarios import Scenario


@dataclass(frozen=True)
class DesignPoint:
    """One point of a design: the scenario it starts from and every parameter it sets.

    Attributes:
        scenario: the scenario's name (the ``scenario`` column of ``runs.csv``).
        parameters: the parameters of its runs (the scenario's, then the point's own).
        timeline: the scenario's policy timeline as records.
    """

    scenario: str
    parameters: dict[str, Any]
    timeline: tuple[dict[str, Any], ...] = field(default=())

    @classmethod
    def of(cls, scenario: Scenario, parameters: Mapping[str, Any] | None = None) -> DesignPoint:
        """The point of ``scenario`` with ``parameters`` set on top of the scenario's own."""
        return cls(
            scenario=scenario.name,
            parameters={**scenario.parameters, **(parameters or {})},
            timeline=tuple(scenario.timeline.as_records()),
        )


def build_tasks(
    points: Iterable[DesignPoint],
    *,
    reps: int,
    seed: int,
    steps: int,
    outputs: tuple[str, ...] = (),
    skip: Collection[int] = (),
) -> Iterator[RunTask]:
    """The runs of ``points`` times ``reps`` replications, generated lazily in run-id order.

    Args:
        points: the design points, in design-point order (consumed once, lazily).
        reps: replications per point; replication ``r`` has the same seed at every point.
        seed: root seed of the replication seeds.
        steps: weeks per run.
        outputs: per-run tables the runs return (``steps``, ``events``, ``cells``).
        skip: run ids not to generate (runs already done, on resume).

    Yields:
        One task per point and replication, run id ``point * reps + replication``.
    """
    seeds = replication_seeds(seed, reps)
    for index, point in enumerate(points):
        for rep in range(reps):
            run_id = index * reps + rep
            if run_id in skip:
                continue
            yield RunTask(
                run_id=run_id,
                design_point=index,
                replication=rep,
                seed=seeds[rep],
                parameters=dict(point.parameters),
                timeline=point.timeline,
                steps=steps,
                outputs=outputs,
                scenario=point.scenario,
            )
