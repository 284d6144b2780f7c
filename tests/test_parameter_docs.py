"""The parameter tables of docs/ODD.md and README.md are generated from the registry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ceasefire.batch.io import parameter_docs
from ceasefire.batch.io.parameter_docs import TABLES, lever_table, main, markdown_table, odd_table
from ceasefire.model import LEVERS, PARAMETERS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A copy of the documents that hold generated tables."""
    for table in TABLES:
        (tmp_path / table.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / table.path, tmp_path / table.path)
    return tmp_path


def test_the_generated_tables_are_up_to_date(capsys):
    """What CI runs: edit model/parameters.py, then regenerate the tables."""
    assert main(["--check"]) == 0, capsys.readouterr().err


def test_check_finds_a_stale_table_and_the_generator_rewrites_only_the_table(docs, capsys):
    odd = docs / "docs" / "ODD.md"
    original = odd.read_text(encoding="utf-8")
    odd.write_text(original.replace("| `fatf_offer` | US support", "| `fatf_offer` | Old"), "utf-8")
    assert main(["--check", "--root", str(docs)]) == 1
    assert "ODD.md: the parameters table is out of date" in capsys.readouterr().err
    assert main(["--root", str(docs)]) == 0
    assert odd.read_text(encoding="utf-8") == original
    assert main(["--check", "--root", str(docs)]) == 0


@pytest.mark.parametrize("broken", ["<!-- END levers -->\n", "<!-- BEGIN levers -->\n"])
def test_a_document_without_its_markers_is_refused(docs, capsys, broken):
    readme = docs / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace(broken, ""), "utf-8")
    before = readme.read_text(encoding="utf-8")
    assert main(["--root", str(docs)]) == 2
    error = capsys.readouterr().err
    assert "README.md needs one line <!-- BEGIN levers -->" in error and "\n" == error[-1]
    assert readme.read_text(encoding="utf-8") == before


def test_tables_list_every_parameter_or_every_lever_in_registry_order():
    assert [row.split(" | ")[0] for row in odd_table()[2:]] == [f"| `{p.name}`" for p in PARAMETERS]
    assert [row.split(" | ")[0] for row in lever_table()[2:]] == [f"| `{n}`" for n in LEVERS]


def test_every_parameter_says_where_its_value_comes_from():
    assert [p.name for p in PARAMETERS if not p.source.strip()] == []


def test_cells_escape_pipes_and_join_lines():
    assert markdown_table(["a"], [["x | y\nz"]])[2] == "| x \\| y z |"


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "`none`"), (True, "`true`"), ("auto", "`auto`"), (60000, "60,000"), (0.0, "0")],
)
def test_values_are_shown_as_users_type_them(value, text):
    assert parameter_docs.value_text(value) == text
