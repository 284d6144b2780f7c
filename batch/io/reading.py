"""Checks of a sweep directory that ``ceasefire plot`` and ``ceasefire analyze`` read.

A sweep that was killed, or is still running, holds fewer runs than its design: charts and
indices of such a sweep describe part of the design (some levels or replications missing)
without saying so. :func:`check_finished` counts the runs and refuses a partial sweep unless
the user asks for it (``--partial``), and then warns on stderr with the counts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ceasefire.batch.io.tables import RUNS, table_path
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
