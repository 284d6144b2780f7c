"""``ceasefire sweep``: design points times replications, on a local pool or a Dask cluster."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceasefire.batch.cli import options
from ceasefire.batch.cli.exit_codes import ExitCode
from ceasefire.batch.sweep import limits
from ceasefire.batch.sweep.spec import SweepSpec
from ceasefire.model.parameters import parse_assignments
from ceasefire.model.scenarios import DEFAULT_SCENARIO, DEFAULT_STEPS

NAME = "sweep"
OUT = Path("output/sweep")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire sweep`` and its options.

    The options that a spec file can also set default to ``None`` (not given), so that the
    file's value applies; their help shows :class:`SweepSpec`'s defaults.
    """
    spec = options.field_defaults(SweepSpec)
    parser = commands.add_parser(
        NAME,
        help="run a parameter sweep (designs, replications, local pool or Dask)",
        description=(
            "Run every design point times every replication and stream the results to --out. "
            "Without SPEC, --vary or --design, runs the default sweep "
            "(batch/sweep/specs/default.toml: pakistan_pressure 0, 0.5, 1 x withdrawal_week 28, "
            "none x taliban_war_price 1, 3; 5 replications, 104 weeks). Sizes have limits and "
            "exit statuses have meanings: see 'ceasefire --help'."
        ),
        epilog=options.parameter_help(),
    )
    parser.add_argument("spec", nargs="?", type=Path, metavar="SPEC.toml", help="sweep spec file")
    parser.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=V1,V2|KEY=LO:HI[:N]",
        help=f"a varied parameter: levels, or a range (repeatable; at most "
        f"{limits.LEVELS.value} levels each)",
    )
    options.add_set(parser, "fix a parameter for all runs (repeatable)")
    parser.add_argument(
        "--scenario", help=f"preset name or scenario .toml file (default {DEFAULT_SCENARIO})"
    )
    parser.add_argument(
        "--design",
        help=f"grid, lhs, sobol, morris, oat (one at a time) or csv:FILE "
        f"(default {spec['design']})",
    )
    integer = {"type": options.integer_text, "metavar": "N"}  # ranges: build_spec, as the file's
    parser.add_argument(
        "--samples",
        **integer,
        help=f"sample size of lhs/sobol/morris designs (default {spec['samples']}; at most "
        f"{limits.DESIGN_POINTS.value} design points)",
    )
    parser.add_argument(
        "--reps",
        **integer,
        help=f"replications per design point (default {spec['reps']}; at most {limits.REPS.value})",
    )
    parser.add_argument(
        "--steps",
        **integer,
        help=f"weeks per run (default: the scenario's, else {DEFAULT_STEPS}; at most "
        f"{limits.STEPS.value})",
    )
    parser.add_argument(
        "--seed", **integer, help=f"root seed of the replication seeds (default {spec['seed']})"
    )
    parser.add_argument(
        "--outputs",
        help=f"per-run tables: steps,events,cells (default {','.join(spec['outputs'])})",
    )
    parser.add_argument("--workers", **integer, help=options.workers_help())
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, or local:N for a local Dask cluster",
    )
    options.add_out(parser, OUT)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--resume", action="store_true", help="finish an interrupted sweep")
    mode.add_argument("--overwrite", action="store_true", help="replace an existing sweep")
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help="with --resume: run the failed runs (status error) again",
    )


def command(args: argparse.Namespace) -> int:
    """Run a sweep; exit 3 when some runs failed."""
    from ceasefire.batch.sweep.engine import run_sweep
    from ceasefire.batch.sweep.factors import parse_vary
    from ceasefire.batch.sweep.spec import SPEC_KEYS, build_spec, default_spec_path, read_spec_file

    defines_design = args.vary or args.design
    path = args.spec or (None if defines_design else default_spec_path())
    file = read_spec_file(path) if path else {}
    flags = {key: getattr(args, key) for key in SPEC_KEYS - {"set", "vary"}}
    flags["vary"] = [parse_vary(text) for text in args.vary]
    flags["set"] = parse_assignments(args.assignments)
    spec = build_spec(file, flags)
    mode = "resume" if args.resume else "overwrite" if args.overwrite else "new"
    outcome = run_sweep(spec, args.out, mode, args.command_line, args.retry_failed)
    print(
        f"{outcome.runs} runs in {args.out} ({outcome.failed} failed); chart them with: "
        f"ceasefire plot {args.out}"
    )
    return ExitCode.RUNS_FAILED if outcome.failed else 0
