"""``ceasefire validate``: the model against known patterns, and the validation report."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceasefire.batch.cli import options
from ceasefire.batch.validation.run import MIN_SEASON_STEPS, MIN_STEPS, Settings

NAME = "validate"
OUT = Path("output/validate")
REPORT = Path("docs/validation.md")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire validate`` and its options (defaults: :class:`Settings`)."""
    parser = commands.add_parser(
        NAME,
        help="check the model against known patterns and write docs/validation.md",
        description=(
            "Run the status quo, the stay scenario, paired lever contrasts and a Sobol' sweep "
            "over every lever; compare event severity, the fighting season, the scale of "
            "civilian harm and the geography of violence with their sources; write the report "
            "(Markdown and figures) and the tables behind it. The defaults take about 35 minutes "
            "on 2 cores."
        ),
    )
    options.add_steps(
        parser,
        Settings.season_steps,
        MIN_SEASON_STEPS,
        flag="--season-steps",
        what="weeks of the fighting-season runs",
    )
    parser.add_argument(
        "--sobol-samples",
        type=options.non_negative_int,
        default=Settings.sobol_samples,
        help="base sample of the Sobol' design: a power of 2, or 0 to skip "
        f"(default {Settings.sobol_samples})",
    )
    parser.add_argument(
        "--report",
        type=options.non_empty_path,
        default=REPORT,
        help=f"the report; figures go to the folder of the same name (default {REPORT})",
    )
    options.add_run_options(
        parser,
        Settings,
        min_steps=MIN_STEPS,
        out=OUT,
        replaces="an earlier --out",
        out_help="directory for the runs and tables",
    )


def command(args: argparse.Namespace) -> int:
    """Check the model against its patterns and write the validation report."""
    from ceasefire.batch.validation.run import validate

    settings = Settings(
        reps=args.reps,
        steps=args.steps,
        season_steps=args.season_steps,
        sobol_samples=args.sobol_samples,
        seed=args.seed,
        workers=args.workers,
    )
    paths = validate(settings, args.out, args.report, args.overwrite, args.command_line)
    print(f"wrote {paths[0]} (figures in {paths[0].with_suffix('')}) and tables in {args.out}")
    return 0
