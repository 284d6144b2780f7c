"""Factors of a sweep: the varied parameters and their levels, from ``--vary`` or a TOML spec.

A :class:`Factor` is one varied parameter with explicit levels (``key=v1,v2,...``) or a range
(``key=lo:hi`` for sampling designs, ``key=lo:hi:n`` for ``n`` evenly spaced grid levels). Factors
come from the command line (:func:`parse_vary`) or from a TOML spec (:func:`factor_from_toml`);
:mod:`ceasefire.batch.sweep.designs` turns them into design points. Every bad input raises
:class:`~ceasefire.model.parameters.ParameterError` with one line that names the problem and what
is allowed, before any run starts.

Decisions:

- A value listed twice in one factor, or a parameter varied twice, is refused (it would
  duplicate design points and weight them twice). Repeats are found with a set, in linear time;
  canonical values compare as before (``0.5`` and ``"0.50"`` are the same level).
- A factor has at most ``LEVELS`` levels (:mod:`ceasefire.batch.sweep.limits`), checked before
  the levels are built.
- Grid levels of integer and week parameters are rounded to the nearest integer; float levels
  are cleaned of binary noise (``0.30000000000000004`` becomes ``0.3``); both are the kind's
  :meth:`~ceasefire.model.kinds.Kind.grid_level`. ``choice`` parameters (``map``) take no range.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from ceasefire.batch.sweep.limits import LEVELS
from ceasefire.model.parameters import (
    Parameter,
    ParameterError,
    lookup,
    parse_decimal,
    parse_integer,
)

VARY_HELP = "key=v1,v2,... or key=lo:hi[:n]"
_RANGE_KEYS = ("low", "high", "n")


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
        values = None if self.values is None else [json_value(v) for v in self.values]
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


def json_value(value: Any) -> Any:
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
    if not spec.kind.ranged:
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


def as_int(value: Any) -> int | None:
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
    count = None if isinstance(n, float | np.floating) else as_int(n)
    if count is None or count < 1:
        raise ParameterError(
            f"parameter '{spec.name}': number of levels {n!r} is not allowed; "
            f"use {spec.name}=lo:hi:n with n an integer >= 1"
        )
    return LEVELS.check(count, f"parameter '{spec.name}': {count:,} levels")


def _linspace(spec: Parameter, low: float, high: float, n: int) -> tuple[Any, ...]:
    """``n`` evenly spaced canonical levels over ``low..high``; integers rounded, deduplicated.

    Levels that round to the same value (integers, or floats equal once cleaned of binary noise,
    :meth:`~ceasefire.model.kinds.Kind.grid_level`) are kept once, in order (``dict.fromkeys``:
    linear time).
    """
    levels = (spec.grid_level(x, low, high) for x in np.linspace(float(low), float(high), n))
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
