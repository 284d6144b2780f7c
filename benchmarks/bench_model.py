"""Benchmark the Ceasefire model against Mesa's bundled Epstein civil-violence example.

What is compared:
    * **Ceasefire**, on the default ``'fine'`` map, in two workloads (issue 14): the **war
      phase**, weeks 1-26 of the ``status_quo`` preset (before the collapse), and all 130 weeks
      of the ``stay`` preset (US troops stay; the war goes on longer, and the weeks after a
      collapse, when little happens, are counted too).
    * **Epstein**: ``mesa.examples.advanced.epstein_civil_violence`` run unmodified with its
      default :class:`EpsteinScenario` (citizen density 0.7, cop density 0.074, vision 7,
      Von Neumann torus grid, data collection every step) on a square grid whose side is
      chosen so that the expected agent count ``0.774 * side**2`` matches Ceasefire's at the
      start, counted two ways: **all Mesa agents** (civilian communities, units, forces,
      sanctuaries and the state-level actors) and **the agents that act each week** (Taliban
      units, Afghan forces and sanctuaries). Epstein is slow, so only ``--epstein-steps`` steps
      are timed.

Why:
    Epstein is the reference "many agents on a grid, each looking at its neighbourhood"
    Mesa model. Running both at a comparable agent count in the same process and on the same
    machine gives a hardware-independent yardstick: the goal of issue 14 is a week of war at
    least ``GOAL_SPEEDUP`` (80x) faster than Epstein at the same number of agents, and a default
    run under ``GOAL_PEAK_MB`` (500 MB) peak resident memory.

How:
    * Steps per second exclude model construction, which is reported separately. Each model
      is timed once per seed and the median over seeds is reported. The first Ceasefire
      construction in the process also loads (and caches) the map, so it is shown separately
      as the "cold" construction time.
    * Peak memory is the peak RSS of a fresh ``spawn`` child process that imports the package
      and runs one default 130-week scenario, read with ``resource.getrusage(RUSAGE_CHILDREN)``
      after the child exits. The child also reports its own peak RSS right after the imports,
      so the share due to the interpreter and libraries (numpy, scipy, pandas, mesa) is visible.

The script only prints figures (optionally also writing them as JSON); it never asserts them.
On a shared machine only the ratios, measured in the same run, mean much.

Usage::

    python benchmarks/bench_model.py [--seeds 3] [--epstein-steps 10] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import platform
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import mesa

GOAL_SPEEDUP = 80.0
GOAL_PEAK_MB = 500.0
EPSTEIN_DENSITY = 0.7 + 0.074  # citizen + cop density of the default EpsteinScenario
FIRST_SEED = 1
WORKLOADS = (("war phase", "status_quo", 26), ("stay", "stay", 130))
"""Issue 14's workloads: (label, preset, weeks timed)."""
ACTING = ("TalibanUnit", "AfghanForce", "Sanctuary")
"""The agent types that act every week (the rest are communities and state-level actors)."""
DEFAULT_WEEKS = 130


@dataclass
class RunTiming:
    """Timing of one model run.

    Attributes:
        seed: seed of the run.
        agents_start: number of Mesa agents right after construction.
        agents_end: number of Mesa agents after the last step.
        acting_start: number of agents that act each week, right after construction.
        construct_s: wall time of model construction, in seconds.
        steps: number of steps timed.
        steps_s: wall time of the steps, in seconds.
    """

    seed: int
    agents_start: int
    agents_end: int
    construct_s: float
    steps: int
    steps_s: float
    acting_start: int = 0

    @property
    def steps_per_s(self) -> float:
        """Steps per second, excluding construction."""
        return self.steps / self.steps_s if self.steps_s > 0 else math.inf


@dataclass
class ModelSummary:
    """Median figures of one model over all seeds.

    Attributes:
        name: model label.
        agents: median number of agents at the start.
        steps: number of steps timed per run.
        steps_per_s: median steps per second.
        construct_s: median construction time, in seconds.
        runs: the individual runs.
        extra: model-specific figures.
    """

    name: str
    agents: float
    steps: int
    steps_per_s: float
    construct_s: float
    runs: list[RunTiming]
    extra: dict[str, float | int | str] = field(default_factory=dict)


def time_ceasefire(seed: int, steps: int, preset: str = "status_quo") -> RunTiming:
    """Construct and step a Ceasefire preset on the default map, as ``ceasefire run`` does.

    Args:
        seed: model seed.
        steps: number of weeks to step.
        preset: the scenario preset.

    Returns:
        The timing of the run, with the number of acting agents at the start.
    """
    from ceasefire.model.scenarios import load_scenario, scenario_model

    scenario = load_scenario(preset)
    return time_model(lambda: scenario_model(scenario, seed=seed), seed, steps)


def time_model(build: Callable[[], mesa.Model], seed: int, steps: int) -> RunTiming:
    """Time building a model and stepping it ``steps`` times (construction timed apart)."""
    t0 = time.perf_counter()
    model = build()
    t1 = time.perf_counter()
    agents_start = len(model.agents)
    acting = sum(len(v) for k, v in model.agents_by_type.items() if k.__name__ in ACTING)
    t2 = time.perf_counter()
    for _ in range(steps):
        model.step()
    t3 = time.perf_counter()
    return RunTiming(seed, agents_start, len(model.agents), t1 - t0, steps, t3 - t2, acting)


def epstein_side(agents: float) -> int:
    """Grid side whose expected Epstein agent count matches ``agents``.

    Args:
        agents: target number of agents.

    Returns:
        The side ``s`` minimising ``|EPSTEIN_DENSITY * s**2 - agents|``.
    """
    exact = math.sqrt(agents / EPSTEIN_DENSITY)
    candidates = {max(1, math.floor(exact)), max(1, math.ceil(exact))}
    return min(candidates, key=lambda s: abs(EPSTEIN_DENSITY * s * s - agents))


def time_epstein(seed: int, side: int, steps: int) -> RunTiming:
    """Construct and step Mesa's Epstein civil-violence example.

    Args:
        seed: scenario seed.
        side: width and height of the square torus grid.
        steps: number of steps to time.

    Returns:
        The timing of the run.
    """
    from mesa.examples.advanced.epstein_civil_violence.model import (
        EpsteinCivilViolence,
        EpsteinScenario,
    )

    return time_model(
        lambda: EpsteinCivilViolence(width=side, height=side, scenario=EpsteinScenario(rng=seed)),
        seed,
        steps,
    )


def summarise(name: str, runs: list[RunTiming]) -> ModelSummary:
    """Median figures over runs.

    Args:
        name: model label.
        runs: timed runs (at least one).

    Returns:
        The summary.
    """
    return ModelSummary(
        name=name,
        agents=statistics.median(r.agents_start for r in runs),
        steps=runs[0].steps,
        steps_per_s=statistics.median(r.steps_per_s for r in runs),
        construct_s=statistics.median(r.construct_s for r in runs),
        runs=runs,
    )


def _memory_child(conn: Connection, seed: int, steps: int) -> None:
    """Body of the memory-measurement child: import, run one default scenario, report.

    Args:
        conn: pipe end on which the child's own peak RSS (KB) after the imports is sent.
        seed: model seed.
        steps: number of weeks to step.
    """
    from ceasefire.model.ceasefire_model import CeasefireModel

    conn.send(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    model = CeasefireModel(seed=seed)
    for _ in range(steps):
        model.step()
    conn.close()


def measure_peak_memory(seed: int, steps: int) -> dict[str, float]:
    """Peak RSS of one default Ceasefire run in a fresh ``spawn`` child process.

    Args:
        seed: model seed.
        steps: number of weeks to step.

    Returns:
        ``peak_mb`` (whole child, from ``RUSAGE_CHILDREN``), ``import_mb`` (child right after
        the imports) and ``wall_s`` (child lifetime, including interpreter start-up).

    Raises:
        RuntimeError: if the child process fails.
    """
    ctx = mp.get_context("spawn")
    parent_conn, child_conn = ctx.Pipe(duplex=False)
    t0 = time.perf_counter()
    proc = ctx.Process(target=_memory_child, args=(child_conn, seed, steps))
    proc.start()
    child_conn.close()
    import_kb = parent_conn.recv() if parent_conn.poll(timeout=600) else float("nan")
    proc.join()
    wall = time.perf_counter() - t0
    if proc.exitcode != 0:
        raise RuntimeError(f"memory child exited with code {proc.exitcode}")
    # On Linux ru_maxrss is in KB (it is the peak of the largest waited-for child).
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_mb": peak_kb / 1024, "import_mb": import_kb / 1024, "wall_s": wall}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: arguments (``sys.argv[1:]`` when ``None``).

    Returns:
        The parsed options.
    """
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seeds", type=int, default=3, help="number of seeds per model")
    parser.add_argument("--epstein-steps", type=int, default=10, help="Epstein steps timed per run")
    parser.add_argument("--json", type=Path, default=None, help="also write figures as JSON")
    args = parser.parse_args(argv)
    if args.seeds < 1 or args.epstein_steps < 1:
        parser.error("--seeds and --epstein-steps must be >= 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the results.

    Args:
        argv: command-line arguments (``sys.argv[1:]`` when ``None``).

    Returns:
        Process exit code.
    """
    args = parse_args(argv)
    seeds = list(range(FIRST_SEED, FIRST_SEED + args.seeds))
    print(
        f"Python {platform.python_version()}, Mesa {mesa.__version__}, "
        f"{platform.machine()} {platform.system()}"
    )

    # Memory first, while this process has no other children.
    print(f"Peak memory: one default {DEFAULT_WEEKS}-week run in a spawn child ...", flush=True)
    memory = measure_peak_memory(seeds[0], DEFAULT_WEEKS)

    ceasefire = {}
    for label, preset, weeks in WORKLOADS:
        print(f"Ceasefire {label}: {preset}, {weeks} weeks x {len(seeds)} seeds ...", flush=True)
        runs = [time_ceasefire(seed, weeks, preset) for seed in seeds]
        ceasefire[label] = summarise(f"Ceasefire {label}", runs)
        ceasefire[label].extra["acting"] = statistics.median(r.acting_start for r in runs)
        ceasefire[label].extra["agents_end_median"] = statistics.median(r.agents_end for r in runs)
    first = ceasefire[WORKLOADS[0][0]]
    counts = {"all agents": first.agents, "acting agents": first.extra["acting"]}
    epstein = {}
    for how, agents in counts.items():
        side = epstein_side(agents)
        print(f"Epstein ({how}): {side}x{side}, {args.epstein_steps} steps ...", flush=True)
        runs = [time_epstein(seed, side, args.epstein_steps) for seed in seeds]
        epstein[how] = summarise(f"Epstein {side}x{side}", runs)
        epstein[how].extra["side"] = side

    print()
    header = f"{'model':<24} {'agents':>7} {'acting':>7} {'steps':>6} {'steps/s':>9} {'build s':>8}"
    print(header)
    print("-" * len(header))
    for s in ceasefire.values():
        print(
            f"{s.name:<24} {s.agents:>7.0f} {s.extra['acting']:>7.0f} {s.steps:>6d} "
            f"{s.steps_per_s:>9.2f} {s.construct_s:>8.3f}"
        )
    for s in epstein.values():
        print(
            f"{s.name:<24} {s.agents:>7.0f} {'':>7} {s.steps:>6d} {s.steps_per_s:>9.2f} "
            f"{s.construct_s:>8.3f}"
        )
    print()
    print(f"Cold construction (map load) {first.runs[0].construct_s:.3f} s")
    ratios = {}
    for label, summary in ceasefire.items():
        for how, reference in epstein.items():
            ratio = summary.steps_per_s / reference.steps_per_s
            ratios[f"{label} / Epstein at {how}"] = ratio
            verdict = "met" if ratio >= GOAL_SPEEDUP else "NOT met"
            print(
                f"Speed ratio, {label} / Epstein at {how} ({reference.agents:.0f}): "
                f"{ratio:.1f}x (goal >= {GOAL_SPEEDUP:.0f}x: {verdict})"
            )
    mem_verdict = "met" if memory["peak_mb"] <= GOAL_PEAK_MB else "NOT met"
    print(
        f"Peak RSS, default {DEFAULT_WEEKS}-week run in a fresh process: "
        f"{memory['peak_mb']:.0f} MB (goal <= {GOAL_PEAK_MB:.0f} MB: {mem_verdict}); "
        f"of which after imports: {memory['import_mb']:.0f} MB; "
        f"child wall time {memory['wall_s']:.1f} s"
    )

    if args.json is not None:
        payload = {
            "python": platform.python_version(),
            "mesa": mesa.__version__,
            "machine": platform.machine(),
            "options": {"seeds": seeds, "epstein_steps": args.epstein_steps},
            "workloads": WORKLOADS,
            "ceasefire": {k: asdict(v) for k, v in ceasefire.items()},
            "epstein": {k: asdict(v) for k, v in epstein.items()},
            "ratios": ratios,
            "goal_speedup": GOAL_SPEEDUP,
            "memory": memory,
            "goal_peak_mb": GOAL_PEAK_MB,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n")
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
