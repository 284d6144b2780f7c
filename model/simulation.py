"""One way to build and run a model: :func:`build_model`, and :func:`simulate` on top of it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.timeline import PolicyTimeline


def build_model(
    parameters: Mapping[str, Any] | None,
    seed: int,
    timeline: PolicyTimeline | None = None,
    *,
    run_id: int = 0,
) -> CeasefireModel:
    """Build a model at week 0, ready to step (the dashboard steps it week by week).

    Args:
        parameters: parameter overrides (validated).
        seed: integer seed in ``[0, 2**53)``.
        timeline: levers that change at given weeks.
        run_id: identifier written in every output row.

    Returns:
        The model before its first week.

    Raises:
        ParameterError: for an unknown parameter, a disallowed value or a bad seed.
    """
    return CeasefireModel(parameters, rng=seed, timeline=timeline, run_id=run_id)


def simulate(
    parameters: Mapping[str, Any] | None,
    seed: int,
    steps: int,
    timeline: PolicyTimeline | None = None,
    *,
    run_id: int = 0,
) -> CeasefireModel:
    """Build a model and run it for ``steps`` weeks.

    ``ceasefire run``, the sweep runner, the dashboard and the tests all build runs this way, so
    that the same parameters, seed and timeline give the same run everywhere.

    Args:
        parameters: parameter overrides (validated).
        seed: integer seed in ``[0, 2**53)``.
        steps: weeks to simulate.
        timeline: levers that change at given weeks.
        run_id: identifier written in every output row.

    Returns:
        The model after ``steps`` weeks.
    """
    model = build_model(parameters, seed, timeline, run_id=run_id)
    for _ in range(steps):
        model.step()
    return model
