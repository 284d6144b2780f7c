"""The codebook of the output files: a Frictionless Data Package and ``docs/codebook.md``.

Both are generated from the column declarations in :mod:`ceasefire.model.outputs`, the same
source the writers use, so the CSV files, ``datapackage.json`` and the Markdown codebook cannot
drift apart. :func:`undocumented_columns` finds columns that were written without a declaration.

Run ``python -m ceasefire.batch.io.codebook`` to regenerate ``docs/codebook.md``; add ``--check``
(CI) to exit with status 1 when the file is out of date instead.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ceasefire.batch.io import files
from ceasefire.model.outputs import (
    DERIVED_TABLES,
    DESIGN_COLUMNS,
    SUMMARY_COLUMNS,
    SWEEP_TABLES,
    TABLES,
    Column,
    names,
)

CODEBOOK_PATH = Path(__file__).resolve().parents[2] / "docs" / "codebook.md"
"""Where :func:`main` writes the Markdown codebook (``docs/`` of the source checkout)."""

DATAPACKAGE_NAME = "datapackage.json"

FRICTIONLESS_TYPES = frozenset({"integer", "number", "string", "date", "boolean"})
"""Table Schema types the outputs use."""

MISSING_VALUES = [""]
"""The only missing value: an empty field."""

PRIMARY_KEYS: dict[str, list[str]] = {
    "runs": ["run_id"],
    "steps": ["run_id", "step"],
    "events": ["run_id", "event_id"],
    "cells": ["run_id", "month_id", "priogrid_gid"],
    "ablation": ["arm", "quantity", "output"],
    "design": ["design_point"],
    "comparison": ["scenario"],
    "patterns": ["pattern", "statistic"],
    "lever_effects": ["contrast", "measure"],
    "event_size_fits": ["run_id"],
    "monthly_profile": ["month"],
    "lever_changes": ["step", "lever"],
    "plots/violence_vs_negotiation": [],
    "plots/lever_effects": ["factor", "level", "output"],
    "plots/timeseries": ["output", "level", "step"],
    "plots/heatmap": ["output", "level_x", "level_y"],
    "sensitivity_sobol": ["output", "parameter"],
    "sensitivity_morris": ["output", "parameter"],
}
"""Columns that identify a row of each table."""
DOCUMENTED_TABLES: dict[str, tuple[Column, ...]] = {
    **SWEEP_TABLES,
    "design": DESIGN_COLUMNS,
    **DERIVED_TABLES,
}
"""Every CSV file the package writes, keyed by its path stem (``plots/`` included): the run and
sweep tables, a sweep's design, then the derived tables. The codebook, the data packages,
:func:`read_table` and the R and Stata readers (:mod:`ceasefire.batch.io.readers`) read it."""

TABLE_DESCRIPTIONS: dict[str, str] = {
    "runs": (
        "One row per run of a sweep or a comparison: scenario, design point, replication, "
        "seed, every parameter at the start, the run's summaries, status and error message."
    ),
    "steps": "One row per run and week (tidy panel): state of the war and the levers in force.",
    "events": (
        "One row per violent event, shaped like UCDP GED (state-based and one-sided violence)."
    ),
    "cells": (
        "One row per run, month and Afghan PRIO-GRID cell, keyed like ViEWS (pgm level); cells "
        "and months without events are included with zeros. A model week that straddles two "
        "months is split between them by days (k of its 7 days in a month: k/7 of its events "
        "and deaths), so counts are expected values; days_covered says how many days of the "
        "month were simulated (the first and last months are partial)."
    ),
    "design": (
        "One row per design point of a sweep: design_point, then one column per varied "
        "parameter (only those, in the order of the factors), with the values as sampled."
    ),
    "ablation": (
        "One row per ablation arm, quantity and output: the arm's paired difference from the "
        "baseline (all mechanisms on), and for the pressure chain the effect of Pakistani "
        "pressure (fixed 1 against 0) within the arm with the share of the baseline's it removes."
    ),
    "comparison": (
        "One row per scenario of a comparison: means over its runs with 95% intervals, and the "
        "paired difference from the first scenario."
    ),
    "patterns": (
        "One row per statistic of the validation report: simulated value with its interval, "
        "the real-world reference and source, the tolerance and whether it is met."
    ),
    "lever_effects": (
        "One row per lever contrast and outcome: paired effect of moving the lever from low "
        "to high (same seeds in both arms) and its verdict against the expected sign."
    ),
    "event_size_fits": "One row per status-quo run: power-law fit of its deaths per event.",
    "monthly_profile": (
        "One row per calendar month: mean weekly fatalities of the fighting-season runs "
        "(weeks before any government collapse)."
    ),
    "lever_changes": (
        "One row per lever change of a dashboard run (in the download), with the first week "
        "in which the new value is in force; run.json holds the same log."
    ),
    "plots/violence_vs_negotiation": (
        "The numbers of the chart violence_vs_negotiation.png: one row per run, then one per "
        "level of the colour lever with the means of both axes."
    ),
    "plots/lever_effects": (
        "The numbers of lever_effects.png: one row per lever, level and output, with the "
        "mean (or share) and its 95% interval."
    ),
    "plots/timeseries": (
        "The numbers of timeseries.png: one row per output, level and week, with the mean "
        "over runs and its 95% interval."
    ),
    "plots/heatmap": (
        "The numbers of heatmap.png: one row per output and pair of levels of two levers."
    ),
    "sensitivity_sobol": "One row per output and varied parameter: Sobol' indices.",
    "sensitivity_morris": "One row per output and varied parameter: Morris statistics.",
}
"""What one row of each table is, for the data package and the codebook."""

WRITTEN_BY: dict[str, str] = {
    "runs": "`ceasefire sweep`, `ceasefire compare`",
    "steps": "`ceasefire run`, `ceasefire sweep`",
    "events": "`ceasefire run`, `ceasefire sweep` when chosen with `--outputs`",
    "cells": "`ceasefire run`, `ceasefire sweep` when chosen with `--outputs`",
    "ablation": "`ceasefire ablate`",
    "design": "`ceasefire sweep`",
    "comparison": "`ceasefire compare`",
    "patterns": "`ceasefire validate`",
    "lever_effects": "`ceasefire validate`",
    "event_size_fits": "`ceasefire validate`",
    "monthly_profile": "`ceasefire validate`",
    "lever_changes": "the dashboard's *Download run* (`ceasefire viz`)",
    "plots/violence_vs_negotiation": "`ceasefire plot`",
    "plots/lever_effects": "`ceasefire plot`",
    "plots/timeseries": "`ceasefire plot` when the sweep wrote steps.csv",
    "plots/heatmap": "`ceasefire plot` with two or more factors or `--heatmap`",
    "sensitivity_sobol": "`ceasefire analyze --method sobol`",
    "sensitivity_morris": "`ceasefire analyze --method morris`",
}

WIDE_INTEGERS = frozenset({"seed"})
"""Integer columns whose values may exceed 2**31 - 1 (R's integer and Stata's long): read them
as double precision, which is exact below 2**53."""

LICENSES: list[dict[str, str]] = [
    {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    }
]
"""Licence of the output data (the code is MIT; the outputs are data, see :data:`SOURCES`).

The outputs derive from the packaged Af-Pak map, whose geoBoundaries products and GeoNames
populations are CC BY 4.0 (the rest is public domain): CC BY 4.0 carries their attribution
requirement on, and is the licence of the conflict data the outputs are shaped to join (UCDP).
"""

SOURCES: list[dict[str, str]] = [
    {
        "title": "Ceasefire agent-based model: simulated data (code under the MIT licence)",
    },
    {
        "title": (
            "geoBoundaries, Runfola et al. (2020), PLoS ONE 15(4): e0231866: Afghan provinces "
            "(ADM1) and Pakistani districts (ADM2); public domain sources, derived products "
            "CC BY 4.0"
        ),
        "path": "https://www.geoboundaries.org",
    },
    {
        "title": "Natural Earth 10m admin-0 v5.1.1: country borders and the Durand Line "
        "(public domain)",
        "path": "https://www.naturalearthdata.com",
    },
    {
        "title": (
            "Elevation: Mapzen/Tilezen terrain via pvlib, built from SRTM, GMTED2010 (USGS) "
            "and ETOPO1 (NOAA) (public domain)"
        ),
    },
    {
        "title": "GeoNames places and town populations, used for the population proxy (CC BY 4.0)",
        "path": "https://www.geonames.org",
    },
]
"""Where the data behind the outputs come from (see ``model/data/afpak_map/README.md``)."""

PROVENANCE_KEYS: dict[str, str] = {
    "package": "name of the Python package (`ceasefire`)",
    "version": "its installed version",
    "git": "`commit` (hash of the source checkout, or null) and `dirty` (true when it had "
    "uncommitted changes)",
    "python": "Python version",
    "dependencies": "versions of mesa, numpy, pandas and scipy (a sweep adds SALib, dask, "
    "distributed and matplotlib)",
    "command": "the command line, as a list of words",
}
"""Provenance keys shared by ``run.json`` and a sweep's ``metadata.json``."""

RUN_JSON_KEYS: dict[str, str] = {
    **PROVENANCE_KEYS,
    "run_id": "run identifier, as in the CSV files",
    "seed": "random seed of the run",
    "scenario": "name of the scenario preset or file",
    "steps": "number of weeks simulated",
    "parameters": "every parameter at the start, by name (`auto`/null as set, not as in force)",
    "policy_timeline": "scheduled lever changes: a list of `{week, set: {lever: value}}`",
    "lever_changes": "lever changes that took effect: a list of `{step, lever, old, new, source}`",
    "ceasefires": "cease-fire episodes: a list of `{start, end}`, the weeks it began and "
    "collapsed (`end` null if it was still in force at the end of the run)",
    "summary": "the run's summaries, named as the summary columns of `runs.csv`",
}
"""Top-level keys of the ``run.json`` that ``ceasefire run`` writes."""

METADATA_JSON_KEYS: dict[str, str] = {
    **PROVENANCE_KEYS,
    "spec": "everything that determines the results: `scenario`, `scenario_parameters`, "
    "`policy_timeline`, `set` (fixed parameters), `factors` (varied parameters), `design`, "
    "`samples`, `reps`, `steps`, `seed`, `outputs`; `--resume` refuses a directory whose spec "
    "differs",
    "design": "the design as built: `kind`, `factors`, `problem` (SALib's problem definition), "
    "`options` and `design_points`",
    "design_points": "number of design points (rows of `design.csv`)",
    "root_seed": "the root seed from which the replications' seeds are spawned "
    "(`numpy.random.SeedSequence(root_seed).spawn`)",
    "replication_seeds": "the seed of each replication, the same at every design point "
    "(common random numbers)",
    "outputs": "the tables written",
    "executor": "`workers` and `scheduler` (how the runs were computed; no effect on results)",
    "resumes": "one entry per `--resume`: its `command` and `executor` (a resume must use the "
    "same spec, design and code version, or it is refused)",
    "worker_failures": "one entry per local worker process that died: `time` (UTC), `rerun` "
    "(the run ids in flight, tried again) and `failed` (run ids lost a second time, recorded "
    "with status error); empty when none died",
}
"""Top-level keys of the ``metadata.json`` that ``ceasefire sweep`` writes."""

PANDAS_DTYPES: dict[str, str] = {
    "integer": "Int64",
    "number": "float64",
    "string": "string",
    "boolean": "Int8",
}
"""pandas dtypes of the Table Schema types (dates are parsed separately)."""

READR_TYPES: dict[str, str] = {
    "integer": "i",
    "number": "d",
    "string": "c",
    "date": "D",
    "boolean": "i",
}
"""readr's compact column types of the Table Schema types (booleans as 0/1 integers, as in base
R, Stata and pandas)."""


# ----------------------------------------------------------------------- Table Schema
def _check_table(table: str) -> tuple[Column, ...]:
    try:
        return DOCUMENTED_TABLES[table]
    except KeyError:
        known = ", ".join(DOCUMENTED_TABLES)
        raise ValueError(f"unknown table '{table}'; known tables: {known}") from None


def table_of(path: Path) -> str:
    """The table a CSV file holds, from its name: ``plots/NAME`` for a file in ``plots/``."""
    path = Path(path)
    plotted = f"{path.parent.name}/{path.stem}"
    return plotted if plotted in DOCUMENTED_TABLES else path.stem


def field_descriptor(column: Column) -> dict[str, Any]:
    """The Table Schema field of one column.

    Booleans are written as 0/1, so they declare ``trueValues`` and ``falseValues``; their
    allowed values need no ``enum`` (which Frictionless would compare with logical booleans).

    Args:
        column: the declared column.

    Returns:
        The field descriptor, with ``unit`` as a custom property.
    """
    field: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
        "unit": column.unit,
    }
    if column.type == "boolean":
        field["trueValues"] = ["1"]
        field["falseValues"] = ["0"]
    elif column.values:
        field["constraints"] = {"enum": list(column.values)}
    return field


def table_schema(columns: Sequence[Column], primary_key: Sequence[str] = ()) -> dict[str, Any]:
    """A Frictionless Table Schema of a table.

    Args:
        columns: the table's declared columns, in file order.
        primary_key: names of the columns that identify a row (none: no ``primaryKey``).

    Returns:
        The schema descriptor: ``fields``, ``missingValues`` (the empty field) and
        ``primaryKey`` when given.

    Raises:
        ValueError: when a primary key column is not among ``columns``.
    """
    declared = [c.name for c in columns]
    unknown = [name for name in primary_key if name not in declared]
    if unknown:
        raise ValueError(f"primary key columns not in the table: {', '.join(unknown)}")
    schema: dict[str, Any] = {
        "fields": [field_descriptor(c) for c in columns],
        "missingValues": list(MISSING_VALUES),
    }
    if primary_key:
        schema["primaryKey"] = list(primary_key)
    return schema


# ----------------------------------------------------------------------- Data Package
def resource(table: str, *, with_runs: bool = False) -> dict[str, Any]:
    """The Tabular Data Resource of ``table`` (file ``{table}.csv``).

    Args:
        table: one of the tables of :data:`DOCUMENTED_TABLES`.
        with_runs: whether ``runs.csv`` is in the package; per-run tables (steps, events,
            cells) then declare ``run_id`` a foreign key into it.

    Returns:
        The resource descriptor.

    Raises:
        ValueError: for an unknown table.
    """
    columns = _check_table(table)
    schema = table_schema(columns, PRIMARY_KEYS[table])
    if with_runs and table in TABLES:
        schema["foreignKeys"] = [
            {"fields": ["run_id"], "reference": {"resource": "runs", "fields": ["run_id"]}}
        ]
    return {
        "name": table.replace("/", "-"),
        "path": f"{table}.csv",
        "profile": "tabular-data-resource",
        "description": TABLE_DESCRIPTIONS[table],
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
        "schema": schema,
    }


def datapackage(
    tables: Sequence[str],
    *,
    name: str = "ceasefire-sweep",
    description: str = "",
    extra: Mapping[str, Any] | None = None,
    extra_resources: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A Frictionless Tabular Data Package descriptor of an output directory.

    Args:
        tables: the tables present, in the order their resources are listed.
        name: package name (lower case letters, digits, ``.``, ``_``, ``-``).
        description: what the package holds; a generic description when empty.
        extra: properties merged at the top level last (for example ``version``).
        extra_resources: resources whose columns depend on the run (a sweep's ``design.csv``),
            listed after the tables.

    Returns:
        The descriptor, ready for :func:`json.dumps`.

    Raises:
        ValueError: for an unknown or repeated table, or an invalid name.
    """
    if not re.fullmatch(r"[a-z0-9._-]+", name):
        raise ValueError(f"package name '{name}' must be lower case letters, digits, '.', '_', '-'")
    if len(set(tables)) != len(tables):
        raise ValueError(f"tables listed twice: {', '.join(tables)}")
    with_runs = "runs" in tables
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": name,
        "title": "Ceasefire model outputs",
        "description": description
        or (
            "Simulated outputs of the Ceasefire agent-based model of Taliban violence in "
            "Afghanistan under US and Pakistani pressure. Column meanings: docs/codebook.md."
        ),
        "keywords": ["agent-based model", "Afghanistan", "Pakistan", "conflict", "simulation"],
        "licenses": [dict(entry) for entry in LICENSES],
        "sources": [dict(entry) for entry in SOURCES],
        "resources": [resource(table, with_runs=with_runs) for table in tables]
        + [dict(entry) for entry in extra_resources],
    }
    descriptor.update(extra or {})
    return descriptor


def write_datapackage(out_dir: Path, tables: Sequence[str], **kwargs: Any) -> Path:
    """Write ``out_dir/datapackage.json`` atomically (a temporary file, then a rename).

    Args:
        out_dir: the output directory (created if missing).
        tables: the tables present, as for :func:`datapackage`.
        **kwargs: ``name``, ``description``, ``extra`` and ``extra_resources``, passed to
            :func:`datapackage`.

    Returns:
        Path of the written file.
    """
    return _write_descriptor(Path(out_dir), datapackage(tables, **kwargs))


def add_to_datapackage(
    out_dir: Path, tables: Sequence[str], removed: Sequence[str] = ()
) -> Path | None:
    """Add the resources of ``tables`` to ``out_dir/datapackage.json`` (``plot``, ``analyze``).

    Resources of the same name are replaced; those of ``removed`` (tables no longer in the
    folder) are dropped. A folder without a ``datapackage.json`` is left alone.

    Args:
        out_dir: the output directory.
        tables: the tables just written, as for :func:`datapackage`.
        removed: tables deleted from the folder.

    Returns:
        Path of the rewritten file, or ``None`` when there is none.
    """
    path = Path(out_dir) / DATAPACKAGE_NAME
    if not path.is_file():
        return None
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    new = [resource(table) for table in tables]
    dropped = {r["name"] for r in new} | {resource(table)["name"] for table in removed}
    kept = [r for r in descriptor["resources"] if r["name"] not in dropped]
    return _write_descriptor(Path(out_dir), descriptor | {"resources": kept + new})


def _write_descriptor(out_dir: Path, descriptor: dict[str, Any]) -> Path:
    """Write ``descriptor`` as ``out_dir/datapackage.json`` atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return files.write_json(out_dir / DATAPACKAGE_NAME, descriptor, ensure_ascii=False)


# ----------------------------------------------------------------------- checks and reading
def csv_header(path: Path) -> list[str]:
    """Column names in the header row of a CSV file (empty for an empty file)."""
    with Path(path).open(encoding="utf-8", newline="") as stream:
        return next(csv.reader(stream), [])


def undocumented_columns(out_dir: Path) -> dict[str, list[str]]:
    """Columns written without a codebook entry.

    Reads the header of every ``*.csv`` in ``out_dir`` whose name is a documented table
    (:data:`DOCUMENTED_TABLES`); other files are ignored.

    Args:
        out_dir: an output directory of ``ceasefire run``, ``sweep``, ``compare`` or ``validate``.

    Returns:
        For each table with undocumented columns, their names in file order; an empty dict
        when every column is documented.
    """
    found: dict[str, list[str]] = {}
    out_dir = Path(out_dir)
    for path in sorted([*out_dir.glob("*.csv"), *out_dir.glob("plots/*.csv")]):
        table = path.relative_to(out_dir).with_suffix("").as_posix()
        if table not in DOCUMENTED_TABLES:
            continue
        declared = set(names(DOCUMENTED_TABLES[table]))
        extra = [name for name in csv_header(path) if name not in declared]
        if extra:
            found[table] = extra
    return found


def pandas_dtypes(columns: Sequence[Column]) -> dict[str, str]:
    """The pandas dtypes to read ``columns`` with (date columns are left out: parse them)."""
    return {c.name: PANDAS_DTYPES[c.type] for c in columns if c.type != "date"}


def read_table(path: Path, columns: Sequence[Column] | None = None) -> pd.DataFrame:
    """Read an output CSV with the codebook's types, refusing values that do not fit them.

    Integers become ``Int64``, numbers ``float64``, strings ``string``, booleans ``Int8``
    (0/1), dates ``datetime64``; an empty field is missing (``<NA>``/``NaN``/``NaT``), while
    text such as ``NA`` stays text. Every table of :data:`DOCUMENTED_TABLES` can be read; a
    file may hold a subset of its table's columns (``design.csv`` holds the varied parameters).

    Args:
        path: a CSV file.
        columns: its declared columns; by default those of the table named like the file
            (:func:`table_of`: ``plots/timeseries.csv`` is the table ``plots/timeseries``).

    Returns:
        The table.

    Raises:
        ValueError: for an unknown table, a column it does not declare, a value that does not
            fit its column's type, a date that is not ISO 8601 (``YYYY-MM-DD``) or a boolean
            other than 0 and 1.
    """
    path = Path(path)
    columns = _check_table(table_of(path)) if columns is None else columns
    undeclared = [name for name in csv_header(path) if name not in names(tuple(columns))]
    if undeclared:
        raise ValueError(f"{path.name}: undeclared columns {', '.join(undeclared)}")
    dates = [c.name for c in columns if c.type == "date"]
    dtypes = {**pandas_dtypes(columns), **dict.fromkeys(dates, "string")}
    frame = pd.read_csv(
        path,
        dtype=dtypes,
        keep_default_na=False,
        na_values=MISSING_VALUES,
        encoding="utf-8",
    )
    for name in dates:
        if name in frame:
            frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d")
    for column in columns:
        if column.type == "boolean" and column.name in frame:
            values = set(frame[column.name].dropna().unique())
            if not values <= {0, 1}:
                raise ValueError(f"{path.name}: column '{column.name}' has values {values}")
    return frame


# ----------------------------------------------------------------------- Markdown
def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return re.sub(r"([\\|*])", r"\\\1", str(text)).replace("\n", " ")


def _code_list(items: Sequence[Any]) -> str:
    return ", ".join(f"`{item}`" for item in items) or "none"


def readr_types(columns: Sequence[Column]) -> str:
    """The compact readr ``col_types`` string of a table (wide integers read as double)."""
    return "".join("d" if c.name in WIDE_INTEGERS else READR_TYPES[c.type] for c in columns)


def _allowed(column: Column) -> str:
    if column.type == "boolean":
        return "`0`, `1`"
    return _code_list(column.values)


def _decimals(column: Column) -> str:
    """The rounding of a column for the codebook: its decimals, ``full`` or ``-``."""
    if column.type != "number":
        return "-"
    return "full" if column.decimals is None else str(column.decimals)


def _table_section(table: str) -> list[str]:
    columns = DOCUMENTED_TABLES[table]
    lines = [
        f"## `{table}.csv`",
        "",
        TABLE_DESCRIPTIONS[table],
        "",
        f"- Written by: {WRITTEN_BY[table]}.",
        f"- Primary key: {_code_list(PRIMARY_KEYS[table])}.",
        f'- readr `col_types`: `"{readr_types(columns)}"`.'
        if table != "design"
        else "- readr `col_types`: depends on the factors; use `read_ceasefire_readr`.",
        "",
        "| column | type | unit | description | allowed values | decimals |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c in columns:
        lines.append(
            f"| `{c.name}` | {c.type} | {_cell(c.unit)} | {_cell(c.description)} "
            f"| {_allowed(c)} | {_decimals(c)} |"
        )
    return [*lines, ""]


def _key_list(keys: Mapping[str, str]) -> list[str]:
    return [f"- `{key}`: {text}." for key, text in keys.items()]


_INTRODUCTION = """\
# Codebook of the Ceasefire outputs

<!-- Generated by `python -m ceasefire.batch.io.codebook` from model/outputs.py: do not edit. -->

This codebook describes every column of the CSV files that `ceasefire run`, `ceasefire sweep`,
`ceasefire compare`, `ceasefire validate`, `ceasefire plot`, `ceasefire analyze` and the
dashboard write. It is generated from the declarations in `model/outputs.py`, from which the
writers take their column names, each `datapackage.json` its Table Schema and the R and Stata
readers their types, so they agree; a test fails when a file has a column without an entry
here.

## Files

| file | written by | one row per | primary key |
| --- | --- | --- | --- |
{file_rows}
| `datapackage.json` | `ceasefire run`, `sweep`, `compare`, `validate` and the dashboard's \
download; `plot` and `analyze` add their tables to a sweep's | - | Frictionless Tabular \
Data Package: the tables of its folder, with every column's type, unit, description and \
allowed values |
| `metadata.json` | `ceasefire sweep`, `compare`, `validate` | - | provenance and \
specification |
| `run.json` | `ceasefire run` | - | provenance, parameters and summaries of the run |

`run_id` joins the tables. `events.csv` has the columns of UCDP GED that the model produces
(`date_start`, `date_end` and `date_prec` as in GED: an event is known to its week), so it can
be stacked with real events; `cells.csv` has the keys of ViEWS' PRIO-GRID-month level:
`month_id` is `(year - 1980) * 12 + month` and `priogrid_gid` is `(row - 1) * 720 + col` on
the global 0.5 degree grid (row 1 at 90 S, column 1 at 180 W).

**Months in `cells.csv`.** The model steps in weeks from Friday 12 February 2021, and a week
often straddles two months. Each week's events and deaths are split between the months its
seven days fall in: a week with 3 days in March and 4 in April gives 3/7 of its events and
deaths to March and 4/7 to April. Monthly counts are therefore expected values (fractional at
month edges, rounded to 6 decimals); over all months they add up to the totals of
`events.csv`. `days_covered` is the number of days of the month inside the simulated weeks:
the first and last months of a run are partial (a run from 12 February covers 17 days of
February). Compare months by rates, for example `ged_best / days_covered * 30.44` deaths per
average month, or keep only months with `days_covered` equal to the month's length.

## Conventions

- Comma-separated, one header row, no preamble, UTF-8 without a byte-order mark, LF line
  ends. Text is quoted only when it contains a comma, a double quote or a line break, and a
  double quote inside it is doubled (RFC 4180).
- **Missing values are empty fields**, never `NA`, `.` or a code such as -999. Where a missing
  value means something, the description says so (for example `withdrawal_week`: empty = US
  troops stay). The summaries of a run whose `status` is `error` are empty.
- **Booleans are 0/1** (type `boolean` below), read as 0/1 integers by the readers.
  **Dates are ISO 8601**, `YYYY-MM-DD`.
- Numbers use a decimal point and no thousands separator; `integer` columns hold whole
  numbers. Seeds are below 2^53, exact in double precision (R numeric, Stata double) but
  beyond the 32-bit integers of R and Stata's `long`: read `seed` as a double.
- **Rounding** (column *decimals* below): the state of the war in `steps.csv` is rounded to 6
  decimals (shares, progress, pressure, intensity), 2 for the strengths of the forces and 1
  for the displaced; coordinates to 4; monthly counts in `cells.csv` and every number of a
  derived table (comparison, patterns, plots, sensitivity, ...) to 6. `full` means not
  rounded: parameters as set and the summaries of `runs.csv`, written as the shortest text
  that reads back to the same double.
- **Expected values.** Deaths, injuries and events of a week are whole numbers, but the
  strengths of the forces (`taliban_strength`, `andsf_strength`) and the displaced are
  expected values that combat and flight change by fractions of a person, and the monthly
  counts of `cells.csv` are fractional at month edges (see above): do not read them as counts
  of people.
- Column names are snake_case, at most 32 characters (Stata's limit), unique in a file. One
  name has one meaning in every file: `pakistan_pressure_set` is the pressure as set (empty =
  `auto`, Pakistan chooses) in `design.csv`, `runs.csv` and `steps.csv`, and
  `pakistan_pressure` the pressure in force in a week (`steps.csv`).
- Types are Frictionless Table Schema types: `integer`, `number` (floating point), `string`,
  `date`, `boolean`. Units: `1` means dimensionless (a share, probability or index),
  `-` an identifier, label or flag; counts are per row (per week in `steps.csv`).
- A sweep appends rows as runs finish: sort by the primary key before comparing files.

## Reading the files

A column that happens to be all empty (`weeks_to_ceasefire` when no cease-fire began, `error`
when every run succeeded, `pakistan_pressure_set` under `auto`) has no type of its own: base
R reads it as logical, Stata as text. The readers generated from this codebook give every
column its declared type whatever the file holds. Write them into a folder with
`ceasefire readers --out DIR` (they are also installed with the package, beside
`ceasefire/batch/io/readers.py`).

R (base R and readr; booleans become 0/1 integers, dates `Date`, `seed` a double):

```r
source("read_ceasefire.R")
steps <- read_ceasefire("output/run/steps.csv")             # base R: a data.frame
runs <- read_ceasefire_readr("output/sweep/runs.csv")       # readr: a tibble
timeseries <- read_ceasefire("output/sweep/plots/timeseries.csv")
```

readr without the reader: each table's section gives its `col_types` string (`i` integer and
0/1 boolean, `d` double, `c` text, `D` ISO date):

```r
library(readr)
runs <- read_csv("runs.csv", na = "", col_types = "{runs_types}")
```

Stata (`read_ceasefire.do` defines the command `read_ceasefire`; integers become `long`,
numbers and `seed` `double`, booleans `byte`, dates daily dates with format `%td`):

```stata
do read_ceasefire.do
read_ceasefire using "output/run/steps.csv", table(steps) clear
read_ceasefire using "output/sweep/plots/timeseries.csv", table(plots/timeseries) clear
```

pandas, with the types from a `datapackage.json` (an empty field becomes `<NA>`, booleans
stay 0/1):

```python
import json

import pandas as pd

PANDAS = {{"integer": "Int64", "number": "float64", "string": "string", "boolean": "Int8"}}
with open("datapackage.json", encoding="utf-8") as f:
    package = json.load(f)
fields = {{r["name"]: r["schema"]["fields"] for r in package["resources"]}}["steps"]
steps = pd.read_csv(
    "steps.csv",
    dtype={{f["name"]: PANDAS[f["type"]] for f in fields if f["type"] != "date"}},
    parse_dates=[f["name"] for f in fields if f["type"] == "date"],
    keep_default_na=False,
    na_values=[""],
)
```

pandas, with the package installed (any table in this codebook, types checked):

```python
from ceasefire.batch.io.codebook import read_table

steps = read_table("output/run/steps.csv")
timeseries = read_table("output/sweep/plots/timeseries.csv")
```
"""


def _json_section() -> list[str]:
    summary = _code_list(names(SUMMARY_COLUMNS))
    return [
        "## `run.json` and `metadata.json`",
        "",
        "`run.json` (written by `ceasefire run`) is a JSON object with these keys:",
        "",
        *_key_list(RUN_JSON_KEYS),
        "",
        f"The summaries are {summary}; `null` stands for a missing value.",
        "",
        "`metadata.json` (written by `ceasefire sweep`) is a JSON object with these keys:",
        "",
        *_key_list(METADATA_JSON_KEYS),
        "",
        "## Licence",
        "",
        "The output data are released under the Creative Commons Attribution 4.0 licence "
        "(CC BY 4.0); the code is under the MIT licence. The outputs derive from the packaged "
        "Af-Pak map: cite geoBoundaries (Runfola et al. 2020, CC BY 4.0 derived products) and "
        "GeoNames (CC BY 4.0); Natural Earth and the elevation data are public domain. See "
        "`model/data/afpak_map/README.md`.",
        "",
    ]


def _row_meaning(table: str) -> str:
    return {
        "runs": "run",
        "steps": "run and week",
        "events": "violent event",
        "cells": "run, month and Afghan PRIO-GRID cell",
        "ablation": "arm, quantity and output",
        "design": "design point",
        "comparison": "scenario",
        "patterns": "statistic",
        "lever_effects": "contrast and outcome",
        "event_size_fits": "run",
        "monthly_profile": "month",
        "lever_changes": "lever change",
        "plots/violence_vs_negotiation": "run, or level of the colour lever",
        "plots/lever_effects": "lever, level and output",
        "plots/timeseries": "output, level and week",
        "plots/heatmap": "output and pair of levels",
        "sensitivity_sobol": "output and parameter",
        "sensitivity_morris": "output and parameter",
    }[table]


def codebook_markdown() -> str:
    """The content of ``docs/codebook.md``: deterministic, generated from the declarations."""
    file_rows = "\n".join(
        f"| `{table}.csv` | {WRITTEN_BY[table]} | {_cell(_row_meaning(table))} "
        f"| {_code_list(PRIMARY_KEYS[table])} |"
        for table in DOCUMENTED_TABLES
    )
    lines = [
        _INTRODUCTION.format(file_rows=file_rows, runs_types=readr_types(SWEEP_TABLES["runs"]))
    ]
    for table in DOCUMENTED_TABLES:
        lines.extend(_table_section(table))
    lines.extend(_json_section())
    return "\n".join(lines).rstrip("\n") + "\n"


# ----------------------------------------------------------------------- command line
def main(argv: Sequence[str] | None = None) -> int:
    """Write ``docs/codebook.md`` and the R and Stata readers, or check them (``--check``).

    Args:
        argv: command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        0 on success; 1 when ``--check`` finds a file missing or different.
    """
    from ceasefire.batch.io.readers import READER_DIR, stale_readers, write_readers

    parser = argparse.ArgumentParser(
        prog="python -m ceasefire.batch.io.codebook",
        description="Generate docs/codebook.md and the R and Stata readers from model/outputs.py.",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a generated file is not up to date"
    )
    parser.add_argument(
        "--path", type=Path, default=CODEBOOK_PATH, help=f"codebook file (default {CODEBOOK_PATH})"
    )
    parser.add_argument(
        "--readers",
        type=Path,
        default=READER_DIR,
        help=f"folder of read_ceasefire.R and read_ceasefire.do (default {READER_DIR})",
    )
    args = parser.parse_args(argv)
    text = codebook_markdown()
    current = args.path.read_text(encoding="utf-8") if args.path.exists() else None
    if args.check:
        stale = ([args.path] if current != text else []) + stale_readers(args.readers)
        for path in stale:
            print(
                f"{path} is out of date; run: python -m ceasefire.batch.io.codebook",
                file=sys.stderr,
            )
        if stale:
            return 1
        print(f"{args.path} and the readers in {args.readers} are up to date")
        return 0
    if current != text:
        args.path.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(args.path, text)
    readers = write_readers(args.readers)
    print(f"wrote {args.path}, " + ", ".join(str(p) for p in readers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
