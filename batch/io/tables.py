"""The table registry: every output table declared once, and where a sweep's tables live.

A :class:`Table` says everything about one CSV file the package writes: its name (the path
stem, ``plots/`` included), its columns (type, unit, description, rounding), its primary key,
what one row is, which command writes it. The writers, ``datapackage.json``, the codebook
(``docs/codebook.md``) and the R and Stata readers all read these declarations, so adding a
table is one :func:`register` call.

Who declares what (the layers of README "Layout" decide it):

* the tables of a run and a sweep (``runs``, ``steps``, ``events``, ``cells``, ``design``,
  ``lever_changes``) are declared here, from the model's column declarations
  (:mod:`ceasefire.model.outputs`);
* the derived tables are declared by the code that writes them, which registers them when it is
  imported: ``plot``, ``analyze`` and ``compare`` in :mod:`ceasefire.batch.analysis.tables`,
  ``validate`` and ``ablate`` in :mod:`ceasefire.batch.validation.tables`.

This layer cannot import those (they import it), so the whole catalogue is assembled above
them, in :mod:`ceasefire.batch.cli.catalogue`, which the codebook generator and the readers
use. Functions here and in :mod:`ceasefire.batch.io.datapackage` that look tables up by name
see what has been registered so far: a writer's own tables always (it imports them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ceasefire.model.outputs import (
    CELL_COLUMNS,
    DESIGN_COLUMNS,
    DISTRICT_FALL_COLUMNS,
    DISTRICT_WEEK_COLUMNS,
    EVENT_COLUMNS,
    LEVER_CHANGE_COLUMNS,
    RUN_COLUMNS,
    STEP_COLUMNS,
    Column,
)

RUNS = "runs"
"""The table with one row per run; written last for each run, it is a sweep's commit marker."""

DERIVED_DECIMALS = 6
"""Decimal places of every ``number`` column of a derived table (:func:`derived`)."""


@dataclass(frozen=True)
class Table:
    """One output table (a CSV file).

    Attributes:
        name: path stem, relative to the output folder (``plots/heatmap`` for a chart's table).
        columns: the declared columns, in file order.
        primary_key: columns that identify a row (empty: none).
        description: what the table holds, one sentence or two (codebook, data package).
        row: what one row is, in a few words (``run and week``).
        written_by: the commands that write it, in Markdown (``ceasefire sweep``).
        per_run: one of a run's tables, keyed by ``run_id`` (a foreign key into ``runs``).
    """

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    description: str
    row: str
    written_by: str
    per_run: bool = False

    def __post_init__(self) -> None:
        declared = [c.name for c in self.columns]
        unknown = [name for name in self.primary_key if name not in declared]
        if unknown:
            raise ValueError(f"{self.name}: primary key columns not declared: {unknown}")

    @property
    def path(self) -> str:
        """The file, relative to the output folder."""
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        """Column names in file order."""
        return [c.name for c in self.columns]


REGISTRY: dict[str, Table] = {}
"""Every table registered so far, by name, in the order registered."""


def register(*tables: Table) -> dict[str, Table]:
    """Add ``tables`` to :data:`REGISTRY`; returns them by name.

    Registering the same declaration again (a module imported twice) is harmless.

    Raises:
        ValueError: for a name registered with a different declaration.
    """
    for table in tables:
        known = REGISTRY.setdefault(table.name, table)
        if known != table:
            raise ValueError(f"table '{table.name}' is declared twice, differently")
    return {table.name: table for table in tables}


def lookup(name: str, tables: Mapping[str, Table] | None = None) -> Table:
    """The table called ``name`` in ``tables`` (default: :data:`REGISTRY`).

    Raises:
        ValueError: for an unknown table, listing the known ones.
    """
    tables = REGISTRY if tables is None else tables
    try:
        return tables[name]
    except KeyError:
        known = ", ".join(tables)
        raise ValueError(f"unknown table '{name}'; known tables: {known}") from None


def derived(columns: Iterable[Column]) -> tuple[Column, ...]:
    """``columns`` with :data:`DERIVED_DECIMALS` declared for their ``number`` columns."""
    return tuple(
        replace(c, decimals=DERIVED_DECIMALS) if c.type == "number" else c for c in columns
    )


def with_interval(name: str, unit: str, description: str) -> tuple[Column, ...]:
    """A mean over runs and the bounds of its 95% interval (``name``, ``_low``, ``_high``)."""
    return (
        Column(name, "number", unit, description),
        Column(f"{name}_low", "number", unit, f"Lower bound of the 95% interval of {name}"),
        Column(f"{name}_high", "number", unit, f"Upper bound of the 95% interval of {name}"),
    )


def table_path(out_dir: Path, table: str) -> Path:
    """Path of ``table``'s CSV in a sweep directory."""
    return out_dir / f"{table}.csv"


# ----------------------------------------------------------------------- a run's and a sweep's
_RUN_TABLES = register(
    Table(
        RUNS,
        RUN_COLUMNS,
        ("run_id",),
        "One row per run of a sweep or a comparison: scenario, design point, replication, "
        "seed, every parameter at the start, the run's summaries, status and error message.",
        "run",
        "`ceasefire sweep`, `ceasefire compare`",
    ),
    Table(
        "steps",
        STEP_COLUMNS,
        ("run_id", "step"),
        "One row per run and week (tidy panel): state of the war and the levers in force.",
        "run and week",
        "`ceasefire run`, `ceasefire sweep`",
        per_run=True,
    ),
    Table(
        "events",
        EVENT_COLUMNS,
        ("run_id", "event_id"),
        "One row per violent event, shaped like UCDP GED (state-based and one-sided violence).",
        "violent event",
        "`ceasefire run`, `ceasefire sweep` when chosen with `--outputs`",
        per_run=True,
    ),
    Table(
        "cells",
        CELL_COLUMNS,
        ("run_id", "month_id", "priogrid_gid"),
        "One row per run, month and Afghan PRIO-GRID cell, keyed like ViEWS (pgm level); cells "
        "and months without events are included with zeros. A model week that straddles two "
        "months is split between them by days (k of its 7 days in a month: k/7 of its events "
        "and deaths), so counts are expected values; days_covered says how many days of the "
        "month were simulated (the first and last months are partial).",
        "run, month and Afghan PRIO-GRID cell",
        "`ceasefire run`, `ceasefire sweep` when chosen with `--outputs`",
        per_run=True,
    ),
    Table(
        "district_weeks",
        DISTRICT_WEEK_COLUMNS,
        ("run_id", "step", "district_id"),
        "One row per run, week and district of the 398 in model/data/districts.csv (a tidy "
        "panel): who holds the district centre, how and when it fell, its garrison's "
        "strength, morale, supply and pay arrears, the threat, isolation and cascade it "
        "faces, its deal hazard and whether its province's power-broker is loyal.",
        "run, week and district",
        "`ceasefire run`, `ceasefire sweep` when chosen with `--outputs`",
        per_run=True,
    ),
    Table(
        "district_falls",
        DISTRICT_FALL_COLUMNS,
        ("run_id", "district_id"),
        "One row per run and district of the 398 in model/data/districts.csv: the week and "
        "the way the government lost the district centre (the chronology of the offensive).",
        "run and district",
        "`ceasefire run`, `ceasefire sweep` when chosen with `--outputs`",
        per_run=True,
    ),
    Table(
        "design",
        DESIGN_COLUMNS,
        ("design_point",),
        "One row per design point of a sweep: design_point, then one column per varied "
        "parameter (only those, in the order of the factors), with the values as sampled.",
        "design point",
        "`ceasefire sweep`",
    ),
)

LEVER_CHANGES = register(
    Table(
        "lever_changes",
        derived(LEVER_CHANGE_COLUMNS),
        ("step", "lever"),
        "One row per lever change of a dashboard run (in the download), with the first week "
        "in which the new value is in force; run.json holds the same log.",
        "lever change",
        "the dashboard's *Download run* (`ceasefire viz`)",
    )
)["lever_changes"]
"""The lever-change log of a dashboard run (its download), written like a derived table."""

RUN_TABLES: dict[str, Table] = {**_RUN_TABLES, LEVER_CHANGES.name: LEVER_CHANGES}
"""The tables declared in this layer: a run's and a sweep's, and the dashboard's lever log."""
