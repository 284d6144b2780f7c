"""One-at-a-time sensitivity of a finished ``oat`` sweep (``ceasefire analyze --method oat``).

A sweep with ``--design oat`` runs a baseline (every varied parameter at its declared default,
design point 0) and, for each parameter, each of its levels with the others at their defaults,
all with the same replication seeds (:func:`ceasefire.batch.sweep.designs.oat_design`). This
module reads ``design.csv`` and ``runs.csv`` and writes ``sensitivity_oat.csv``: for every output
and design point, the mean over replications with its 95% interval (Wilson for yes/no outputs, t
otherwise) and the paired difference from the baseline, replication by replication, with its
95% t interval; and ``sensitivity_oat.png``, the differences as a tornado chart per output.

It answers the question "does this result hold across the plausible range of each uncertain
constant, or does it depend on one?" that a Morris or Sobol' screen answers only on average.
Interactions between constants are not seen; a Morris screen over the same ranges finds them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ceasefire.batch.analysis import style
from ceasefire.batch.analysis import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.analysis.sensitivity import _read_csv, read_design_json
from ceasefire.batch.analysis.stats import mean_interval, paired_differences, share_interval
from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import add_to_datapackage
from ceasefire.batch.io.export import conform, write_csv
from ceasefire.batch.io.reading import check_finished
from ceasefire.model.outputs import SUMMARY_COLUMNS
from ceasefire.model.parameters import PARAMETERS_BY_COLUMN, ParameterError

TABLE = "sensitivity_oat"
OAT_OUTPUTS: tuple[str, ...] = (
    "mean_weekly_fatalities",
    "mean_negotiation_progress",
    "max_agenda_items",
    "ceasefire_within_52",
    "ceasefire_held",
    "truce_count",
)
"""Run summaries analysed: violence, the talks, and the cease-fire probabilities."""
BASELINE = "baseline"
_COLUMNS = {c.name: c for c in SUMMARY_COLUMNS}


def analyze_oat(
    out_dir: Path, outputs: Sequence[str] = OAT_OUTPUTS, partial: bool = False
) -> list[Path]:
    """Write ``sensitivity_oat.csv`` and ``sensitivity_oat.png`` for a finished ``oat`` sweep.

    Args:
        out_dir: the sweep's output directory.
        outputs: run summaries (columns of ``runs.csv``) to analyse.
        partial: accept a sweep with fewer runs than its design (with a warning).

    Returns:
        The paths of the CSV and the PNG.

    Raises:
        ParameterError: with one line, for a sweep whose design is not ``oat``, missing files
            or columns, or a design point without a successful run.
    """
    out_dir = Path(out_dir)
    design = read_design_json(out_dir)
    if design["kind"] != "oat":
        raise ParameterError(
            f"the sweep in '{out_dir}' used design '{design['kind']}'; --method oat needs a "
            f"sweep run with --design oat"
        )
    check_finished(out_dir, partial, "analysing")
    table = oat_table(_read_csv(out_dir / "design.csv"), _read_csv(out_dir / "runs.csv"), outputs)
    csv_path, png_path = out_dir / f"{TABLE}.csv", out_dir / f"{TABLE}.png"
    write_csv(conform(table, TABLE), csv_path)
    add_to_datapackage(out_dir, [TABLE])
    figure = oat_figure(table)
    files.write_with(png_path, lambda tmp: figure.savefig(tmp, format="png", dpi=120))
    return [csv_path, png_path]


def moved_parameter(design: pd.DataFrame) -> pd.DataFrame:
    """For each design point, the parameter it moves from the baseline (point 0) and its level.

    ``design`` is a sweep's ``design.csv``: a ``design_point`` column and one column per varied
    parameter, named as ``runs.csv`` names it (``pakistan_pressure_set``).

    Raises:
        ParameterError: when a point moves more than one parameter (not an ``oat`` design).
    """
    values = design.drop(columns="design_point").astype(object).where(design.notna(), None)
    base = values.iloc[0]
    rows = []
    for point, row in zip(design["design_point"], values.itertuples(index=False), strict=True):
        moved = [n for n, v, b in zip(values.columns, row, base, strict=True) if v != b]
        if len(moved) > 1:
            raise ParameterError(
                f"design point {point} moves {', '.join(moved)} at once; not a one-at-a-time design"
            )
        level = "" if not moved else _level_text(row[list(values.columns).index(moved[0])])
        name = PARAMETERS_BY_COLUMN[moved[0]].name if moved else BASELINE
        rows.append({"design_point": int(point), "parameter": name, "level": level})
    return pd.DataFrame(rows)


def _level_text(value: Any) -> str:
    return "none" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def oat_table(design: pd.DataFrame, runs: pd.DataFrame, outputs: Sequence[str]) -> pd.DataFrame:
    """Means and paired differences from the baseline, one row per output and design point."""
    missing = [c for c in ("design_point", "replication", "status", *outputs) if c not in runs]
    if missing:
        raise ParameterError(f"runs.csv has no column(s) {', '.join(missing)}")
    ok = runs[runs["status"].astype(str).str.strip() == "ok"]
    points = moved_parameter(design)
    lacking = sorted(set(points["design_point"]) - set(ok["design_point"].astype(int)))
    if lacking:
        raise ParameterError(
            f"design point(s) {', '.join(map(str, lacking[:5]))} have no successful run; "
            f"the analysis needs every point: finish the sweep or fix the failing runs"
        )
    by_point = {p: frame.set_index("replication") for p, frame in ok.groupby("design_point")}
    rows = []
    for output in outputs:
        base = pd.to_numeric(by_point[0][output], errors="coerce")
        for point in points.itertuples(index=False):
            values = pd.to_numeric(by_point[point.design_point][output], errors="coerce")
            rows.append(
                {"output": output, "parameter": point.parameter, "level": point.level}
                | _summary(output, values, base)
            )
    return pd.DataFrame(rows)


def _summary(output: str, values: pd.Series, base: pd.Series) -> dict[str, Any]:
    """Mean with its interval, and the paired difference from the baseline with its interval."""
    column = _COLUMNS.get(output)
    boolean = column is not None and column.type == "boolean"
    present = values.dropna()
    mean, low, high, n = share_interval(present > 0) if boolean else mean_interval(present)
    diff, diff_low, diff_high, pairs = mean_interval(paired_differences(values, base))
    return {
        "runs": n,
        "mean": mean,
        "mean_low": low,
        "mean_high": high,
        "difference": diff,
        "difference_low": diff_low,
        "difference_high": diff_high,
        "pairs": pairs,
    }


def oat_figure(table: pd.DataFrame) -> Figure:
    """One panel per output: each level's paired difference from the baseline, 95% intervals."""
    moved = table[table["parameter"] != BASELINE]
    outputs = list(dict.fromkeys(table["output"]))
    labels = list(dict.fromkeys(moved["parameter"] + " = " + moved["level"]))
    height = max(2.0, 0.3 * len(labels) + 1.2)
    figure = Figure(figsize=(8, height * len(outputs) + 0.6), layout="constrained")
    axes = figure.subplots(len(outputs), 1, squeeze=False)[:, 0]
    for ax, output in zip(axes, outputs, strict=True):
        rows = moved[moved["output"] == output]
        where = np.arange(len(rows))
        centre = rows["difference"].to_numpy(float)
        spread = np.vstack([centre - rows["difference_low"], rows["difference_high"] - centre])
        ax.barh(where, np.nan_to_num(centre), xerr=np.nan_to_num(spread), capsize=3)
        ax.axvline(0.0, color=style.ZERO_LINE, linewidth=0.8)
        ax.set_yticks(where, list(rows["parameter"] + " = " + rows["level"]), fontsize=8)
        ax.invert_yaxis()
        ax.grid(axis="x", alpha=0.3)
        base = table[(table["output"] == output) & (table["parameter"] == BASELINE)].iloc[0]
        ax.set_title(f"{output}: difference from the baseline ({base['mean']:.3g})", fontsize=10)
    figure.suptitle("One at a time: paired differences, 95% intervals", fontsize=11)
    return figure
