"""Experimental designs of a sweep: which parameter values each design point runs.

A :class:`Design` is a table of design points (rows) by varied parameters (columns). Five kinds
are built by :func:`build_design`:

- ``grid``: the full factorial of every factor's levels (an explicit list, or ``lo:hi:n``
  evenly spaced levels). Without factors it has one design point with no overrides.
- ``lhs``: a Latin hypercube of ``samples`` points over the factors' ``lo:hi`` ranges (SALib).
- ``sobol``: Saltelli's extension of the Sobol' sequence for first- and total-order Sobol'
  indices, ``samples * (D + 2)`` points for ``D`` factors (SALib, no second-order indices).
  ``samples`` must be a power of 2.
- ``morris``: ``samples`` Morris trajectories on a 4-level grid, ``samples * (D + 1)`` points.
- ``csv:PATH``: the rows of a user's CSV file, whose columns are parameter names.

Factors come from the command line (:func:`parse_vary`, ``--vary key=...``) or from a TOML spec
(:func:`factor_from_toml`). Every bad input raises
:class:`~ceasefire.model.parameters.ParameterError` with one line that names the problem and what
is allowed, before any run starts.

Decisions:

- Sampling designs (lhs, sobol, morris) take ranges ``lo:hi`` only. A ``lo:hi:n`` range is
  refused there, because ``n`` sets grid levels and would be silently ignored; value lists and
  ``choice`` parameters (``map``) need ``--design grid``.
- A grid needs levels: ``lo:hi`` without ``n`` is refused for a grid.
- A value listed twice in one factor, or a parameter varied twice, is refused (it would
  duplicate design points and weight them twice). Repeats are found with a set, in linear time;
  canonical values compare as before (``0.5`` and ``"0.50"`` are the same level).
- Sizes have limits (:mod:`ceasefire.batch.sweep.limits`): at most ``LEVELS`` levels per factor and
  ``DESIGN_POINTS`` design points, checked before a design is built or a design file is read
  to the end.
- Integer and week parameters are sampled as floats over ``lo:hi`` and rounded to the nearest
  integer in :attr:`Design.points`; :attr:`Design.raw` keeps the floats SALib drew (the
  sensitivity analysis uses them). Float grid levels are cleaned of binary noise
  (``0.30000000000000004`` becomes ``0.3``).
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
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from SALib.sample import latin, morris, sobol

from ceasefire.batch.sweep.limits import DESIGN_POINTS, LEVELS
from ceasefire.model.outputs import csv_name
from ceasefire.model.parameters import (
    AUTO,
    Parameter,
    ParameterError,
    lookup,
    parse_decimal,
    parse_integer,
)

DESIGN_KINDS: tuple[str, ...] = ("grid", "lhs", "sobol", "morris")
"""Design kinds by name; ``csv:PATH`` reads a user's design file besides these."""

SAMPLING_KINDS: tuple[str, ...] = ("lhs", "sobol", "morris")
"""Designs whose points SALib draws from the factors' ranges."""

MORRIS_LEVELS = 4
"""Number of grid levels of Morris trajectories (sampling and analysis)."""

KINDS_HELP = "grid, lhs, sobol, morris or csv:FILE"
VARY_HELP = "key=v1,v2,... or key=lo:hi[:n]"
_RANGE_KEYS = ("low", "high", "n")


# --------------------------------------------------------------------------- factors
@dataclass(frozen=True)
class Factor:
    """One varied parameter: explicit levels, or a range.

    Either ``values`` is given, or ``low`` and ``high`` (with ``n`` levels for a grid). The
    constructor checks the factor against the parameter's declaration and stores canonical
    values (``Parameter.coerce``), so ``Factor("fatf_offer", values=("0.5",))`` holds ``0.5``.

    Attributes:
        name: parameter name.
        values: explicit levels, in the order given.
        low: low end of the range.
        high: high end of the range.
        n: number of evenly spaced grid levels over ``low..high`` (grid designs only).

    Raises:
        ParameterError: for an unknown parameter or any value the parameter does not allow.
    """

    name: str
    values: tuple[Any, ...] | None = None
    low: float | None = None
    high: float | None = None
    n: int | None = None

    def __post_init__(self) -> None:
        spec = lookup(self.name)
        if self.values is not None:
            if any(v is not None for v in (self.low, self.high, self.n)):
                raise ParameterError(
                    f"parameter '{self.name}': give either a list of values or a range "
                    f"low:high[:n], not both"
                )
            object.__setattr__(self, "values", _coerce_values(spec, self.values))
            return
        if self.low is None or self.high is None:
            raise ParameterError(
                f"parameter '{self.name}': give a list of values or both ends of a range; "
                f"use {VARY_HELP}"
            )
        low, high = _bounds(spec, self.low, self.high)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)
        object.__setattr__(self, "n", _levels_count(spec, self.n))

    @property
    def is_range(self) -> bool:
        """Whether the factor is a range ``low:high[:n]`` rather than a list of values."""
        return self.values is None

    def levels(self) -> tuple[Any, ...]:
        """The factor's grid levels, canonical values in order.

        Raises:
            ParameterError: for a range without a number of levels.
        """
        if self.values is not None:
            return self.values
        if self.n is None:
            raise ParameterError(
                f"parameter '{self.name}': a grid needs levels; give {self.name}="
                f"{self.low:g}:{self.high:g}:n or a list {self.name}=v1,v2,..."
            )
        return _linspace(lookup(self.name), self.low, self.high, self.n)

    def to_json(self) -> dict[str, Any]:
        """The factor as a JSON-serialisable dict (keys as the dataclass fields)."""
        values = None if self.values is None else [_json_value(v) for v in self.values]
        return {
            "name": self.name,
            "values": values,
            "low": self.low,
            "high": self.high,
            "n": self.n,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Factor:
        """Rebuild a factor from :meth:`to_json` output.

        Raises:
            ParameterError: for unknown keys, a missing name, or values not allowed.
        """
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown or "name" not in data:
            raise ParameterError(
                f"a factor needs 'name' and may have {', '.join(sorted(known - {'name'}))}; "
                f"got {', '.join(map(str, data))}"
            )
        values = data.get("values")
        return cls(
            name=data["name"],
            values=None if values is None else tuple(values),
            low=data.get("low"),
            high=data.get("high"),
            n=data.get("n"),
        )


def _json_value(value: Any) -> Any:
    """A canonical value as plain JSON (numpy scalars to Python)."""
    return value.item() if isinstance(value, np.generic) else value


def _is_blank(value: Any) -> bool:
    return isinstance(value, str) and not value.strip()


def _coerce_values(spec: Parameter, raw: Any) -> tuple[Any, ...]:
    """Check and convert a list of levels; refuse an empty list, blanks and repeats."""
    if isinstance(raw, str | bytes) or not isinstance(raw, Sequence):
        raw = (raw,)
    if len(raw) == 0:
        raise ParameterError(
            f"parameter '{spec.name}': the list of values is empty; use {spec.name}=v1,v2,..."
        )
    LEVELS.check(len(raw), f"parameter '{spec.name}': {len(raw):,} levels")
    values: list[Any] = []
    seen: set[Any] = set()
    for item in raw:
        if _is_blank(item):
            raise ParameterError(
                f"parameter '{spec.name}': empty value in the list; use {spec.name}=v1,v2,... "
                f"with each value {spec.allowed()}"
            )
        value = spec.coerce(item)
        if value in seen:
            raise ParameterError(
                f"parameter '{spec.name}': value {item!r} is listed twice; list each level once"
            )
        seen.add(value)
        values.append(value)
    return tuple(values)


def _bound(spec: Parameter, value: Any) -> float | int:
    """One end of a range: a number within the parameter's range."""
    if spec.kind == "choice":
        raise ParameterError(
            f"parameter '{spec.name}' takes {spec.allowed()}, not a range; list the values "
            f"({spec.name}={','.join(spec.choices)}) and use --design grid"
        )
    number = value.strip() if isinstance(value, str) else value
    try:
        parse_decimal(number) if isinstance(number, str) else float(number)
    except (TypeError, ValueError):
        raise ParameterError(
            f"parameter '{spec.name}': range bound {value!r} is not a number; "
            f"use {spec.name}=lo:hi[:n] with numbers {spec.low:g}..{spec.high:g}"
        ) from None
    return spec.coerce(number)


def _bounds(spec: Parameter, low: Any, high: Any) -> tuple[float | int, float | int]:
    """Both ends of a range, checked: numbers within the parameter's range and low < high."""
    lo, hi = _bound(spec, low), _bound(spec, high)
    if not lo < hi:
        raise ParameterError(
            f"parameter '{spec.name}': range {lo:g}:{hi:g} is empty or inverted; "
            f"the low end must be below the high end (within {spec.low:g}..{spec.high:g})"
        )
    return lo, hi


def _as_int(value: Any) -> int | None:
    """``value`` as an integer, or ``None`` when it is not a whole number."""
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return parse_integer(value)
        except ValueError:
            return None
    return None


def _levels_count(spec: Parameter, n: Any) -> int | None:
    """The number of grid levels of a range: an integer >= 1 (not ``3.0``), or ``None``."""
    if n is None:
        return None
    count = None if isinstance(n, float | np.floating) else _as_int(n)
    if count is None or count < 1:
        raise ParameterError(
            f"parameter '{spec.name}': number of levels {n!r} is not allowed; "
            f"use {spec.name}=lo:hi:n with n an integer >= 1"
        )
    return LEVELS.check(count, f"parameter '{spec.name}': {count:,} levels")


def _clean_float(value: float) -> float:
    """Remove binary noise from an evenly spaced level (``0.30000000000000004`` -> ``0.3``)."""
    return float(f"{value:.12g}")


def _linspace(spec: Parameter, low: float, high: float, n: int) -> tuple[Any, ...]:
    """``n`` evenly spaced canonical levels over ``low..high``; integers rounded, deduplicated.

    Levels that round to the same value (integers, or floats equal after :func:`_clean_float`)
    are kept once, in order (``dict.fromkeys``: linear time).
    """
    levels = []
    for x in np.linspace(float(low), float(high), n):
        if spec.kind in ("int", "week"):
            value = int(np.rint(x))
        else:
            value = min(max(_clean_float(float(x)), low), high)
        levels.append(spec.coerce(value))
    return tuple(dict.fromkeys(levels))


# --------------------------------------------------------------------------- parsing
def parse_vary(text: str) -> Factor:
    """Parse one ``--vary`` argument.

    Forms: ``key=v1,v2,...`` (explicit levels; ``none``/``auto`` where the parameter allows),
    ``key=lo:hi`` (a range for sampling designs) and ``key=lo:hi:n`` (``n`` evenly spaced grid
    levels). A single value ``key=v`` is a list of one level.

    Args:
        text: the argument, e.g. ``"fatf_offer=0,0.5,1"``.

    Returns:
        The factor, with canonical values.

    Raises:
        ParameterError: for a missing ``=``, an unknown parameter, an empty list, non-numeric
            bounds, an empty or inverted range, ``n < 1``, or values out of range.
    """
    key, sep, rest = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise ParameterError(f"'{text}' is not of the form {VARY_HELP}")
    lookup(key)
    return _factor_from_text(key, rest)


def _factor_from_text(name: str, text: str) -> Factor:
    """The factor ``name`` from the text after ``=``: a list or a range."""
    text = text.strip()
    if not text:
        raise ParameterError(
            f"parameter '{name}': no values given; use {name}=v1,v2,... or {name}=lo:hi[:n]"
        )
    if ":" in text and "," in text:
        raise ParameterError(
            f"parameter '{name}': '{text}' mixes a list and a range; use {name}=v1,v2,... "
            f"or {name}=lo:hi[:n]"
        )
    if ":" not in text:
        return Factor(name, values=tuple(text.split(",")))
    parts = text.split(":")
    if len(parts) > 3:
        raise ParameterError(f"parameter '{name}': '{text}' is not a range; use {name}=lo:hi[:n]")
    n = parts[2] if len(parts) == 3 else None
    return Factor(name, low=parts[0], high=parts[1], n=n)


def factor_from_toml(name: str, value: Any) -> Factor:
    """A factor from one entry of a TOML spec's table of varied parameters.

    Accepted forms: a list of values (``fatf_offer = [0, 0.5, 1]``), a string as after ``=`` in
    ``--vary`` (``"0:1:5"``, ``"0:1"``, ``"0,0.5"``), a table (``{low = 0, high = 1, n = 5}``
    or ``{values = [0, 1]}``), or a single number or string (one level).

    Args:
        name: the parameter name (the TOML key).
        value: the TOML value.

    Returns:
        The factor, with canonical values.

    Raises:
        ParameterError: for an unknown parameter, an unknown table key or any bad value.
    """
    lookup(name)
    if isinstance(value, str):
        return _factor_from_text(name, value)
    if isinstance(value, list | tuple):
        return Factor(name, values=tuple(value))
    if isinstance(value, dict):
        return _factor_from_table(name, value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Factor(name, values=(value,))
    raise ParameterError(
        f"parameter '{name}': {value!r} is not a list, a string lo:hi[:n] or a table "
        f"{{low = ..., high = ..., n = ...}}"
    )


def _factor_from_table(name: str, table: dict[str, Any]) -> Factor:
    """A factor from a TOML table ``{low, high[, n]}`` or ``{values}``."""
    allowed = {*_RANGE_KEYS, "values"}
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ParameterError(
            f"parameter '{name}': unknown key(s) {', '.join(unknown)} in its table; "
            f"use {{low = ..., high = ..., n = ...}} or {{values = [...]}}"
        )
    if "values" in table:
        if any(key in table for key in _RANGE_KEYS):
            raise ParameterError(
                f"parameter '{name}': give either values or low/high/n in its table, not both"
            )
        values = table["values"]
        return Factor(name, values=tuple(values) if isinstance(values, list) else values)
    if "low" not in table or "high" not in table:
        raise ParameterError(
            f"parameter '{name}': a range table needs both low and high, e.g. "
            f"{{low = 0, high = 1, n = 5}}"
        )
    return Factor(name, low=table["low"], high=table["high"], n=table.get("n"))


# --------------------------------------------------------------------------- designs
@dataclass(frozen=True, eq=False)
class Design:
    """The design points of a sweep.

    Compared by identity (``eq=False``): its tables are data frames.

    Attributes:
        kind: ``"grid"``, ``"lhs"``, ``"sobol"``, ``"morris"`` or ``"csv"``.
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
        index = None if isinstance(point, bool) else _as_int(point)
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
    value = _json_value(value)
    if _is_missing(value):
        return AUTO if spec.kind == "pressure" else None
    if spec.kind in ("int", "week"):
        return int(value)
    if spec.kind == "choice":
        return str(value)
    return float(value)


def _column(spec: Parameter, values: Sequence[Any]) -> pd.Series:
    """A column of :attr:`Design.points`: CSV-style values with a fitting dtype."""
    cells = [None if v is None or v == AUTO else v for v in values]
    if spec.kind == "choice" or any(v is None for v in cells):
        return pd.Series(cells, dtype=object)
    if spec.kind in ("int", "week"):
        return pd.Series(cells, dtype="int64")
    return pd.Series(cells, dtype="float64")


def _frame(names: Sequence[str], rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """The points table of ``rows`` (one value per name), ``RangeIndex`` 0..P-1."""
    columns = {
        name: _column(lookup(name), [row[i] for row in rows]) for i, name in enumerate(names)
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def build_design(kind: str, factors: Sequence[Factor], samples: int, seed: int) -> Design:
    """Build the design points of a sweep.

    Args:
        kind: ``grid``, ``lhs``, ``sobol``, ``morris`` or ``csv:PATH``.
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


def check_factors(factors: Sequence[Factor]) -> tuple[Factor, ...]:
    """The factors as a tuple; refuse non-factors and a parameter varied twice."""
    seen: set[str] = set()
    for factor in factors:
        if not isinstance(factor, Factor):
            raise ParameterError(f"{factor!r} is not a factor; use --vary {VARY_HELP}")
        if factor.name in seen:
            raise ParameterError(
                f"parameter '{factor.name}' is varied twice; give it once with all its levels"
            )
        seen.add(factor.name)
    return tuple(factors)


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
    if lookup(name).kind == "choice":
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
    x = min(max(float(x), float(factor.low)), float(factor.high))
    if spec.kind in ("int", "week"):
        return spec.coerce(int(np.rint(x)))
    return spec.coerce(x)


# --------------------------------------------------------------------------- csv designs
def csv_design(path: str | Path) -> Design:
    """The design points of a user's CSV file.

    Columns are parameter names (``pakistan_pressure_set`` is accepted for
    ``pakistan_pressure``; a ``design_point`` column is ignored). Empty fields mean ``auto`` or
    ``none`` where the parameter allows it.

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
        name = "pakistan_pressure" if column == csv_name("pakistan_pressure") else column
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
        if spec.kind == "pressure":
            return AUTO
        if spec.kind == "week":
            return None
        raise ParameterError(f"{where}: empty value is not allowed; use {spec.allowed()}")
    try:
        return spec.coerce(text)
    except ParameterError as exc:
        raise ParameterError(f"{where}: {exc}") from None
