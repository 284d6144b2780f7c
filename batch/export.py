"""Writing a run's tables (``steps.csv``, ``events.csv``, ``cells.csv``) and ``run.json``.

Files are written into a temporary directory beside the destination and moved into place only
when all are complete, so that an interrupted or failed run leaves no partial output.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ceasefire.batch.codebook import write_datapackage
from ceasefire.batch.provenance import provenance
from ceasefire.model.outputs import (
    CELL_COLUMNS,
    DERIVED_TABLES,
    EVENT_COLUMNS,
    STEP_COLUMNS,
    names,
)
from ceasefire.model.parameters import ParameterError

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

RUN_FILES = ("steps.csv", "events.csv", "cells.csv", "run.json", "datapackage.json")


def steps_frame(model: CeasefireModel) -> pd.DataFrame:
    """One row per week, columns as declared in :data:`STEP_COLUMNS`."""
    return pd.DataFrame(model.rows, columns=names(STEP_COLUMNS))


def events_frame(model: CeasefireModel) -> pd.DataFrame:
    """One row per violent event, columns as declared in :data:`EVENT_COLUMNS`."""
    return pd.DataFrame(model.events.rows, columns=names(EVENT_COLUMNS))


def month_id(dates: pd.Series) -> pd.Series:
    """ViEWS month id, ``(year - 1980) * 12 + month``, of ISO date strings."""
    parsed = pd.to_datetime(dates)
    return (parsed.dt.year - 1980) * 12 + parsed.dt.month


def cells_frame(model: CeasefireModel) -> pd.DataFrame:
    """Cell-month panel over Afghan PRIO-GRID cells and the months simulated, zeros included."""
    events = events_frame(model)
    gids = np.unique(model.map.priogrid_gid()[model.afghan])
    months = np.unique(month_id(pd.Series([r["date"] for r in model.rows])))
    panel = pd.MultiIndex.from_product([months, gids], names=["month_id", "priogrid_gid"])
    events = events.assign(month_id=month_id(events["date"]))
    events["sb"] = np.where(events["type_of_violence"] == 1, events["best"], 0)
    events["os"] = np.where(events["type_of_violence"] == 3, events["best"], 0)
    grouped = events.groupby(["month_id", "priogrid_gid"]).agg(
        ged_best_sb=("sb", "sum"),
        ged_best_os=("os", "sum"),
        ged_best=("best", "sum"),
        events=("event_id", "count"),
    )
    frame = grouped.reindex(panel, fill_value=0).reset_index()
    frame.insert(0, "run_id", model.run_id)
    return frame[names(CELL_COLUMNS)].astype("int64")


def run_summary(model: CeasefireModel) -> dict[str, Any]:
    """The run's summaries, named as in :data:`SUMMARY_COLUMNS` (``None`` = missing)."""
    rows = model.rows
    negotiation = model.negotiation

    def mean(column: str) -> float | None:
        return float(np.mean([r[column] for r in rows])) if rows else None

    return {
        "mean_weekly_fatalities": mean("fatalities"),
        "total_civilian_casualties": int(sum(r["civilian_casualties"] for r in rows)),
        "final_negotiation_progress": negotiation.progress,
        "mean_negotiation_progress": mean("negotiation_progress"),
        "weeks_to_ceasefire": negotiation.first_ceasefire_week(),
        "ceasefire_held": int(negotiation.held(model.steps)),
        "ceasefire_began": int(negotiation.first_ceasefire_week() is not None),
        "taliban_takeover": int(model.takeover),
        "weeks_to_takeover": next((r["step"] for r in rows if r["taliban_takeover"]), None),
        "mean_pakistan_pressure": mean("pakistan_pressure"),
    }


def run_record(
    model: CeasefireModel, scenario: str, steps: int, command: list[str] | None = None
) -> dict[str, Any]:
    """Contents of ``run.json``: provenance, seed, every parameter, timeline and summaries."""
    return {
        **provenance(command),
        "run_id": model.run_id,
        "seed": model.seed,
        "scenario": scenario,
        "steps": steps,
        "parameters": model.initial_params,
        "policy_timeline": model.timeline.as_records(),
        "lever_changes": model.lever_log,
        "ceasefires": [{"start": e.start, "end": e.end} for e in model.negotiation.episodes],
        "summary": run_summary(model),
    }


FRAMES = {"steps": steps_frame, "events": events_frame, "cells": cells_frame}
"""The per-run tables and the functions that build them from a finished model."""


def csv_text(frame: pd.DataFrame, header: bool = True) -> str:
    """A table as CSV text the project's way: no index, empty field for missing, LF line ends."""
    return frame.to_csv(index=False, header=header, na_rep="", lineterminator="\n")


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a table to ``path`` as :func:`csv_text`."""
    path.write_text(csv_text(frame))


def conform(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """A derived table (:data:`DERIVED_TABLES`) as the codebook declares it.

    Columns in declared order, booleans as 0/1, integers without a decimal point (empty when
    missing), numbers rounded to 6 decimals.
    """
    columns = DERIVED_TABLES[table]
    frame = frame[names(columns)].copy()
    for column in columns:
        values = frame[column.name]
        if column.type in ("boolean", "integer"):
            frame[column.name] = pd.to_numeric(values).astype("float").round().astype("Int64")
        elif column.type == "number":
            frame[column.name] = pd.to_numeric(values).astype("float").round(6)
    return frame


def write_derived(frame: pd.DataFrame, table: str, path: Path) -> Path:
    """Write a derived table atomically (see :func:`conform`)."""
    temporary = path.with_name(f".{path.name}.tmp")
    write_csv(conform(frame, table), temporary)
    os.replace(temporary, path)
    return path


def write_run(
    model: CeasefireModel,
    out_dir: Path,
    scenario: str,
    steps: int,
    command: list[str] | None = None,
) -> Path:
    """Write all of a run's files into ``out_dir`` atomically (``command`` goes to run.json).

    Returns:
        The output directory.
    """
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, frame in FRAMES.items():
            write_csv(frame(model), staging / f"{name}.csv")
        record = run_record(model, scenario, steps, command)
        (staging / "run.json").write_text(json.dumps(record, indent=2, default=str) + "\n")
        write_datapackage(staging, list(FRAMES), name="ceasefire-run")
        out_dir.mkdir(exist_ok=True)
        for name in RUN_FILES:
            os.replace(staging / name, out_dir / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out_dir


def check_writable(out_dir: Path) -> None:
    """Fail early, before any run, if ``out_dir`` cannot be created or written.

    A directory refused here is bad input (exit status 2); a write that fails later is an
    environment failure (exit status 4, :mod:`ceasefire.batch.exit_codes`).

    Raises:
        ParameterError: naming the directory and the reason.
    """
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise NotADirectoryError(f"'{out_dir}' exists and is not a directory")
        parent = out_dir if out_dir.exists() else out_dir.parent
        parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=parent, prefix=".ceasefire-check-"):
            pass
    except OSError as error:
        raise ParameterError(f"output directory '{out_dir}' cannot be written: {error}") from None
