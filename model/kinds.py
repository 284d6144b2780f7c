"""Kinds of parameter values: how each kind is typed, checked, written, varied and shown.

Every :class:`~ceasefire.model.parameters.Parameter` has a kind (``float``, ``int``, ``week``,
``pressure``, ``choice`` or ``switch``). The kind owns everything that depends on it, so that no
other module asks which kind a parameter is:

- reading a value (:meth:`Kind.parse`) and saying what is allowed (:meth:`Kind.allowed`);
- its CSV column: name (:meth:`Kind.column`), value (:meth:`Kind.csv_value`), Frictionless
  type (:attr:`Kind.schema_type`, :attr:`Kind.design_type`) and allowed values;
- its levels in a design (:meth:`Kind.grid_level`, :meth:`Kind.sample_level`,
  :meth:`Kind.from_cell`, what an empty cell means);
- the dashboard control that sets it (:meth:`Kind.widget`).

A kind is a ``str`` equal to its name (``parameter.kind == "week"`` holds), so declarations,
JSON and tests read it as before. Numbers typed by users are read with :func:`parse_integer`
and :func:`parse_decimal`: ASCII digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, override

import numpy as np

from ceasefire.model.mechanisms import SWITCH_PREFIX

if TYPE_CHECKING:
    from ceasefire.model.parameters import Parameter

AUTO = "auto"
"""The value of ``pakistan_pressure`` that lets the Pakistan actor choose its pressure."""

NEVER_WORDS: tuple[Any, ...] = (None, "none", "never", "stay")
"""Values accepted for "never" (``None``) by a week parameter (US troops stay)."""

SWITCH_WORDS = {"true": True, "on": True, "1": True, "false": False, "off": False, "0": False}
"""Words accepted for a mechanism switch (and TOML/JSON booleans)."""

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]+")
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
"""Numbers as users type them: ASCII digits only (Python's ``int`` and ``float`` also take
Arabic-Indic or full-width digits and underscores, which no CSV reader does)."""


def parse_integer(text: str) -> int:
    """An integer typed by a user: ASCII digits with an optional sign (``12``, ``-3``).

    Raises:
        ValueError: naming the text, for anything else (``2.0``, ``1e1``, ``1_000``,
            Arabic-Indic digits).
    """
    if not _INTEGER_TEXT.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not an integer (ASCII digits 0-9)")
    return int(text.strip())


def parse_decimal(text: str) -> float:
    """A number typed by a user: ASCII decimal notation (``0.5``, ``-2``, ``1e-3``).

    ``-0`` becomes ``0.0``, so that no ``-0.0`` reaches an output file.

    Raises:
        ValueError: naming the text, for anything else (``nan``, ``inf``, ``1_0``,
            full-width digits).
    """
    if not _DECIMAL_TEXT.fullmatch(text.strip()):
        raise ValueError(f"{text!r} is not a number (ASCII digits 0-9)")
    return float(text.strip()) + 0.0


def _normalised(value: Any) -> Any:
    """Text stripped and in lower case; any other value as it is."""
    return value.strip().lower() if isinstance(value, str) else value


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool | np.bool_)


def _clean_float(value: float) -> float:
    """Remove binary noise from an evenly spaced level (``0.30000000000000004`` -> ``0.3``)."""
    return float(f"{value:.12g}")


@dataclass(frozen=True)
class Widget:
    """How the dashboard shows a parameter's control.

    Attributes:
        control: ``slider``, ``week`` (a week slider with "US troops stay"), ``pressure`` (a
            slider with "auto"), ``toggle`` (one button per choice) or ``checkbox``.
        step: the slider's step (sliders only).
        integer: whether the slider moves in whole numbers.
    """

    control: str
    step: float | None = None
    integer: bool = False


class Kind(str):
    """The behaviour of one kind of parameter value; subclasses set the class attributes.

    Attributes:
        name: the kind's name (the ``kind`` of a declaration).
        schema_type: Frictionless type of the parameter's column in ``runs.csv``.
        design_type: Frictionless type of its column in ``design.csv`` (unrounded levels).
        dtype: pandas dtype of its column of design points.
        ranged: whether it can be varied over a range ``lo:hi`` (and sampled).
        blank: the value an empty design cell stands for, when :attr:`accepts_blank`.
        accepts_blank: whether an empty cell of a design file is allowed.
        note: what an empty CSV field means, appended to the column's description.
        words: values that stand for a non-number, as ``(value, meaning)`` pairs (``none`` for
            a week, ``auto`` for the pressure); text is compared in lower case.
    """

    name: ClassVar[str]
    schema_type: ClassVar[str] = "number"
    design_type: ClassVar[str] = "number"
    dtype: ClassVar[str] = "float64"
    ranged: ClassVar[bool] = True
    blank: ClassVar[Any] = None
    accepts_blank: ClassVar[bool] = False
    note: ClassVar[str] = ""
    words: ClassVar[tuple[tuple[Any, Any], ...]] = ()

    def __new__(cls) -> Kind:
        """The kind: a string equal to its name."""
        return super().__new__(cls, cls.name)

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return _kind_named, (self.name,)

    def allowed(self, p: Parameter) -> str:
        """The allowed values in words, for error messages and help."""
        return f"a number {p.low:g}..{p.high:g}"

    def parse(self, p: Parameter, value: Any) -> Any:
        """``value`` (possibly text from the command line) in the kind's canonical type.

        Raises:
            ParameterError: when the value has the wrong type or lies outside the range.
        """
        text = _normalised(value)
        for word, meaning in self.words:
            if text == word:
                return meaning
        number = self._number(p, text, value)
        if not p.low <= number <= p.high:
            raise p.refusal(value)
        return number

    def _number(self, p: Parameter, text: Any, raw: Any) -> float | int:
        if _is_bool(text):
            raise p.refusal(raw)
        try:
            return parse_decimal(text) if isinstance(text, str) else float(text) + 0.0
        except (TypeError, ValueError):
            raise p.refusal(raw) from None

    def column(self, name: str) -> str:
        """The CSV column of parameter ``name``."""
        return name

    def csv_value(self, value: Any) -> Any:
        """A canonical value as written to CSV (``None`` is an empty field)."""
        return value

    def values(self, p: Parameter) -> tuple[Any, ...]:
        """The allowed values of the column, when it is categorical."""
        return ()

    def grid_level(self, p: Parameter, x: float, low: float, high: float) -> Any:
        """An evenly spaced grid level ``x`` over ``low..high`` as a canonical value."""
        return p.coerce(min(max(_clean_float(float(x)), low), high))

    def sample_level(self, p: Parameter, x: float) -> Any:
        """A value drawn by a sampling design (already within the range) as a canonical value."""
        return p.coerce(x)

    def from_cell(self, value: Any) -> Any:
        """A non-empty cell of a design's points as the model accepts it."""
        return float(value)

    def widget(self, p: Parameter) -> Widget:
        """The dashboard control of parameter ``p``."""
        return Widget("slider", 0.05 if p.lever else (p.high - p.low) / 100)


class FloatKind(Kind):
    """A real number in ``low..high``."""

    name = "float"


class IntKind(Kind):
    """An integer in ``low..high`` (``2.0`` is taken, ``2.5`` refused)."""

    name = "int"
    schema_type = "integer"
    dtype = "int64"

    @override
    def allowed(self, p: Parameter) -> str:
        return f"an integer {p.low:g}..{p.high:g}"

    def _number(self, p: Parameter, text: Any, raw: Any) -> int:
        number = super()._number(p, text, raw)
        if not number.is_integer():
            raise p.refusal(raw)
        return int(number)

    @override
    def grid_level(self, p: Parameter, x: float, low: float, high: float) -> Any:
        return p.coerce(int(np.rint(x)))

    @override
    def sample_level(self, p: Parameter, x: float) -> Any:
        return p.coerce(int(np.rint(x)))

    @override
    def from_cell(self, value: Any) -> Any:
        return int(value)

    @override
    def widget(self, p: Parameter) -> Widget:
        return Widget("slider", 1000, integer=True)


class WeekKind(IntKind):
    """A week of the run, or ``None`` (never: US troops stay); an empty CSV field is ``None``."""

    name = "week"
    accepts_blank = True
    note = "; empty = troops stay"
    words = tuple((word, None) for word in NEVER_WORDS)

    @override
    def allowed(self, p: Parameter) -> str:
        return f"an integer week {p.low:g}..{p.high:g} or 'none' (US troops stay)"

    @override
    def widget(self, p: Parameter) -> Widget:
        return Widget("week", 1, integer=True)


class PressureKind(FloatKind):
    """``"auto"`` (the Pakistan actor chooses) or a number; an empty CSV field is ``auto``.

    Its column is ``<name>_set``: the column ``<name>`` holds the value in force.
    """

    name = "pressure"
    blank = AUTO
    accepts_blank = True
    note = "; empty = auto"
    words = ((AUTO, AUTO),)

    @override
    def allowed(self, p: Parameter) -> str:
        return f"'auto' or a number {p.low:g}..{p.high:g}"

    @override
    def column(self, name: str) -> str:
        return name + "_set"

    @override
    def csv_value(self, value: Any) -> Any:
        return None if value == AUTO else value

    @override
    def widget(self, p: Parameter) -> Widget:
        return Widget("pressure", 0.05)


class ChoiceKind(Kind):
    """One of the declaration's ``choices`` (case-insensitive); never a range."""

    name = "choice"
    schema_type = "string"
    design_type = "string"
    dtype = "object"
    ranged = False

    @override
    def allowed(self, p: Parameter) -> str:
        return "one of " + ", ".join(p.choices)

    @override
    def parse(self, p: Parameter, value: Any) -> Any:
        text = _normalised(value)
        if text not in p.choices:
            raise p.refusal(value)
        return text

    @override
    def values(self, p: Parameter) -> tuple[Any, ...]:
        return p.choices

    @override
    def from_cell(self, value: Any) -> Any:
        return str(value)

    @override
    def widget(self, p: Parameter) -> Widget:
        return Widget("toggle")


class SwitchKind(Kind):
    """A mechanism on or off (:data:`SWITCH_WORDS`); written as 0/1 in column ``mech_<name>``."""

    name = "switch"
    schema_type = "boolean"
    dtype = "int64"  # design points hold 0/1, as design.csv and runs.csv write them

    @override
    def allowed(self, p: Parameter) -> str:
        return "true or false"

    @override
    def parse(self, p: Parameter, value: Any) -> bool:
        text = _normalised(value)
        if _is_bool(text):
            return bool(text)
        if text in SWITCH_WORDS:
            return SWITCH_WORDS[text]
        raise p.refusal(value)

    @override
    def column(self, name: str) -> str:
        return "mech_" + name.removeprefix(SWITCH_PREFIX)

    @override
    def csv_value(self, value: Any) -> Any:
        return int(value) if isinstance(value, bool) else value

    @override
    def values(self, p: Parameter) -> tuple[Any, ...]:
        return (0, 1)

    @override
    def from_cell(self, value: Any) -> Any:
        # 0/1 (or 0.0/1.0 from a row of mixed dtypes) is off/on; anything else is refused later
        return bool(value) if value in (0, 1) else value

    @override
    def widget(self, p: Parameter) -> Widget:
        return Widget("checkbox")


def _kind_named(name: str) -> Kind:
    """The kind called ``name`` (what a pickled kind is rebuilt from)."""
    return KINDS[name]


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (FloatKind(), IntKind(), WeekKind(), PressureKind(), ChoiceKind(), SwitchKind())
}
"""Every kind, by name."""
