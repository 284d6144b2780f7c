"""Frictionless Tabular Data Packages of the output folders (``datapackage.json``).

Every folder the package writes tables into holds a ``datapackage.json`` whose resources are
the Table Schemas of its tables, built from their declarations in the table registry
(:mod:`ceasefire.batch.io.tables`): types, units, descriptions, allowed values, primary keys,
and for a run's tables the foreign key into ``runs.csv``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ceasefire.batch.io import files
from ceasefire.batch.io.tables import RUNS, Table, lookup
from ceasefire.model.outputs import Column

DATAPACKAGE_NAME = "datapackage.json"

FRICTIONLESS_TYPES = frozenset({"integer", "number", "string", "date", "boolean"})
"""Table Schema types the outputs use."""

MISSING_VALUES = [""]
"""The only missing value: an empty field."""

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
def resource(table: str | Table, *, with_runs: bool = False) -> dict[str, Any]:
    """The Tabular Data Resource of ``table`` (file ``{table}.csv``).

    Args:
        table: the table, or the name of a registered one (:mod:`ceasefire.batch.io.tables`).
        with_runs: whether ``runs.csv`` is in the package; per-run tables (steps, events,
            cells) then declare ``run_id`` a foreign key into it.

    Returns:
        The resource descriptor.

    Raises:
        ValueError: for an unknown table.
    """
    table = lookup(table) if isinstance(table, str) else table
    schema = table_schema(table.columns, table.primary_key)
    if with_runs and table.per_run:
        schema["foreignKeys"] = [
            {"fields": ["run_id"], "reference": {"resource": RUNS, "fields": ["run_id"]}}
        ]
    return {
        "name": table.name.replace("/", "-"),
        "path": table.path,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "header": True, "lineTerminator": "\n"},
        "schema": schema,
    }


def datapackage(
    tables: Sequence[str | Table],
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
    tables = [lookup(t) if isinstance(t, str) else t for t in tables]
    listed = [t.name for t in tables]
    if len(set(listed)) != len(listed):
        raise ValueError(f"tables listed twice: {', '.join(listed)}")
    with_runs = RUNS in listed
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


def write_datapackage(out_dir: Path, tables: Sequence[str | Table], **kwargs: Any) -> Path:
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
    out_dir: Path, tables: Sequence[str | Table], removed: Sequence[str | Table] = ()
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
