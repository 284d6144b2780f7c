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

from ceasefire.batch.io.export import run_files, write_run
from ceasefire.viz.session import Session

COMMAND = ["ceasefire", "viz"]
"""Recorded as the command in ``run.json``."""
OPTIONAL = ("lever_changes",)
"""Tables the download holds beyond those of ``ceasefire run``."""


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
            write_run(model, out, session.config.scenario, model.steps, COMMAND, optional=OPTIONAL)
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in run_files(OPTIONAL):
                archive.write(out / name, name)
    return buffer.getvalue()
