"""``ceasefire analyze``: Sobol' or Morris sensitivity indices of a sweep."""

from __future__ import annotations

import argparse

from ceasefire.batch.cli import options

NAME = "analyze"
METHODS = ("sobol", "morris")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire analyze`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="sensitivity indices of a Sobol or Morris sweep",
        description="Sobol or Morris sensitivity indices with confidence intervals (CSV, PNG).",
    )
    options.add_sweep_directory(parser)
    parser.add_argument(
        "--method",
        required=True,
        choices=METHODS,
        help="the sweep's design: sobol (first-order and total indices) or morris "
        "(elementary effects)",
    )
    options.add_partial(parser, "analyse")


def command(args: argparse.Namespace) -> int:
    """Sensitivity analysis of a sweep."""
    from ceasefire.batch.analysis.sensitivity import analyze

    paths = analyze(args.directory, args.method, partial=args.partial)
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0
