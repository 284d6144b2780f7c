"""The ``ceasefire`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ceasefire.model.parameters import PARAMETERS, ParameterError, parse_assignment

DEFAULT_STEPS = 130
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the command refuses; its message is printed as one line on stderr."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if not 0 <= value < 2**53:
        raise argparse.ArgumentTypeError(f"must be between 0 and 2**53 - 1, got {value}")
    return value


def _parameter_help() -> str:
    lines = ["parameters (--set key=value):"]
    for p in PARAMETERS:
        kind = "lever" if p.lever else "reset-only"
        lines.append(f"  {p.name:<24} {p.allowed()}; default {p.default} [{kind}]")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    parser = argparse.ArgumentParser(
        prog="ceasefire",
        description="Agent-based model of Taliban violence under US and Pakistani pressure.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="run one simulation and write its CSVs",
        description="Run one simulation and write steps.csv, events.csv, cells.csv, run.json.",
        epilog=_parameter_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument(
        "--scenario",
        default="status_quo",
        help="preset name (see 'ceasefire scenarios') or a scenario .toml file",
    )
    run.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set a parameter (repeatable)",
    )
    run.add_argument(
        "--steps",
        type=_positive_int,
        default=None,
        help=f"weeks to simulate (default: the scenario's, else {DEFAULT_STEPS})",
    )
    run.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    run.add_argument(
        "--out", type=Path, default=Path("output/run"), help="output directory (default output/run)"
    )
    commands.add_parser(
        "scenarios",
        help="list the named scenario presets",
        description="List the named scenario presets.",
    )
    return parser


def command_run(args: argparse.Namespace) -> int:
    """Run one simulation and write its outputs."""
    from ceasefire.batch.export import check_writable, write_run
    from ceasefire.model.ceasefire_model import CeasefireModel
    from ceasefire.model.scenarios import load_scenario

    scenario = load_scenario(args.scenario)
    overrides = dict(scenario.parameters)
    overrides.update(parse_assignment(text) for text in args.assignments)
    steps = args.steps or scenario.steps or DEFAULT_STEPS
    try:
        check_writable(args.out)
    except OSError as error:
        raise BadInput(f"output directory '{args.out}' cannot be written: {error}") from None
    model = CeasefireModel(overrides, seed=args.seed, timeline=scenario.timeline)
    for _ in range(steps):
        model.step()
    out = write_run(model, args.out, scenario.name, steps)
    print(f"wrote {out / 'steps.csv'}, events.csv, cells.csv and run.json in {out}")
    return 0


def command_scenarios(_: argparse.Namespace) -> int:
    """List the presets, one line each."""
    from ceasefire.model.scenarios import presets

    for name, scenario in presets().items():
        print(f"{name:<24} {scenario.description}")
    return 0


COMMANDS = {"run": command_run, "scenarios": command_scenarios}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ceasefire`` command."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (ParameterError, BadInput) as error:
        print(f"ceasefire: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
