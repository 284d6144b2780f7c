"""The codebook: column declarations, the Frictionless descriptor, docs/codebook.md, real files.

The real files come from one short ``ceasefire run`` on the coarse map (about a second), shared
by the module. When the ``frictionless`` package is installed, the descriptor and the files are
also checked with it; otherwise the structural checks here stand in for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from ceasefire.batch import CATALOGUE
from ceasefire.batch.cli import codebook
from ceasefire.batch.cli.catalogue import read_table
from ceasefire.batch.cli.main import main as cli_main
from ceasefire.batch.io import reading
from ceasefire.batch.io.codebook import CODEBOOK_PATH, RUN_JSON_KEYS
from ceasefire.batch.io.codebook import codebook_markdown as markdown_of
from ceasefire.batch.io.datapackage import (
    FRICTIONLESS_TYPES,
    datapackage,
    table_schema,
    write_datapackage,
)
from ceasefire.batch.io.reading import undocumented_columns
from ceasefire.model.outputs import SUMMARY_COLUMNS, SWEEP_TABLES, TABLES, Column, names

SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
PACKAGE_NAME = re.compile(r"[a-z0-9._-]+")
# Names Stata refuses as variable names.
STATA_RESERVED = {
    "_all", "_b", "byte", "_coef", "_cons", "double", "float", "if", "in", "int", "long", "_n",
    "_N", "_pi", "_pred", "_rc", "_skip", "strL", "using", "with",
}  # fmt: skip
DOCUMENTED_TABLES = {name: table.columns for name, table in CATALOGUE.items()}
PRIMARY_KEYS = {name: list(table.primary_key) for name, table in CATALOGUE.items()}
ALL_COLUMNS = [(table, c) for table, columns in DOCUMENTED_TABLES.items() for c in columns]


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory) -> Path:
    """Output directory of a real 5-week ``ceasefire run`` on the coarse map."""
    out = tmp_path_factory.mktemp("codebook") / "run"
    assert cli_main(["run", "--set", "map=coarse", "--steps", "5", "--out", str(out)]) == 0
    return out


# ---------------------------------------------------------------------------- docs/codebook.md
def test_codebook_file_is_up_to_date():
    assert CODEBOOK_PATH.exists(), (
        "docs/codebook.md is missing: python -m ceasefire.batch.cli.codebook"
    )
    assert CODEBOOK_PATH.read_text(encoding="utf-8") == markdown_of(CATALOGUE), (
        "docs/codebook.md is out of date: run python -m ceasefire.batch.cli.codebook"
    )


def test_codebook_is_deterministic_and_lists_every_column():
    text = markdown_of(CATALOGUE)
    assert text == markdown_of(CATALOGUE)
    assert text.endswith("\n") and "\r" not in text
    for table, columns in SWEEP_TABLES.items():
        section = text.split(f"## `{table}.csv`", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| `")]
        assert [row.split("`")[1] for row in rows] == names(columns)


def test_check_mode(tmp_path, capsys):
    path = tmp_path / "codebook.md"
    assert codebook.main(["--check", "--path", str(path)]) == 1
    assert codebook.main(["--path", str(path)]) == 0
    assert codebook.main(["--check", "--path", str(path)]) == 0
    path.write_text(markdown_of(CATALOGUE) + "edited\n", encoding="utf-8")
    assert codebook.main(["--check", "--path", str(path)]) == 1
    assert "python -m ceasefire.batch.cli.codebook" in capsys.readouterr().err


# ---------------------------------------------------------------------------- declarations
@pytest.mark.parametrize(("table", "column"), ALL_COLUMNS, ids=lambda x: getattr(x, "name", x))
def test_column_is_documented(table, column: Column):
    assert column.description.strip(), f"{table}.{column.name} has no description"
    assert column.unit.strip(), f"{table}.{column.name} has no unit"
    assert column.type in FRICTIONLESS_TYPES, f"{table}.{column.name}: type {column.type!r}"
    assert SNAKE_CASE.fullmatch(column.name), f"{table}.{column.name} is not snake_case"
    assert len(column.name) <= 32, f"{table}.{column.name} is longer than 32 characters"
    assert column.name not in STATA_RESERVED
    assert len(set(column.values)) == len(column.values)
    assert column.decimals is None or column.type == "number", "only numbers are rounded"


@pytest.mark.parametrize("table", list(DOCUMENTED_TABLES))
def test_names_unique_per_table(table):
    columns = names(DOCUMENTED_TABLES[table])
    assert len(columns) == len(set(columns)), f"{table} repeats a column name"


# ---------------------------------------------------------------------------- descriptor
def _value_fits(value, type_: str) -> bool:
    if type_ == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_ == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if type_ == "boolean":
        return isinstance(value, bool)
    if type_ == "date":
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    return isinstance(value, str)


def check_schema(schema: dict) -> None:
    """Structural Table Schema checks (what a Frictionless validator would refuse)."""
    assert set(schema) <= {"fields", "missingValues", "primaryKey", "foreignKeys"}
    assert schema["missingValues"] == [""]
    fields = schema["fields"]
    assert isinstance(fields, list) and fields
    field_names = [f["name"] for f in fields]
    assert len(field_names) == len(set(field_names))
    for field in fields:
        assert isinstance(field["name"], str) and SNAKE_CASE.fullmatch(field["name"])
        assert field["type"] in FRICTIONLESS_TYPES
        assert isinstance(field["description"], str) and field["description"]
        assert isinstance(field["unit"], str) and field["unit"]
        constraints = field.get("constraints", {})
        assert set(constraints) <= {"enum"}
        if "enum" in constraints:
            enum = constraints["enum"]
            assert isinstance(enum, list) and enum and len(enum) == len(set(map(str, enum)))
            assert all(_value_fits(v, field["type"]) for v in enum), field
        if field["type"] == "boolean":
            assert field["trueValues"] == ["1"] and field["falseValues"] == ["0"]
        else:
            assert "trueValues" not in field and "falseValues" not in field
    assert all(name in field_names for name in schema.get("primaryKey", []))


def check_package(descriptor: dict) -> None:
    """Structural Data Package checks."""
    assert json.loads(json.dumps(descriptor)) == descriptor, "not plain JSON"
    assert descriptor["profile"] == "tabular-data-package"
    assert PACKAGE_NAME.fullmatch(descriptor["name"])
    assert descriptor["title"] and descriptor["description"]
    for licence in descriptor["licenses"]:
        assert licence.get("name") or licence.get("path")
        assert "title" in licence
    assert all(source["title"] for source in descriptor["sources"])
    resources = descriptor["resources"]
    assert resources and len({r["name"] for r in resources}) == len(resources)
    schemas = {r["name"]: r["schema"] for r in resources}
    for res in resources:
        assert PACKAGE_NAME.fullmatch(res["name"])
        assert res["path"] == f"{res['name']}.csv"
        assert res["profile"] == "tabular-data-resource"
        assert (res["format"], res["mediatype"], res["encoding"]) == ("csv", "text/csv", "utf-8")
        assert res["dialect"] == {"delimiter": ",", "header": True, "lineTerminator": "\n"}
        check_schema(res["schema"])
        for key in res["schema"].get("foreignKeys", []):
            target = key["reference"]["resource"]
            assert target in schemas
            fields_there = [f["name"] for f in schemas[target]["fields"]]
            fields_here = [f["name"] for f in res["schema"]["fields"]]
            assert all(name in fields_here for name in key["fields"])
            assert all(name in fields_there for name in key["reference"]["fields"])


@pytest.mark.parametrize("table", list(SWEEP_TABLES))
def test_table_schema_of_each_table(table):
    columns = SWEEP_TABLES[table]
    schema = table_schema(columns, PRIMARY_KEYS[table])
    check_schema(schema)
    assert schema["primaryKey"] == PRIMARY_KEYS[table]
    assert [f["name"] for f in schema["fields"]] == names(columns)
    for field, column in zip(schema["fields"], columns, strict=True):
        assert (field["type"], field["unit"], field["description"]) == (
            column.type,
            column.unit,
            column.description,
        )
        if column.values and column.type != "boolean":
            assert field["constraints"]["enum"] == list(column.values)


def test_table_schema_refuses_unknown_key_and_omits_empty_key():
    assert "primaryKey" not in table_schema(SWEEP_TABLES["cells"])
    with pytest.raises(ValueError, match="nope"):
        table_schema(SWEEP_TABLES["cells"], ["run_id", "nope"])


def test_datapackage_of_a_sweep():
    descriptor = datapackage(list(SWEEP_TABLES), extra={"version": "0.1.0"})
    check_package(descriptor)
    assert [r["name"] for r in descriptor["resources"]] == list(SWEEP_TABLES)
    assert descriptor["version"] == "0.1.0"
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    keys = {r["name"]: r["schema"].get("foreignKeys") for r in descriptor["resources"]}
    assert keys["runs"] is None
    assert all(keys[t][0]["reference"]["resource"] == "runs" for t in TABLES)


def test_datapackage_follows_the_order_given_and_refuses_bad_input():
    descriptor = datapackage(["cells", "steps"], name="x.y-z", description="d")
    check_package(descriptor)
    assert [r["name"] for r in descriptor["resources"]] == ["cells", "steps"]
    assert descriptor["description"] == "d"
    assert all("foreignKeys" not in r["schema"] for r in descriptor["resources"])
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        datapackage(["steps", "nope"])
    with pytest.raises(ValueError, match="twice"):
        datapackage(["steps", "steps"])
    with pytest.raises(ValueError, match="package name"):
        datapackage(["steps"], name="Ceasefire Sweep")


def test_write_datapackage_is_atomic_and_readable(tmp_path):
    out = tmp_path / "sweep"
    path = write_datapackage(out, ["runs", "steps"], extra={"commit": "abc"})
    assert path == out / "datapackage.json"
    assert json.loads(path.read_text(encoding="utf-8")) == datapackage(
        ["runs", "steps"], extra={"commit": "abc"}
    )
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json"], "temporary file left"
    write_datapackage(out, ["steps"])
    assert [r["name"] for r in json.loads(path.read_text())["resources"]] == ["steps"]


def test_frictionless_validates_a_run(run_dir, tmp_path):
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "run"
    out.mkdir()
    for name in TABLES:
        (out / f"{name}.csv").write_bytes((run_dir / f"{name}.csv").read_bytes())
    path = write_datapackage(out, list(TABLES))
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])


# ---------------------------------------------------------------------------- real files
def test_run_output_has_no_undocumented_columns(run_dir):
    assert {p.name for p in run_dir.glob("*.csv")} == {f"{t}.csv" for t in TABLES}
    assert undocumented_columns(run_dir) == {}


def test_extra_column_is_reported(tmp_path, run_dir):
    frame = pd.read_csv(run_dir / "cells.csv").assign(mystery_column=1)
    frame.insert(0, "another", 2)
    frame.to_csv(tmp_path / "cells.csv", index=False, lineterminator="\n")
    (tmp_path / "steps.csv").write_bytes((run_dir / "steps.csv").read_bytes())
    (tmp_path / "notes.csv").write_text("whatever,columns\n1,2\n")
    assert undocumented_columns(tmp_path) == {"cells": ["another", "mystery_column"]}


@pytest.mark.parametrize("table", list(TABLES))
def test_run_output_matches_the_schema(run_dir, table):
    path = run_dir / f"{table}.csv"
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    with path.open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert header == names(SWEEP_TABLES[table]), "columns or their order differ from the schema"
    assert rows, f"{table}.csv has no rows"
    for column in SWEEP_TABLES[table]:
        values = [row[header.index(column.name)] for row in rows]
        if column.type == "date":
            assert all(dt.date.fromisoformat(v).isoformat() == v for v in values if v)
        if column.type == "boolean":
            assert set(values) <= {"0", "1", ""}, f"{table}.{column.name}: {set(values)}"
        if column.values and column.type != "boolean":
            allowed = {str(v) for v in column.values} | {""}
            assert set(values) <= allowed, f"{table}.{column.name}: {set(values) - allowed}"


@pytest.mark.parametrize("table", list(TABLES))
def test_round_trip_with_pandas(run_dir, table):
    columns = SWEEP_TABLES[table]
    frame = read_table(run_dir / f"{table}.csv")
    raw = pd.read_csv(run_dir / f"{table}.csv", dtype=str, keep_default_na=False)
    assert list(frame.columns) == names(columns) and len(frame) == len(raw)
    expected = {"integer": "Int64", "number": "float64", "string": "string", "boolean": "Int8"}
    for column in columns:
        series = frame[column.name]
        if column.type == "date":
            assert pd.api.types.is_datetime64_any_dtype(series)
            assert (series.dt.strftime("%Y-%m-%d").fillna("") == raw[column.name]).all()
        else:
            assert str(series.dtype) == expected[column.type], column.name
        # Every empty field, and only those, is missing after the round trip.
        assert (series.isna() == (raw[column.name] == "")).all(), column.name
        if column.type == "number":
            parsed = raw[column.name].replace("", "nan").astype(float)
            assert all(
                (math.isnan(a) and math.isnan(b)) or a == b
                for a, b in zip(series, parsed, strict=True)
            )


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("run_id,step,date\n0,1.5,2021-02-12\n", "cannot safely cast"),
        ("run_id,step,date\n0,1,12/02/2021\n", "doesn't match format"),
        ("run_id,step,fatalities\n0,1,many\n", "many"),
        ("run_id,step,ceasefire\n0,1,2\n", "column 'ceasefire' has values"),
    ],
    ids=["integer", "date", "number", "boolean"],
)
def test_read_table_refuses_values_that_do_not_fit(tmp_path, text, error):
    path = tmp_path / "steps.csv"
    path.write_text(text)
    declared = {c.name: c for c in SWEEP_TABLES["steps"]}
    columns = [declared[name] for name in text.split("\n", 1)[0].split(",")]
    with pytest.raises((ValueError, TypeError), match=error):
        reading.read_table(path, columns)


def test_read_table_refuses_an_unknown_table(tmp_path):
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        read_table(tmp_path / "nope.csv")


def test_run_json_keys_are_documented(run_dir):
    record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert set(record) == set(RUN_JSON_KEYS), "document run.json keys in RUN_JSON_KEYS"
    assert list(record["summary"]) == names(SUMMARY_COLUMNS)
    text = markdown_of(CATALOGUE)
    assert all(f"`{key}`" in text for key in RUN_JSON_KEYS)


# ---------------------------------------------------------------------------- GED dates, months
def test_events_have_ged_dates(run_dir):
    events = read_table(run_dir / "events.csv")
    assert "date" not in events.columns  # UCDP GED has date_start and date_end, no date
    assert (events["date_end"] - events["date_start"] == pd.Timedelta(days=6)).all()
    assert set(events["date_prec"]) == {3}
    steps = read_table(run_dir / "steps.csv").set_index("step")["date"]
    assert (events["date_start"] == steps.loc[events["step"]].to_numpy()).all()


def test_week_months_split_a_week_by_its_days():
    from ceasefire.batch.io.export import week_months

    split = week_months(pd.Series([1, 2]), pd.Series(["2021-02-19", "2021-02-26"]))
    february, march = (2021 - 1980) * 12 + 2, (2021 - 1980) * 12 + 3
    assert split.to_dict("records") == [
        {"step": 1, "month_id": february, "days": 7, "share": 1.0},
        {"step": 2, "month_id": february, "days": 3, "share": 3 / 7},
        {"step": 2, "month_id": march, "days": 4, "share": 4 / 7},
    ]


def test_cells_split_weeks_by_days_and_say_how_many_days_they_cover(run_dir):
    cells = read_table(run_dir / "cells.csv")
    events = read_table(run_dir / "events.csv")
    events = events[events["country"] == "Afghanistan"]  # the panel covers Afghanistan's cells
    steps = read_table(run_dir / "steps.csv")
    covered = cells.groupby("month_id")["days_covered"].agg(["min", "max"])
    assert (covered["min"] == covered["max"]).all(), "days_covered is a property of the month"
    assert covered["max"].sum() == 7 * len(steps)  # every simulated day in exactly one month
    assert covered["max"].iloc[0] == 17  # the run starts on 12 February 2021
    for column, kind in (("ged_best_sb", 1), ("ged_best_os", 3)):
        expected = events.loc[events["type_of_violence"] == kind, "best"].sum()
        assert cells[column].sum() == pytest.approx(expected, abs=1e-3)
    assert cells["ged_best"].sum() == pytest.approx(events["best"].sum(), abs=1e-3)
    assert cells["events"].sum() == pytest.approx(len(events), abs=1e-3)
    # The 5 weeks from 12 Feb end on 18 March: the week from 11 March is all March, the week
    # from 26 Feb has 3 days in February and 4 in March.
    march = (2021 - 1980) * 12 + 3
    in_march = events["step"].map({1: 0, 2: 0, 3: 4 / 7, 4: 1, 5: 1})
    got = cells.loc[cells["month_id"] == march, "ged_best"].sum()
    assert got == pytest.approx((events["best"] * in_march).sum(), abs=1e-3)


@pytest.mark.parametrize("table", list(TABLES))
def test_numbers_are_rounded_as_declared(run_dir, table):
    with (run_dir / f"{table}.csv").open(encoding="utf-8", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    for column in SWEEP_TABLES[table]:
        if column.decimals is None:
            continue
        values = [row[header.index(column.name)] for row in rows]
        places = [len(v.split(".")[1]) if "." in v else 0 for v in values if "e" not in v]
        assert max(places, default=0) <= column.decimals, f"{table}.{column.name}"


def test_codebook_documents_rounding_and_expected_values():
    text = markdown_of(CATALOGUE)
    steps = text.split("## `steps.csv`", 1)[1].split("\n## ", 1)[0]
    # two decimals: the strengths, the fighters at home and the fighters detained at the border
    assert "| `displaced` | number | people |" in steps and steps.count("| 2 |") == 4
    assert "expected value" in steps and "**Rounding**" in text and "days_covered" in text
