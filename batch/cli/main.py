"""The ``ceasefire`` command line."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from ceasefire.batch.cli.epilog import epilog
from ceasefire.batch.cli.exit_codes import ExitCode
from ceasefire.batch.sweep import limits
from ceasefire.batch.sweep.limits import REPS, STEPS, WORKERS, Limit
from ceasefire.model.parameters import (
    PARAMETERS,
    ParameterError,
    parse_assignments,
    parse_integer,
    parse_seed,
)
from ceasefire.model.scenarios import DEFAULT_STEPS

EXIT_BAD_INPUT = ExitCode.BAD_INPUT
EXIT_RUNS_FAILED = ExitCode.RUNS_FAILED
EXIT_INTERRUPTED = ExitCode.INTERRUPTED
EXIT_INTERNAL_ERROR = ExitCode.INTERNAL_ERROR
RESUME_HINT = "finish it with --resume"


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``ceasefire: error: ...``, exit 2."""

    def error(self, message: str) -> NoReturn:
        """Print the error as one line and exit with status 2."""
        self.exit(EXIT_BAD_INPUT, f"ceasefire: error: {self.prog}: {message}\n")


class BadInput(Exception):
    """Input the command refuses; its message is printed as one line on stderr."""


def _integer_text(text: str) -> int:
    """An integer argument in ASCII digits, range unchecked (``build_spec`` checks sweeps')."""
    try:
        return parse_integer(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


class Terminated(BaseException):
    """SIGTERM arrived (a batch scheduler ending the job): unwinds the command like Ctrl-C.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` (a run's
    failure handler, say) swallows it.
    """


def _raise_terminated(signum: int, frame: object) -> NoReturn:
    raise Terminated


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while the command runs (main thread only).

    A SIGTERM that the parent process set to be ignored stays ignored, as Python does for SIGINT.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _integer(text: str, low: int = 1, high: int | None = None) -> int:
    """An integer argument between ``low`` and ``high`` (inclusive; no upper bound if None)."""
    value = _integer_text(text)
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f">= {low}"
        raise argparse.ArgumentTypeError(f"must be {bound}, got {value}")
    return value


def _limited(limit: Limit) -> Callable[[str], int]:
    """An argument type: an integer >= 1 and at most ``limit`` (whose reason the error gives)."""

    def parse(text: str) -> int:
        value = _integer(text)
        try:
            return limit.check(value)
        except ParameterError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    parse.__name__ = limit.name
    return parse


def _non_negative_int(text: str) -> int:
    return _integer(text, 0)


def _non_empty_path(text: str) -> Path:
    """A path argument, refusing an empty one (``--out ''`` would mean the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "an empty path is not allowed (it would mean the current folder)"
        )
    return Path(text)


def _seed(text: str) -> int:
    try:
        return parse_seed(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _port(text: str) -> int:
    return _integer(text, 1, 65535)


def _parameter_help() -> str:
    lines = ["parameters (--set key=value):"]
    for p in PARAMETERS:
        kind = "lever" if p.lever else "reset-only"
        lines.append(f"  {p.name:<24} {p.allowed()}; default {p.default} [{kind}]")
    return "\n".join(lines)


def _add_set(parser: argparse.ArgumentParser, help_text: str) -> None:
    """The repeatable ``--set KEY=VALUE`` option (parsed into ``args.assignments``)."""
    parser.add_argument(
        "--set", dest="assignments", action="append", default=[], metavar="KEY=VALUE",
        help=help_text,
    )  # fmt: skip


def _add_workers(parser: argparse.ArgumentParser) -> None:
    """The ``--workers N`` option of the commands that run on a local pool (default: all cores)."""
    parser.add_argument(
        "--workers",
        type=_limited(WORKERS),
        default=os.cpu_count() or 1,
        help=f"local worker processes (default: all cores; at most {WORKERS.value})",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    parser = Parser(
        prog="ceasefire",
        description="Agent-based model of Taliban violence under US and Pakistani pressure.",
        epilog=epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=Parser
    )
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
    _add_set(run, "set a parameter (repeatable)")
    run.add_argument(
        "--steps",
        type=_limited(STEPS),
        default=None,
        help=f"weeks to simulate (default: the scenario's, else {DEFAULT_STEPS}; "
        f"at most {STEPS.value})",
    )
    run.add_argument("--seed", type=_seed, default=0, help="random seed (default 0)")
    run.add_argument(
        "--out",
        type=_non_empty_path,
        default=Path("output/run"),
        help="output directory (default output/run)",
    )
    run.add_argument("--overwrite", action="store_true", help="replace an earlier run in --out")
    _add_sweep(commands)
    _add_viz(commands)
    plot = commands.add_parser(
        "plot",
        help="chart a sweep: violence against negotiation progress",
        description="Write charts of a sweep (PNG) with the plotted numbers (CSV) into DIR/plots.",
    )
    plot.add_argument(
        "directory", type=_non_empty_path, metavar="DIR", help="a sweep's output directory"
    )
    plot.add_argument("--color-by", metavar="LEVER", help="colour runs by this parameter")
    plot.add_argument("--heatmap", metavar="A,B", help="two parameters for the heat map")
    _add_partial(plot, "chart")
    analyze = commands.add_parser(
        "analyze",
        help="sensitivity indices of a Sobol or Morris sweep",
        description="Sobol or Morris sensitivity indices with confidence intervals (CSV, PNG).",
    )
    analyze.add_argument(
        "directory", type=_non_empty_path, metavar="DIR", help="a sweep's output directory"
    )
    analyze.add_argument("--method", required=True, choices=("sobol", "morris"))
    _add_partial(analyze, "analyse")
    compare = commands.add_parser(
        "compare",
        help="compare named scenarios with the same seeds",
        description=(
            "Run named scenarios with common seeds and write comparison.csv (means with 95%% "
            "intervals, probability of a cease-fire within 52 weeks, paired difference from "
            "the first scenario) and comparison.png (violence against negotiation progress)."
        ),
    )
    compare.add_argument("--scenarios", help="comma-separated presets or files (default: all)")
    _add_set(compare, "fix a parameter in every scenario")
    compare.add_argument(
        "--reps", type=_limited(REPS), default=10, help=f"replications (10; at most {REPS.value})"
    )
    compare.add_argument(
        "--steps",
        type=_limited(STEPS),
        default=DEFAULT_STEPS,
        help=f"weeks per run (default {DEFAULT_STEPS}, at least 52, at most {STEPS.value})",
    )
    compare.add_argument("--seed", type=_seed, default=0, help="root seed (default 0)")
    _add_workers(compare)
    compare.add_argument(
        "--out",
        type=_non_empty_path,
        default=Path("output/compare"),
        help="output directory (default output/compare)",
    )
    compare.add_argument("--overwrite", action="store_true", help="replace an earlier comparison")
    _add_validate(commands)
    _add_ablate(commands)
    commands.add_parser(
        "scenarios",
        help="list the named scenario presets",
        description="List the named scenario presets.",
    )
    readers = commands.add_parser(
        "readers",
        help="write the R and Stata readers of the output files",
        description=(
            "Write read_ceasefire.R (base R and readr) and read_ceasefire.do (Stata), which read "
            "every output CSV with the codebook's column types."
        ),
    )
    readers.add_argument("--out", type=Path, default=Path("."), help="folder (default: here)")
    return parser


def _add_validate(commands) -> None:
    validate = commands.add_parser(
        "validate",
        help="check the model against known patterns and write docs/validation.md",
        description=(
            "Run the status quo, the stay scenario, paired lever contrasts and a Sobol' sweep "
            "over every lever; compare event severity, the fighting season, the scale of "
            "civilian harm and the geography of violence with their sources; write the report "
            "(Markdown and figures) and the tables behind it. The defaults take about 35 minutes "
            "on 2 cores."
        ),
    )
    validate.add_argument(
        "--reps", type=_limited(REPS), default=20, help=f"replications (20; <= {REPS.value})"
    )
    validate.add_argument(
        "--steps",
        type=_limited(STEPS),
        default=DEFAULT_STEPS,
        help=f"weeks per run (130, >= 52, <= {STEPS.value})",
    )
    validate.add_argument(
        "--season-steps",
        type=_limited(STEPS),
        default=156,
        help=f"weeks of the fighting-season runs (156, >= 104, <= {STEPS.value})",
    )
    validate.add_argument(
        "--sobol-samples",
        type=_non_negative_int,
        default=64,
        help="base sample of the Sobol' design: a power of 2, or 0 to skip (64)",
    )
    validate.add_argument("--seed", type=_seed, default=20210212, help="root seed (20210212)")
    _add_workers(validate)
    validate.add_argument(
        "--out",
        type=_non_empty_path,
        default=Path("output/validate"),
        help="directory for the runs and tables (default output/validate)",
    )
    validate.add_argument(
        "--report",
        type=_non_empty_path,
        default=Path("docs/validation.md"),
        help="the report; figures go to the folder of the same name (docs/validation.md)",
    )
    validate.add_argument("--overwrite", action="store_true", help="replace an earlier --out")


def _add_ablate(commands) -> None:
    from ceasefire.batch.validation.ablation import mechanisms_help

    ablate = commands.add_parser(
        "ablate",
        help="switch each mechanism off in turn and measure what it carries",
        description=(
            "Run the scenario with every mechanism on (the baseline) and with each mechanism off "
            "(mechanisms.<name> = false), with the same replication seeds; for the pressure "
            "chain also with every other chain mechanism off and with all of them off, each at "
            "fixed Pakistani pressure 1 and 0. Writes ablation.csv (paired differences with 95%% "
            "intervals, the effect of pressure per arm and the share each mechanism carries), "
            "ablation.png, runs.csv, steps.csv and metadata.json."
        ),
        epilog="mechanisms:\n" + mechanisms_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ablate.add_argument(
        "--scenario", default="status_quo", help="preset name or scenario .toml file (status_quo)"
    )
    ablate.add_argument(
        "--mechanisms", default="all", help="all (default) or a comma-separated list of names"
    )
    ablate.add_argument(
        "--reps", type=_limited(REPS), default=10, help=f"replications (10; at most {REPS.value})"
    )
    ablate.add_argument(
        "--steps",
        type=_limited(STEPS),
        default=52,
        help=f"weeks per run (52, at least 26; at most {STEPS.value})",
    )
    ablate.add_argument("--seed", type=_seed, default=0, help="root seed (default 0)")
    _add_set(ablate, "fix a parameter in every arm")
    _add_workers(ablate)
    ablate.add_argument(
        "--out",
        type=_non_empty_path,
        default=Path("output/ablate"),
        help="output directory (output/ablate)",
    )
    ablate.add_argument("--overwrite", action="store_true", help="replace an earlier ablation")


def command_ablate(args: argparse.Namespace) -> int:
    """Switch each mechanism off in turn and measure what it carries."""
    from ceasefire.batch.validation.ablation import EARLY_WEEKS, Ablation, run_ablation
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


def _add_sweep(commands) -> None:
    sweep = commands.add_parser(
        "sweep",
        help="run a parameter sweep (designs, replications, local pool or Dask)",
        description=(
            "Run every design point times every replication and stream the results to DIR. "
            "Without SPEC and --vary, runs the default sweep (batch/sweep/specs/default.toml: "
            "pakistan_pressure 0, 0.5, 1 x withdrawal_week 28, none; 5 replications, 104 weeks). "
            "Sizes have limits and exit statuses have meanings: see 'ceasefire --help'."
        ),
        epilog=_parameter_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sweep.add_argument("spec", nargs="?", type=Path, metavar="SPEC.toml", help="sweep spec file")
    sweep.add_argument(
        "--vary",
        action="append",
        default=[],
        metavar="KEY=V1,V2|KEY=LO:HI[:N]",
        help=f"a varied parameter: levels, or a range (repeatable; at most "
        f"{limits.LEVELS.value} levels each)",
    )
    _add_set(sweep, "fix a parameter for all runs (repeatable)")
    sweep.add_argument("--scenario", help="preset name or scenario .toml file (default status_quo)")
    sweep.add_argument("--design", help="grid (default), lhs, sobol, morris or csv:FILE")
    integer = {"type": _integer_text, "metavar": "N"}  # ranges: build_spec, as for the file's
    sweep.add_argument(
        "--samples",
        **integer,
        help=f"sample size of lhs/sobol/morris designs (default 64; at most "
        f"{limits.DESIGN_POINTS.value} design points)",
    )
    sweep.add_argument(
        "--reps", **integer, help=f"replications per design point (default 3; at most {REPS.value})"
    )
    sweep.add_argument(
        "--steps", **integer, help=f"weeks per run (default {DEFAULT_STEPS}; at most {STEPS.value})"
    )
    sweep.add_argument("--seed", **integer, help="root seed of the replication seeds (default 0)")
    sweep.add_argument("--outputs", help="per-run tables: steps,events,cells (default steps)")
    sweep.add_argument(
        "--workers",
        **integer,
        help=f"local worker processes (default: all cores; at most {WORKERS.value})",
    )
    sweep.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler address, or local:N for a local Dask cluster",
    )
    sweep.add_argument(
        "--out",
        type=_non_empty_path,
        default=Path("output/sweep"),
        help="output directory (default output/sweep)",
    )
    mode = sweep.add_mutually_exclusive_group()
    mode.add_argument("--resume", action="store_true", help="finish an interrupted sweep")
    mode.add_argument("--overwrite", action="store_true", help="replace an existing sweep")
    sweep.add_argument(
        "--retry-failed",
        action="store_true",
        help="with --resume: run the failed runs (status error) again",
    )


def _add_partial(parser: argparse.ArgumentParser, verb: str) -> None:
    """The ``--partial`` option of the commands that read a sweep."""
    parser.add_argument(
        "--partial",
        action="store_true",
        help=f"{verb} a sweep that is unfinished (killed or still running), with a warning; "
        "without it such a sweep is refused",
    )


def _add_viz(commands) -> None:
    viz = commands.add_parser(
        "viz",
        help="start the live dashboard (a web page; works offline)",
        description=(
            "Start the Solara dashboard and print its address; each browser session gets its "
            "own live model. Stop it with Ctrl-C."
        ),
    )
    viz.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    viz.add_argument("--port", type=_port, default=8765, help="port to listen on (8765)")


def command_viz(args: argparse.Namespace) -> int:
    """Run the dashboard server until Ctrl-C."""
    from ceasefire.viz import server

    try:
        server.check_port(args.host, args.port)
    except OSError as error:
        reason = error.strerror or error
        raise BadInput(f"cannot listen on {args.host}:{args.port}: {reason}") from None
    process = server.start(args.host, args.port)
    try:
        server.wait_until_ready(server.url(args.host, args.port), process)
        print(f"Ceasefire dashboard: {server.url(args.host, args.port)} (Ctrl-C to stop)")
        sys.stdout.flush()
        return process.wait()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    finally:
        server.stop(process)


def command_sweep(args: argparse.Namespace) -> int:
    """Run a sweep; exit 3 when some runs failed."""
    from ceasefire.batch.sweep.designs import parse_vary
    from ceasefire.batch.sweep.engine import run_sweep
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
    return EXIT_RUNS_FAILED if outcome.failed else 0


def command_plot(args: argparse.Namespace) -> int:
    """Chart a sweep."""
    from ceasefire.batch.analysis.charts import plot_sweep

    heatmap = tuple(args.heatmap.split(",")) if args.heatmap else None
    if heatmap is not None and len(heatmap) != 2:
        raise BadInput(f"--heatmap takes two parameters A,B, got '{args.heatmap}'")
    paths = plot_sweep(
        args.directory, color_by=args.color_by, heatmap=heatmap, partial=args.partial
    )
    print(f"wrote {len(paths)} files in {args.directory / 'plots'}")
    return 0


def command_analyze(args: argparse.Namespace) -> int:
    """Sensitivity analysis of a sweep."""
    from ceasefire.batch.analysis.sensitivity import analyze

    paths = analyze(args.directory, args.method, partial=args.partial)
    print("wrote " + ", ".join(str(p) for p in paths))
    return 0


def command_compare(args: argparse.Namespace) -> int:
    """Compare scenarios with common seeds."""
    from ceasefire.batch.analysis.compare import Comparison, check_horizon, run_comparison

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


def command_validate(args: argparse.Namespace) -> int:
    """Check the model against its patterns and write the validation report."""
    from ceasefire.batch.validation.run import Settings, validate

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


def command_run(args: argparse.Namespace) -> int:
    """Run one simulation and write its outputs."""
    from ceasefire.batch.io.export import check_output_dir, check_writable, write_run
    from ceasefire.model.scenarios import load_scenario, scenario_model

    scenario = load_scenario(args.scenario)
    overrides = parse_assignments(args.assignments)
    steps = args.steps or scenario.steps or DEFAULT_STEPS
    STEPS.check(steps, f"steps = {steps:,} of scenario '{scenario.name}'")
    scenario.check_steps(steps)
    check_writable(args.out)
    check_output_dir(args.out, args.overwrite)
    model = scenario_model(scenario, overrides, seed=args.seed)
    for _ in range(steps):
        model.step()
    out = write_run(model, args.out, scenario.name, steps, args.command_line)
    print(f"wrote steps.csv, events.csv, cells.csv, run.json and datapackage.json in {out}")
    return 0


def command_readers(args: argparse.Namespace) -> int:
    """Write the R and Stata readers into ``--out``."""
    from ceasefire.batch.cli.catalogue import CATALOGUE
    from ceasefire.batch.io.readers import write_readers

    print("wrote " + ", ".join(str(p) for p in write_readers(CATALOGUE, args.out)))
    return 0


def command_scenarios(_: argparse.Namespace) -> int:
    """List the presets, one line each."""
    from ceasefire.model.scenarios import presets

    for name, scenario in presets().items():
        print(f"{name:<24} {scenario.description}")
    return 0


COMMANDS = {
    "run": command_run,
    "sweep": command_sweep,
    "plot": command_plot,
    "analyze": command_analyze,
    "compare": command_compare,
    "validate": command_validate,
    "ablate": command_ablate,
    "scenarios": command_scenarios,
    "readers": command_readers,
    "viz": command_viz,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``ceasefire`` command; returns an :class:`ExitCode`."""
    args = build_parser().parse_args(argv)
    args.command_line = ["ceasefire", *argv] if argv is not None else sys.argv
    hint = f"; {RESUME_HINT}" if args.command == "sweep" else ""
    try:
        with _sigterm_unwinds():
            return COMMANDS[args.command](args)
    except (ParameterError, BadInput) as error:
        print(f"ceasefire: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as error:  # after the pre-checks: a full disk, a vanished path, no permission
        where = f": '{error.filename}'" if error.filename else ""
        print(f"ceasefire: error: {error.strerror or error}{where}{hint}", file=sys.stderr)
        return ExitCode.ENVIRONMENT
    except KeyboardInterrupt:
        print(f"ceasefire: interrupted{hint}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print(f"ceasefire: terminated (SIGTERM){hint}", file=sys.stderr)
        return ExitCode.TERMINATED
    except Exception as error:  # a bug: one line, and how to get the details
        print(
            f"ceasefire: internal error: {type(error).__name__}: {error} "
            "(please report it; run with CEASEFIRE_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        if os.environ.get("CEASEFIRE_DEBUG"):
            raise
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    sys.exit(main())
