"""Ablation: which mechanisms carry the model's results (``ceasefire ablate``).

Every arm runs the scenario with the same replication seeds (common random numbers) as the
baseline with all mechanisms on, so its effects are paired differences with 95% t intervals:

* ``off:<m>``: mechanism ``m`` switched off. Headline outputs under Pakistan's own choice of
  pressure (``auto``), as differences from the baseline.
* ``only:<m>`` (pressure-chain mechanisms): every other chain mechanism off.
* ``chain_off``: every chain mechanism off (the null: a fixed pressure cannot reach the war).

For the baseline and every chain arm, the **effect of Pakistani pressure** is measured too:
fixed pressure 1 against 0, paired by seed, before the government's collapse (weeks 1 to
``EARLY_WEEKS``) and over the whole run; the share of the baseline effect that an arm removes
says how much of it the mechanism carries. Because the channels interact, the shares of the
``only`` arms need not add up to 1: the table reports their sum.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ceasefire.batch.analysis import style
from ceasefire.batch.analysis.charts import error_bars
from ceasefire.batch.analysis.stats import mean_interval, paired_differences
from ceasefire.batch.io import files
from ceasefire.batch.io.export import check_output_dir, write_derived
from ceasefire.batch.io.provenance import METADATA, write_metadata
from ceasefire.batch.io.tables import table_path
from ceasefire.batch.sweep.executors import make_executor
from ceasefire.batch.sweep.limits import check_runs
from ceasefire.batch.sweep.seeds import replication_seeds
from ceasefire.batch.sweep.sink import stream_runs
from ceasefire.batch.sweep.tasks import DesignPoint, build_tasks
from ceasefire.batch.validation import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.validation.contrasts import EARLY_WEEKS, MEASURES, WAR_MEASURE, run_measures
from ceasefire.model.mechanisms import MECHANISM_NAMES, switch_name
from ceasefire.model.mechanisms import PRESSURE_CHAIN as CHAIN
from ceasefire.model.parameters import ParameterError
from ceasefire.model.scenarios import Scenario

HEADLINES: dict[str, str] = {
    "early_fatalities": f"fatalities per week, weeks 1-{EARLY_WEEKS}",
    WAR_MEASURE: MEASURES[WAR_MEASURE],
    "mean_weekly_fatalities": "fatalities per week, whole run",
    "total_civilian_casualties": "civilian casualties per run",
    "mean_pakistan_pressure": "Pakistani pressure (mean, 0-1)",
    "final_negotiation_progress": "negotiation progress at the end (0-1)",
    "weeks_to_takeover": "week of the government's collapse",
    "ceasefire_began": "probability of a cease-fire",
    "ceasefire_within_52": "probability of a cease-fire within 52 weeks",
    "weeks_range_open": "weeks with the bargaining range open",
}
"""The outputs reported for every arm (runs-table columns, and two fatality windows from steps)."""


@dataclass(frozen=True)
class Arm:
    """One configuration of the switches.

    Attributes:
        name: ``baseline``, ``off:<m>``, ``only:<m>`` or ``chain_off``.
        switches: the switches set off (parameter name -> False).
        pressure_effect: whether the fixed-pressure contrast is run for it.
    """

    name: str
    switches: dict[str, bool]
    pressure_effect: bool


@dataclass(frozen=True)
class Ablation:
    """What to ablate: the scenario, the mechanisms, replications, weeks, seed, workers.

    The defaults are those of ``ceasefire ablate``.
    """

    scenario: Scenario
    mechanisms: tuple[str, ...] = MECHANISM_NAMES
    reps: int = 10
    steps: int = 52
    seed: int = 0
    workers: int = os.cpu_count() or 1

    @staticmethod
    def parse_mechanisms(text: str) -> tuple[str, ...]:
        """``all`` or a comma-separated list of mechanism names.

        Raises:
            ParameterError: naming an unknown or repeated mechanism and listing the known ones.
        """
        if text.strip() == "all":
            return MECHANISM_NAMES
        names = [n.strip() for n in text.split(",") if n.strip()]
        unknown = [n for n in names if n not in MECHANISM_NAMES]
        if unknown or not names or len(set(names)) != len(names):
            problem = f"unknown mechanism(s) {', '.join(unknown)}" if unknown else "a bad list"
            raise ParameterError(
                f"--mechanisms: {problem}; use all or names from {', '.join(MECHANISM_NAMES)}"
            )
        return tuple(names)

    def arms(self) -> list[Arm]:
        """The baseline, each mechanism off, and for the chain the ``only`` arms and the null."""
        chain = [m for m in self.mechanisms if m in CHAIN]
        arms = [Arm("baseline", {}, True)]
        arms += [Arm(f"off:{m}", {switch_name(m): False}, m in CHAIN) for m in self.mechanisms]
        if len(chain) > 1:
            everything = {switch_name(m): False for m in CHAIN}
            arms += [
                Arm(f"only:{m}", {k: v for k, v in everything.items() if k != switch_name(m)}, True)
                for m in chain
            ]
            arms.append(Arm("chain_off", everything, True))
        return arms

    def points(self) -> list[DesignPoint]:
        """Every arm at auto pressure, and at fixed 0 and 1 where the effect is measured."""
        return [
            DesignPoint.of(self.scenario, {**arm.switches, **pressure})
            for arm in self.arms()
            for pressure in _pressures(arm)
        ]


def _pressures(arm: Arm) -> list[dict[str, Any]]:
    fixed = [{"pakistan_pressure": 0.0}, {"pakistan_pressure": 1.0}]
    return [{}, *fixed] if arm.pressure_effect else [{}]


def run_ablation(
    ablation: Ablation, out_dir: Path, overwrite: bool = False, command: list[str] | None = None
) -> list[Path]:
    """Run every arm, then write runs.csv, steps.csv, metadata.json, ablation.csv and .png."""
    points = ablation.points()
    check_runs(len(points), ablation.reps, "arms and pressures")
    check_output_dir(out_dir, overwrite)
    executor = make_executor(ablation.workers, None)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_metadata(out_dir / METADATA, metadata(ablation), command)
        work = list(
            build_tasks(
                points,
                reps=ablation.reps,
                seed=ablation.seed,
                steps=ablation.steps,
                outputs=("steps",),
            )
        )
        runs_csv = stream_runs(executor, work, out_dir, ("steps",), label="ablate")
    finally:
        executor.close()
    steps = pd.read_csv(table_path(out_dir, "steps"))
    measures = run_measures(pd.read_csv(runs_csv), steps, HEADLINES)
    table = summarise(ablation, measures)
    path = write_derived(table, "ablation", out_dir / "ablation.csv")
    return [path, chart(table, out_dir / "ablation.png")]


def metadata(ablation: Ablation) -> dict[str, Any]:
    """What ``metadata.json`` records after the provenance: scenario, arms, points, seeds."""
    arms = ablation.arms()
    points = [(arm.name, pressure) for arm in arms for pressure in _pressures(arm)]
    return {
        "scenario": ablation.scenario.name,
        "reps": ablation.reps,
        "steps": ablation.steps,
        "root_seed": ablation.seed,
        "replication_seeds": replication_seeds(ablation.seed, ablation.reps),
        "design_points": [
            {"design_point": i, "arm": name, **pressure}
            for i, (name, pressure) in enumerate(points)
        ],
    }


def summarise(ablation: Ablation, measures: pd.DataFrame) -> pd.DataFrame:
    """The ablation table.

    Per arm and output, the paired difference from the baseline; per chain arm, the effect of
    pressure (1 vs 0) and the share of the baseline's effect that the arm removes.
    """
    index = _point_index(ablation)
    base = measures.loc[index[("baseline", "auto")]]
    rows = []
    for arm in ablation.arms():
        own = measures.loc[index[(arm.name, "auto")]]
        for output in HEADLINES:
            difference = paired_differences(own[output], base[output])
            rows.append(_row(arm.name, "arm_vs_baseline", output, difference))
    base_effect = _pressure_effect(measures, index, "baseline")
    for arm in (a for a in ablation.arms() if a.pressure_effect):
        effect = _pressure_effect(measures, index, arm.name)
        for output in ("early_fatalities", WAR_MEASURE, "mean_weekly_fatalities"):
            row = _row(arm.name, "pressure_effect", output, effect[output])
            carried = paired_differences(base_effect[output], effect[output])
            mean, low, high, _ = mean_interval(carried)
            denominator = float(base_effect[output].mean())
            row |= {
                "carried": mean,
                "carried_low": low,
                "carried_high": high,
                "carried_share": mean / denominator if denominator else np.nan,
                "pair_correlation": _pair_correlation(measures, index, arm.name, output),
            }
            rows.append(row)
    return _with_only_sum(pd.DataFrame(rows))


def _point_index(ablation: Ablation) -> dict[tuple[str, str], int]:
    index, point = {}, 0
    for arm in ablation.arms():
        for pressure in _pressures(arm):
            index[(arm.name, str(pressure.get("pakistan_pressure", "auto")))] = point
            point += 1
    return index


def _pressure_effect(measures: pd.DataFrame, index: dict, arm: str) -> pd.DataFrame:
    return paired_differences(measures.loc[index[(arm, "1.0")]], measures.loc[index[(arm, "0.0")]])


def _pair_correlation(measures: pd.DataFrame, index: dict, arm: str, output: str) -> float:
    """Correlation, over replications, of the two arms of the pressure contrast (pairing)."""
    high = measures.loc[index[(arm, "1.0")]][output]
    low = measures.loc[index[(arm, "0.0")]][output]
    both = pd.concat([high, low], axis=1).dropna()
    if len(both) < 3 or both.std().min() == 0:
        return np.nan
    return float(both.corr().iloc[0, 1])


def _row(arm: str, quantity: str, output: str, differences: pd.Series) -> dict[str, Any]:
    mean, low, high, n = mean_interval(differences)
    return {
        "arm": arm,
        "quantity": quantity,
        "output": output,
        "estimate": mean,
        "estimate_low": low,
        "estimate_high": high,
        "pairs": n,
    }


def _with_only_sum(table: pd.DataFrame) -> pd.DataFrame:
    """Add the sum of the ``only`` arms' effects relative to the baseline effect (additivity)."""
    effects = table[table["quantity"] == "pressure_effect"]
    rows = []
    for output, group in effects.groupby("output", sort=False):
        only = group[group["arm"].str.startswith("only:")]
        base = group[group["arm"] == "baseline"]["estimate"]
        if only.empty or base.empty or not base.iloc[0]:
            continue
        rows.append(
            {
                "arm": "sum_of_only",
                "quantity": "pressure_effect",
                "output": output,
                "estimate": float(only["estimate"].sum()),
                "carried_share": float(only["estimate"].sum() / base.iloc[0]),
            }
        )
    return pd.concat([table, pd.DataFrame(rows)], ignore_index=True)


def chart(table: pd.DataFrame, path: Path) -> Path:
    """The effect of Pakistani pressure (1 vs 0, per week of war) per arm, with 95% intervals."""
    effects = table[
        (table["quantity"] == "pressure_effect")
        & (table["output"] == WAR_MEASURE)
        & (table["arm"] != "sum_of_only")
    ]
    figure = Figure(figsize=(8, 0.45 * len(effects) + 1.5), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    y = np.arange(len(effects))[::-1]
    error = error_bars(effects["estimate"], effects["estimate_low"], effects["estimate_high"])
    axes.errorbar(effects["estimate"], y, xerr=error, fmt="o", color=style.SIMULATED, capsize=3)
    axes.axvline(0, color=style.ZERO_LINE, linewidth=0.8)
    axes.set_yticks(y, effects["arm"])
    axes.set_xlabel("effect of pressure 1 vs 0 on fatalities per week of war (before any collapse)")
    axes.set_title("What carries the effect of Pakistani pressure (paired 95% intervals)")
    figure.tight_layout()
    return files.write_with(path, lambda temporary: figure.savefig(temporary, format="png"))
