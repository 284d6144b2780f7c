"""The table registry: a table is declared once, and every consumer follows the declaration."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ceasefire.batch import CATALOGUE, Table
from ceasefire.batch.io import readers, tables
from ceasefire.batch.io.codebook import codebook_markdown
from ceasefire.batch.io.datapackage import write_datapackage
from ceasefire.batch.io.export import write_derived
from ceasefire.batch.io.reading import read_table, undocumented_columns  # the registry's
from ceasefire.batch.io.tables import derived, lookup, register
from ceasefire.model.outputs import Column

NEW = Table(
    "plots/new_chart",
    derived(
        (
            Column("lever", "string", "-", "The lever"),
            Column("share", "number", "1", "A share"),
            Column("held", "boolean", "-", "1 if it held", (0, 1)),
        )
    ),
    ("lever",),
    "One row per lever: a new chart's numbers.",
    "lever",
    "`ceasefire plot`",
)


@pytest.fixture
def registered():
    """``NEW`` registered for the test only."""
    register(NEW)
    yield {**CATALOGUE, NEW.name: NEW}
    del tables.REGISTRY[NEW.name]


def test_one_declaration_reaches_writer_datapackage_codebook_readers_and_reader(
    tmp_path, registered
):
    (tmp_path / "plots").mkdir()
    frame = pd.DataFrame({"held": [True], "share": [1 / 3], "lever": ["fatf_offer"], "x": [0]})
    path = write_derived(frame, NEW.name, tmp_path / NEW.path)
    assert path.read_text() == "lever,share,held\nfatf_offer,0.333333,1\n"
    package = json.loads(write_datapackage(tmp_path, [NEW.name]).read_text())
    assert package["resources"][0]["path"] == "plots/new_chart.csv"
    assert package["resources"][0]["schema"]["primaryKey"] == ["lever"]
    assert undocumented_columns(tmp_path) == {}
    assert read_table(path)["held"].tolist() == [1]
    text = codebook_markdown(registered)
    assert (
        "## `plots/new_chart.csv`" in text
        and "| `plots/new_chart.csv` | `ceasefire plot` |" in text
    )
    assert '"plots/new_chart" = c(' in readers.r_reader(registered)
    assert "plots/new_chart" in readers.stata_reader(registered)


def test_every_written_table_is_in_the_catalogue_once():
    assert list(CATALOGUE) == list(dict.fromkeys(CATALOGUE))
    assert set(tables.REGISTRY) >= set(CATALOGUE)
    assert {"runs", "comparison", "plots/heatmap", "patterns", "ablation"} <= set(CATALOGUE)


def test_a_table_declared_twice_differently_is_refused():
    register(lookup("runs"))  # the same declaration again: harmless
    with pytest.raises(ValueError, match="'runs' is declared twice"):
        register(Table("runs", NEW.columns, (), "other", "row", "nobody"))


def test_a_primary_key_must_be_declared():
    with pytest.raises(ValueError, match="primary key columns not declared"):
        Table("x", NEW.columns, ("nope",), "d", "row", "nobody")


def test_an_unknown_table_is_named_with_the_known_ones():
    with pytest.raises(ValueError, match="unknown table 'nope'; known tables: runs, steps"):
        lookup("nope")
