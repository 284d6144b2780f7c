"""Benchmark Ceasefire sweeps: speed against Mesa's ``batch_run``, and coordinator memory.

What is compared:
    * **Speed.** One grid design, by default ``pakistan_pressure`` 0, 0.5, 1, 0.25, 0.75 x
      ``withdrawal_week`` 28, none (10 design points) x ``--reps`` 4 replications = 40 runs of
      ``--steps`` 52 weeks on the ``--map`` fine map, run three ways:

      - our sweep (:func:`ceasefire.batch.sweep.engine.run_sweep`) with ``--workers 1`` (runs in the
        coordinator process, one after another);
      - our sweep with ``--workers 2`` (a ``forkserver`` pool of 2 worker processes);
      - ``mesa.batch_run`` with ``number_processes=2`` over the same parameter combinations and
        the same replication seeds (``rng=[seeds]``). ``CeasefireModel`` takes its parameters
        as one dict, so a small adapter model (:class:`BatchRunModel`) turns batch_run's keyword
        arguments into that dict and records the run summaries (the same columns as our
        ``runs.csv``) in a ``DataCollector`` once, after the last week
        (``data_collection_period=-1``).

      Our sweeps also write ``steps.csv`` (one row per run and week), ``design.csv``,
      ``metadata.json`` and ``datapackage.json`` and fsync every run to disk; batch_run returns
      the summaries in memory only. So our sweep does at least as much work per run.
    * **Coordinator memory.** Sweeps of ``--memory-small-runs`` (100) and ``--memory-runs``
      (1,000) very short runs (coarse map, 1 week, ``steps`` output, 2 workers), to show that
      the coordinator's peak memory does not grow with the number of runs.

Why:
    Issue 3 ("Speed and memory") asks that 2 workers run a sweep at least ``GOAL_SCALING``
    (1.8x) as fast as 1 worker, that our sweep with 2 workers be at least
    ``GOAL_VS_BATCH_RUN`` (2x) as fast as ``mesa.batch_run`` with 2 processes, and that the
    coordinator of a 1,000-run sweep stay under ``GOAL_COORDINATOR_MB`` (300 MB).

How:
    * Every sweep runs in a fresh child process (``python bench_sweep.py --child ...``) so that
      none profits from another's warm caches (the map is loaded and cached once per process),
      and because ``mesa.batch_run`` forces the ``spawn`` start method process-wide and keeps
      all results in memory. In the child, the call (``run_sweep`` or ``batch_run``) is timed
      after the imports, so "call s" includes starting the worker pool and loading the map in
      each worker, but not the interpreter start-up; "process s" is the child's whole life.
      With ``--repeats`` above 1 the three methods are run in turn and medians are reported.
    * The results of the three methods are checked against each other: the two sweeps must give
      identical ``runs.csv`` and ``steps.csv``, and batch_run's summaries must equal ours for
      every (parameters, seed).
    * Memory: the child imports the package, runs ``ceasefire sweep`` in-process
      (``ceasefire.batch.cli.main.main``) and reports its own peak RSS with
      ``resource.getrusage(RUSAGE_SELF)``, which counts the coordinator only (the forkserver and
      the workers are separate processes); its peak right after the imports is also shown.
    * This machine has 2 cores and is shared with other jobs, so timings are noisy; the load
      average before and after is printed with the results.

The script only prints figures (optionally also writing them as JSON); it never asserts them.

Usage::

    python benchmarks/bench_sweep.py [--steps 52] [--reps 4] [--map fine] [--repeats 1]
                                     [--memory-runs 1000] [--memory-small-runs 100]
                                     [--skip-memory] [--skip-speed] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import mesa

from ceasefire.model.ceasefire_model import CeasefireModel

GOAL_SCALING = 1.8
GOAL_VS_BATCH_RUN = 2.0
GOAL_COORDINATOR_MB = 300.0
SPEED_VARY = ("pakistan_pressure=0,0.5,1,0.25,0.75", "withdrawal_week=28,none")
MEMORY_REPS = 10
MEMORY_WORKERS = 2
SCRIPT = Path(__file__).resolve()


class BatchRunModel(CeasefireModel):
    """``CeasefireModel`` as ``mesa.batch_run`` calls it: parameters as keyword arguments.

    Args:
        rng: the replication seed (batch_run passes each element of its ``rng`` list).
        weeks: the week after which the run summaries are recorded (the last week).
        **params: model parameters.
    """

    def __init__(self, rng: int | None = None, weeks: int = 0, **params: Any) -> None:
        super().__init__(params, seed=rng)
        self.weeks = weeks
        from ceasefire.model.observe import run_summary

        self.datacollector = mesa.DataCollector(
            model_reporters={
                name: (lambda model, name=name: run_summary(model)[name])
                for name in summary_names()
            }
        )

    def step(self) -> None:
        """One week; record the summaries after the last one."""
        super().step()
        if self.steps == self.weeks:
            self.datacollector.collect(self)


def summary_names() -> list[str]:
    """The run summary columns (as in ``runs.csv``)."""
    from ceasefire.model.outputs import SUMMARY_COLUMNS, names

    return names(SUMMARY_COLUMNS)


# --------------------------------------------------------------------------- sweep arguments
def speed_cli_args(steps: int, reps: int, map_name: str, seed: int) -> list[str]:
    """``ceasefire sweep`` arguments of the speed design (without --workers and --out)."""
    args = []
    for vary in SPEED_VARY:
        args += ["--vary", vary]
    return [
        *args,
        "--set",
        f"map={map_name}",
        "--reps",
        str(reps),
        "--steps",
        str(steps),
        "--seed",
        str(seed),
        "--outputs",
        "steps",
    ]


def memory_cli_args(runs: int, steps: int, seed: int) -> list[str]:
    """``ceasefire sweep`` arguments of a memory sweep of ``runs`` runs (a multiple of 10)."""
    return [
        "--vary",
        f"pakistan_pressure=0:1:{runs // MEMORY_REPS}",
        "--set",
        "map=coarse",
        "--reps",
        str(MEMORY_REPS),
        "--steps",
        str(steps),
        "--seed",
        str(seed),
        "--outputs",
        "steps",
        "--workers",
        str(MEMORY_WORKERS),
    ]


def spec_from_cli_args(cli_args: list[str], workers: int):
    """The :class:`SweepSpec` that ``ceasefire sweep`` builds from ``cli_args``."""
    from ceasefire.batch.cli.main import build_parser
    from ceasefire.batch.sweep.factors import parse_vary
    from ceasefire.batch.sweep.spec import build_spec
    from ceasefire.model.parameters import parse_assignments

    ns = build_parser().parse_args(["sweep", *cli_args, "--workers", str(workers)])
    keys = ("scenario", "design", "samples", "reps", "steps", "seed", "outputs", "workers")
    flags: dict[str, Any] = {key: getattr(ns, key) for key in keys}
    flags["scheduler"] = None
    flags["vary"] = [parse_vary(text) for text in ns.vary]
    flags["set"] = parse_assignments(ns.assignments)
    return build_spec({}, flags)


# --------------------------------------------------------------------------- child processes
def child_ours(cli_args: list[str], workers: int, out: Path) -> dict[str, Any]:
    """Run our sweep in this process (the coordinator) and time ``run_sweep``."""
    from ceasefire.batch.sweep.engine import run_sweep

    t0 = time.perf_counter()
    spec = spec_from_cli_args(cli_args, workers)
    t1 = time.perf_counter()
    outcome = run_sweep(spec, out, "new", ["bench_sweep.py", *cli_args])
    t2 = time.perf_counter()
    return {"spec_s": t1 - t0, "call_s": t2 - t1, "runs": outcome.runs, "failed": outcome.failed}


def child_batch_run(cli_args: list[str], processes: int, out: Path) -> dict[str, Any]:
    """Run the same design with ``mesa.batch_run`` and time the call."""
    from ceasefire.batch.sweep.designs import build_design
    from ceasefire.batch.sweep.seeds import replication_seeds

    spec = spec_from_cli_args(cli_args, processes)
    if spec.scenario.timeline.as_records():
        raise RuntimeError("the batch_run adapter does not pass a policy timeline")
    design = build_design(spec.design, spec.factors, spec.samples, spec.seed)
    points = [design.parameters(p) for p in range(len(design.points))]
    levels = {f.name: list(dict.fromkeys(point[f.name] for point in points)) for f in spec.factors}
    if math.prod(len(v) for v in levels.values()) != len(points):
        raise RuntimeError("the design is not a full grid; batch_run could not reproduce it")
    fixed = {**spec.scenario.parameters, **spec.overrides, "weeks": spec.steps}
    parameters = {**{k: v for k, v in fixed.items() if k not in levels}, **levels}
    seeds = replication_seeds(spec.seed, spec.reps)
    t0 = time.perf_counter()
    results = mesa.batch_run(
        BatchRunModel,
        parameters=parameters,
        number_processes=processes,
        data_collection_period=-1,
        max_steps=spec.steps,
        display_progress=False,
        rng=seeds,
    )
    call_s = time.perf_counter() - t0
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, default=str))
    return {"call_s": call_s, "runs": len(results), "failed": 0}


def child_memory(cli_args: list[str], out: Path) -> dict[str, Any]:
    """Run ``ceasefire sweep`` in this process and report this process's peak RSS."""
    import ceasefire.batch.sweep.engine  # noqa: F401  (the imports the sweep needs, before measuring)
    from ceasefire.batch.cli.main import main

    import_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    code = main(["sweep", *cli_args, "--out", str(out)])
    call_s = time.perf_counter() - t0
    if code != 0:
        raise RuntimeError(f"ceasefire sweep exited with {code}")
    runs = sum(1 for _ in (out / "runs.csv").open()) - 1
    return {
        "call_s": call_s,
        "runs": runs,
        "failed": 0,
        "import_mb": import_kb / 1024,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_child(kind: str, cli_args: list[str], workers: int, out: Path) -> dict[str, Any]:
    """Run one measurement in a fresh child process; return its figures and its wall time."""
    report = out.with_name(out.name + ".json")
    command = [
        sys.executable,
        str(SCRIPT),
        "--child",
        kind,
        "--child-workers",
        str(workers),
        "--child-out",
        str(out),
        "--child-report",
        str(report),
        "--",
        *cli_args,
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"child '{kind}' exited with {proc.returncode}:\n{proc.stderr[-3000:]}")
    figures = json.loads(report.read_text())
    figures["process_s"] = wall
    return figures


# --------------------------------------------------------------------------- checks
def _key(pressure: Any, week: Any, seed: Any) -> tuple[float, int | None, int]:
    week_missing = week is None or (isinstance(week, float) and math.isnan(week))
    return (round(float(pressure), 9), None if week_missing else int(week), int(seed))


def compare_results(ours1: Path, ours2: Path, batch_json: Path) -> dict[str, Any]:
    """Check that the three methods computed the same runs."""
    import pandas as pd

    def table(directory: Path, name: str) -> pd.DataFrame:
        frame = pd.read_csv(directory / f"{name}.csv")
        keys = [c for c in ("run_id", "step") if c in frame.columns]
        return frame.sort_values(keys).reset_index(drop=True)

    same_sweeps = all(table(ours1, t).equals(table(ours2, t)) for t in ("runs", "steps"))
    runs = table(ours2, "runs")
    columns = summary_names()
    ours = {
        _key(r["pakistan_pressure_set"], r["withdrawal_week"], r["seed"]): r
        for r in runs.to_dict("records")
    }
    matched = 0
    batch = json.loads(batch_json.read_text())
    for row in batch:
        mine = ours.get(_key(row["pakistan_pressure"], row["withdrawal_week"], row["rng"]))
        if mine is not None and all(_same(mine[c], row[c]) for c in columns):
            matched += 1
    return {"same_sweeps": same_sweeps, "batch_matched": matched, "batch_runs": len(batch)}


def _same(a: Any, b: Any) -> bool:
    a_missing = a is None or (isinstance(a, float) and math.isnan(a))
    b_missing = b is None or (isinstance(b, float) and math.isnan(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


# --------------------------------------------------------------------------- main
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: arguments (``sys.argv[1:]`` when ``None``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--steps", type=int, default=52, help="weeks per run (speed design)")
    parser.add_argument("--reps", type=int, default=4, help="replications (speed design)")
    parser.add_argument("--map", default="fine", choices=("fine", "coarse"), help="speed map")
    parser.add_argument("--seed", type=int, default=0, help="root seed of the sweeps")
    parser.add_argument("--repeats", type=int, default=1, help="times each speed method runs")
    parser.add_argument("--memory-runs", type=int, default=1000, help="runs of the big sweep")
    parser.add_argument(
        "--memory-small-runs", type=int, default=100, help="runs of the small memory sweep"
    )
    parser.add_argument("--memory-steps", type=int, default=1, help="weeks per memory run")
    parser.add_argument("--skip-speed", action="store_true", help="only measure memory")
    parser.add_argument("--skip-memory", action="store_true", help="only measure speed")
    parser.add_argument("--json", type=Path, default=None, help="also write figures as JSON")
    # Internal: the measurement children.
    parser.add_argument("--child", choices=("ours", "batch_run", "memory"), help=argparse.SUPPRESS)
    parser.add_argument("--child-workers", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--child-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-report", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("cli_args", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if min(args.steps, args.reps, args.repeats, args.memory_steps) < 1:
        parser.error("--steps, --reps, --repeats and --memory-steps must be >= 1")
    for runs in (args.memory_runs, args.memory_small_runs):
        if runs < MEMORY_REPS or runs % MEMORY_REPS:
            parser.error(
                f"--memory-runs and --memory-small-runs must be multiples of {MEMORY_REPS}"
            )
    return args


def child_main(args: argparse.Namespace) -> int:
    """Body of a measurement child: run one sweep and write its figures as JSON."""
    if args.child == "ours":
        figures = child_ours(args.cli_args, args.child_workers, args.child_out)
    elif args.child == "batch_run":
        figures = child_batch_run(args.cli_args, args.child_workers, args.child_out)
    else:
        figures = child_memory(args.cli_args, args.child_out)
    args.child_report.write_text(json.dumps(figures))
    return 0


def verdict(value: float, goal: float, higher_is_better: bool = True) -> str:
    """``met`` or ``NOT met``."""
    ok = value >= goal if higher_is_better else value <= goal
    return "met" if ok else "NOT met"


def measure_speed(args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    """Time the three methods on the speed design (``--repeats`` times, in turn)."""
    cli_args = speed_cli_args(args.steps, args.reps, args.map, args.seed)
    methods = {
        "ours, --workers 1": ("ours", 1),
        "ours, --workers 2": ("ours", 2),
        "mesa.batch_run, 2 processes": ("batch_run", 2),
    }
    timings: dict[str, list[dict[str, Any]]] = {name: [] for name in methods}
    check: dict[str, Any] = {}
    for repeat in range(args.repeats):
        outs = {}
        for index, (name, (kind, workers)) in enumerate(methods.items()):
            print(f"  [{repeat + 1}/{args.repeats}] {name} ...", flush=True)
            outs[name] = tmp / f"speed-{repeat}-{index}"
            timings[name].append(run_child(kind, cli_args, workers, outs[name]))
        if repeat == 0:
            names = list(methods)
            check = compare_results(outs[names[0]], outs[names[1]], outs[names[2]] / "results.json")
    summary = {
        name: {
            "runs": runs[0]["runs"],
            "failed": max(r["failed"] for r in runs),
            "call_s": statistics.median(r["call_s"] for r in runs),
            "process_s": statistics.median(r["process_s"] for r in runs),
            "all_call_s": [r["call_s"] for r in runs],
        }
        for name, runs in timings.items()
    }
    return {"cli_args": cli_args, "methods": summary, "check": check}


def measure_memory(args: argparse.Namespace, tmp: Path) -> dict[str, dict[str, Any]]:
    """Coordinator peak RSS of the small and the big memory sweeps."""
    result = {}
    for runs in (args.memory_small_runs, args.memory_runs):
        print(f"  {runs} runs of {args.memory_steps} week(s), coarse map ...", flush=True)
        cli_args = memory_cli_args(runs, args.memory_steps, args.seed)
        result[str(runs)] = run_child("memory", cli_args, MEMORY_WORKERS, tmp / f"memory-{runs}")
        result[str(runs)]["cli_args"] = cli_args
    return result


def print_speed(args: argparse.Namespace, speed: dict[str, Any]) -> dict[str, float]:
    """Print the speed table, the result checks and the ratios; return the ratios."""
    methods = speed["methods"]
    median_note = f" (median of {args.repeats})" if args.repeats > 1 else ""
    print()
    levels = [len(vary.split("=", 1)[1].split(",")) for vary in SPEED_VARY]
    points = math.prod(levels)
    print(
        f"Speed design: {' x '.join(map(str, levels))} = {points} design points x {args.reps} "
        f"replications = {points * args.reps} runs, {args.steps} weeks, map {args.map}, "
        f"root seed {args.seed}{median_note}"
    )
    print("  ceasefire sweep " + " ".join(speed["cli_args"]) + " --workers W")
    header = (
        f"{'method':<30} {'runs':>5} {'failed':>6} {'call s':>8} {'runs/s':>7} {'process s':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, m in methods.items():
        print(
            f"{name:<30} {m['runs']:>5d} {m['failed']:>6d} {m['call_s']:>8.2f} "
            f"{m['runs'] / m['call_s']:>7.2f} {m['process_s']:>9.2f}"
        )
    if args.repeats > 1:
        for name, m in methods.items():
            print(f"  {name} call s: " + ", ".join(f"{s:.2f}" for s in m["all_call_s"]))
    check = speed["check"]
    print(
        f"Same results: --workers 1 and 2 give identical runs.csv and steps.csv: "
        f"{'yes' if check['same_sweeps'] else 'NO'}; batch_run summaries equal to ours for "
        f"{check['batch_matched']}/{check['batch_runs']} runs"
    )
    one, two, mesa_two = (m["call_s"] for m in methods.values())
    scaling, vs_mesa = one / two, mesa_two / two
    print(
        f"Ratio ours 2 workers vs 1 worker: {scaling:.2f}x "
        f"(goal >= {GOAL_SCALING}x: {verdict(scaling, GOAL_SCALING)})"
    )
    print(
        f"Ratio ours 2 workers vs mesa.batch_run 2 processes: {vs_mesa:.2f}x "
        f"(goal >= {GOAL_VS_BATCH_RUN:.0f}x: {verdict(vs_mesa, GOAL_VS_BATCH_RUN)})"
    )
    return {"scaling": scaling, "vs_batch_run": vs_mesa}


def print_memory(memory: dict[str, dict[str, Any]]) -> None:
    """Print the coordinator memory table."""
    print()
    print(
        f"Coordinator memory: sweeps of 1-week runs on the coarse map, {MEMORY_WORKERS} workers, "
        "steps output"
    )
    header = (
        f"{'runs':>6} {'coord. peak MB':>14} {'after imports MB':>16} {'process s':>9} "
        f"{'call s':>7} {'runs/s':>7}"
    )
    print(header)
    print("-" * len(header))
    for m in memory.values():
        print(
            f"{m['runs']:>6d} {m['peak_mb']:>14.0f} {m['import_mb']:>16.0f} "
            f"{m['process_s']:>9.1f} {m['call_s']:>7.1f} {m['runs'] / m['call_s']:>7.1f}"
        )
    small, big = memory.values()
    print(
        f"Coordinator peak grows by {big['peak_mb'] - small['peak_mb']:+.1f} MB from "
        f"{small['runs']} to {big['runs']} runs; {big['runs']} runs: {big['peak_mb']:.0f} MB "
        f"(goal < {GOAL_COORDINATOR_MB:.0f} MB: "
        f"{verdict(big['peak_mb'], GOAL_COORDINATOR_MB, higher_is_better=False)})"
    )
    print(
        "  (coordinator = the process running `ceasefire sweep`, peak RSS from RUSAGE_SELF, "
        "so without the forkserver and the workers)"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the results.

    Args:
        argv: command-line arguments (``sys.argv[1:]`` when ``None``).

    Returns:
        Process exit code.
    """
    args = parse_args(argv)
    if args.child:
        return child_main(args)
    load_before = os.getloadavg()
    print(
        f"Python {platform.python_version()}, Mesa {mesa.__version__}, "
        f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs"
    )
    print(
        f"NOTE: this machine has {os.cpu_count()} cores and is shared with other jobs, so "
        "timings are noisy; load average (1/5/15 min) before: "
        + "/".join(f"{x:.2f}" for x in load_before)
    )
    payload: dict[str, Any] = {
        "python": platform.python_version(),
        "mesa": mesa.__version__,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "load_before": load_before,
    }
    with tempfile.TemporaryDirectory(prefix="bench_sweep_") as directory:
        tmp = Path(directory)
        speed = memory = None
        if not args.skip_speed:
            print("Speed (each method in a fresh child process):", flush=True)
            speed = measure_speed(args, tmp)
        if not args.skip_memory:
            print("Coordinator memory (each sweep in a fresh child process):", flush=True)
            memory = measure_memory(args, tmp)
    load_after = os.getloadavg()
    if speed is not None:
        payload["speed"] = speed
        payload["ratios"] = print_speed(args, speed)
        payload["goals"] = {"scaling": GOAL_SCALING, "vs_batch_run": GOAL_VS_BATCH_RUN}
    if memory is not None:
        payload["memory"] = memory
        payload["goal_coordinator_mb"] = GOAL_COORDINATOR_MB
        print_memory(memory)
    payload["load_after"] = load_after
    print()
    print(
        "Load average (1/5/15 min) after: "
        + "/".join(f"{x:.2f}" for x in load_after)
        + f" on {os.cpu_count()} cores (the sweeps use at most 2; more means other jobs competed)"
    )
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, default=str) + "\n")
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
