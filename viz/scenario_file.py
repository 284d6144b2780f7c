"""Scenarios in and out of the dashboard: a session as a scenario file, and uploaded files.

The downloaded ``.toml`` replays the session with ``ceasefire run``: ``[parameters]`` holds the
running scenario's parameters and the reset-only settings changed on the page, ``[[timeline]]``
the scenario's own timeline and then every live lever change with the first week it was in
force, and ``steps`` the weeks simulated. The seed is not part of a scenario file; the replay
command in its first lines passes it.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ceasefire.batch.io import files
from ceasefire.model.parameters import ParameterError
from ceasefire.model.scenarios import Scenario, load_scenario
from ceasefire.model.timeline import PolicyChange, PolicyTimeline


def toml_value(value: Any) -> str:
    """A lever or setting value as TOML (``None``, US troops stay, is written ``"none"``)."""
    if value is None:
        return '"none"'
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, float):
        return repr(value)
    return str(value)


def live_timeline(lever_log: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """The live changes of a lever log as ``(week, {lever: value})``, in week order.

    A live change overridden in the same week by the scenario's own timeline (logged after it)
    is left out: the replay's base already holds the timeline.
    """
    last: dict[tuple[int, str], dict[str, Any]] = {}
    for change in lever_log:
        last[(change["step"], change["lever"])] = change
    weeks: dict[int, dict[str, Any]] = {}
    for (week, lever), change in sorted(last.items(), key=lambda item: item[0][0]):
        if change["source"] == "live":
            weeks.setdefault(week, {})[lever] = change["new"]
    return sorted(weeks.items())


def session_scenario(
    scenario: Scenario, settings: Mapping[str, Any], model: Any, seed: int
) -> Scenario:
    """The session as one scenario: what the page set, with the live changes as a timeline.

    Args:
        scenario: the running scenario (a preset or an uploaded file).
        settings: the reset-only settings changed on the page.
        model: the running model (its lever log and the weeks simulated).
        seed: the run's seed (it names the scenario).
    """
    steps = len(model.rows)
    live = tuple(PolicyChange(week, levers) for week, levers in live_timeline(model.lever_log))
    return Scenario(
        name=scenario_filename(scenario, seed, steps).removesuffix(".toml"),
        description=scenario.description,
        parameters={**scenario.parameters, **settings},
        timeline=PolicyTimeline(scenario.timeline.changes + live),
        steps=steps or None,
    )


def scenario_toml(scenario: Scenario, seed: int) -> str:
    """The text of a scenario file (``ceasefire run --scenario``) that replays ``scenario``."""
    lines = [
        f"# A Ceasefire dashboard session: {scenario.steps or 0} weeks with seed {seed}.",
        f"# Replay it: ceasefire run --scenario {scenario.name}.toml --seed {seed}",
        f"name = {toml_value(scenario.name)}",
        f"description = {toml_value(scenario.description)}",
        *([f"steps = {scenario.steps}"] if scenario.steps else []),
        "",
        "[parameters]",
        *(f"{key} = {toml_value(value)}" for key, value in sorted(scenario.parameters.items())),
    ]
    for change in scenario.timeline.changes:
        levers = ", ".join(f"{k} = {toml_value(v)}" for k, v in change.levers.items())
        lines += ["", "[[timeline]]", f"week = {change.week}", f"set = {{ {levers} }}"]
    return "\n".join(lines) + "\n"


def scenario_filename(scenario: Scenario, seed: int, weeks: int) -> str:
    """Name of the downloaded scenario file (the one its replay command names)."""
    return f"{scenario.name}_seed{seed}_week{weeks}.toml"


def read_upload(filename: str, data: bytes) -> Scenario:
    """Read and check an uploaded scenario file as ``ceasefire run --scenario`` does.

    Raises:
        ParameterError: with the CLI's message, naming the uploaded file.
    """
    name = Path(filename).name
    if Path(name).suffix != ".toml":
        raise ParameterError(f"'{name}' is not a scenario file; upload a .toml scenario file")
    with tempfile.TemporaryDirectory(prefix="ceasefire-upload-") as tmp:
        path = Path(tmp) / name
        files.write_bytes(path, data)
        try:
            scenario = load_scenario(str(path))
        except ParameterError as error:
            raise ParameterError(str(error).replace(str(path), name)) from None
    return scenario
