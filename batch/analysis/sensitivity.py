"""Sensitivity analysis of a finished Sobol' or Morris sweep (``ceasefire analyze``).

:func:`analyze` reads a sweep directory (``metadata.json``, ``design.csv``, ``runs.csv``),
averages each output over the successful replications of every design point, and computes

- ``sobol``: first-order (``s1``) and total-order (``st``) Sobol' indices with 95% bootstrap
  confidence half-widths (SALib, no second-order indices);
- ``morris``: the elementary-effect statistics ``mu``, ``mu_star`` (with its 95% bootstrap
  confidence half-width) and ``sigma`` (SALib). Elementary effects are measured over a
  factor's whole range: ``mu_star`` is in the output's unit per factor range.

It writes ``sensitivity_<method>.csv`` (one row per output and parameter) and
``sensitivity_<method>.png`` (one panel per output) into the directory.

Decisions:

- An output that is constant over the design points has no variance to apportion: its Sobol'
  indices are written as empty (NaN) with the note ``constant output``. Morris effects of a
  constant output are exactly zero and are written, with the same note.
- An output that is missing (empty) at every successful run of some design point gets empty
  indices and a note naming how many points lack it.
- Bootstrap confidence intervals are seeded (``seed``, default 0), so the files are identical
  from one call to the next.
- An index whose interval is wider than the range the index can take says nothing: a Sobol'
  index (0..1) whose 95% half-width exceeds :data:`IMPRECISE_HALF_WIDTH`, a Morris ``mu_star``
  (>= 0) whose interval reaches below 0. Such rows get the note ``imprecise: ...`` naming the
  base sample, and :func:`analyze` warns on stderr, suggesting a larger ``--samples``. Small
  base samples also give negative first-order indices; the note is how to tell them apart.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from SALib.analyze import morris as morris_analysis
from SALib.analyze import sobol as sobol_analysis

from ceasefire.batch.analysis import style
from ceasefire.batch.analysis import tables as _tables  # noqa: F401 - registers the tables written here
from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import add_to_datapackage
from ceasefire.batch.io.export import conform, write_csv
from ceasefire.batch.io.reading import check_directory, check_finished
from ceasefire.model.outputs import SUMMARY_COLUMNS, csv_name
from ceasefire.model.parameters import ParameterError

METHODS: tuple[str, ...] = ("sobol", "morris")
"""Sensitivity analysis methods; each needs a sweep with the design of the same name."""

ANALYZED_OUTPUTS: tuple[str, ...] = (
    "mean_weekly_fatalities",
    "final_negotiation_progress",
    "ceasefire_held",
    "ceasefire_began",
    "total_civilian_casualties",
)
"""Run summaries analysed by default."""

INDEX_COLUMNS: dict[str, tuple[str, ...]] = {
    "sobol": ("s1", "s1_conf", "st", "st_conf"),
    "morris": ("mu", "mu_star", "mu_star_conf", "sigma"),
}
"""Index columns of ``sensitivity_<method>.csv``, between ``output, parameter`` and ``note``."""

CONSTANT_NOTE = "constant output"
IMPRECISE_HALF_WIDTH = 0.5
"""A Sobol' index lies in 0..1: a 95% half-width above 0.5 makes its interval wider than that."""
USUAL_SAMPLES = {"sobol": 64, "morris": 20}
"""The least base sample suggested for imprecise indices (Sobol' N, Morris trajectories)."""
RERUN_ADVICE = "the sweep with a larger --samples"
IMPRECISE_NOTES = {
    "sobol": "imprecise: 95% interval wider than 0..1",
    "morris": "imprecise: 95% interval of mu_star reaches below 0",
}
MORRIS_LEVELS_DEFAULT = 4
_UNITS = {c.name: c.unit for c in SUMMARY_COLUMNS}


def analyze(
    out_dir: Path,
    method: str,
    outputs: Sequence[str] = ANALYZED_OUTPUTS,
    seed: int = 0,
    partial: bool = False,
    rerun: str = RERUN_ADVICE,
) -> list[Path]:
    """Compute sensitivity indices of a finished sweep and write them as CSV and PNG.

    Warns on stderr when indices are imprecise (:func:`precision_warning`).

    Args:
        out_dir: the sweep's output directory.
        method: ``sobol`` or ``morris``; must match the sweep's design.
        outputs: run summaries (columns of ``runs.csv``) to analyse.
        seed: seed of the bootstrap confidence intervals.
        partial: analyse a sweep that holds fewer runs than its design (killed or still
            running), with a warning on stderr; without it such a sweep is refused. Every
            design point still needs a successful run.
        rerun: what to rerun with which option, for the warning's advice.

    Returns:
        The paths of ``sensitivity_<method>.csv`` and ``sensitivity_<method>.png``.

    Raises:
        ParameterError: with one line, for an unknown method or output, missing or unreadable
            files, a sweep whose design is not ``method``, an unfinished sweep without
            ``partial``, or a design point without a successful run.
    """
    out_dir = Path(out_dir)
    method = _check_method(method)
    outputs = _check_outputs(outputs)
    design = read_design_json(out_dir)
    check_finished(out_dir, partial, "analysing")
    problem = _problem(design, method, out_dir)
    x = read_design_matrix(out_dir, problem)
    _check_size(method, problem, len(x))
    means = output_means(out_dir, len(x), outputs)
    levels = int(design.get("options", {}).get("num_levels", MORRIS_LEVELS_DEFAULT))
    table = sensitivity_table(method, problem, x, means, seed=seed, num_levels=levels)
    base = base_sample(method, len(x), problem["num_vars"])
    warning = precision_warning(method, table, base, rerun)
    if warning:
        print(f"ceasefire: warning: {warning}", file=sys.stderr)
    csv_path = out_dir / f"sensitivity_{method}.csv"
    png_path = out_dir / f"sensitivity_{method}.png"
    rows = conform(table, f"sensitivity_{method}")
    write_csv(rows, csv_path)
    add_to_datapackage(out_dir, [f"sensitivity_{method}"])
    figure = sensitivity_figure(method, table, len(x), problem["num_vars"])
    files.write_with(png_path, lambda tmp: figure.savefig(tmp, format="png", dpi=120))
    return [csv_path, png_path]


# --------------------------------------------------------------------------- checks and inputs
def _check_method(method: str) -> str:
    name = str(method).strip().lower()
    if name not in METHODS:
        raise ParameterError(f"method '{method}' is unknown; use {' or '.join(METHODS)}")
    return name


def _check_outputs(outputs: Sequence[str]) -> tuple[str, ...]:
    if isinstance(outputs, str):
        outputs = (outputs,)
    outputs = tuple(outputs)
    known = [c.name for c in SUMMARY_COLUMNS]
    if not outputs:
        raise ParameterError(f"no outputs to analyse; choose from {', '.join(known)}")
    for name in outputs:
        if name not in known:
            raise ParameterError(f"output '{name}' is unknown; choose from {', '.join(known)}")
    if len(set(outputs)) != len(outputs):
        raise ParameterError("an output is listed twice; list each output once")
    return outputs


def _require(path: Path) -> Path:
    """``path``, refusing a missing sweep directory or file."""
    check_directory(path.parent)
    if not path.is_file():
        raise ParameterError(f"'{path}' is missing; analyze a directory written by ceasefire sweep")
    return path


def read_design_json(out_dir: Path) -> dict[str, Any]:
    """The ``design`` entry of ``metadata.json`` (:meth:`Design.to_json` of the sweep).

    Raises:
        ParameterError: for a missing or unreadable file, or no design in it.
    """
    path = _require(Path(out_dir) / "metadata.json")
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ParameterError(f"cannot read '{path}': {exc}") from None
    design = metadata.get("design") if isinstance(metadata, dict) else None
    if not isinstance(design, dict) or "kind" not in design:
        raise ParameterError(f"'{path}' records no design; was it written by ceasefire sweep?")
    return design


def _problem(design: dict[str, Any], method: str, out_dir: Path) -> dict[str, Any]:
    """The SALib problem of a sweep whose design kind is ``method``."""
    kind = design["kind"]
    if kind != method:
        raise ParameterError(
            f"the sweep in '{out_dir}' used design '{kind}'; --method {method} needs a sweep "
            f"run with --design {method}"
        )
    problem = design.get("problem")
    if not isinstance(problem, dict) or not {"names", "bounds"} <= set(problem):
        raise ParameterError(f"the sweep in '{out_dir}' records no SALib problem for its design")
    return {
        "num_vars": len(problem["names"]),
        "names": list(problem["names"]),
        "bounds": [list(map(float, b)) for b in problem["bounds"]],
    }


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        return pd.read_csv(_require(path))
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParameterError(f"cannot read '{path}': {reason}") from None


def read_design_matrix(out_dir: Path, problem: dict[str, Any]) -> np.ndarray:
    """The raw design values of ``design.csv``: one row per design point, in problem order.

    Raises:
        ParameterError: for a missing file or column, or design points not numbered 0..P-1.
    """
    path = Path(out_dir) / "design.csv"
    table = _read_csv(path)
    if "design_point" not in table.columns:
        raise ParameterError(f"'{path}' has no design_point column")
    table = table.sort_values("design_point", kind="stable")
    if not np.array_equal(table["design_point"].to_numpy(), np.arange(len(table))):
        raise ParameterError(f"'{path}': design points are not numbered 0..{len(table) - 1}")
    columns = []
    for name in problem["names"]:
        column = name if name in table.columns else csv_name(name)
        if column not in table.columns:
            raise ParameterError(f"'{path}' has no column '{name}'")
        columns.append(pd.to_numeric(table[column], errors="coerce").to_numpy(float))
    x = np.column_stack(columns) if columns else np.empty((len(table), 0))
    if np.isnan(x).any():
        raise ParameterError(f"'{path}' has empty or non-numeric values in the factor columns")
    return x


def _check_size(method: str, problem: dict[str, Any], points: int) -> None:
    """Refuse a design whose number of points does not fit the method."""
    d = problem["num_vars"]
    block = d + 2 if method == "sobol" else d + 1
    if points == 0 or points % block:
        raise ParameterError(
            f"design.csv has {points} design points; a {method} design with {d} factors has a "
            f"positive multiple of {block}"
        )


def output_means(out_dir: Path, points: int, outputs: Sequence[str]) -> pd.DataFrame:
    """Each output averaged over the successful runs (``status == "ok"``) of each design point.

    Args:
        out_dir: the sweep's output directory (reads ``runs.csv``).
        points: number of design points P.
        outputs: the output columns.

    Returns:
        A frame indexed 0..P-1 with one float column per output (NaN where every run of the
        point lacks the output).

    Raises:
        ParameterError: for a missing file or column, or a design point without a
            successful run.
    """
    path = Path(out_dir) / "runs.csv"
    runs = _read_csv(path)
    missing = [c for c in ("design_point", "status", *outputs) if c not in runs.columns]
    if missing:
        raise ParameterError(f"'{path}' has no column(s) {', '.join(missing)}")
    ok = runs[runs["status"].astype(str).str.strip() == "ok"]
    values = ok[list(outputs)].apply(pd.to_numeric, errors="coerce")
    means = values.groupby(ok["design_point"].astype(int)).mean()
    lacking = [p for p in range(points) if p not in means.index]
    if lacking:
        shown = ", ".join(map(str, lacking[:5])) + (", ..." if len(lacking) > 5 else "")
        raise ParameterError(
            f"{len(lacking)} of {points} design points have no successful run ({shown}); "
            f"the analysis needs every point: finish the sweep or fix the failing runs"
        )
    return means.reindex(range(points)).astype(float)


# --------------------------------------------------------------------------- indices
def sensitivity_table(
    method: str,
    problem: dict[str, Any],
    x: np.ndarray,
    means: pd.DataFrame,
    seed: int = 0,
    num_levels: int = MORRIS_LEVELS_DEFAULT,
) -> pd.DataFrame:
    """The indices of every output: one row per output and parameter.

    Args:
        method: ``sobol`` or ``morris``.
        problem: the SALib problem.
        x: raw design values, one row per design point (used by Morris).
        means: one column per output, one row per design point.
        seed: seed of the bootstrap confidence intervals.
        num_levels: Morris grid levels.

    Returns:
        Columns ``output, parameter``, the method's :data:`INDEX_COLUMNS` and ``note``.
    """
    frames = []
    for output in means.columns:
        y = means[output].to_numpy(float)
        rng = np.random.default_rng(seed)
        indices, note = _indices(method, problem, x, y, rng, num_levels)
        frame = pd.DataFrame(indices, columns=list(INDEX_COLUMNS[method]))
        frame.insert(0, "parameter", problem["names"])
        frame.insert(0, "output", output)
        frame["note"] = note
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    return _mark_imprecise(method, table, base_sample(method, len(x), problem["num_vars"]))


def base_sample(method: str, points: int, factors: int) -> int:
    """The base sample of a design: Sobol' ``N`` of ``N * (D + 2)`` points, Morris trajectories."""
    return points // (factors + 2 if method == "sobol" else factors + 1)


def imprecise(method: str, table: pd.DataFrame) -> pd.Series:
    """Rows whose 95% interval is wider than the range the index can take (see module doc)."""
    if method == "sobol":
        return (table["s1_conf"] > IMPRECISE_HALF_WIDTH) | (table["st_conf"] > IMPRECISE_HALF_WIDTH)
    return table["mu_star_conf"] > table["mu_star"]


def _suggested(method: str, base: int) -> int:
    """A larger base sample: four times (halving the intervals), and at least the usual one."""
    return max(USUAL_SAMPLES[method], 4 * base)


def _mark_imprecise(method: str, table: pd.DataFrame, base: int) -> pd.DataFrame:
    """The table with the imprecise rows' notes saying so (see :func:`imprecise`)."""
    size = f"base sample {base}" if method == "sobol" else f"{base} trajectories"
    note = f"{IMPRECISE_NOTES[method]} ({size}); use --samples {_suggested(method, base)} or more"
    rows = imprecise(method, table)
    table.loc[rows, "note"] = [f"{old}; {note}" if old else note for old in table["note"][rows]]
    return table


def precision_warning(
    method: str, table: pd.DataFrame, base: int, rerun: str = RERUN_ADVICE
) -> str | None:
    """One line saying how many indices are imprecise and what to do, or ``None``.

    Args:
        method: ``sobol`` or ``morris``.
        table: the indices (:func:`sensitivity_table`).
        base: the base sample (:func:`base_sample`).
        rerun: what to rerun with which option, for the advice.
    """
    count = int(imprecise(method, table).sum())
    if not count:
        return None
    if method == "sobol":
        what = (
            f"Sobol' indices whose 95% intervals are wider than the indices' range 0..1 "
            f"(half-width > {IMPRECISE_HALF_WIDTH}) at base sample {base}"
        )
    else:
        what = f"a Morris mu_star whose 95% interval reaches below 0 with {base} trajectories"
    return (
        f"{count} of {len(table)} output-parameter pairs have {what}: they say little; rerun "
        f"{rerun}, e.g. {_suggested(method, base)} (intervals shrink as 1/sqrt(samples))"
    )


def _indices(
    method: str,
    problem: dict[str, Any],
    x: np.ndarray,
    y: np.ndarray,
    rng: np.random.Generator,
    num_levels: int,
) -> tuple[np.ndarray, str]:
    """The index matrix (parameters by index columns) of one output and its note."""
    d = problem["num_vars"]
    empty = np.full((d, len(INDEX_COLUMNS[method])), np.nan)
    lacking = int(np.isnan(y).sum())
    if lacking:
        return empty, f"output missing at {lacking} design points"
    constant = np.ptp(y) <= np.finfo(float).eps * max(1.0, float(np.abs(y).max()))
    if constant and method == "sobol":
        return empty, CONSTANT_NOTE
    if method == "sobol":
        si = sobol_analysis.analyze(dict(problem), y, calc_second_order=False, seed=rng)
    else:
        si = morris_analysis.analyze(dict(problem), x, y, num_levels=num_levels, seed=rng)
    keys = {"s1": "S1", "s1_conf": "S1_conf", "st": "ST", "st_conf": "ST_conf"}
    matrix = np.column_stack(
        [np.asarray(si[keys.get(c, c)], dtype=float) for c in INDEX_COLUMNS[method]]
    )
    return matrix, CONSTANT_NOTE if constant else ""


# --------------------------------------------------------------------------- chart
def sensitivity_figure(method: str, table: pd.DataFrame, points: int, factors: int) -> Figure:
    """One panel per output: horizontal bars with 95% confidence error bars.

    Sobol: total-order (ST) and first-order (S1) indices side by side; the gap between them is
    the share of variance due to interactions. Morris: ``mu_star``. Panels whose indices are
    undefined or all zero say why (the row's note).
    """
    outputs = list(dict.fromkeys(table["output"]))
    height = max(2.0, 0.42 * factors + 1.1)
    figure = Figure(figsize=(8, height * len(outputs) + 0.8), layout="constrained")
    axes = figure.subplots(len(outputs), 1, squeeze=False)[:, 0]
    for ax, output in zip(axes, outputs, strict=True):
        rows = table[table["output"] == output]
        _panel(ax, method, rows)
        unit = _UNITS.get(output, "1")
        ax.set_title(output if unit in ("1", "-") else f"{output} ({unit})", fontsize=11)
    base = base_sample(method, points, factors)
    if method == "sobol":
        title = f"Sobol' sensitivity indices\n{base} base samples, {points} design points"
        handles, labels = axes[0].get_legend_handles_labels()
        figure.legend(handles, labels, loc="outside lower center", ncols=2, fontsize=9)
    else:
        title = f"Morris screening\n{base} trajectories, {points} design points"
    figure.suptitle(f"{title}; error bars: 95% bootstrap intervals", fontsize=11)
    return figure


def _panel(ax: Any, method: str, rows: pd.DataFrame) -> None:
    """Bars of one output's indices; parameter names on the vertical axis, first on top.

    Imprecise indices (:func:`imprecise`) are labelled so; a note that every other row shares
    (constant output, missing output) is written across the panel.
    """
    flags = imprecise(method, rows)
    labels = zip(rows["parameter"], flags, strict=True)
    names = [f"{name} (imprecise)" if flag else name for name, flag in labels]
    where = np.arange(len(names))
    if method == "sobol":
        bars = (
            ("st", "st_conf", "total order (ST)", -0.2),
            ("s1", "s1_conf", "first order (S1)", 0.2),
        )
        height = 0.38
        ax.set_xlabel("Sobol' index (share of output variance)")
    else:
        bars = (("mu_star", "mu_star_conf", "mu* (mean |elementary effect|)", 0.0),)
        height = 0.6
        ax.set_xlabel("mu*: mean absolute change of the output over the factor's range")
    shown = []
    for column, conf, label, shift in bars:
        values = np.nan_to_num(rows[column].to_numpy(float))
        shown.append(values)
        ax.barh(
            where + shift,
            values,
            height=height,
            xerr=np.nan_to_num(rows[conf].to_numpy(float)),
            capsize=3,
            label=label,
        )
    ax.axvline(0.0, color=style.ZERO_LINE, linewidth=0.8)
    ax.set_yticks(where, names)
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    shared = set(rows["note"][~flags])
    note = str(shared.pop()) if len(shared) == 1 else ""
    if not np.any(np.concatenate(shown)):
        ax.set_xlim(0.0, 1.0)
    if note:
        ax.text(0.5, 0.5, note, transform=ax.transAxes, ha="center", va="center", color=style.NOTE)
