"""Readers of the output files for R (base and readr) and Stata, generated from the codebook.

A column that happens to be all empty (``weeks_to_ceasefire`` when no cease-fire began, ``error``
when every run succeeded) carries no type of its own: base R reads it as logical and Stata as a
string or a byte. The readers give every column the type declared in
the table registry (:mod:`ceasefire.batch.io.tables`) instead, whatever the file holds. The
functions take the tables to read (the whole catalogue: :mod:`ceasefire.batch.cli.catalogue`).

``read_ceasefire.R`` and ``read_ceasefire.do`` are package data (next to this module);
``python -m ceasefire.batch.cli.codebook`` regenerates them with ``docs/codebook.md`` and its
``--check`` fails when they are stale. ``ceasefire readers --out DIR`` writes a copy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ceasefire.batch.io import files
from ceasefire.batch.io.codebook import WIDE_INTEGERS
from ceasefire.batch.io.tables import Table
from ceasefire.model.outputs import Column

READER_DIR = Path(__file__).resolve().parent
"""Where the generated readers are kept as package data."""
R_READER = "read_ceasefire.R"
STATA_READER = "read_ceasefire.do"
STATA_LABEL_LENGTH = 80
"""Stata's longest variable label."""
STATA_TYPES: dict[str, str] = {
    "integer": "c_int",
    "number": "c_num",
    "string": "c_str",
    "date": "c_date",
    "boolean": "c_bool",
}
"""The local macro of the Stata reader that lists a table's columns of each Table Schema type."""


def _stata_type(column: Column) -> str:
    """Table Schema type of ``column`` as the readers treat it (wide integers as numbers)."""
    return "number" if column.name in WIDE_INTEGERS else column.type


# ----------------------------------------------------------------------- R
_R_HEADER = """\
# Readers of the Ceasefire output files for R: base R and readr.
# Generated from the table registry by `python -m ceasefire.batch.cli.codebook`:
# do not edit. Get a copy with `ceasefire readers --out DIR`.
#
#   source("read_ceasefire.R")
#   steps <- read_ceasefire("output/run/steps.csv")        # base R: a data.frame
#   steps <- read_ceasefire_readr("output/run/steps.csv")  # readr: a tibble
#
# Every column gets its declared type, even when it is all empty: integer -> integer,
# number -> double, string -> character, date -> Date, boolean -> integer 0/1, and seed ->
# double (exact, but beyond R's 32-bit integers). An empty field is NA; text such as "NA"
# stays text. The table is found from the file name (a file in plots/ is plots/NAME); pass
# `table =` for a renamed file. A value that does not fit its type, or a column the table
# does not declare, is an error.
"""

_R_FUNCTIONS = """\
ceasefire_table_of <- function(path) {
  stem <- sub("\\\\.csv$", "", basename(path))
  plotted <- paste0(basename(dirname(path)), "/", stem)
  if (plotted %in% names(ceasefire_tables)) plotted else stem
}

ceasefire_columns <- function(path, table = NULL) {
  if (is.null(table)) table <- ceasefire_table_of(path)
  types <- ceasefire_tables[[table]]
  if (is.null(types)) {
    stop(sprintf("unknown table '%s'; known tables: %s", table,
                 paste(names(ceasefire_tables), collapse = ", ")), call. = FALSE)
  }
  header <- strsplit(readLines(path, n = 1L, encoding = "UTF-8", warn = FALSE), ",",
                     fixed = TRUE)[[1]]
  unknown <- setdiff(header, names(types))
  if (length(unknown) > 0L) {
    stop(sprintf("%s: columns not declared for table '%s': %s", path, table,
                 paste(unknown, collapse = ", ")), call. = FALSE)
  }
  types <- types[header]
  types[names(types) %in% ceasefire_wide_integers] <- "number"
  types
}

ceasefire_check <- function(frame, types, path) {
  for (name in names(types)[types == "boolean"]) {
    if (!all(frame[[name]] %in% c(0L, 1L, NA))) {
      stop(sprintf("%s: column '%s' holds values other than 0 and 1", path, name),
           call. = FALSE)
    }
  }
  frame
}

read_ceasefire <- function(path, table = NULL) {
  types <- ceasefire_columns(path, table)
  classes <- c(integer = "integer", number = "numeric", string = "character",
               date = "character", boolean = "integer")[types]
  names(classes) <- names(types)
  frame <- utils::read.csv(path, colClasses = classes, na.strings = "", check.names = FALSE,
                           fileEncoding = "UTF-8", strip.white = FALSE)
  for (name in names(types)[types == "date"]) {
    text <- frame[[name]]
    bad <- !is.na(text) & !grepl("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text)
    if (any(bad)) {
      stop(sprintf("%s: column '%s' holds '%s', not a date YYYY-MM-DD", path, name,
                   text[bad][1]), call. = FALSE)
    }
    frame[[name]] <- as.Date(text, format = "%Y-%m-%d")
  }
  ceasefire_check(frame, types, path)
}

read_ceasefire_readr <- function(path, table = NULL) {
  types <- ceasefire_columns(path, table)
  letters <- c(integer = "i", number = "d", string = "c", date = "D", boolean = "i")[types]
  frame <- suppressWarnings(readr::read_csv(
    path, col_types = paste(letters, collapse = ""), na = "", trim_ws = FALSE,
    locale = readr::locale(encoding = "UTF-8"), progress = FALSE, lazy = FALSE
  ))
  problems <- readr::problems(frame)
  if (nrow(problems) > 0L) {
    stop(sprintf("%s: row %d, column %d: expected %s, got '%s'", path, problems$row[1],
                 problems$col[1], problems$expected[1], problems$actual[1]), call. = FALSE)
  }
  ceasefire_check(frame, types, path)
}
"""


def _r_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _r_table(table: str, columns: Sequence[Column]) -> list[str]:
    lines = [f"  {_r_string(table)} = c("]
    entries = [f"    {c.name} = {_r_string(c.type)}" for c in columns]
    lines.append(",\n".join(entries))
    return [*lines, "  )"]


def r_reader(tables: Mapping[str, Table]) -> str:
    """The text of ``read_ceasefire.R``: deterministic, generated from the declarations."""
    blocks = [_r_table(name, table.columns) for name, table in tables.items()]
    body = ",\n".join("\n".join(lines) for lines in blocks)
    wide = ", ".join(_r_string(name) for name in sorted(WIDE_INTEGERS))
    return (
        f"{_R_HEADER}\n"
        f"ceasefire_tables <- list(\n{body}\n)\n\n"
        f"ceasefire_wide_integers <- c({wide})\n\n"
        f"{_R_FUNCTIONS}"
    )


# ----------------------------------------------------------------------- Stata
_STATA_HEADER = """\
* Reader of the Ceasefire output files for Stata (16 or later).
* Generated from the table registry by `python -m ceasefire.batch.cli.codebook`:
* do not edit. Get a copy with `ceasefire readers --out DIR`.
*
*   do read_ceasefire.do
*   read_ceasefire using "output/run/steps.csv", table(steps) clear
*   read_ceasefire using "output/sweep/plots/timeseries.csv", table(plots/timeseries) clear
*
* Every column gets its declared type, even when it is all empty: integer -> long,
* number -> double (seed too: it exceeds long), string -> str, date -> daily date (%td),
* boolean -> byte 0/1. An empty field is missing (. or ""). Variables are labelled with the
* codebook's descriptions (cut to 80 characters). A value that does not fit its type, or a
* column the table does not declare, is an error.

capture program drop read_ceasefire
program define read_ceasefire
    version 16
    syntax using/, TABle(string) [clear]
"""

_STATA_HELPER = """\
capture program drop _ceasefire_numeric
program define _ceasefire_numeric
    version 16
    args v file type
    quietly destring `v', replace
    capture confirm numeric variable `v'
    if _rc {
        display as error `"`file': column `v' holds text that is not a number"'
        exit 459
    }
    if "`type'" != "double" {
        capture assert `v' == round(`v') | missing(`v')
        if _rc {
            display as error `"`file': column `v' holds numbers that are not whole"'
            exit 459
        }
    }
    if "`type'" == "byte" {
        capture assert inlist(`v', 0, 1) | missing(`v')
        if _rc {
            display as error `"`file': column `v' holds values other than 0 and 1"'
            exit 459
        }
    }
    quietly recast `type' `v'
end
"""

_STATA_BODY = """\
    quietly import delimited using `"`using'"', `clear' varnames(1) case(preserve) ///
        encoding("utf-8") bindquote(strict) delimiters(",") stringcols(_all)
    local declared `c_int' `c_num' `c_str' `c_date' `c_bool'
    unab present : _all
    foreach v of local present {
        if !`: list v in declared' {
            display as error `"`using': column `v' is not declared for table `table'"'
            exit 198
        }
    }
    foreach v of local present {
        if `: list v in c_int' _ceasefire_numeric `v' `"`using'"' long
        if `: list v in c_num' _ceasefire_numeric `v' `"`using'"' double
        if `: list v in c_bool' _ceasefire_numeric `v' `"`using'"' byte
        if `: list v in c_date' {
            tempvar day
            quietly generate double `day' = date(`v', "YMD")
            quietly count if missing(`day') & `v' != ""
            if r(N) {
                display as error `"`using': column `v' holds text that is not a date YYYY-MM-DD"'
                exit 459
            }
            drop `v'
            rename `day' `v'
            format `v' %td
        }
    }
    order `present'
"""


def _stata_label(text: str) -> str:
    """A description as a Stata variable label: no quotes or macro characters, 80 at most."""
    clean = text.replace('"', "'").replace("`", "'").replace("$", "")
    return clean if len(clean) <= STATA_LABEL_LENGTH else clean[: STATA_LABEL_LENGTH - 3] + "..."


def _stata_table(table: str, columns: Sequence[Column], first: bool) -> list[str]:
    keyword = "if" if first else "else if"
    lines = [f'    {keyword} `"`table\'"\' == "{table}" {{']
    for type_, macro in STATA_TYPES.items():
        chosen = " ".join(c.name for c in columns if _stata_type(c) == type_)
        lines.append(f'        local {macro} "{chosen}"')
    return [*lines, "    }"]


def _stata_labels(table: str, columns: Sequence[Column], first: bool) -> list[str]:
    keyword = "if" if first else "else if"
    lines = [f'    {keyword} `"`table\'"\' == "{table}" {{']
    for c in columns:
        lines.append(f"        capture confirm variable {c.name}, exact")
        lines.append(f'        if !_rc label variable {c.name} "{_stata_label(c.description)}"')
    return [*lines, "    }"]


def stata_reader(tables: Mapping[str, Table]) -> str:
    """The text of ``read_ceasefire.do``: deterministic, generated from the declarations."""
    items = [(name, table.columns) for name, table in tables.items()]
    known = " ".join(tables)
    types = [
        line
        for i, (table, columns) in enumerate(items)
        for line in _stata_table(table, columns, i == 0)
    ]
    labels = [
        line
        for i, (table, columns) in enumerate(items)
        for line in _stata_labels(table, columns, i == 0)
    ]
    unknown = [
        "    else {",
        f"        display as error `\"unknown table `table'; known tables: {known}\"'",
        "        exit 198",
        "    }",
    ]
    return "\n".join(
        [
            _STATA_HEADER.rstrip("\n"),
            *types,
            *unknown,
            _STATA_BODY.rstrip("\n"),
            *labels,
            "end",
            "",
            _STATA_HELPER,
        ]
    )


# ----------------------------------------------------------------------- files
READERS = {R_READER: r_reader, STATA_READER: stata_reader}
"""The reader files and the functions that generate their text."""


def write_readers(tables: Mapping[str, Table], out_dir: Path) -> list[Path]:
    """Write ``read_ceasefire.R`` and ``read_ceasefire.do`` into ``out_dir`` (created if missing).

    Args:
        tables: the tables the readers know.
        out_dir: the folder.

    Returns:
        The paths written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in READERS.items():
        path = out_dir / name
        paths.append(files.write_text(path, text(tables)))
    return paths


def stale_readers(tables: Mapping[str, Table], folder: Path = READER_DIR) -> list[Path]:
    """The reader files in ``folder`` that are missing or differ from those of ``tables``."""
    stale = []
    for name, text in READERS.items():
        path = Path(folder) / name
        if not path.exists() or path.read_text(encoding="utf-8") != text(tables):
            stale.append(path)
    return stale
