"""``ceasefire analyze``: Sobol', Morris or one-at-a-time sensitivity of a sweep."""

from __future__ import annotations

import argparse

from ceasefire.batch.cli import options

NAME = "analyze"
METHODS = ("sobol", "morris", "oat")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire analyze`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="sensitivity indices of a Sobol, Morris or one-at-a-time sweep",
        description="Sobol or Morris sensitivity indices, or one-at-a-time paired differences "
        "from the baseline, with confidence intervals (CSV, PNG).",
    )
    options.add_sweep_directory(parser)
    parser.add_argument(
        "--method",
        required=True,
        choices=METHODS,
        help="the sweep's design: sobol (first-order and total indices), morris "
        "(elementary effects) or oat (each level against the defaults, paired)",
    )
    options.add_partial(parser, "analyse")


def command(args: argparse.Namespace) -> int:
    """Sensitivity analysis of a sweep."""
    if args.method == "oat":
        from ceasefire.batch.analysis.one_at_a_time import analyze_oat

        paths = analyze_oat(args.directory, partial=args.partial)
    else:
        from ceasefire.batch.analysis.sensitivity import analyze

        paths = analyze(args.directory, args.method, partial=args.partial)
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0
