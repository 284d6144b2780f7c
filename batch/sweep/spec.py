"""Sweep specifications: a TOML file and command-line flags, merged and validated up front.

Everything a sweep needs is checked before the first run starts, so bad input fails fast with
one clear line. Flags override the file; ``--vary`` and ``--set`` override the file's entries
for the same parameter, but a parameter given twice in one place (two ``--vary`` or ``--set`` of
one parameter) is refused. The file's integers must be TOML integers and the flags' integers
ASCII digits, checked here by the same rules.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from ceasefire.batch.sweep.executors import LOCAL_SCHEDULER_PREFIX, local_workers
from ceasefire.batch.sweep.factors import Factor, check_factors, factor_from_toml
from ceasefire.batch.sweep.limits import REPS, STEPS, WORKERS, Limit
from ceasefire.model.parameters import SEED_BITS, ParameterError, validate
from ceasefire.model.scenarios import DEFAULT_SCENARIO, DEFAULT_STEPS, Scenario, load_scenario

OUTPUT_TABLES = ("steps", "events", "cells", "district_weeks", "district_falls")
"""Per-run tables a sweep can write besides runs.csv."""
SPEC_KEYS = {
    "scenario",
    "set",
    "vary",
    "design",
    "samples",
    "reps",
    "steps",
    "seed",
    "outputs",
    "workers",
    "scheduler",
}


@dataclass(frozen=True)
class SweepSpec:
    """A validated sweep; the defaults are those of a spec file and flags that omit a setting.

    Attributes:
        scenario: the scenario every run starts from (:data:`DEFAULT_SCENARIO` when omitted).
        overrides: parameters fixed for the whole sweep (``--set``).
        factors: the varied parameters.
        design: ``grid``, ``lhs``, ``sobol``, ``morris`` or ``csv:PATH``.
        samples: sample size of sampling designs.
        reps: replications per design point.
        steps: weeks per run (when omitted: the scenario's, else :data:`DEFAULT_STEPS`).
        seed: root seed of the replication seeds.
        outputs: per-run tables to write.
        workers: local worker processes (all cores).
        scheduler: Dask scheduler address or ``local:N`` (``None``: local pool).
    """

    scenario: Scenario
    overrides: dict[str, Any] = field(default_factory=dict)
    factors: tuple[Factor, ...] = ()
    design: str = "grid"
    samples: int = 64
    reps: int = 3
    steps: int = DEFAULT_STEPS
    seed: int = 0
    outputs: tuple[str, ...] = ("steps",)
    workers: int = os.cpu_count() or 1
    scheduler: str | None = None

    def fingerprint(self) -> dict[str, Any]:
        """Everything that determines the results (not how or where they are computed).

        ``--resume`` refuses a directory whose recorded fingerprint differs.
        """
        return {
            "scenario": self.scenario.name,
            "scenario_parameters": self.scenario.parameters,
            "policy_timeline": self.scenario.timeline.as_records(),
            "set": self.overrides,
            "factors": [f.to_json() for f in self.factors],
            "design": self.design,
            "samples": self.samples,
            "reps": self.reps,
            "steps": self.steps,
            "seed": self.seed,
            "outputs": list(self.outputs),
        }


def default_spec_path() -> Path:
    """The packaged default sweep (``batch/sweep/specs/default.toml``)."""
    return Path(str(files("ceasefire.batch.sweep") / "specs" / "default.toml"))


def read_spec_file(path: Path) -> dict[str, Any]:
    """Read a TOML sweep specification, refusing unknown keys."""
    try:
        table = tomllib.loads(path.read_bytes().decode("utf-8"))
    except OSError as error:
        raise ParameterError(f"cannot read sweep spec '{path}': {error.strerror}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ParameterError(f"sweep spec '{path}' is not valid TOML: {error}") from None
    unknown = set(table) - SPEC_KEYS
    if unknown:
        raise ParameterError(
            f"sweep spec '{path}': unknown key(s) {', '.join(sorted(unknown))}; "
            f"allowed: {', '.join(sorted(SPEC_KEYS))}"
        )
    return table


def build_spec(file: dict[str, Any], flags: dict[str, Any]) -> SweepSpec:
    """Merge a spec file's table with command-line flags (flags win) and validate.

    Args:
        file: the TOML table (empty without a file).
        flags: values given on the command line (``None`` = not given); ``vary`` is a list of
            :class:`Factor`, ``set`` a dict of parameter values.

    Raises:
        ParameterError: for the first problem found, in one line.
    """
    value = {
        key: flags.get(key) if flags.get(key) is not None else file.get(key) for key in SPEC_KEYS
    }
    scenario = load_scenario(str(value["scenario"] or DEFAULT_SCENARIO))
    factors = {name: factor_from_toml(name, raw) for name, raw in _table(file, "vary").items()}
    factors |= {factor.name: factor for factor in check_factors(flags.get("vary") or [])}
    overrides = validate(_table(file, "set")) | (flags.get("set") or {})
    both = sorted(set(overrides) & set(factors))
    if both:
        raise ParameterError(
            f"parameter(s) {', '.join(both)} are both fixed (set) and varied (vary)"
        )
    design = str(value["design"] or SweepSpec.design)  # build_design checks it at the start

    def integer(key: str, low: int, default: int, high: int | None = None) -> int:
        return _integer_setting(key, file, flags, low, default, high)

    steps = _limited(integer("steps", 1, scenario.steps or SweepSpec.steps), "steps", STEPS)
    scenario.check_steps(steps)
    return SweepSpec(
        scenario=scenario,
        overrides=overrides,
        factors=tuple(factors.values()),
        design=design,
        samples=integer("samples", 1, SweepSpec.samples),
        reps=_limited(integer("reps", 1, SweepSpec.reps), "reps", REPS),
        steps=steps,
        seed=integer("seed", 0, SweepSpec.seed, high=2**SEED_BITS - 1),
        outputs=_outputs(value["outputs"]),
        workers=_limited(integer("workers", 1, SweepSpec.workers), "workers", WORKERS),
        scheduler=_scheduler(value["scheduler"]),
    )


def _scheduler(raw: Any) -> str | None:
    if raw is None or raw == "":
        return None
    if not isinstance(raw, str):
        raise ParameterError(f"scheduler must be an address such as tcp://host:8786, got {raw!r}")
    address = raw
    if address.startswith(LOCAL_SCHEDULER_PREFIX):
        local_workers(address)
    return address


def _table(file: dict[str, Any], key: str) -> dict[str, Any]:
    table = file.get(key, {})
    if not isinstance(table, dict):
        raise ParameterError(f"sweep spec: '{key}' must be a table of parameter = value")
    return table


def _integer_setting(
    key: str,
    file: dict[str, Any],
    flags: dict[str, Any],
    low: int,
    default: int,
    high: int | None = None,
) -> int:
    """An integer setting: the flag's value, else the file's, else ``default``.

    The file's value is checked even when a flag overrides it, so that a bad file fails the
    same way whatever the command line says.
    """
    from_file = _integer(file.get(key), key, low, default, high)
    return _integer(flags.get(key), key, low, from_file, high)


def _integer(raw: Any, name: str, low: int, default: int, high: int | None = None) -> int:
    """An integer of the file (a TOML integer) or of a flag (parsed by the CLI), checked.

    Both sources arrive here as ``int``: a TOML float (``2.0``, ``1e1``) or string (``"2"``)
    is refused, as ``--reps 2.0`` is on the command line.
    """
    if raw is None:
        return default
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise ParameterError(
            f"{name} must be an integer (in a spec file: {name} = 3, no decimal point or "
            f"quotes), got {raw!r}"
        )
    if raw < low or (high is not None and raw > high):
        upper = f" and <= {high}" if high is not None else ""
        raise ParameterError(f"{name} must be >= {low}{upper}, got {raw}")
    return raw


def _limited(number: int, name: str, limit: Limit) -> int:
    """``number``, refused over ``limit`` (which also bounds a scenario's default ``steps``)."""
    return limit.check(number, f"{name} {number:,}")


def _outputs(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return SweepSpec.outputs
    if not isinstance(raw, str | list):
        raise ParameterError(f"outputs must be a list or 'a,b', got {raw!r}")
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    chosen = tuple(dict.fromkeys(str(item).strip() for item in items if str(item).strip()))
    unknown = [item for item in chosen if item not in OUTPUT_TABLES]
    if unknown:
        raise ParameterError(
            f"unknown output(s) {', '.join(unknown)}; choose from {', '.join(OUTPUT_TABLES)}"
        )
    return chosen
