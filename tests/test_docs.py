"""The ODD description (``docs/ODD.md``) checked against the code.

* The parameter table of Section 8.1 lists every parameter of ``PARAMETERS``, in the same order,
  with the code's default.
* Every ``file:SYMBOL`` reference (for example ``model/combat.py:ATTACKER_LETHALITY``) names an
  attribute that exists in that module; a reference written as ``file:SYMBOL = value`` also
  has the code's value.
* Every constant named in the table of Section 8.2 exists in the file of its row, with the value
  given there.

These tests only import modules and read the document; they run in well under a second.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
import re
from pathlib import Path
from typing import Any

import pytest

from ceasefire.model import PARAMETERS

ROOT = Path(__file__).resolve().parents[1]
ODD = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")

SOURCE_DIRS = ("model", "agents", "batch", "viz")
PATH = rf"(?:{'|'.join(SOURCE_DIRS)})/[\w/]+\.py"
SYMBOL = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*"
REFERENCE = re.compile(rf"\b({PATH}):({SYMBOL})")
VALUED_REFERENCE = re.compile(rf"({PATH}):({SYMBOL})\s*=\s*(\S+)")
NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?")


# ---------------------------------------------------------------------------- helpers
def section(heading: str) -> str:
    """Text of the section whose heading line starts with ``heading``, up to the next heading."""
    lines = ODD.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(heading)]
    assert len(starts) == 1, f"expected one heading starting with {heading!r} in docs/ODD.md"
    body = []
    for line in lines[starts[0] + 1 :]:
        if line.startswith("#"):
            break
        body.append(line)
    return "\n".join(body)


def split_row(line: str) -> list[str]:
    """Cells of one Markdown table row (pipes escaped as ``\\|`` stay in the cell)."""
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def first_table(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and body rows of the first Markdown table in ``text``."""
    rows, started = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("|"):
            rows.append(split_row(line))
            started = True
        elif started:
            break
    assert len(rows) >= 2, "no Markdown table found"
    header, separator, *body = rows
    assert all(set(cell) <= set("-: ") for cell in separator), "malformed table separator"
    return [cell.lower() for cell in header], body


def unquote(cell: str) -> str:
    return cell.strip().strip("`").strip()


def module_of(path: str):
    return importlib.import_module("ceasefire." + path.removesuffix(".py").replace("/", "."))


def lookup(path: str, symbol: str) -> Any:
    """The object that ``path:symbol`` names, or fail the test saying what is missing."""
    obj = module_of(path)
    for depth, part in enumerate(symbol.split(".")):
        if not hasattr(obj, part):
            owner = ".".join([path, *symbol.split(".")[:depth]])
            pytest.fail(f"docs/ODD.md cites {path}:{symbol}, but {owner} has no attribute {part!r}")
        obj = getattr(obj, part)
    return obj


def numbers(text: str) -> list[float]:
    return [float(match.replace(",", "")) for match in NUMBER.findall(text)]


def same_number(documented: float, actual: float) -> bool:
    return math.isclose(documented, actual, rel_tol=1e-9, abs_tol=1e-12)


def default_matches(cell: str, default: Any) -> bool:
    """Whether a table cell shows ``default`` ('auto', None as 'none', True as 'true', 0.5 as 0.5
    or 0.50)."""
    text = unquote(cell)
    if default is None:
        return text.lower() == "none"
    if isinstance(default, bool):
        return text.lower() == str(default).lower()
    if isinstance(default, str):
        return text == default
    plain = text.replace(",", "")
    if isinstance(default, int) and not isinstance(default, bool):
        return re.fullmatch(r"-?\d+", plain) is not None and int(plain) == default
    try:
        return same_number(float(plain), float(default))
    except ValueError:
        return False


# ---------------------------------------------------------------------------- 8.1 parameters
PARAMETER_HEADER, PARAMETER_ROWS = first_table(section("### 8.1"))


def test_parameter_table_lists_every_parameter_in_code_order():
    documented = [unquote(row[0]) for row in PARAMETER_ROWS]
    assert documented == [p.name for p in PARAMETERS]


@pytest.mark.parametrize("parameter", PARAMETERS, ids=[p.name for p in PARAMETERS])
def test_parameter_table_shows_the_code_default(parameter):
    column = PARAMETER_HEADER.index("default")
    rows = [row for row in PARAMETER_ROWS if unquote(row[0]) == parameter.name]
    assert len(rows) == 1, f"{parameter.name}: expected one row in the table of Section 8.1"
    cell = rows[0][column]
    assert default_matches(cell, parameter.default), (
        f"{parameter.name}: the ODD shows default {cell!r}, the code has {parameter.default!r}"
    )


@pytest.mark.parametrize(
    ("cell", "default", "expected"),
    [
        ("0.5", 0.5, True),
        ("0.50", 0.5, True),
        ("0", 0.0, True),
        ("`auto`", "auto", True),
        ("none", None, True),
        ("28", 28, True),
        ("60,000", 60000, True),
        ("28.5", 28, False),
        ("0.4", 0.5, False),
        ("auto", None, False),
        ("`true`", True, True),
        ("1", True, False),
    ],
)
def test_default_matching_rules(cell, default, expected):
    assert default_matches(cell, default) is expected


# ---------------------------------------------------------------------------- file:SYMBOL
REFERENCES = sorted(set(REFERENCE.findall(ODD)))
VALUED = sorted(
    {match for span in re.findall(r"`([^`\n]+)`", ODD) for match in VALUED_REFERENCE.findall(span)}
)


def test_the_document_cites_symbols():
    assert len(REFERENCES) >= 20
    assert len(VALUED) >= 3


@pytest.mark.parametrize(("path", "symbol"), REFERENCES, ids=[f"{p}:{s}" for p, s in REFERENCES])
def test_cited_symbol_exists(path, symbol):
    lookup(path, symbol)


@pytest.mark.parametrize(
    ("path", "symbol", "value"), VALUED, ids=[f"{p}:{s}" for p, s, _ in VALUED]
)
def test_cited_value_matches_the_code(path, symbol, value):
    actual = lookup(path, symbol)
    documented = numbers(value)
    assert documented, f"{path}:{symbol} = {value!r}: not a number"
    assert same_number(documented[0], actual), (
        f"docs/ODD.md says {path}:{symbol} = {value}, the code has {actual!r}"
    )


def test_cited_source_files_exist():
    paths = set(re.findall(rf"\b({PATH})\b", ODD))
    missing = sorted(path for path in paths if not (ROOT / path).is_file())
    assert not missing, f"docs/ODD.md cites files that do not exist: {missing}"


# ---------------------------------------------------------------------------- 8.2 constants
CONSTANT_HEADER, CONSTANT_ROWS = first_table(section("### 8.2"))


def constant_rows() -> list[tuple[list[str], str, str]]:
    """(names, file, value cell) of the rows of 8.2 that name constants in one file."""
    name_col, value_col, file_col = (CONSTANT_HEADER.index(c) for c in ("name", "value", "file"))
    rows = []
    for row in CONSTANT_ROWS:
        names = re.findall(rf"`({SYMBOL})`", row[name_col])
        files = re.findall(r"`([^`]+)`", row[file_col])
        constants = names and all(n.split(".")[-1].isupper() for n in names)
        if constants and len(files) == 1 and ":" not in files[0]:
            rows.append((names, files[0], row[value_col]))
    return rows


CONSTANTS = constant_rows()


def test_constant_table_is_parsed():
    assert len(CONSTANTS) >= 30


@pytest.mark.parametrize(
    ("names", "path", "cell"), CONSTANTS, ids=[", ".join(names) for names, _, _ in CONSTANTS]
)
def test_constant_table_matches_the_code(names, path, cell):
    documented = numbers(cell)
    for i, name in enumerate(names):
        actual = lookup(path, name)
        if isinstance(actual, dt.date):
            assert actual.isoformat() in cell, f"{name}: the ODD shows {cell!r}, code {actual}"
        elif isinstance(actual, int | float) and not isinstance(actual, bool):
            assert i < len(documented), f"{name}: no value for it in {cell!r}"
            assert same_number(documented[i], actual), (
                f"{name}: the ODD shows {cell!r}, the code has {actual!r}"
            )


def test_dashboard_research_note_describes_the_vega_lite_map():
    """The design note's plan for the map says what the dashboard draws now: a Vega-Lite chart
    (``viz/map_view.py``), not the matplotlib ``MapRenderer`` PNGs it first planned."""
    note = (ROOT / "docs" / "dev" / "solara-offline-research.md").read_text(encoding="utf-8")
    plan = next(line for line in note.splitlines() if line.startswith("- **Map"))
    assert "Vega-Lite" in plan and "`viz/map_view.py`" in plan
    assert "MapRenderer" not in note and (ROOT / "viz" / "map_view.py").exists()
    charts = next(line for line in note.splitlines() if line.startswith("- **Charts"))
    assert "matplotlib, memoised" not in charts and "Vega-Lite" in charts
