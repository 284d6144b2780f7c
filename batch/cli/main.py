"""The ``ceasefire`` command line: the parser of every subcommand, and the dispatch.

Each subcommand is a module of this package with its ``NAME``, ``add_parser`` (its options) and
``command`` (what it does); the options several share are in
:mod:`ceasefire.batch.cli.options`, and how a failure becomes an exit status is in
:mod:`ceasefire.batch.cli.errors`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from ceasefire.batch.cli import (
    ablate,
    analyze,
    compare,
    plot,
    readers,
    run,
    scenarios,
    sweep,
    validate,
    viz,
)
from ceasefire.batch.cli.epilog import epilog
from ceasefire.batch.cli.errors import Parser, run_reporting_errors
from ceasefire.batch.cli.exit_codes import ExitCode

EXIT_BAD_INPUT = ExitCode.BAD_INPUT
SUBCOMMANDS = (run, sweep, viz, plot, analyze, compare, validate, ablate, scenarios, readers)
"""The subcommands, in the order ``ceasefire --help`` lists them."""
COMMANDS: dict[str, Callable] = {module.NAME: module.command for module in SUBCOMMANDS}
RESUMABLE = {sweep.NAME}
"""Commands whose failures after the work started can be finished with ``--resume``."""


def build_parser() -> Parser:
    """The argument parser for all subcommands."""
    parser = Parser(
        prog="ceasefire",
        description="Agent-based model of Taliban violence under US and Pakistani pressure.",
        epilog=epilog(),
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Parser
    )
    for module in SUBCOMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ceasefire`` command; returns an :class:`ExitCode`."""
    args = build_parser().parse_args(argv)
    args.command_line = ["ceasefire", *argv] if argv is not None else sys.argv
    return run_reporting_errors(
        lambda: COMMANDS[args.command](args), resumable=args.command in RESUMABLE
    )


if __name__ == "__main__":
    sys.exit(main())
