"""Writing a run's tables (``steps.csv`` and the other per-run tables) and ``run.json``.

Files are written into a scratch folder beside the destination and moved into place only when
all are complete (:func:`ceasefire.batch.io.files.staged_folder`), so that an interrupted or
failed run leaves no partial output.
"""

from __future__ import annotations

import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import write_datapackage
from ceasefire.batch.io.provenance import RUN_RECORD, write_metadata
from ceasefire.batch.io.tables import Table, lookup
from ceasefire.model.ceasefire_model import week_date
from ceasefire.model.districts import load_districts
from ceasefire.model.events import DAYS_PER_WEEK, ONE_SIDED, STATE_BASED
from ceasefire.model.observe import run_summary
from ceasefire.model.outputs import (
    CELL_COLUMNS,
    DISTRICT_FALL_COLUMNS,
    DISTRICT_WEEK_COLUMNS,
    EVENT_COLUMNS,
    LEVER_CHANGE_COLUMNS,
    STEP_COLUMNS,
    Column,
    names,
)
from ceasefire.model.parameters import ParameterError

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

RUN_FILES = (
    "steps.csv",
    "events.csv",
    "cells.csv",
    "district_weeks.csv",
    "district_falls.csv",
    "run.json",
    "datapackage.json",
)
"""The files ``ceasefire run`` writes."""


def run_files(optional: Sequence[str] = ()) -> tuple[str, ...]:
    """The files :func:`write_run` writes with the ``optional`` tables."""
    return (*RUN_FILES, *(f"{name}.csv" for name in optional))


def decimal_places(columns: Sequence[Column]) -> dict[str, int]:
    """The declared decimals of the columns that are rounded, by name."""
    return {c.name: c.decimals for c in columns if c.decimals is not None}


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell holds it: an indicator (``True``/``False``) as 1/0."""
    return int(value) if isinstance(value, bool | np.bool_) else value


def as_written(row: dict[str, Any], columns: Sequence[Column]) -> dict[str, Any]:
    """``row`` as the writer writes it: indicators as 0/1, numbers rounded to their decimals.

    The model collects values as they are (booleans, full precision); this is the one place
    where they take the form of the CSV files.
    """
    places = decimal_places(columns)
    return {
        name: round(value, places[name])
        if name in places and value is not None
        else csv_cell(value)
        for name, value in row.items()
    }


def steps_frame(model: CeasefireModel) -> pd.DataFrame:
    """One row per week, columns as declared in :data:`STEP_COLUMNS` (rounded as declared)."""
    rows = [as_written(row, STEP_COLUMNS) for row in model.rows]
    return pd.DataFrame(rows, columns=names(STEP_COLUMNS))


def events_frame(model: CeasefireModel) -> pd.DataFrame:
    """One row per violent event, columns as in :data:`EVENT_COLUMNS` (rounded as declared)."""
    rows = [as_written(row, EVENT_COLUMNS) for row in model.events.rows]
    return pd.DataFrame(rows, columns=names(EVENT_COLUMNS))


def month_id(dates: pd.Series) -> pd.Series:
    """ViEWS month id, ``(year - 1980) * 12 + month``, of ISO date strings or dates."""
    parsed = pd.to_datetime(dates)
    return (parsed.dt.year - 1980) * 12 + parsed.dt.month


def week_months(steps: pd.Series, dates: pd.Series) -> pd.DataFrame:
    """How the days of each week fall into calendar months.

    Args:
        steps: week numbers.
        dates: the first day of each week (ISO date strings).

    Returns:
        One row per week and month it touches: ``step``, ``month_id``, ``days`` (1 to 7) and
        ``share`` (``days / 7``, the part of the week's counts that goes to the month).
    """
    offsets = pd.to_timedelta(np.tile(np.arange(DAYS_PER_WEEK), len(steps)), unit="D")
    days = pd.DataFrame(
        {
            "step": np.repeat(steps.to_numpy(), DAYS_PER_WEEK),
            "day": np.repeat(pd.to_datetime(dates).to_numpy(), DAYS_PER_WEEK) + offsets,
        }
    )
    days["month_id"] = month_id(days["day"])
    split = days.groupby(["step", "month_id"], sort=True).size().rename("days").reset_index()
    return split.assign(share=split["days"] / DAYS_PER_WEEK)


def cells_frame(model: CeasefireModel) -> pd.DataFrame:
    """Cell-month panel over Afghan PRIO-GRID cells and the months simulated, zeros included.

    Each week's events are split over the months its seven days fall in (``k`` of its days
    in a month count ``k / 7``), so monthly counts are expected values; ``days_covered`` is
    the number of simulated days in each month. The panel holds the events of the war in
    Afghanistan: the TTP's attacks in Pakistan are in ``events.csv`` only, even where a
    PRIO-GRID cell straddles the Durand Line.
    """
    steps = steps_frame(model)
    split = week_months(steps["step"], steps["date"])
    covered = split.groupby("month_id")["days"].sum().rename("days_covered")
    gids = np.unique(model.map.priogrid_gid()[model.afghan])
    panel = pd.MultiIndex.from_product([covered.index, gids], names=["month_id", "priogrid_gid"])
    events = events_frame(model)
    events = events[events["country"] == "Afghanistan"].merge(split, on="step")
    best = events["best"] * events["share"]
    events["ged_best_sb"] = best.where(events["type_of_violence"] == STATE_BASED, 0.0)
    events["ged_best_os"] = best.where(events["type_of_violence"] == ONE_SIDED, 0.0)
    events["ged_best"] = best
    events["events"] = events["share"]
    counts = ["ged_best_sb", "ged_best_os", "ged_best", "events"]
    grouped = events.groupby(["month_id", "priogrid_gid"])[counts].sum()
    frame = grouped.reindex(panel, fill_value=0.0).reset_index()
    frame = frame.join(covered, on="month_id").astype({"month_id": "int64"})
    frame.insert(0, "run_id", model.run_id)
    frame[counts] = frame[counts].astype("float64")
    return frame[names(CELL_COLUMNS)].round(decimal_places(CELL_COLUMNS))


def run_record(model: CeasefireModel, scenario: str, steps: int) -> dict[str, Any]:
    """What ``run.json`` records after the provenance: seed, parameters, timeline, summaries."""
    return {
        "run_id": model.run_id,
        "seed": model.seed,
        "scenario": scenario,
        "steps": steps,
        "parameters": model.initial_params,
        "policy_timeline": model.timeline.as_records(),
        "lever_changes": model.lever_log,
        "ceasefires": [
            {"kind": e.pause, "start": e.start, "end": e.end, "ended_by": e.ended_by}
            for e in model.negotiation.episodes
        ],
        "summary": {name: csv_cell(value) for name, value in run_summary(model).items()},
    }


def lever_changes_frame(model: CeasefireModel) -> pd.DataFrame:
    """Every lever change with the first week it was in force and its source (one row each)."""
    return pd.DataFrame(model.lever_log, columns=names(LEVER_CHANGE_COLUMNS))


def district_weeks_frame(model: CeasefireModel) -> pd.DataFrame:
    """One row per district and week, columns as in :data:`DISTRICT_WEEK_COLUMNS`."""
    districts = load_districts()
    n, weeks = len(districts), model.district_weeks.weeks
    columns = names(DISTRICT_WEEK_COLUMNS)
    if not weeks:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(
        {
            "run_id": model.run_id,
            "step": np.repeat([w["step"] for w in weeks], n),
            "date": np.repeat([w["date"] for w in weeks], n),
            "district_id": np.tile([d.district_id for d in districts], len(weeks)),
            "district": np.tile([d.district for d in districts], len(weeks)),
            "province": np.tile([d.province for d in districts], len(weeks)),
            "is_provincial_capital": np.tile(
                [int(d.is_provincial_capital) for d in districts], len(weeks)
            ),
            "holder": np.where(
                np.concatenate([w["taliban_held"] for w in weeks]), "taliban", "government"
            ),
            "fell": np.concatenate([w["fell"] for w in weeks]).astype(int),
            "fall_kind": pd.Series(np.concatenate([w["fall_kind"] for w in weeks])).replace(
                "", None
            ),
            **{
                name: np.concatenate([np.asarray(w[name], dtype=float) for w in weeks])
                for name in DISTRICT_WEEK_VALUES
            },
            "broker_loyal": np.concatenate([w["broker_loyal"] for w in weeks]).astype(int),
        }
    )
    return frame[columns].round(decimal_places(DISTRICT_WEEK_COLUMNS))


def district_falls_frame(model: CeasefireModel) -> pd.DataFrame:
    """One row per district: when and how the government lost it (:data:`DISTRICT_FALL_COLUMNS`)."""
    districts = load_districts()
    week = pd.Series(model.districts.fall_week).where(lambda w: w >= 0).astype("Int64")
    date = [week_date(int(w)).isoformat() if w > 0 else None for w in week.fillna(0)]
    frame = pd.DataFrame(
        {
            "run_id": model.run_id,
            "district_id": [d.district_id for d in districts],
            "district": [d.district for d in districts],
            "province": [d.province for d in districts],
            "is_provincial_capital": [int(d.is_provincial_capital) for d in districts],
            "fall_step": week,
            "fall_date": date,
            "fall_kind": pd.Series(model.districts.fall_kind).replace("", None),
        }
    )
    return frame[names(DISTRICT_FALL_COLUMNS)]


DISTRICT_WEEK_VALUES = (
    "garrison_strength",
    "morale",
    "supply",
    "arrears_months",
    "threat",
    "isolation",
    "cascade",
    "deal_hazard",
)
"""The numeric columns of ``district_weeks.csv`` that the weekly snapshot holds as arrays."""
FRAMES = {
    "steps": steps_frame,
    "events": events_frame,
    "cells": cells_frame,
    "district_weeks": district_weeks_frame,
    "district_falls": district_falls_frame,
}
"""The per-run tables and the functions that build them from a finished model."""
OPTIONAL_FRAMES = {"lever_changes": lever_changes_frame}
"""Per-run tables written on request (the dashboard's download adds the lever-change log)."""


def csv_text(frame: pd.DataFrame, header: bool = True) -> str:
    """A table as CSV text the project's way: no index, empty field for missing, LF line ends."""
    return frame.to_csv(index=False, header=header, na_rep="", lineterminator="\n")


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table to ``path`` atomically as :func:`csv_text`; returns ``path``."""
    return files.write_text(path, csv_text(frame))


def conform(frame: pd.DataFrame, table: str | Table) -> pd.DataFrame:
    """A derived table as its declaration (:mod:`ceasefire.batch.io.tables`) says.

    Columns in declared order, booleans as 0/1, integers without a decimal point (empty when
    missing), numbers rounded to their declared decimals (6).

    Args:
        frame: the table's rows (extra columns are dropped).
        table: the table, or the name of a registered one.
    """
    columns = (lookup(table) if isinstance(table, str) else table).columns
    frame = frame[names(columns)].copy()
    for column in columns:
        values = frame[column.name]
        if column.type in ("boolean", "integer"):
            frame[column.name] = pd.to_numeric(values).astype("float").round().astype("Int64")
        elif column.type == "number":
            frame[column.name] = pd.to_numeric(values).astype("float").round(column.decimals)
    return frame


def write_derived(frame: pd.DataFrame, table: str | Table, path: Path) -> Path:
    """Write a derived table atomically (see :func:`conform`)."""
    return write_csv(conform(frame, table), path)


def write_run(
    model: CeasefireModel,
    out_dir: Path,
    scenario: str,
    steps: int,
    command: list[str] | None = None,
    *,
    optional: Sequence[str] = (),
) -> Path:
    """Write all of a run's files into ``out_dir`` atomically (``command`` goes to run.json).

    Args:
        model: the finished run.
        out_dir: the output directory.
        scenario: the scenario's name, for ``run.json``.
        steps: the weeks simulated, for ``run.json``.
        command: the command line, for ``run.json``.
        optional: tables of :data:`OPTIONAL_FRAMES` to write too (listed in the data package
            after the others).

    Returns:
        The output directory.
    """
    frames = {**FRAMES, **{name: OPTIONAL_FRAMES[name] for name in optional}}
    with files.staged_folder(out_dir, run_files(optional)) as staging:
        for name, frame in frames.items():
            write_csv(frame(model), staging / f"{name}.csv")
        write_metadata(staging / RUN_RECORD, run_record(model, scenario, steps), command)
        write_datapackage(staging, list(frames), name="ceasefire-run")
    return out_dir


def check_output_dir(
    out_dir: Path, replace: bool, *, resumable: bool = False, ignore: Collection[str] = ()
) -> bool:
    """Refuse an output path that is not a directory, holds earlier output, or cannot be written.

    The one rule of every command that writes a folder, checked before any run: an empty or new
    folder, unless the user says to replace (``--overwrite``) or finish (``--resume``) what is
    there, and one that can be created and written (:func:`check_writable`).

    Args:
        out_dir: the output directory (it need not exist).
        replace: whether the user allowed writing into a non-empty folder.
        resumable: whether the command can also ``--resume`` (the message then says so).
        ignore: names that do not count as earlier output (a sweep's lock file).

    Returns:
        Whether the folder holds earlier output.

    Raises:
        ParameterError: for a path that exists and is not a directory, a non-empty folder
            without ``replace``, or a folder that cannot be created or written.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ParameterError(f"output directory '{out_dir}' exists and is not a directory")
    used = out_dir.is_dir() and any(p.name not in ignore for p in out_dir.iterdir())
    if used and not replace:
        hint = "--resume to finish the sweep in it or " if resumable else ""
        raise ParameterError(
            f"output directory '{out_dir}' is not empty; use {hint}--overwrite to replace it"
        )
    check_writable(out_dir)
    return used


def check_writable(out_dir: Path) -> None:
    """Fail early, before any run, if ``out_dir`` cannot be created or written.

    A directory refused here is bad input (exit status 2); a write that fails later is an
    environment failure (exit status 4, :mod:`ceasefire.batch.cli.exit_codes`).

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
