"""Options that several subcommands share, and the parsers of their values.

Defaults come from the dataclass that the options fill in (:class:`SweepSpec`, the
comparison's, the validation's and the ablation's settings), so ``--help`` shows what a run
without the option does; integers and seeds are parsed by :mod:`ceasefire.model.parameters`,
as the spec files' are.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ceasefire.batch.sweep.limits import REPS, STEPS, WORKERS, Limit
from ceasefire.model.parameters import PARAMETERS, ParameterError, parse_integer, parse_seed


def field_defaults(settings: type) -> dict[str, Any]:
    """The default of every field of the dataclass ``settings`` that has one."""
    return {
        field.name: field.default
        for field in dataclasses.fields(settings)
        if field.default is not dataclasses.MISSING
    }


# ------------------------------------------------------------------------- value parsers
def integer_text(text: str) -> int:
    """An integer argument in ASCII digits, range unchecked (``build_spec`` checks sweeps')."""
    try:
        return parse_integer(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def integer(text: str, low: int = 1, high: int | None = None) -> int:
    """An integer argument between ``low`` and ``high`` (inclusive; no upper bound if None)."""
    value = integer_text(text)
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise argparse.ArgumentTypeError(f"must be {bound}, got {value}")
    return value


def limited(limit: Limit) -> Callable[[str], int]:
    """An argument type: an integer >= 1 and at most ``limit`` (whose reason the error gives)."""

    def parse(text: str) -> int:
        value = integer(text)
        try:
            return limit.check(value)
        except ParameterError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parse.__name__ = limit.name
    return parse


def non_negative_int(text: str) -> int:
    """An integer argument >= 0."""
    return integer(text, 0)


def non_empty_path(text: str) -> Path:
    """A path argument, refusing an empty one (``--out ''`` would mean the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "an empty path is not allowed (it would mean the current folder)"
        )
    return Path(text)


def seed(text: str) -> int:
    """A seed argument (:func:`~ceasefire.model.parameters.parse_seed`)."""
    try:
        return parse_seed(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def port(text: str) -> int:
    """A TCP port argument, 1 to 65535."""
    return integer(text, 1, 65535)


# ------------------------------------------------------------------------- shared options
def parameter_help() -> str:
    """The epilog of the commands that take ``--set``: every parameter, its values, default."""
    lines = ["parameters (--set key=value):"]
    for p in PARAMETERS:
        kind = "lever" if p.lever else "reset-only"
        lines.append(f"  {p.name:<24} {p.allowed()}; default {p.default} [{kind}]")
    return "\n".join(lines)


def add_set(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The repeatable ``--set KEY=VALUE`` option (parsed into ``args.assignments``)."""
    parser.add_argument(
        "--set", dest="assignments", action="append", default=[], metavar="KEY=VALUE",
        help=help_text,
    )  # fmt: skip


def add_steps(
    parser: argparse.ArgumentParser,
    default: int,
    minimum: int,
    flag: str = "--steps",
    what: str = "weeks per run",
) -> None:
    """A number of weeks, at least ``minimum`` and at most :data:`STEPS`."""
    parser.add_argument(
        flag,
        type=limited(STEPS),
        default=default,
        help=f"{what} (default {default}; at least {minimum}; at most {STEPS.value})",
    )


def workers_help() -> str:
    """The help of ``--workers``."""
    return f"local worker processes (default: all cores; at most {WORKERS.value})"


def add_workers(parser: argparse.ArgumentParser, default: int) -> None:
    """The ``--workers N`` option of the commands that run on a local pool."""
    parser.add_argument("--workers", type=limited(WORKERS), default=default, help=workers_help())


def add_out(parser: argparse.ArgumentParser, default: Path, what: str = "output directory") -> None:
    """The ``--out DIR`` option (an empty path is refused)."""
    parser.add_argument(
        "--out", type=non_empty_path, default=default, help=f"{what} (default {default})"
    )


def add_run_options(
    parser: argparse.ArgumentParser,
    settings: type,
    *,
    min_steps: int,
    out: Path,
    replaces: str,
    set_help: str | None = None,
    out_help: str = "output directory",
) -> None:
    """The options of the commands that run replications (compare, validate, ablate).

    ``--set`` (when ``set_help`` is given), ``--reps``, ``--steps``, ``--seed``, ``--workers``,
    ``--out`` and ``--overwrite``, with the defaults of the dataclass ``settings``.

    Args:
        parser: the subcommand's parser.
        settings: the dataclass the options fill in (its ``reps``, ``steps``, ``seed`` and
            ``workers`` defaults are the options').
        min_steps: the fewest weeks the command accepts (it checks them itself).
        out: the default output directory.
        replaces: what ``--overwrite`` replaces (``an earlier comparison``).
        set_help: the help of ``--set``; ``None`` for a command without it.
        out_help: what ``--out`` holds.
    """
    defaults = field_defaults(settings)
    if set_help is not None:
        add_set(parser, set_help)
    reps = defaults["reps"]
    parser.add_argument(
        "--reps",
        type=limited(REPS),
        default=reps,
        help=f"replications (default {reps}; at most {REPS.value})",
    )
    add_steps(parser, defaults["steps"], min_steps)
    parser.add_argument(
        "--seed",
        type=seed,
        default=defaults["seed"],
        help=f"root seed (default {defaults['seed']})",
    )
    add_workers(parser, defaults["workers"])
    add_out(parser, out, out_help)
    parser.add_argument("--overwrite", action="store_true", help=f"replace {replaces}")


def add_partial(parser: argparse.ArgumentParser, verb: str) -> None:
    """The ``--partial`` option of the commands that read a sweep."""
    parser.add_argument(
        "--partial",
        action="store_true",
        help=f"{verb} a sweep that is unfinished (killed or still running), with a warning; "
        "without it such a sweep is refused",
    )


def add_sweep_directory(parser: argparse.ArgumentParser) -> None:
    """The ``DIR`` argument of the commands that read a sweep."""
    parser.add_argument(
        "directory", type=non_empty_path, metavar="DIR", help="a sweep's output directory"
    )
