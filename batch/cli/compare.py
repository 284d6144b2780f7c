"""``ceasefire compare``: named scenarios with common seeds, a table and a chart."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceasefire.batch.analysis.compare import Comparison
from ceasefire.batch.cli import options
from ceasefire.model.negotiation.talks import HELD_WEEKS, WITHIN_WEEKS
from ceasefire.model.parameters import parse_assignments

NAME = "compare"
OUT = Path("output/compare")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire compare`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="compare named scenarios with the same seeds",
        description=(
            "Run named scenarios with common seeds and write comparison.csv (means with 95% "
            f"intervals, probability of a cease-fire within {WITHIN_WEEKS} weeks and "
            f"of one that held {HELD_WEEKS} weeks, paired difference from the first scenario) "
            "and comparison.png (violence against negotiation progress)."
        ),
    )
    parser.add_argument("--scenarios", help="comma-separated presets or files (default: all)")
    options.add_run_options(
        parser,
        Comparison,
        min_steps=WITHIN_WEEKS,
        out=OUT,
        replaces="an earlier comparison",
        set_help="fix a parameter in every scenario",
    )


def command(args: argparse.Namespace) -> int:
    """Compare scenarios with common seeds."""
    from ceasefire.batch.analysis.compare import check_horizon, run_comparison

    check_horizon(args.steps)
    names = [n.strip() for n in args.scenarios.split(",") if n.strip()] if args.scenarios else None
    comparison = Comparison.from_names(
        names,
        reps=args.reps,
        steps=args.steps,
        seed=args.seed,
        overrides=parse_assignments(args.assignments),
        workers=args.workers,
    )
    paths = run_comparison(comparison, args.out, args.overwrite, args.command_line)
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0
