"""Reading output folders: tables with their declared types, and checks of a sweep directory.

:func:`read_table` reads any declared table with the types of the registry
(:mod:`ceasefire.batch.io.tables`), and :func:`undocumented_columns` finds columns written
without a declaration.

A sweep that was killed, or is still running, holds fewer runs than its design: charts and
indices of such a sweep describe part of the design (some levels or replications missing)
without saying so. :func:`check_finished` counts the runs and refuses a partial sweep unless
the user asks for it (``--partial``), and then warns on stderr with the counts.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ceasefire.batch.io.datapackage import MISSING_VALUES
from ceasefire.batch.io.tables import REGISTRY, RUNS, Table, lookup, table_path
from ceasefire.model.outputs import Column, names
from ceasefire.model.parameters import ParameterError


def check_directory(path: Path) -> Path:
    """``path``, refusing one that does not exist or is not a directory.

    Raises:
        ParameterError: saying which of the two is wrong.
    """
    if not path.exists():
        raise ParameterError(f"sweep directory '{path}' does not exist")
    if not path.is_dir():
        raise ParameterError(
            f"'{path}' is a file, not a sweep's output directory; give the folder the sweep "
            "wrote into (its --out)"
        )
    return path


def run_counts(out_dir: Path) -> tuple[int, int | None]:
    """The runs in ``runs.csv`` (complete rows, any status) and the runs the design has.

    The design's size is ``design_points * reps`` from ``metadata.json``; ``None`` when the
    directory has no such record (not written by ``ceasefire sweep``).

    Raises:
        ParameterError: for an unreadable ``metadata.json``.
    """
    path = table_path(out_dir, RUNS)
    present = 0
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as stream:
            present = max(sum(1 for line in stream if line.endswith("\n")) - 1, 0)
    return present, _expected_runs(out_dir / "metadata.json")


def _expected_runs(path: Path) -> int | None:
    if not path.is_file():
        return None
    try:
        record: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ParameterError(f"cannot read '{path}': {error}".replace("\n", " ")) from None
    if not isinstance(record, dict) or not isinstance(record.get("spec"), dict):
        return None
    points, reps = record.get("design_points"), record["spec"].get("reps")
    if not (isinstance(points, int) and isinstance(reps, int)):
        return None
    return points * reps


def check_finished(out_dir: Path, partial: bool, doing: str) -> None:
    """Refuse a sweep with fewer runs than its design, unless ``partial`` (then warn).

    Args:
        out_dir: the sweep directory.
        partial: whether the user accepts a partial sweep (``--partial``).
        doing: what the command does with the runs, for the warning (e.g. ``"charting"``).

    Raises:
        ParameterError: naming the counts, for a partial sweep without ``partial``.
    """
    present, expected = run_counts(out_dir)
    if expected is None or present >= expected:
        return
    message = (
        f"'{out_dir}' holds {present} of the {expected} runs of its sweep: the sweep is "
        f"unfinished (still running, or interrupted: finish it with ceasefire sweep --resume "
        f"--out {out_dir} and the same arguments)"
    )
    if not partial:
        raise ParameterError(f"{message}; add --partial to use the runs there are")
    print(f"ceasefire: warning: {message}; {doing} {present} runs (--partial)", file=sys.stderr)


PANDAS_DTYPES: dict[str, str] = {
    "integer": "Int64",
    "number": "float64",
    "string": "string",
    "boolean": "Int8",
}
"""pandas dtypes of the Table Schema types (dates are parsed separately)."""


def table_of(path: Path, tables: Mapping[str, Table] | None = None) -> str:
    """The table a CSV file holds, from its name: ``plots/NAME`` for a file in ``plots/``.

    Args:
        path: a CSV file.
        tables: the tables known (default: those registered, :data:`REGISTRY`).
    """
    path = Path(path)
    plotted = f"{path.parent.name}/{path.stem}"
    return plotted if plotted in (REGISTRY if tables is None else tables) else path.stem


# ----------------------------------------------------------------------- tables with their types
def csv_header(path: Path) -> list[str]:
    """Column names in the header row of a CSV file (empty for an empty file)."""
    with Path(path).open(encoding="utf-8", newline="") as stream:
        return next(csv.reader(stream), [])


def undocumented_columns(
    out_dir: Path, tables: Mapping[str, Table] | None = None
) -> dict[str, list[str]]:
    """Columns written without a codebook entry.

    Reads the header of every ``*.csv`` in ``out_dir`` whose name is a declared table; other
    files are ignored.

    Args:
        out_dir: an output directory of ``ceasefire run``, ``sweep``, ``compare`` or ``validate``.
        tables: the declared tables (default: those registered, :data:`REGISTRY`).

    Returns:
        For each table with undocumented columns, their names in file order; an empty dict
        when every column is documented.
    """
    tables = REGISTRY if tables is None else tables
    found: dict[str, list[str]] = {}
    out_dir = Path(out_dir)
    for path in sorted([*out_dir.glob("*.csv"), *out_dir.glob("plots/*.csv")]):
        table = path.relative_to(out_dir).with_suffix("").as_posix()
        if table not in tables:
            continue
        declared = set(tables[table].column_names)
        extra = [name for name in csv_header(path) if name not in declared]
        if extra:
            found[table] = extra
    return found


def pandas_dtypes(columns: Sequence[Column]) -> dict[str, str]:
    """The pandas dtypes to read ``columns`` with (date columns are left out: parse them)."""
    return {c.name: PANDAS_DTYPES[c.type] for c in columns if c.type != "date"}


def read_table(
    path: Path,
    columns: Sequence[Column] | None = None,
    tables: Mapping[str, Table] | None = None,
) -> pd.DataFrame:
    """Read an output CSV with the codebook's types, refusing values that do not fit them.

    Integers become ``Int64``, numbers ``float64``, strings ``string``, booleans ``Int8``
    (0/1), dates ``datetime64``; an empty field is missing (``<NA>``/``NaN``/``NaT``), while
    text such as ``NA`` stays text. Every declared table can be read; a file may hold a subset
    of its table's columns (``design.csv`` holds the varied parameters).

    Args:
        path: a CSV file.
        columns: its declared columns; by default those of the table named like the file
            (:func:`table_of`: ``plots/timeseries.csv`` is the table ``plots/timeseries``).
        tables: the declared tables (default: those registered; the whole catalogue is
            :data:`ceasefire.batch.cli.catalogue.CATALOGUE`).

    Returns:
        The table.

    Raises:
        ValueError: for an unknown table, a column it does not declare, a value that does not
            fit its column's type, a date that is not ISO 8601 (``YYYY-MM-DD``) or a boolean
            other than 0 and 1.
    """
    path = Path(path)
    if columns is None:
        columns = lookup(table_of(path, tables), tables).columns
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
