"""Reading the outputs in R, Stata and pandas with the codebook's types.

The R readers run for real with ``Rscript`` (CI installs Debian's r-base-core and r-cran-readr;
the tests are skipped, saying why, where R is missing) on a real run, a real sweep with its
charts, and a file of every declared table whose columns are all empty: the case where base R
guesses ``logical``. Stata is not available, so the ``.do`` file is checked structurally: every
table, every column, with its type. The recipes of the README and of docs/codebook.md are run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from ceasefire.batch import CATALOGUE, main
from ceasefire.batch.cli.catalogue import read_table
from ceasefire.batch.io import readers
from ceasefire.batch.io.codebook import CODEBOOK_PATH, WIDE_INTEGERS
from ceasefire.batch.io.reading import PANDAS_DTYPES
from ceasefire.batch.io.reading import table_of as table_in
from ceasefire.model.outputs import Column, names

DOCUMENTED_TABLES = {name: table.columns for name, table in CATALOGUE.items()}


def table_of(path: Path) -> str:
    """The catalogue's table of ``path``."""
    return table_in(path, CATALOGUE)


ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RSCRIPT = shutil.which("Rscript")
R_CLASSES = {
    "integer": "integer",
    "number": "numeric",
    "string": "character",
    "date": "Date",
    "boolean": "integer",
}
"""The R class each Table Schema type must be read as (by base R and readr alike)."""
needs_r = pytest.mark.skipif(
    RSCRIPT is None,
    reason="Rscript is not installed (CI installs r-base-core and r-cran-readr: see .ci/run)",
)


def typical(column: Column) -> str:
    """A value that fits ``column``, as text in a CSV file."""
    if column.values:
        return str(column.values[0])
    return {
        "integer": "1",
        "number": "0.5",
        "string": "text, with a comma",
        "date": "2021-02-12",
        "boolean": "1",
    }[column.type]


def write_table(folder: Path, table: str, rows: list[list[str]]) -> Path:
    """Write ``rows`` of ``table`` (all its declared columns) as ``folder/TABLE.csv``."""
    path = folder / f"{table}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pd.DataFrame(rows, columns=names(DOCUMENTED_TABLES[table]))
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> Path:
    """A real run, a real sweep (steps, events, cells) with its charts, and synthetic tables.

    The sweep leaves ``pakistan_pressure_set`` at ``auto`` and runs 5 weeks, so that column,
    ``weeks_to_ceasefire`` and ``error`` are all empty in its ``runs.csv``. ``typed/`` holds
    every declared table with one row of typical values and one of empty fields; ``empty/``
    every table with only empty fields; ``header/`` every table without rows.
    """
    root = tmp_path_factory.mktemp("readers")
    run = ["run", "--set", "map=coarse", "--steps", "5", "--out", str(root / "run")]
    assert main(run) == 0
    sweep = [
        "sweep", "--vary", "fatf_offer=0,1", "--set", "map=coarse", "--reps", "2", "--steps",
        "5", "--outputs", "steps,events,cells", "--workers", "1", "--out", str(root / "sweep"),
    ]  # fmt: skip
    assert main(sweep) == 0
    assert main(["plot", str(root / "sweep")]) == 0
    for table, columns in DOCUMENTED_TABLES.items():
        write_table(root / "typed", table, [[typical(c) for c in columns], [""] * len(columns)])
        write_table(root / "empty", table, [[""] * len(columns)] * 2)
        write_table(root / "header", table, [])
    return root


def csv_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.csv") if not p.name.startswith("."))


def declared(path: Path) -> dict[str, str]:
    """Column name -> Table Schema type of the columns in ``path``'s header (seed: number)."""
    columns = {c.name: c for c in DOCUMENTED_TABLES[table_of(path)]}
    header = pd.read_csv(path, nrows=0).columns
    return {name: "number" if name in WIDE_INTEGERS else columns[name].type for name in header}


def rscript(cwd: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run ``Rscript --vanilla ARGUMENTS`` in ``cwd``."""
    return subprocess.run(
        [RSCRIPT, "--vanilla", *arguments], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def run_r(script: str, cwd: Path) -> str:
    """Run an R script with warnings as errors; return its standard output."""
    result = rscript(cwd, "-e", f"options(warn = 2)\n{script}")
    assert result.returncode == 0, result.stderr
    return result.stdout


# ---------------------------------------------------------------------------- generated files
def test_packaged_readers_are_up_to_date():
    assert readers.stale_readers(CATALOGUE) == [], "run: python -m ceasefire.batch.cli.codebook"


def test_readers_command_writes_the_generated_files(tmp_path, capsys):
    assert main(["readers", "--out", str(tmp_path / "r")]) == 0
    for name, text in readers.READERS.items():
        assert (tmp_path / "r" / name).read_text(encoding="utf-8") == text(CATALOGUE)
    assert readers.stale_readers(CATALOGUE, tmp_path / "r") == []
    (tmp_path / "r" / readers.R_READER).write_text("# edited\n")
    assert readers.stale_readers(CATALOGUE, tmp_path / "r") == [tmp_path / "r" / readers.R_READER]


def test_codebook_check_fails_on_stale_readers(tmp_path, capsys):
    from ceasefire.batch.cli import codebook

    path = tmp_path / "codebook.md"
    assert codebook.main(["--path", str(path), "--readers", str(tmp_path)]) == 0
    assert codebook.main(["--check", "--path", str(path), "--readers", str(tmp_path)]) == 0
    (tmp_path / readers.STATA_READER).write_text("* edited\n")
    assert codebook.main(["--check", "--path", str(path), "--readers", str(tmp_path)]) == 1
    assert readers.STATA_READER in capsys.readouterr().err


# ---------------------------------------------------------------------------- pandas
@pytest.mark.parametrize("table", list(DOCUMENTED_TABLES))
def test_read_table_reads_every_table_with_its_declared_types(outputs, table):
    for folder in ("typed", "empty", "header"):
        frame = read_table(outputs / folder / f"{table}.csv")
        assert list(frame.columns) == names(DOCUMENTED_TABLES[table])
        for column in DOCUMENTED_TABLES[table]:
            series = frame[column.name]
            if column.type == "date":
                assert pd.api.types.is_datetime64_any_dtype(series), column.name
            else:
                assert str(series.dtype) == PANDAS_DTYPES[column.type], (table, column.name)
        assert folder == "header" or frame.iloc[-1].isna().all()


def test_read_table_reads_every_file_written(outputs):
    files = csv_files(outputs / "run") + csv_files(outputs / "sweep")
    tables = {table_of(p) for p in files}
    assert {"steps", "events", "cells", "runs", "design", "plots/timeseries"} <= tables
    for path in files:
        frame = read_table(path)
        assert len(frame) > 0, path


def test_plot_adds_its_tables_to_the_sweeps_datapackage(outputs):
    import json

    path = outputs / "sweep" / "datapackage.json"
    resources = json.loads(path.read_text())["resources"]
    plotted = sorted(p.stem for p in (outputs / "sweep" / "plots").glob("*.csv"))
    listed = sorted(r["path"] for r in resources if r["path"].startswith("plots/"))
    assert plotted and listed == [f"plots/{stem}.csv" for stem in plotted]
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(path)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_read_table_refuses_an_undeclared_column(tmp_path):
    path = tmp_path / "comparison.csv"
    path.write_text("scenario,runs,surprise\nx,2,3\n")
    with pytest.raises(ValueError, match="undeclared columns surprise"):
        read_table(path)


# ---------------------------------------------------------------------------- R
R_TYPES = """
source("read_ceasefire.R")
for (path in commandArgs(trailingOnly = TRUE)) {
  for (reader in c("read_ceasefire", "read_ceasefire_readr")) {
    frame <- get(reader)(path)
    for (name in names(frame)) {
      cat(path, reader, name, class(frame[[name]])[1], sep = "\\t")
      cat("\\n")
    }
  }
}
"""


@needs_r
def test_r_readers_give_every_column_its_declared_type(outputs, tmp_path):
    readers.write_readers(CATALOGUE, tmp_path)
    folders = ("run", "sweep", "typed", "empty", "header")
    files = [p for folder in folders for p in csv_files(outputs / folder)]
    script = tmp_path / "types.R"
    script.write_text(R_TYPES)
    result = rscript(tmp_path, str(script), *map(str, files))
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr
    seen: dict[tuple[str, str], dict[str, str]] = {}
    for line in result.stdout.splitlines():
        path, reader, name, klass = line.split("\t")
        seen.setdefault((path, reader), {})[name] = klass
    for path in files:
        expected = {name: R_CLASSES[t] for name, t in declared(path).items()}
        for reader in ("read_ceasefire", "read_ceasefire_readr"):
            assert seen[(str(path), reader)] == expected, (path, reader)


@needs_r
def test_r_readers_keep_all_empty_columns_typed(outputs, tmp_path):
    readers.write_readers(CATALOGUE, tmp_path)
    runs = outputs / "sweep" / "runs.csv"
    assert (
        read_table(runs)[["pakistan_pressure_set", "weeks_to_ceasefire", "error"]]
        .isna()
        .all(axis=None)
    ), "the fixture must have all-empty columns"
    out = run_r(
        f"""
        source("read_ceasefire.R")
        for (reader in c("read_ceasefire", "read_ceasefire_readr")) {{
          runs <- get(reader)("{runs}")
          cat(class(runs$pakistan_pressure_set), class(runs$weeks_to_ceasefire),
              class(runs$error), class(runs$seed), class(runs$ceasefire_held), "\\n")
          naive <- read.csv("{runs}")
        }}
        cat(class(naive$weeks_to_ceasefire), "\\n")
        """,
        tmp_path,
    )
    lines = out.splitlines()
    assert lines[:2] == ["numeric integer character numeric integer "] * 2
    assert lines[2] == "logical ", "plain read.csv no longer guesses logical: update the docs"


@needs_r
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("run_id,step,date\n0,1.5,2021-02-12\n", "integer"),
        ("run_id,step,date\n0,1,12/02/2021\n", "date"),
        ("run_id,step,ceasefire\n0,1,2\n", "other than 0 and 1"),
        ("run_id,step,surprise\n0,1,2\n", "not declared for table 'steps': surprise"),
    ],
    ids=["integer", "date", "boolean", "undeclared"],
)
def test_r_readers_refuse_values_that_do_not_fit(tmp_path, text, message):
    readers.write_readers(CATALOGUE, tmp_path)
    (tmp_path / "steps.csv").write_text(text)
    for reader in ("read_ceasefire", "read_ceasefire_readr"):
        result = rscript(tmp_path, "-e", f'source("read_ceasefire.R"); {reader}("steps.csv")')
        assert result.returncode != 0, (reader, result.stdout)
        assert message in result.stderr, (reader, result.stderr)


# ---------------------------------------------------------------------------- Stata
def stata_blocks(text: str) -> dict[str, dict[str, list[str]]]:
    """Table -> Stata type macro -> column names, parsed from the generated .do file."""
    blocks: dict[str, dict[str, list[str]]] = {}
    pattern = re.compile(r'if `"`table\'"\' == "([^"]+)" \{\n((?:        local \w+ "[^"]*"\n)+)')
    for table, body in pattern.findall(text):
        macros = dict(re.findall(r'local (\w+) "([^"]*)"', body))
        blocks[table] = {macro: value.split() for macro, value in macros.items()}
    return blocks


def test_stata_reader_declares_every_table_and_column_with_its_type():
    text = readers.stata_reader(CATALOGUE)
    blocks = stata_blocks(text)
    assert list(blocks) == list(DOCUMENTED_TABLES)
    for table, columns in DOCUMENTED_TABLES.items():
        macros = blocks[table]
        assert set(macros) == set(readers.STATA_TYPES.values())
        for column in columns:
            type_ = "number" if column.name in WIDE_INTEGERS else column.type
            holders = [m for m, listed in macros.items() if column.name in listed]
            assert holders == [readers.STATA_TYPES[type_]], (table, column.name, holders)
        assert sorted(n for listed in macros.values() for n in listed) == sorted(names(columns))
        for column in columns:
            assert f"label variable {column.name} " in text
    assert re.search(r"^program define read_ceasefire$", text, re.M)
    assert text.rstrip().endswith("end")
    assert "stringcols(_all)" in text and "format `v' %td" in text
    for macro, type_ in (("c_int", "long"), ("c_num", "double"), ("c_bool", "byte")):
        assert f"if `: list v in {macro}' _ceasefire_numeric `v' `\"`using'\"' {type_}" in text
    assert re.search(r"^program define _ceasefire_numeric$", text, re.M)


def test_stata_labels_are_safe_and_short():
    for label in re.findall(r'label variable \w+ "([^"]*)"', readers.stata_reader(CATALOGUE)):
        assert len(label) <= readers.STATA_LABEL_LENGTH and "`" not in label and "$" not in label


# ---------------------------------------------------------------------------- recipes
def fenced(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def readme_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("## Reading the files in R, Stata and pandas")
    end = text.index("\n## ", start + 1)
    return text[start:end]


@pytest.fixture(scope="module")
def workdir(outputs, tmp_path_factory) -> Path:
    """A folder laid out as the recipes expect: output/run, output/sweep, the readers, and
    a sweep's runs.csv and steps.csv beside them."""
    root = tmp_path_factory.mktemp("recipes")
    shutil.copytree(outputs / "run", root / "output" / "run")
    shutil.copytree(outputs / "sweep", root / "output" / "sweep")
    for name in ("runs.csv", "steps.csv", "datapackage.json"):
        shutil.copy(outputs / "sweep" / name, root / name)
    readers.write_readers(CATALOGUE, root)
    return root


@pytest.mark.parametrize("source", ["README", "codebook"])
def test_python_recipes_run(workdir, source, monkeypatch):
    text = readme_section() if source == "README" else CODEBOOK_PATH.read_text(encoding="utf-8")
    blocks = fenced(text, "python")
    assert blocks
    monkeypatch.chdir(workdir)
    for block in blocks:
        scope: dict = {}
        exec(compile(block, f"<{source} recipe>", "exec"), scope)
        frames = [v for v in scope.values() if isinstance(v, pd.DataFrame)]
        assert frames and all(len(f) for f in frames)


@needs_r
@pytest.mark.parametrize("source", ["README", "codebook"])
def test_r_recipes_run_without_warnings(workdir, source):
    text = readme_section() if source == "README" else CODEBOOK_PATH.read_text(encoding="utf-8")
    blocks = fenced(text, "r")
    assert blocks
    for block in blocks:
        run_r(block, workdir)


@pytest.mark.parametrize("source", ["README", "codebook"])
def test_stata_recipes_name_known_tables(source):
    text = readme_section() if source == "README" else CODEBOOK_PATH.read_text(encoding="utf-8")
    blocks = fenced(text, "stata")
    assert blocks
    calls = re.findall(r'read_ceasefire using "([^"]+)", table\(([^)]+)\) clear', "\n".join(blocks))
    assert calls
    for path, table in calls:
        assert table in DOCUMENTED_TABLES and table_of(Path(path)) == table
    assert all("do read_ceasefire.do" in block for block in blocks)


def test_readers_are_package_data():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["ceasefire.batch.io"]
    assert set(readers.READERS) <= set(data)
    assert all((readers.READER_DIR / name).is_file() for name in readers.READERS)
