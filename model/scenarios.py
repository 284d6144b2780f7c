"""Scenarios: named presets (``data/scenarios.toml``) and user scenario files with timelines."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.parameters import ParameterError, validate
from ceasefire.model.simulation import build_model
from ceasefire.model.timeline import PolicyTimeline

DEFAULT_STEPS = 130
"""Weeks a run lasts when its scenario sets no horizon: 12 February 2021 to mid-August 2023."""
DEFAULT_SCENARIO = "status_quo"
"""The scenario of the commands run without ``--scenario``."""

SCENARIO_KEYS = {"name", "base", "description", "parameters", "timeline", "steps"}


@dataclass(frozen=True)
class Scenario:
    """Parameter overrides and a policy timeline under a name.

    Attributes:
        name: scenario name.
        description: one line for listings.
        parameters: validated parameter overrides.
        timeline: lever changes during the run.
        steps: weeks to simulate, if the scenario fixes it.
        source: the file the scenario was read from; ``None`` for a preset.
    """

    name: str
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=dict)
    timeline: PolicyTimeline = field(default_factory=PolicyTimeline)
    steps: int | None = None
    source: str | None = None

    @property
    def origin(self) -> str:
        """Where the scenario comes from, for messages: ``file PATH`` or ``preset NAME``."""
        return f"file {self.source}" if self.source else f"preset {self.name}"

    def check_steps(self, steps: int) -> None:
        """Refuse a run of ``steps`` weeks that ends before a change of the timeline.

        Raises:
            ParameterError: naming the scenario, the week, the levers and the weeks.
        """
        try:
            self.timeline.check_horizon(steps)
        except ParameterError as error:
            raise ParameterError(f"scenario '{self.name}': {error}") from None


@cache
def presets() -> dict[str, Scenario]:
    """The named presets shipped with the package."""
    raw = tomllib.loads((files("ceasefire.model") / "data" / "scenarios.toml").read_text())
    return {name: _from_table(name, table) for name, table in raw.items()}


def load_scenario(name_or_path: str) -> Scenario:
    """Return a preset by name, or read a scenario TOML file.

    Raises:
        ParameterError: for an unknown preset, an unreadable or malformed file, or bad values.
    """
    if name_or_path in presets():
        return presets()[name_or_path]
    path = Path(name_or_path)
    if not path.suffix and not path.exists():
        raise ParameterError(
            f"unknown scenario '{name_or_path}'; presets: {', '.join(presets())}, "
            "or give the path of a .toml scenario file"
        )
    if path.suffix == ".json":
        raise ParameterError(_not_a_scenario(path))
    try:
        table = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ParameterError(f"cannot read scenario file '{path}': {error.strerror}") from None
    except UnicodeDecodeError:
        raise ParameterError(f"scenario file '{path}' is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise ParameterError(f"scenario file '{path}' is not valid TOML: {error}") from None
    return _from_table(table.get("name", path.stem), table, source=str(path))


def _not_a_scenario(path: Path) -> str:
    """What to pass instead of a run record (``run.json``) given as a scenario."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        seed, steps = int(record["seed"]), int(record["steps"])
    except (OSError, ValueError, KeyError, TypeError):
        return f"'{path}' is not a scenario file; pass a preset name or a .toml scenario file"
    return (
        f"'{path}' is the record of a run, not a scenario; to replay it, pass the scenario file "
        f"of the run and its seed: ceasefire run --scenario SCENARIO.toml --seed {seed} "
        f"--steps {steps} (the dashboard's 'Download scenario' writes that file)"
    )


def scenario_model(
    scenario: Scenario, overrides: Mapping[str, Any] | None = None, *, seed: int = 0
) -> CeasefireModel:
    """A model of ``scenario``, with ``overrides`` on top of its parameters and its timeline.

    This is how ``ceasefire run`` and the dashboard build a run (with
    :func:`~ceasefire.model.simulation.build_model`, as every run is built).

    Raises:
        ParameterError: for an unknown parameter or a disallowed value in ``overrides``.
    """
    parameters = {**scenario.parameters, **(overrides or {})}
    return build_model(parameters, seed, scenario.timeline)


def _from_table(name: str, table: dict[str, Any], source: str | None = None) -> Scenario:
    where = f"scenario file '{source}'" if source else f"preset '{name}'"
    unknown = set(table) - SCENARIO_KEYS
    if unknown:
        raise ParameterError(
            f"{where}: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
            f"{', '.join(sorted(SCENARIO_KEYS))}"
        )
    base = presets()[_base_name(table, where)] if "base" in table else Scenario(name)
    parameters, entries = table.get("parameters", {}), table.get("timeline", [])
    if not isinstance(parameters, dict):
        raise ParameterError(f"{where}: 'parameters' must be a table of name = value")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ParameterError(f"{where}: 'timeline' must be a list of [[timeline]] tables")
    try:
        overrides = validate(parameters)
        timeline = PolicyTimeline.from_entries(entries)
    except ParameterError as error:
        raise ParameterError(f"{where}: {error}") from None
    steps = table.get("steps", base.steps)
    if steps is not None and (isinstance(steps, bool) or not isinstance(steps, int) or steps < 1):
        raise ParameterError(f"{where}: 'steps' must be an integer >= 1, got {steps!r}")
    return Scenario(
        name=str(name),
        description=str(table.get("description", base.description)),
        parameters={**base.parameters, **overrides},
        timeline=PolicyTimeline(base.timeline.changes + timeline.changes),
        steps=steps,
        source=source,
    )


def _base_name(table: dict[str, Any], where: str) -> str:
    base = table["base"]
    if not isinstance(base, str) or base not in presets():
        raise ParameterError(f"{where}: unknown base '{base}'; presets: {', '.join(presets())}")
    return base
