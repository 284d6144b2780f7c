"""``ceasefire run``: one simulation, its tables and ``run.json``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceasefire.batch.cli import options
from ceasefire.batch.sweep.limits import STEPS
from ceasefire.model.parameters import parse_assignments
from ceasefire.model.scenarios import DEFAULT_STEPS

NAME = "run"
OUT = Path("output/run")
SEED = 0
"""The seed of a run without ``--seed``."""


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire run`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="run one simulation and write its CSVs",
        description="Run one simulation and write steps.csv, events.csv, cells.csv, "
        "district_weeks.csv, district_falls.csv and run.json.",
        epilog=options.parameter_help(),
    )
    parser.add_argument(
        "--scenario",
        default="status_quo",
        help="preset name (see 'ceasefire scenarios') or a scenario .toml file",
    )
    options.add_set(parser, "set a parameter (repeatable)")
    parser.add_argument(
        "--steps",
        type=options.limited(STEPS),
        default=None,
        help=f"weeks to simulate (default: the scenario's, else {DEFAULT_STEPS}; "
        f"at most {STEPS.value})",
    )
    parser.add_argument(
        "--seed", type=options.seed, default=SEED, help=f"random seed (default {SEED})"
    )
    options.add_out(parser, OUT)
    parser.add_argument("--overwrite", action="store_true", help="replace an earlier run in --out")


def command(args: argparse.Namespace) -> int:
    """Run one simulation of the scenario and write its outputs."""
    from ceasefire.batch.io.export import RUN_FILES, check_output_dir, write_run
    from ceasefire.model import simulation
    from ceasefire.model.scenarios import load_scenario

    scenario = load_scenario(args.scenario)
    overrides = parse_assignments(args.assignments)
    steps = args.steps or scenario.steps or DEFAULT_STEPS
    STEPS.check(steps, f"steps = {steps:,} of scenario '{scenario.name}'")
    scenario.check_steps(steps)
    check_output_dir(args.out, args.overwrite)
    parameters = {**scenario.parameters, **overrides}
    model = simulation.simulate(parameters, args.seed, steps, scenario.timeline)
    out = write_run(model, args.out, scenario.name, steps, args.command_line)
    print(f"wrote {', '.join(RUN_FILES)} in {out}")
    return 0
