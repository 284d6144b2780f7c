"""``ceasefire plot``: charts of a sweep, with the numbers they plot."""

from __future__ import annotations

import argparse

from ceasefire.batch.analysis.levels import MAX_PANELS
from ceasefire.batch.cli import options
from ceasefire.batch.cli.errors import BadInput

NAME = "plot"


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire plot`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="chart a sweep: violence against negotiation progress",
        description="Write charts of a sweep (PNG) with the plotted numbers (CSV) into DIR/plots.",
    )
    options.add_sweep_directory(parser)
    parser.add_argument("--color-by", metavar="LEVER", help="colour runs by this parameter")
    parser.add_argument("--heatmap", metavar="A,B", help="two parameters for the heat map")
    parser.add_argument(
        "--by",
        metavar="FACTORS",
        help=(
            "comma-separated swept factors: one panel of violence_vs_negotiation per "
            "combination of their levels, e.g. --by taliban_war_price; 'none' pools all runs "
            f"in one panel (default: every swept factor that does not colour the runs, if that "
            f"makes at most {MAX_PANELS} panels)"
        ),
    )
    options.add_partial(parser, "chart")


def command(args: argparse.Namespace) -> int:
    """Chart a sweep."""
    from ceasefire.batch.analysis.charts import plot_sweep

    heatmap = tuple(args.heatmap.split(",")) if args.heatmap else None
    if heatmap is not None and len(heatmap) != 2:
        raise BadInput(f"--heatmap takes two parameters A,B, got '{args.heatmap}'")
    paths = plot_sweep(
        args.directory,
        color_by=args.color_by,
        heatmap=heatmap,
        partial=args.partial,
        by=_factors(args.by),
    )
    print(f"wrote {len(paths)} files in {args.directory / 'plots'}")
    return 0


def _factors(text: str | None) -> tuple[str, ...] | None:
    """The ``--by`` factors: ``None`` for the default, empty for ``none``."""
    if text is None:
        return None
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    if not names:
        raise BadInput("--by takes comma-separated factors or 'none', got nothing")
    return () if names == ("none",) else names
