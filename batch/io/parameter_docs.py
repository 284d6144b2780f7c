"""The parameter tables of the documentation, generated from the parameter registry.

``docs/ODD.md`` (Section 8.1, every parameter) and ``README.md`` (the lever table) hold tables
written from :data:`~ceasefire.model.parameters.PARAMETERS`, between marker lines
``<!-- BEGIN parameters -->`` and ``<!-- END parameters -->`` (``levers`` in the README). Edit
the declarations, not the tables, and run::

    python -m ceasefire.batch.io.parameter_docs          # rewrite the tables
    python -m ceasefire.batch.io.parameter_docs --check  # exit 1 if a table is stale (CI)

Only the text between the markers is touched.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceasefire.model.parameters import PARAMETERS, Parameter

ROOT = Path(__file__).resolve().parents[2]
"""The repository (where ``README.md`` and ``docs/`` are)."""


def value_text(value: Any) -> str:
    """A parameter value as a table cell: ``none``, ``auto``, ``true``, ``60,000``, ``0.5``."""
    if value is None:
        return "`none`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:g}"


def _cell(text: str) -> str:
    """Text for one Markdown table cell: pipes escaped, on one line."""
    return " ".join(text.replace("|", "\\|").split())


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """The lines of a Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines.extend("| " + " | ".join(_cell(c) for c in row) + " |" for row in rows)
    return lines


def odd_table(parameters: Sequence[Parameter] = PARAMETERS) -> list[str]:
    """ODD Section 8.1: every parameter, in the order of the registry."""
    header = (
        "name",
        "meaning",
        "allowed values",
        "default",
        "unit",
        "lever or reset-only",
        "source or rationale",
    )
    rows = (
        (
            f"`{p.name}`",
            p.description,
            p.allowed(),
            value_text(p.default),
            p.unit,
            "lever" if p.lever else "reset-only",
            p.source,
        )
        for p in parameters
    )
    return markdown_table(header, rows)


def lever_table(parameters: Sequence[Parameter] = PARAMETERS) -> list[str]:
    """README "Levers and settings": the levers, in the order of the registry."""
    header = ("lever", "allowed values", "default", "meaning")
    rows = (
        (f"`{p.name}`", p.allowed(), value_text(p.default), p.description)
        for p in parameters
        if p.lever
    )
    return markdown_table(header, rows)


@dataclass(frozen=True)
class GeneratedTable:
    """A table generated into a document between two marker lines.

    Attributes:
        marker: the marker's name (``<!-- BEGIN name -->``, ``<!-- END name -->``).
        path: the document, relative to the repository.
        lines: builds the table's lines.
    """

    marker: str
    path: Path
    lines: Callable[[], list[str]]

    def begin(self) -> str:
        """The opening marker line."""
        return f"<!-- BEGIN {self.marker} -->"

    def end(self) -> str:
        """The closing marker line."""
        return f"<!-- END {self.marker} -->"


TABLES: tuple[GeneratedTable, ...] = (
    GeneratedTable("parameters", Path("docs/ODD.md"), odd_table),
    GeneratedTable("levers", Path("README.md"), lever_table),
)
"""The generated tables and the documents that hold them."""


class MarkerError(ValueError):
    """A document without exactly one pair of markers, in order."""


def filled(text: str, table: GeneratedTable, where: str) -> str:
    """``text`` with the lines between ``table``'s markers replaced by the table.

    Raises:
        MarkerError: when the markers are missing, repeated or in the wrong order.
    """
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if line.strip() == table.begin()]
    ends = [i for i, line in enumerate(lines) if line.strip() == table.end()]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise MarkerError(
            f"{where} needs one line {table.begin()} and, below it, one line {table.end()} "
            f"around the generated table; found {len(starts)} and {len(ends)}"
        )
    return "\n".join([*lines[: starts[0] + 1], *table.lines(), *lines[ends[0] :]])


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the generated parameter tables, or check them (``--check``).

    Args:
        argv: command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        0 on success; 1 when ``--check`` finds a stale table; 2 when a document lacks its
        markers or cannot be read.
    """
    parser = argparse.ArgumentParser(
        prog="python -m ceasefire.batch.io.parameter_docs",
        description="Generate the parameter tables of docs/ODD.md and README.md from "
        "model/parameters.py.",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if a table is not up to date")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help=f"folder of README.md and docs/ (default {ROOT})"
    )
    args = parser.parse_args(argv)
    stale = []
    for table in TABLES:
        path = args.root / table.path
        try:
            current = path.read_text(encoding="utf-8")
            text = filled(current, table, str(path))
        except (OSError, UnicodeDecodeError, MarkerError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        if text == current:
            continue
        if args.check:
            stale.append(path)
            print(
                f"{path}: the {table.marker} table is out of date; run: "
                "python -m ceasefire.batch.io.parameter_docs",
                file=sys.stderr,
            )
        else:
            with path.open("w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
            print(f"wrote the {table.marker} table of {path}")
    if stale:
        return 1
    if args.check:
        print("the parameter tables are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
