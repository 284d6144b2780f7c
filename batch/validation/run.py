"""``ceasefire validate``: run the checks of the validation report and write it.

Four sets of runs, all with seeds from one root seed:

1. the status quo, ``reps`` replications with steps, events and district falls (event
   severity, scale of civilian harm, geography, the order in which the capitals fell), on
   both maps;
2. the ``stay`` scenario over ``season_steps`` weeks (the fighting season needs a war that lasts
   through winters; in the status quo the government collapses before the first one);
3. the lever contrasts of :mod:`ceasefire.batch.validation.contrasts` with paired seeds;
4. a Sobol' sweep over every lever (``batch/sweep/specs/sensitivity.toml``) analysed with
   :func:`ceasefire.batch.analysis.sensitivity.analyze`;
5. the negotiation's shock (:mod:`ceasefire.batch.validation.shock`): ``reps`` pairs of
   status-quo runs, a provincial capital falling in one of each pair.

The run tables, pattern tables and metadata go to ``out_dir``; the report (Markdown) and its
figures go to ``report`` and the folder beside it (``docs/validation.md`` and
``docs/validation/`` by default).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import pandas as pd

from ceasefire.batch.analysis.sensitivity import analyze
from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import write_datapackage
from ceasefire.batch.io.export import check_output_dir, write_derived
from ceasefire.batch.io.provenance import METADATA, write_metadata
from ceasefire.batch.io.tables import table_path
from ceasefire.batch.sweep.engine import planned_design, run_sweep
from ceasefire.batch.sweep.executors import make_executor
from ceasefire.batch.sweep.seeds import replication_seeds
from ceasefire.batch.sweep.sink import stream_runs
from ceasefire.batch.sweep.spec import SweepSpec, build_spec, read_spec_file
from ceasefire.batch.sweep.tasks import DesignPoint, build_tasks
from ceasefire.batch.validation import collapse_patterns, patterns
from ceasefire.batch.validation import contrasts as lever_responses
from ceasefire.batch.validation import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.validation.figures import figures
from ceasefire.batch.validation.report import VALIDATE_RERUN, render
from ceasefire.batch.validation.shock import AFTER_WEEKS, SHOCK_CITY, SHOCK_WEEK, shock_differences
from ceasefire.model.afpak_map import load_map
from ceasefire.model.parameters import ParameterError
from ceasefire.model.scenarios import load_scenario
from ceasefire.model.ttp import TTP_ATTACKS_PER_WEEK

SENSITIVITY_SPEC = Path(__file__).parents[1] / "sweep" / "specs" / "sensitivity.toml"
SENSITIVITY_OUTPUTS = ("mean_weekly_fatalities", "final_negotiation_progress", "ceasefire_began")
"""The outputs of the Sobol' analysis (issue: fatalities, progress, cease-fire probability)."""
MIN_STEPS = 52
COARSE = "status_quo_coarse"
"""Folder of the status quo's runs on the coarse map (the resolution-invariance checks)."""
MIN_SEASON_STEPS = 104


@dataclass(frozen=True)
class Settings:
    """How much to run.

    Attributes:
        reps: replications of the status quo, of each season run and of each contrast arm.
        steps: weeks of the status-quo, contrast and sensitivity runs.
        season_steps: weeks of the fighting-season runs (at least two winters).
        sobol_samples: base sample size of the Sobol' design (a power of 2; 0 = skip).
        seed: root seed of every replication seed and of the Sobol' design.
        workers: local worker processes.
    """

    reps: int = 20
    steps: int = 130
    season_steps: int = 156
    sobol_samples: int = 64
    seed: int = 20210212
    workers: int = os.cpu_count() or 1

    def check(self) -> None:
        """Refuse settings too small to compute the report's statistics."""
        if self.reps < 2:
            raise ParameterError(f"--reps must be at least 2 for intervals, got {self.reps}")
        if self.steps < MIN_STEPS:
            raise ParameterError(f"--steps must be at least {MIN_STEPS}, got {self.steps}")
        if self.season_steps < MIN_SEASON_STEPS:
            raise ParameterError(
                f"--season-steps must be at least {MIN_SEASON_STEPS} (two winters), "
                f"got {self.season_steps}"
            )
        samples = self.sobol_samples
        if samples and (samples < 2 or samples & (samples - 1)):
            raise ParameterError(f"--sobol-samples must be 0 or a power of 2, got {samples}")


@dataclass
class Results:
    """Everything the report shows."""

    settings: Settings
    checks: list[patterns.PatternCheck]
    fits: pd.DataFrame
    """The per-run event-size fits of the status quo on both maps (column ``map``)."""
    events: pd.DataFrame
    steps: pd.DataFrame
    season_steps: pd.DataFrame
    effects: pd.DataFrame
    sensitivity: pd.DataFrame | None
    sensitivity_runs: pd.DataFrame | None
    shock: pd.DataFrame


def validate(
    settings: Settings,
    out_dir: Path,
    report: Path,
    overwrite: bool = False,
    command: list[str] | None = None,
) -> list[Path]:
    """Run everything, compute the checks and write the tables, the figures and the report.

    Returns:
        The report's path, then the tables written in ``out_dir``.
    """
    settings.check()
    if settings.sobol_samples:
        planned_design(_sensitivity_spec(settings))  # refuse a design over its limits now
    check_output_dir(out_dir, overwrite)
    _check_report(report)
    out_dir.mkdir(parents=True, exist_ok=True)
    record = write_metadata(out_dir / METADATA, metadata(settings), command)
    _run_all(settings, out_dir)
    sensitivity = _sensitivity(settings, out_dir, command)
    results = compute(settings, out_dir, sensitivity)
    tables = write_tables(results, out_dir)
    figure_dir = report.with_suffix("")
    figure_dir.mkdir(parents=True, exist_ok=True)
    images = figures(results, load_map("fine"), figure_dir)
    if sensitivity is not None:
        files.copy_file(out_dir / "sensitivity" / "sensitivity_sobol.png", figure_dir)
        images["sensitivity"] = figure_dir / "sensitivity_sobol.png"
    text = render(results, {k: p.relative_to(report.parent) for k, p in images.items()}, record)
    report.parent.mkdir(parents=True, exist_ok=True)
    files.write_text(report, text)
    return [report, *tables]


def _check_report(report: Path) -> None:
    """Refuse, before any run, a report or figure folder that could not be written.

    The report must be a file name with a suffix (its figures go to the folder of the same
    name without it), not an existing directory; the figure folder must not be a file; and
    the report's folder must be creatable and writable.
    """
    figure_dir = report.with_suffix("")
    if report.is_dir():
        raise ParameterError(
            f"--report '{report}' is a directory; give the report's file name, such as "
            f"'{report / 'validation.md'}'"
        )
    if figure_dir == report:
        raise ParameterError(
            f"--report '{report}' has no suffix; give a file name such as '{report}.md' (its "
            f"figures go to the folder '{report}')"
        )
    if figure_dir.exists() and not figure_dir.is_dir():
        raise ParameterError(
            f"the report's figure folder '{figure_dir}' exists and is not a directory; move it "
            "or choose another --report"
        )
    folder = report.parent
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise ParameterError(f"cannot write the report into '{folder}'")


def _run_all(settings: Settings, out_dir: Path) -> None:
    """The status-quo (on both maps), season and contrast runs, streamed to subfolders."""
    status_quo = load_scenario("status_quo")
    arms = lever_responses.arm_points(status_quo, lever_responses.CONTRASTS)
    full = ("steps", "events", "district_falls")
    runs = (
        ("status_quo", [DesignPoint.of(status_quo)], settings.steps, full),
        (COARSE, [DesignPoint.of(status_quo, {"map": "coarse"})], settings.steps, full),
        ("season", [DesignPoint.of(load_scenario("stay"))], settings.season_steps, ("steps",)),
        ("levers", arms, settings.steps, ("steps",)),
    )
    executor = make_executor(settings.workers, None)
    try:
        for folder, points, steps, outputs in runs:
            work = build_tasks(
                points, reps=settings.reps, seed=settings.seed, steps=steps, outputs=outputs
            )
            stream_runs(executor, list(work), out_dir / folder, outputs, label=folder)
    finally:
        executor.close()


def _sensitivity(
    settings: Settings, out_dir: Path, command: list[str] | None
) -> pd.DataFrame | None:
    """The Sobol' sweep over every lever and its indices (``None`` when skipped)."""
    if not settings.sobol_samples:
        return None
    spec = _sensitivity_spec(settings)
    folder = out_dir / "sensitivity"
    run_sweep(spec, folder, "overwrite", command)
    csv_path = analyze(folder, "sobol", SENSITIVITY_OUTPUTS, rerun=VALIDATE_RERUN)[0]
    return pd.read_csv(csv_path)


def _sensitivity_spec(settings: Settings) -> SweepSpec:
    """The Sobol' sweep of ``batch/sweep/specs/sensitivity.toml`` at the settings' sizes."""
    flags = {
        "samples": settings.sobol_samples,
        "steps": settings.steps,
        "seed": settings.seed,
        "workers": settings.workers,
    }
    return build_spec(read_spec_file(SENSITIVITY_SPEC), flags)


def _read(folder: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(table_path(folder, table))


def compute(settings: Settings, out_dir: Path, sensitivity: pd.DataFrame | None) -> Results:
    """The pattern checks and lever effects from the runs in ``out_dir``."""
    steps = _read(out_dir / "status_quo", "steps")
    events = _read(out_dir / "status_quo", "events")
    season = _read(out_dir / "season", "steps")
    coarse_steps = _read(out_dir / COARSE, "steps")
    fits = patterns.event_size_fits(events, "fine")
    coarse_fits = patterns.event_size_fits(_read(out_dir / COARSE, "events"), "coarse")
    checks = [
        *checks_on_each_map(steps, fits, _read(out_dir / "status_quo", "district_falls")),
        patterns.check_fighting_season(season, "stay"),
        *patterns.check_civilian_scale(steps),
        *patterns.check_geography(events, load_map("fine")),
        patterns.check_ttp_rise(steps, TTP_ATTACKS_PER_WEEK),
        *(
            replace(c, map="coarse")
            for c in checks_on_each_map(
                coarse_steps, coarse_fits, _read(out_dir / COARSE, "district_falls")
            )
        ),
    ]
    effects = lever_responses.effects(
        load_scenario("status_quo"),
        lever_responses.CONTRASTS,
        _read(out_dir / "levers", "runs"),
        _read(out_dir / "levers", "steps"),
    )
    sensitivity_runs = None if sensitivity is None else _read(out_dir / "sensitivity", "runs")
    quo = load_scenario("status_quo")
    shock = shock_differences(
        quo.parameters,
        replication_seeds(settings.seed, settings.reps),
        SHOCK_WEEK,
        SHOCK_CITY,
        AFTER_WEEKS,
        quo.timeline,
    )
    return Results(
        settings,
        checks,
        pd.concat([fits, coarse_fits], ignore_index=True),
        events,
        steps,
        season,
        effects,
        sensitivity,
        sensitivity_runs,
        shock,
    )


def checks_on_each_map(
    steps: pd.DataFrame, fits: pd.DataFrame, falls: pd.DataFrame
) -> list[patterns.PatternCheck]:
    """The checks made on both maps (resolution invariance): events, collapse, tally, order."""
    return [
        *patterns.check_event_severity(fits),
        patterns.check_collapse_timing(steps),
        *collapse_patterns.check_district_tally(steps),
        *collapse_patterns.check_order_of_offensive(steps),
        collapse_patterns.check_capital_order(falls),
    ]


def write_tables(results: Results, out_dir: Path) -> list[Path]:
    """The report's numbers as CSV files in ``out_dir``, with its ``datapackage.json``.

    The runs behind them are in the subfolders (``status_quo``, ``season``, ``levers``,
    ``sensitivity``), each with its own ``datapackage.json``.
    """
    checks = pd.DataFrame([asdict(check) for check in results.checks])
    tables = {
        "patterns": checks.rename(columns={"low": "mean_low", "high": "mean_high"}),
        "event_size_fits": results.fits,
        "monthly_profile": patterns.monthly_profile(results.season_steps),
        "lever_effects": results.effects,
        "negotiation_shock": results.shock,
    }
    paths = [write_derived(frame, name, out_dir / f"{name}.csv") for name, frame in tables.items()]
    write_datapackage(out_dir, list(tables), name="ceasefire-validate")
    return paths


def metadata(settings: Settings) -> dict:
    """What a validation's ``metadata.json`` records after the provenance: settings, seeds."""
    return {
        "settings": asdict(settings),
        "replication_seeds": replication_seeds(settings.seed, settings.reps),
    }
