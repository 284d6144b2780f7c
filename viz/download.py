"""The dashboard's download: the current run as the files ``ceasefire run`` writes, zipped.

The zip holds ``steps.csv``, ``events.csv``, ``cells.csv``, ``run.json`` and
``datapackage.json`` written by :func:`ceasefire.batch.io.export.write_run` (so they are the same
files, with the same columns, as ``ceasefire run`` writes), plus ``lever_changes.csv``: every
lever change with the first week it was in force and its source (``live`` from the dashboard,
``timeline`` from the scenario), also listed in ``datapackage.json``. ``run.json`` holds the
same log under ``lever_changes``.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from ceasefire.batch.io.datapackage import add_to_datapackage
from ceasefire.batch.io.export import RUN_FILES, write_csv, write_run
from ceasefire.model.outputs import LEVER_CHANGE_COLUMNS, names
from ceasefire.viz.session import Session

COMMAND = ["ceasefire", "viz"]
"""Recorded as the command in ``run.json``."""


def lever_changes_frame(changes: list[dict]) -> pd.DataFrame:
    """The lever-change log as a table (one row per change)."""
    return pd.DataFrame(changes, columns=names(LEVER_CHANGE_COLUMNS))


def run_filename(session: Session, weeks: int) -> str:
    """Name of the zip: scenario, seed and ``weeks``, the weeks simulated."""
    config = session.config
    return f"ceasefire-{config.scenario}-seed{config.seed}-week{weeks}.zip"


def run_zip(session: Session) -> bytes:
    """The current run of ``session`` as zip bytes (the model is locked while it is written)."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="ceasefire-viz-") as tmp:
        out = Path(tmp) / "run"
        with session.lock:
            model = session.model
            write_run(model, out, session.config.scenario, model.steps, COMMAND)
            changes = lever_changes_frame(model.lever_log)
        write_csv(changes, out / "lever_changes.csv")
        add_to_datapackage(out, ["lever_changes"])
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in (*RUN_FILES, "lever_changes.csv"):
                archive.write(out / name, name)
    return buffer.getvalue()
