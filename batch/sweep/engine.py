"""Running a sweep: design points times replications, streamed to disk, resumable.

The output directory holds ``runs.csv`` (one row per run, written last: the commit marker),
the per-run tables chosen (``steps.csv``, ``events.csv``, ``cells.csv``), ``design.csv`` (the
design points as sampled), ``metadata.json`` (provenance, spec, design, seeds) and
``datapackage.json`` (the codebook as a Frictionless Data Package).
"""

from __future__ import annotations

import fcntl
import json
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import resource, table_schema, write_datapackage
from ceasefire.batch.io.export import check_output_dir, write_csv
from ceasefire.batch.io.provenance import METADATA, command_line, provenance, write_metadata
from ceasefire.batch.io.tables import RUNS, table_path
from ceasefire.batch.sweep.designs import Design, build_design
from ceasefire.batch.sweep.executors import WorkerFailure, make_executor
from ceasefire.batch.sweep.limits import check_runs
from ceasefire.batch.sweep.progress import Progress
from ceasefire.batch.sweep.runner import RunTask
from ceasefire.batch.sweep.seeds import replication_seeds
from ceasefire.batch.sweep.sink import append_runs, recover
from ceasefire.batch.sweep.spec import OUTPUT_TABLES, SweepSpec
from ceasefire.batch.sweep.tasks import DesignPoint, build_tasks
from ceasefire.model.outputs import DESIGN_COLUMNS, Column, csv_name
from ceasefire.model.parameters import ParameterError

SWEEP_FILES = (
    METADATA,
    "datapackage.json",
    "design.csv",
    *(f"{t}.csv" for t in (RUNS, *OUTPUT_TABLES)),
    *(f"sensitivity_{m}.{ext}" for m in ("sobol", "morris", "oat") for ext in ("csv", "png")),
)
"""Files a sweep and its analyses write (``--overwrite`` removes these and ``plots/``)."""
LOCK_FILE = ".lock"


@dataclass(frozen=True)
class SweepOutcome:
    """How a sweep ended: runs in the directory, and how many of them failed."""

    runs: int
    failed: int


def prepare(spec: SweepSpec, out_dir: Path, mode: str) -> tuple[Design, dict[str, Any] | None]:
    """Check the output directory and the design before anything runs or is removed.

    Args:
        spec: the sweep.
        out_dir: output directory.
        mode: ``"new"``, ``"resume"`` or ``"overwrite"``.

    Returns:
        The design, and the recorded ``metadata.json`` of the sweep to resume (or ``None``).

    Raises:
        ParameterError: for a directory that cannot be written, a non-empty one without
            ``--resume``/``--overwrite``, a resume with a different spec, design or code
            version, a bad design, or more runs than :data:`~ceasefire.batch.sweep.limits.RUNS`.
    """
    design = planned_design(spec)
    used = check_output_dir(out_dir, mode != "new", resumable=True, ignore={LOCK_FILE})
    if used and mode == "resume":
        return design, _check_resumable(spec, design, out_dir)
    return design, None


def planned_design(spec: SweepSpec) -> Design:
    """The sweep's design, refused when it has more runs than the limit allows.

    Raises:
        ParameterError: for a bad design, a design over its size limits
            (:mod:`ceasefire.batch.sweep.limits`, checked before it is built), or too many runs.
    """
    design = build_design(spec.design, spec.factors, spec.samples, spec.seed)
    check_runs(design.size, spec.reps)
    return design


def _check_resumable(spec: SweepSpec, design: Design, out_dir: Path) -> dict[str, Any]:
    """The recorded metadata, if the sweep in ``out_dir`` is the same sweep by the same code."""
    try:
        recorded = json.loads((out_dir / METADATA).read_text())
        if not isinstance(recorded, dict) or not isinstance(recorded.get("spec"), dict):
            raise ValueError
    except (OSError, ValueError):
        raise ParameterError(
            f"cannot resume: '{out_dir}' has no readable metadata.json from a sweep"
        ) from None
    current = _comparable(spec, design)
    before = {"spec": recorded["spec"], "design": _design_content(recorded.get("design", {}))}
    changed = [k for k in current["spec"] if before["spec"].get(k) != current["spec"][k]]
    changed += ["design points"] if before["design"] != current["design"] else []
    if changed:
        raise ParameterError(
            f"cannot resume: the sweep in '{out_dir}' was made with a different spec "
            f"({', '.join(changed)} differ); use --overwrite or another --out"
        )
    code = provenance()
    was = (recorded.get("version"), (recorded.get("git") or {}).get("commit"))
    if was != (code["version"], code["git"]["commit"]):
        raise ParameterError(
            f"cannot resume: the sweep in '{out_dir}' was started by ceasefire {was[0]} at "
            f"commit {was[1]}, this is {code['version']} at {code['git']['commit']}; results "
            "of different code must not be mixed (use --overwrite or another --out)"
        )
    return recorded


def _comparable(spec: SweepSpec, design: Design) -> dict[str, Any]:
    as_json = json.loads(
        json.dumps({"spec": spec.fingerprint(), "design": design.to_json()}, default=str)
    )
    return {"spec": as_json["spec"], "design": _design_content(as_json["design"])}


def _design_content(design: dict[str, Any]) -> dict[str, Any]:
    """A design's JSON without where its CSV file lives (its content hash stays)."""
    options = {k: v for k, v in design.get("options", {}).items() if k != "path"}
    return {**design, "options": options}


def _remove_sweep_files(out_dir: Path) -> None:
    for name in SWEEP_FILES:
        (out_dir / name).unlink(missing_ok=True)
    for temporary in out_dir.glob(".*.tmp"):
        temporary.unlink(missing_ok=True)
    shutil.rmtree(out_dir / "plots", ignore_errors=True)


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out_dir`` so that two sweeps never write into it at once."""
    with files.open_append(out_dir / LOCK_FILE) as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ParameterError(f"another sweep is writing into '{out_dir}'") from None
        yield


def design_points(spec: SweepSpec, design: Design) -> Iterator[DesignPoint]:
    """The sweep's design points, generated lazily: the scenario, ``--set``, then the point."""
    base = DesignPoint.of(spec.scenario, spec.overrides)
    return (
        replace(base, parameters={**base.parameters, **design.parameters(point)})
        for point in range(len(design.points))
    )


def tasks(spec: SweepSpec, design: Design, skip: set[int]) -> Iterator[RunTask]:
    """The runs still to do, generated lazily: design points times replications, minus ``skip``."""
    return build_tasks(
        design_points(spec, design),
        reps=spec.reps,
        seed=spec.seed,
        steps=spec.steps,
        outputs=spec.outputs,
        skip=skip,
    )


SWEEP_DEPENDENCIES = ("SALib", "dask", "distributed", "matplotlib")
"""Packages whose versions a sweep's ``metadata.json`` records besides the model's."""


def metadata_fields(spec: SweepSpec, design: Design) -> dict[str, Any]:
    """What ``metadata.json`` records after the provenance: spec, design, seeds, executor."""
    return {
        "spec": spec.fingerprint(),
        "design": design.to_json(),
        "design_points": len(design.points),
        "root_seed": spec.seed,
        "replication_seeds": replication_seeds(spec.seed, spec.reps),
        "outputs": ["runs", *spec.outputs],
        "executor": {"workers": spec.workers, "scheduler": spec.scheduler},
        "resumes": [],
        "worker_failures": [],
    }


def run_sweep(
    spec: SweepSpec,
    out_dir: Path,
    mode: str = "new",
    command: list[str] | None = None,
    retry_failed: bool = False,
) -> SweepOutcome:
    """Run (or finish) a sweep into ``out_dir`` and return how it went.

    Args:
        spec: the sweep.
        out_dir: output directory.
        mode: ``"new"``, ``"resume"`` or ``"overwrite"``.
        command: the command line, recorded in ``metadata.json``.
        retry_failed: on resume, run the failed runs again (their rows are replaced).
    """
    if retry_failed and mode != "resume":
        raise ParameterError("--retry-failed works with --resume only")
    design, recorded = prepare(spec, out_dir, mode)
    executor = make_executor(  # fails before anything changes
        spec.workers, spec.scheduler, lambda failure: _record_failure(out_dir, failure)
    )
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with locked(out_dir):
            if mode == "overwrite":
                _remove_sweep_files(out_dir)
            done = _start(spec, design, out_dir, recorded, command, retry_failed)
            total = len(design.points) * spec.reps - len(done)
            work = tasks(spec, design, skip=done)
            progress = Progress(total, already=len(done))
            append_runs(executor, work, out_dir, spec.outputs, progress)
    finally:
        executor.close()
    return _outcome(out_dir)


def _start(
    spec: SweepSpec,
    design: Design,
    out_dir: Path,
    recorded: dict[str, Any] | None,
    command: list[str] | None,
    retry_failed: bool = False,
) -> set[int]:
    """Write (or, on resume, extend) the sweep's records; return the runs already done."""
    if recorded is None:
        write_metadata(
            out_dir / METADATA,
            metadata_fields(spec, design),
            command,
            dependencies=SWEEP_DEPENDENCIES,
        )
        _write_design(out_dir / "design.csv", design)
        write_datapackage(
            out_dir, ["runs", *spec.outputs], extra_resources=[design_resource(design)]
        )
    else:
        resume = {
            "command": command_line(command),
            "executor": {"workers": spec.workers, "scheduler": spec.scheduler},
            "retry_failed": retry_failed,
        }
        files.write_json(
            out_dir / METADATA, recorded | {"resumes": [*recorded.get("resumes", []), resume]}
        )
    if not table_path(out_dir, RUNS).exists():
        return set()
    return recover(out_dir, spec.outputs, retry_failed)


def _record_failure(out_dir: Path, failure: WorkerFailure) -> None:
    """Append a dead worker to ``worker_failures`` in ``metadata.json``."""
    path = out_dir / METADATA
    recorded = json.loads(path.read_text())
    failures = [*recorded.get("worker_failures", []), failure.to_json()]
    files.write_json(path, recorded | {"worker_failures": failures})


def _outcome(out_dir: Path) -> SweepOutcome:
    import pandas as pd

    runs = pd.read_csv(table_path(out_dir, RUNS), usecols=["status"])
    return SweepOutcome(len(runs), int((runs["status"] != "ok").sum()))


def design_resource(design: Design) -> dict[str, Any]:
    """The Data Package resource of ``design.csv``, whose columns are the varied parameters."""
    return {
        **resource("design"),
        "description": "The design points of the sweep, one row each, as sampled",
        "schema": table_schema(design_columns(design), primary_key=["design_point"]),
    }


def design_columns(design: Design) -> list[Column]:
    """The declared columns of this design's ``design.csv``, in file order."""
    declared = {c.name: c for c in DESIGN_COLUMNS}
    return [declared["design_point"], *(declared[csv_name(name)] for name in design.raw.columns)]


def _write_design(path: Path, design: Design) -> None:
    table = design.raw.rename(columns=csv_name).rename_axis("design_point").reset_index()
    write_csv(table, path)
