"""A documented output column, and the columns of the model's parameters.

:class:`Column` is how every table of the project declares a column (name, type, unit, meaning,
rounding, plain label); the tables themselves are declared in :mod:`ceasefire.model.outputs`
(a run's tables), :mod:`ceasefire.model.step_columns` (``steps.csv``) and by the code in
``batch/`` that writes derived tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ceasefire.model.parameters import PARAMETERS, PARAMETERS_BY_NAME, Parameter, lookup


@dataclass(frozen=True)
class Column:
    """One documented output column.

    Attributes:
        name: column name.
        type: Frictionless Table Schema type (integer, number, string, date, boolean).
        unit: unit of measurement (``1`` for dimensionless, ``-`` for identifiers and labels).
        description: what the column holds.
        values: allowed values, when the column is categorical.
        decimals: decimal places the writer rounds a ``number`` column to (``None``: not
            rounded, written as the shortest text that reads back to the same double).
        label: plain label for people who have not read the codebook (the dashboard's run
            summary); empty for columns no screen shows.
    """

    name: str
    type: str
    unit: str
    description: str
    values: tuple = ()
    decimals: int | None = None
    label: str = ""


def csv_name(parameter: str) -> str:
    """Column name of a parameter: its own name, ``pakistan_pressure_set`` for the setting.

    The column ``pakistan_pressure`` holds the pressure actually in force; a mechanism switch
    ``mechanisms.<name>`` is written as ``mech_<name>`` (:meth:`Parameter.column`). A name that
    is no parameter is its own column.
    """
    spec = PARAMETERS_BY_NAME.get(parameter)
    return parameter if spec is None else spec.column


def csv_row(values: Mapping[str, Any]) -> dict[str, Any]:
    """Parameter values as written to CSV, by column name.

    Empty (``None``) for ``auto`` and ``none``, 0/1 for switches (:meth:`Parameter.csv_value`).
    """
    return {lookup(name).column: lookup(name).csv_value(value) for name, value in values.items()}


def parameter_column(spec: Parameter, role: str) -> Column:
    """The documented column of parameter ``spec``; ``role`` starts the description."""
    kind = spec.kind
    description = f"{role}: {spec.description}{kind.note}"
    return Column(spec.column, kind.schema_type, spec.unit, description, kind.values(spec))


LEVER_COLUMNS = tuple(parameter_column(p, "Lever in force") for p in PARAMETERS if p.lever)
PARAMETER_COLUMNS = tuple(parameter_column(p, "Parameter at the start") for p in PARAMETERS)
