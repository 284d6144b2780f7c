"""``ceasefire ablate``: each mechanism switched off in turn, and what it carries."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from ceasefire.batch.cli import options
from ceasefire.batch.cli.epilog import help_item
from ceasefire.batch.cli.errors import BadInput
from ceasefire.batch.validation.ablation import EARLY_WEEKS, Ablation
from ceasefire.model.mechanisms import MECHANISMS
from ceasefire.model.parameters import parse_assignments
from ceasefire.model.scenarios import DEFAULT_SCENARIO

NAME = "ablate"
OUT = Path("output/ablate")


def mechanisms_help() -> str:
    """The epilog of ``ceasefire ablate --help``: every mechanism and what it does."""
    width = max(len(m.name) for m in MECHANISMS)
    lines = ["mechanisms:"]
    lines += [help_item(f"{m.name:<{width}}", m.description) for m in MECHANISMS]
    return "\n".join(lines)


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire ablate`` and its options (defaults: :class:`Ablation`)."""
    parser = commands.add_parser(
        NAME,
        help="switch each mechanism off in turn and measure what it carries",
        description=(
            "Run the scenario with every mechanism on (the baseline) and with each mechanism off "
            "(mechanisms.<name> = false), with the same replication seeds; for the pressure "
            "chain also with every other chain mechanism off and with all of them off, each at "
            "fixed Pakistani pressure 1 and 0. Writes ablation.csv (paired differences with 95% "
            "intervals, the effect of pressure per arm and the share each mechanism carries), "
            "ablation.png, runs.csv, steps.csv and metadata.json."
        ),
        epilog=mechanisms_help(),
    )
    parser.add_argument(
        "--scenario",
        default=DEFAULT_SCENARIO,
        help=f"preset name or scenario .toml file (default {DEFAULT_SCENARIO})",
    )
    parser.add_argument(
        "--mechanisms", default="all", help="all (default) or a comma-separated list of names"
    )
    options.add_run_options(
        parser,
        Ablation,
        min_steps=EARLY_WEEKS,
        out=OUT,
        replaces="an earlier ablation",
        set_help="fix a parameter in every arm",
    )


def command(args: argparse.Namespace) -> int:
    """Switch each mechanism off in turn and measure what it carries."""
    from ceasefire.batch.validation.ablation import run_ablation
    from ceasefire.model.scenarios import load_scenario

    if args.steps < EARLY_WEEKS:
        raise BadInput(f"--steps must be at least {EARLY_WEEKS}, got {args.steps}")
    scenario = load_scenario(args.scenario)
    overrides = parse_assignments(args.assignments)
    scenario = replace(scenario, parameters={**scenario.parameters, **overrides})
    scenario.check_steps(args.steps)
    ablation = Ablation(
        scenario=scenario,
        mechanisms=Ablation.parse_mechanisms(args.mechanisms),
        reps=args.reps,
        steps=args.steps,
        seed=args.seed,
        workers=args.workers,
    )
    paths = run_ablation(ablation, args.out, args.overwrite, args.command_line)
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0
