"""The Markdown codebook of the output files (``docs/codebook.md``) and its generator.

It is generated from the table registry (:mod:`ceasefire.batch.io.tables`), the same
declarations the writers, ``datapackage.json`` (:mod:`ceasefire.batch.io.datapackage`) and the
R and Stata readers (:mod:`ceasefire.batch.io.readers`) use, so they cannot drift apart. The
functions take the tables to document; the whole catalogue is assembled above the layers that
declare tables, in :mod:`ceasefire.batch.cli.catalogue`.

Run ``python -m ceasefire.batch.cli.codebook`` to regenerate ``docs/codebook.md`` and the
readers; add ``--check`` (CI) to exit with status 1 when a file is out of date instead.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ceasefire.batch.io import files
from ceasefire.batch.io.tables import RUNS, Table
from ceasefire.model.outputs import SUMMARY_COLUMNS, Column, names

GENERATOR = "python -m ceasefire.batch.cli.codebook"
"""The command that regenerates the codebook and the readers."""

CODEBOOK_PATH = Path(__file__).resolve().parents[2] / "docs" / "codebook.md"
"""Where :func:`main` writes the Markdown codebook (``docs/`` of the source checkout)."""

WIDE_INTEGERS = frozenset({"seed"})
"""Integer columns whose values may exceed 2**31 - 1 (R's integer and Stata's long): read them
as double precision, which is exact below 2**53."""

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
    "ceasefires": "pauses: a list of `{kind, start, end, ended_by}`; `kind` is `truce` (Eid), "
    "`riv` (reduction in violence), `ceasefire` (open-ended) or `permanent` (agenda item 6); "
    "`start` and `end` are the first week in force and the first week without it (`end` null "
    "if still in force at the end of the run); `ended_by` is `expiry`, `taliban`, `government` "
    "or `takeover`",
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

READR_TYPES: dict[str, str] = {
    "integer": "i",
    "number": "d",
    "string": "c",
    "date": "D",
    "boolean": "i",
}
"""readr's compact column types of the Table Schema types (booleans as 0/1 integers, as in base
R, Stata and pandas)."""


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


def _table_section(table: Table) -> list[str]:
    columns = table.columns
    lines = [
        f"## `{table.path}`",
        "",
        table.description,
        "",
        f"- Written by: {table.written_by}.",
        f"- Primary key: {_code_list(table.primary_key)}.",
        f'- readr `col_types`: `"{readr_types(columns)}"`.'
        if table.name != "design"
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

<!-- Generated by `python -m ceasefire.batch.cli.codebook` from the table registry: do not edit. -->

This codebook describes every column of the CSV files that `ceasefire run`, `ceasefire sweep`,
`ceasefire compare`, `ceasefire validate`, `ceasefire ablate`, `ceasefire plot`, `ceasefire
analyze` and the dashboard write. It is generated from the table registry (each table declared
once: `batch/io/tables.py` for the tables of a run and a sweep, from the columns in
`model/outputs.py` and `model/step_columns.py`; `batch/analysis/tables.py` and
`batch/validation/tables.py` for the tables derived from runs), from which the writers take
their column names, each `datapackage.json` its Table Schema and the R and Stata readers their
types, so they agree; a test fails when a file has a column without an entry here.

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
from ceasefire.batch import read_table

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


def codebook_markdown(tables: Mapping[str, Table]) -> str:
    """The content of ``docs/codebook.md``: deterministic, generated from the declarations.

    Args:
        tables: the tables to document, in order (the whole catalogue for ``docs/``).
    """
    file_rows = "\n".join(
        f"| `{table.path}` | {table.written_by} | {_cell(table.row)} "
        f"| {_code_list(table.primary_key)} |"
        for table in tables.values()
    )
    runs_types = readr_types(tables[RUNS].columns)
    lines = [_INTRODUCTION.format(file_rows=file_rows, runs_types=runs_types)]
    for table in tables.values():
        lines.extend(_table_section(table))
    lines.extend(_json_section())
    return "\n".join(lines).rstrip("\n") + "\n"


# ----------------------------------------------------------------------- command line
def main(tables: Mapping[str, Table], argv: Sequence[str] | None = None) -> int:
    """Write ``docs/codebook.md`` and the R and Stata readers, or check them (``--check``).

    Args:
        tables: the tables to document (:data:`ceasefire.batch.cli.catalogue.CATALOGUE`).
        argv: command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        0 on success; 1 when ``--check`` finds a file missing or different.
    """
    from ceasefire.batch.io.readers import READER_DIR, stale_readers, write_readers

    parser = argparse.ArgumentParser(
        prog=GENERATOR,
        description="Generate docs/codebook.md and the R and Stata readers from the table "
        "declarations.",
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
    text = codebook_markdown(tables)
    current = args.path.read_text(encoding="utf-8") if args.path.exists() else None
    if args.check:
        stale = ([args.path] if current != text else []) + stale_readers(tables, args.readers)
        for path in stale:
            print(f"{path} is out of date; run: {GENERATOR}", file=sys.stderr)
        if stale:
            return 1
        print(f"{args.path} and the readers in {args.readers} are up to date")
        return 0
    if current != text:
        args.path.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(args.path, text)
    readers = write_readers(tables, args.readers)
    print(f"wrote {args.path}, " + ", ".join(str(p) for p in readers))
    return 0
