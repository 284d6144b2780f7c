"""Experimental designs of a sweep: which parameter values each design point runs.

A :class:`Design` is a table of design points (rows) by varied parameters (columns), built from
the sweep's factors (:mod:`ceasefire.batch.sweep.factors`). Five kinds are built by
:func:`build_design`:

- ``grid``: the full factorial of every factor's levels (an explicit list, or ``lo:hi:n``
  evenly spaced levels). Without factors it has one design point with no overrides.
- ``lhs``: a Latin hypercube of ``samples`` points over the factors' ``lo:hi`` ranges (SALib).
- ``sobol``: Saltelli's extension of the Sobol' sequence for first- and total-order Sobol'
  indices, ``samples * (D + 2)`` points for ``D`` factors (SALib, no second-order indices).
  ``samples`` must be a power of 2.
- ``morris``: ``samples`` Morris trajectories on a 4-level grid, ``samples * (D + 1)`` points.
- ``oat``: one factor at a time. Point 0 holds every factor at its declared default (the
  baseline); each further point moves one factor to one of its levels (a list, the two ends of
  ``lo:hi``, or the ``n`` levels of ``lo:hi:n``) and holds the others at their defaults. A level
  equal to the default is the baseline and gets no point of its own. With the sweep's common
  replication seeds every point is paired with the baseline.
- ``csv:PATH``: the rows of a user's CSV file, whose columns are parameter names.

Every bad input raises :class:`~ceasefire.model.parameters.ParameterError` with one line that
names the problem and what is allowed, before any run starts.

Decisions:

- Sampling designs (lhs, sobol, morris) take ranges ``lo:hi`` only. A ``lo:hi:n`` range is
  refused there, because ``n`` sets grid levels and would be silently ignored; value lists and
  ``choice`` parameters (``map``) need ``--design grid``.
- A grid needs levels: ``lo:hi`` without ``n`` is refused for a grid.
- Sizes have limits (:mod:`ceasefire.batch.sweep.limits`): at most ``DESIGN_POINTS`` design
  points, checked before a design is built or a design file is read to the end.
- Integer and week parameters are sampled as floats over ``lo:hi`` and rounded to the nearest
  integer in :attr:`Design.points`; :attr:`Design.raw` keeps the floats SALib drew (the
  sensitivity analysis uses them).
- :attr:`Design.points` holds the values as written to CSV: ``None`` for ``auto`` (pressure)
  and ``none`` (week, troops stay). :meth:`Design.parameters` turns them back into the values
  the model accepts (``"auto"`` and ``None``).
- A CSV design may carry a ``design_point`` column (as in a sweep's ``design.csv``); it is
  ignored, and the rows are numbered 0..P-1 in file order.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.sample import latin, morris, sobol

from ceasefire.batch.sweep.factors import Factor, as_int, check_factors, json_value
from ceasefire.batch.sweep.limits import DESIGN_POINTS
from ceasefire.model.parameters import (
    AUTO,
    PARAMETERS_BY_COLUMN,
    Parameter,
    ParameterError,
    lookup,
)

DESIGN_KINDS: tuple[str, ...] = ("grid", "lhs", "sobol", "morris", "oat")
"""Design kinds by name; ``csv:PATH`` reads a user's design file besides these."""

MORRIS_LEVELS = 4
"""Number of grid levels of Morris trajectories (sampling and analysis)."""

KINDS_HELP = "grid, lhs, sobol, morris, oat or csv:FILE"


# --------------------------------------------------------------------------- designs
@dataclass(frozen=True, eq=False)
class Design:
    """The design points of a sweep.

    Compared by identity (``eq=False``): its tables are data frames.

    Attributes:
        kind: ``"grid"``, ``"lhs"``, ``"sobol"``, ``"morris"``, ``"oat"`` or ``"csv"``.
        factors: the varied parameters (empty for csv designs and the one-point grid).
        points: one row per design point (``RangeIndex`` 0..P-1), one column per varied
            parameter; values as written to CSV: canonical values, with ``None`` for ``auto``
            and ``none``. Integer columns without ``None`` have dtype ``int64``, float columns
            ``float64``, others ``object``.
        raw: same index and columns; the unrounded floats SALib drew for sampling designs,
            a copy of ``points`` for grid and csv designs.
        problem: the SALib problem (``num_vars``, ``names``, ``bounds``) of sampling designs,
            else ``None``.
        options: settings that determine the design (``samples``, ``seed``, ...; for csv
            designs ``path`` and the file's ``sha256``; empty for grids).
    """

    kind: str
    factors: tuple[Factor, ...]
    points: pd.DataFrame
    raw: pd.DataFrame
    problem: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Number of design points P."""
        return len(self.points)

    def to_json(self) -> dict[str, Any]:
        """Kind, factors, problem, options and number of points, JSON-serialisable."""
        return {
            "kind": self.kind,
            "factors": [f.to_json() for f in self.factors],
            "problem": self.problem,
            "options": dict(self.options),
            "design_points": self.size,
        }

    def parameters(self, point: int) -> dict[str, Any]:
        """The parameter overrides of one design point, as the model accepts them.

        Args:
            point: the design point, 0..P-1.

        Returns:
            Parameter names to canonical values (``"auto"`` for an automatic pressure,
            ``None`` for a week meaning never; Python ``int``, ``float`` or ``str`` otherwise).

        Raises:
            ParameterError: when the design has no such point.
        """
        index = None if isinstance(point, bool) else as_int(point)
        if index is None or not 0 <= index < self.size:
            raise ParameterError(
                f"design point {point!r} does not exist; the design has points 0..{self.size - 1}"
            )
        row = self.points.iloc[index]
        return {name: _model_value(lookup(name), row[name]) for name in self.points.columns}


def _is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _model_value(spec: Parameter, value: Any) -> Any:
    """A value of :attr:`Design.points` as the model accepts it."""
    value = json_value(value)
    return spec.kind.blank if _is_missing(value) else spec.kind.from_cell(value)


def _column(spec: Parameter, values: Sequence[Any]) -> pd.Series:
    """A column of :attr:`Design.points`: CSV-style values with a fitting dtype."""
    cells = [None if v is None or v == AUTO else v for v in values]
    return pd.Series(cells, dtype=object if any(v is None for v in cells) else spec.kind.dtype)


def _frame(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """The points table of ``rows`` (one value per name), ``RangeIndex`` 0..P-1."""
    columns = {
        name: _column(lookup(name), [row[i] for row in rows]) for i, name in enumerate(names)
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def build_design(kind: str, factors: Sequence[Factor], samples: int, seed: int) -> Design:
    """Build the design points of a sweep.

    Args:
        kind: ``grid``, ``lhs``, ``sobol``, ``morris``, ``oat`` or ``csv:PATH``.
        factors: the varied parameters (none for ``csv:PATH``).
        samples: base sample size of sampling designs (lhs: points; sobol: N, a power of 2,
            giving N * (D + 2) points; morris: trajectories, giving N * (D + 1) points).
            Ignored by grid and csv designs.
        seed: seed of the sampling designs (a non-negative integer). Ignored by grid and csv.

    Returns:
        The design. The same arguments always give an identical design.

    Raises:
        ParameterError: with one line naming the problem and what is allowed.
    """
    name, path = _parse_kind(kind)
    factors = check_factors(factors)
    if name == "csv":
        if factors:
            raise ParameterError(
                "a csv design takes its parameters from the file's columns; drop --vary "
                "(use --set for values common to every design point)"
            )
        return csv_design(path)
    if name == "grid":
        return grid_design(factors)
    if name == "oat":
        return oat_design(factors)
    return sampling_design(name, factors, samples, seed)


def _parse_kind(kind: str) -> tuple[str, str]:
    """Split ``csv:PATH``; check the kind's name."""
    if not isinstance(kind, str):
        raise ParameterError(f"design {kind!r} is unknown; use {KINDS_HELP}")
    head, sep, path = kind.strip().partition(":")
    name = head.strip().lower()
    if name == "csv":
        if not sep or not path.strip():
            raise ParameterError("design csv needs a file: use --design csv:FILE")
        return name, path.strip()
    if sep or name not in DESIGN_KINDS:
        raise ParameterError(f"design '{kind}' is unknown; use {KINDS_HELP}")
    return name, ""


def grid_design(factors: Sequence[Factor]) -> Design:
    """The full factorial of the factors' levels (first factor varies slowest).

    Without factors, one design point with no overrides.
    """
    factors = check_factors(factors)
    names = [f.name for f in factors]
    levels = [f.levels() for f in factors]
    size = math.prod(len(values) for values in levels)
    shape = " x ".join(f"{len(values):,}" for values in levels)
    DESIGN_POINTS.check(size, f"a grid of {shape} levels ({size:,} design points)")
    rows = list(itertools.product(*levels))
    points = _frame(names, rows)
    return Design("grid", factors, points, points.copy(), None, {})


def oat_levels(factor: Factor) -> tuple[Any, ...]:
    """The levels one factor visits in a one-at-a-time design: ``lo:hi`` gives its two ends."""
    if factor.values is None and factor.n is None:
        return (factor.low, factor.high)
    return factor.levels()


def oat_design(factors: Sequence[Factor]) -> Design:
    """One factor at a time around the declared defaults (point 0, the baseline).

    Raises:
        ParameterError: without factors, or with more than ``DESIGN_POINTS`` points.
    """
    factors = check_factors(factors)
    if not factors:
        raise ParameterError("design 'oat' needs at least one factor to move: --vary key=lo:hi")
    names = [f.name for f in factors]
    baseline = [lookup(name).default for name in names]
    rows = [baseline]
    for i, factor in enumerate(factors):
        for level in oat_levels(factor):
            if level != baseline[i]:
                rows.append([level if j == i else v for j, v in enumerate(baseline)])
    DESIGN_POINTS.check(len(rows), f"design 'oat' with {len(rows):,} design points")
    points = _frame(names, rows)
    return Design("oat", factors, points, points.copy(), None, {})


# --------------------------------------------------------------------------- sampling designs
def sampling_design(kind: str, factors: Sequence[Factor], samples: int, seed: int) -> Design:
    """A Latin hypercube, Sobol' (Saltelli) or Morris design drawn by SALib.

    Args:
        kind: ``lhs``, ``sobol`` or ``morris``.
        factors: ranges ``lo:hi`` (at least one).
        samples: base sample size (see :func:`build_design`).
        seed: non-negative integer seed.

    Returns:
        The design; :attr:`Design.raw` holds SALib's floats, :attr:`Design.points` the
        canonical values (integers rounded).

    Raises:
        ParameterError: for no factors, a list or ``lo:hi:n`` factor, a bad sample size or seed.
    """
    factors = check_factors(factors)
    if not factors:
        raise ParameterError(
            f"design '{kind}' needs at least one factor to sample: --vary key=lo:hi"
        )
    for factor in factors:
        _check_sampled(kind, factor)
    samples = _check_samples(kind, samples)
    _check_sampled_size(kind, samples, len(factors))
    seed = _check_seed(seed)
    problem = {
        "num_vars": len(factors),
        "names": [f.name for f in factors],
        "bounds": [[float(f.low), float(f.high)] for f in factors],
    }
    matrix, options = _sample(kind, problem, samples, seed)
    raw = pd.DataFrame(matrix, columns=problem["names"], dtype="float64")
    points = _frame(
        problem["names"],
        [[_sampled_value(f, x) for f, x in zip(factors, row, strict=True)] for row in matrix],
    )
    return Design(kind, factors, points, raw, problem, options)


def _check_sampled(kind: str, factor: Factor) -> None:
    """Refuse a factor that a sampling design cannot draw from."""
    name = factor.name
    if not lookup(name).kind.ranged:
        raise ParameterError(
            f"parameter '{name}' takes {lookup(name).allowed()} and cannot be sampled by "
            f"design '{kind}'; vary it with --design grid, or fix it with --set {name}=..."
        )
    if not factor.is_range:
        raise ParameterError(
            f"parameter '{name}': design '{kind}' samples ranges, not value lists; give "
            f"{name}=lo:hi, or use --design grid for explicit values"
        )
    if factor.n is not None:
        raise ParameterError(
            f"parameter '{name}': lo:hi:n sets grid levels, but design '{kind}' draws "
            f"--samples points; give {name}={factor.low:g}:{factor.high:g}"
        )


def _check_samples(kind: str, samples: Any) -> int:
    """The sample size: a positive integer (morris >= 2, sobol a power of 2)."""
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer):
        raise ParameterError(f"--samples {samples!r} is not an integer; design '{kind}' needs one")
    samples = int(samples)
    least = 2 if kind == "morris" else 1
    if samples < least:
        what = "trajectories" if kind == "morris" else "samples"
        raise ParameterError(
            f"--samples {samples} is too small; design '{kind}' needs at least {least} {what}"
        )
    if kind == "sobol" and samples & (samples - 1):
        below = 1 << (samples.bit_length() - 1)
        raise ParameterError(
            f"--samples {samples} is not a power of 2, which the sobol design needs; "
            f"use {below} or {below * 2}"
        )
    return samples


def _check_sampled_size(kind: str, samples: int, factors: int) -> None:
    """Refuse, before SALib draws it, a design with more than ``DESIGN_POINTS`` points."""
    extra = {"lhs": None, "sobol": 2, "morris": 1}[kind]
    if extra is None:
        DESIGN_POINTS.check(samples, f"design 'lhs' with --samples {samples:,}")
        return
    size = samples * (factors + extra)
    DESIGN_POINTS.check(
        size,
        f"design '{kind}' with --samples {samples:,} and {factors} factor(s) "
        f"({samples:,} x ({factors} + {extra}) = {size:,} design points)",
    )


def _check_seed(seed: Any) -> int:
    """The seed: a non-negative integer."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ParameterError(f"--seed {seed!r} is not allowed; use a non-negative integer")
    return int(seed)


def _sample(
    kind: str, problem: dict[str, Any], samples: int, seed: int
) -> tuple[np.ndarray, dict[str, Any]]:
    """SALib's sample matrix and the options that determine it."""
    options: dict[str, Any] = {"samples": samples, "seed": seed}
    problem = copy.deepcopy(problem)  # SALib adds keys (groups, sample_scaled) to its argument
    if kind == "lhs":
        return latin.sample(problem, samples, seed=seed), options
    if kind == "sobol":
        options |= {"calc_second_order": False, "scramble": True}
        matrix = sobol.sample(problem, samples, calc_second_order=False, scramble=True, seed=seed)
        return matrix, options
    options["num_levels"] = MORRIS_LEVELS
    return morris.sample(problem, samples, num_levels=MORRIS_LEVELS, seed=seed), options


def _sampled_value(factor: Factor, x: float) -> Any:
    """A drawn float as a canonical value: clipped to the range, integers rounded."""
    spec = lookup(factor.name)
    return spec.sample_level(min(max(float(x), float(factor.low)), float(factor.high)))


# --------------------------------------------------------------------------- csv designs
def csv_design(path: str | Path) -> Design:
    """The design points of a user's CSV file.

    Columns are parameter names or their CSV columns as ``runs.csv`` and ``design.csv`` write
    them (``pakistan_pressure_set``, ``mech_<name>``); a ``design_point`` column is ignored.
    Empty fields mean ``auto`` or ``none`` where the parameter allows it.

    Args:
        path: the CSV file.

    Returns:
        The design, kind ``"csv"``, without factors.

    Raises:
        ParameterError: for a missing, unreadable or empty file, an unknown or repeated
            column, or a value not allowed (naming its line and column).
    """
    path = Path(path)
    header, rows = _read_design_csv(path)
    names = _csv_columns(path, header)
    keep = [i for i, column in enumerate(header) if column.strip() != "design_point"]
    values = [
        [_csv_value(path, line, name, cells[i]) for name, i in zip(names, keep, strict=True)]
        for line, cells in rows
    ]
    points = _frame(names, values)
    options = {"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    return Design("csv", (), points, points.copy(), None, options)


def _read_design_csv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the rows (with their line numbers) of a design file, as text.

    Blank lines are skipped. Refuses missing, unreadable and empty files, rows whose number
    of fields differs from the header's, and more than ``DESIGN_POINTS`` rows (reading stops
    at the first row over the limit).
    """
    if not path.exists():
        raise ParameterError(f"design file '{path}' does not exist; use --design csv:FILE")
    if not path.is_file():
        kind = "a directory" if path.is_dir() else "not a regular file"
        raise ParameterError(f"design file '{path}' is {kind}; --design csv:FILE needs a CSV file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle, strict=True)
            rows = ((reader.line_num, row) for row in reader if row)
            lines = list(itertools.islice(rows, DESIGN_POINTS.value + 2))  # header, one too many
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ParameterError(f"cannot read design file '{path}': {exc}") from None
    if not lines:
        raise ParameterError(
            f"design file '{path}' is empty; it needs a header of parameter names and one row "
            f"per design point"
        )
    (_, header), rows = lines[0], lines[1:]
    DESIGN_POINTS.check(
        len(rows), f"design file '{path}' with more than {DESIGN_POINTS.value:,} rows"
    )
    if not rows:
        raise ParameterError(
            f"design file '{path}' has no design points; add one row per design point below "
            f"the header"
        )
    for line, cells in rows:
        if len(cells) != len(header):
            raise ParameterError(
                f"cannot read design file '{path}': line {line} has {len(cells)} fields, "
                f"the header has {len(header)}"
            )
    return header, rows


def _csv_columns(path: Path, columns: list[str]) -> list[str]:
    """Parameter names of the file's columns (``design_point`` left out), checked."""
    names: list[str] = []
    for column in (c.strip() for c in columns):
        if column == "design_point":
            continue
        spec = PARAMETERS_BY_COLUMN.get(column)
        name = column if spec is None else spec.name
        try:
            lookup(name)
        except ParameterError as exc:
            raise ParameterError(f"design file '{path}': column '{column}': {exc}") from None
        if name in names:
            raise ParameterError(
                f"design file '{path}': parameter '{name}' has two columns; keep one"
            )
        names.append(name)
    if not names:
        raise ParameterError(f"design file '{path}' has no parameter columns")
    return names


def _csv_value(path: Path, line: int, name: str, text: str) -> Any:
    """One cell of a design file as a canonical value; empty = auto/none where allowed."""
    spec = lookup(name)
    where = f"design file '{path}', line {line}, column '{name}'"
    if not text.strip():
        if spec.kind.accepts_blank:
            return spec.kind.blank
        raise ParameterError(f"{where}: empty value is not allowed; use {spec.allowed()}")
    try:
        return spec.coerce(text)
    except ParameterError as exc:
        raise ParameterError(f"{where}: {exc}") from None
