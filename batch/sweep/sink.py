"""Streaming a sweep's results to disk, run by run, so that nothing is lost or written twice.

Runs are written in the order of their tasks (run id), whatever order the workers finish them
in, so that the same sweep gives byte-identical files. For each finished run the rows of its
tables (``steps.csv``, ``events.csv``, ``cells.csv``) are appended and flushed to disk first,
and its row in ``runs.csv`` last: ``runs.csv`` is the commit marker. After a crash,
:func:`recover` keeps only the rows of committed runs (and drops a half-written last line), so
that a resumed sweep ends with exactly one copy of every run.
"""

from __future__ import annotations

import csv
import io
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ceasefire.batch.io import files
from ceasefire.batch.io.datapackage import write_datapackage
from ceasefire.batch.io.export import csv_cell
from ceasefire.batch.io.tables import RUNS, lookup, table_path
from ceasefire.batch.sweep.progress import Progress
from ceasefire.batch.sweep.runner import RunResult, RunTask, execute

if TYPE_CHECKING:
    from ceasefire.batch.sweep.executors import Executor


class SweepWriter:
    """Appends finished runs to a sweep's CSV files.

    Args:
        out_dir: the sweep directory.
        outputs: the per-run tables written besides ``runs.csv``.
    """

    def __init__(self, out_dir: Path, outputs: Iterable[str]) -> None:
        self.tables = [*outputs, RUNS]  # runs.csv last: the commit marker
        self.run_columns = lookup(RUNS).column_names
        self.streams: dict[str, TextIO] = {}
        for table in self.tables:
            path = table_path(out_dir, table)
            new = not path.exists() or path.stat().st_size == 0
            self.streams[table] = files.open_append(path)
            if new:
                self._append(table, ",".join(lookup(table).column_names) + "\n")

    def _append(self, table: str, text: str) -> None:
        handle = self.streams[table]
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())

    def write(self, result: RunResult) -> None:
        """Append one run: its table rows, then its ``runs.csv`` row."""
        for table in self.tables[:-1]:
            text = result.tables.get(table, "")
            if text:
                self._append(table, text)
        line = io.StringIO()
        csv.writer(line, lineterminator="\n").writerow(
            "" if value is None or value != value else csv_cell(value)  # None, NaN: empty
            for value in (result.row.get(name) for name in self.run_columns)
        )
        self._append(RUNS, line.getvalue())

    def close(self) -> None:
        """Close all files."""
        for handle in self.streams.values():
            handle.close()

    def __enter__(self) -> SweepWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class InTaskOrder:
    """Hands out tasks and releases their results in the same order.

    Workers finish runs in an order that depends on the machine; results that arrive early wait
    here (in memory) until every earlier task's result has arrived. A result waiting here when
    the sweep is interrupted is not committed, so ``--resume`` runs it again.

    Args:
        tasks: the tasks, in the order their results are to be written.
    """

    def __init__(self, tasks: Iterable[RunTask]) -> None:
        self._tasks = iter(tasks)
        self._order: deque[int] = deque()
        self._waiting: dict[int, RunResult] = {}

    def tasks(self) -> Iterator[RunTask]:
        """The tasks, noting the order in which the executor takes them."""
        for task in self._tasks:
            self._order.append(task.run_id)
            yield task

    def release(self, result: RunResult) -> Iterator[RunResult]:
        """Take one finished run; yield the runs that are now next in task order."""
        self._waiting[result.run_id] = result
        while self._order and self._order[0] in self._waiting:
            yield self._waiting.pop(self._order.popleft())


def append_runs(
    executor: Executor,
    tasks: Iterable[RunTask],
    out_dir: Path,
    outputs: Iterable[str],
    progress: Progress,
) -> None:
    """Run ``tasks`` and append their results, in task order, to the sweep files in ``out_dir``."""
    in_order = InTaskOrder(tasks)
    try:
        with SweepWriter(out_dir, outputs) as writer:
            for result in executor.run(execute, in_order.tasks()):
                progress.update(result.ok)
                for ready in in_order.release(result):
                    writer.write(ready)
    finally:
        progress.close()


def stream_runs(
    executor: Executor,
    tasks: Sequence[RunTask],
    out_dir: Path,
    outputs: Iterable[str] = (),
    label: str = "runs",
) -> Path:
    """Run ``tasks`` into a new set of sweep files in ``out_dir`` (progress under ``label``).

    The folder's ``datapackage.json`` (named ``ceasefire-LABEL``) describes ``runs.csv`` and
    the ``outputs`` tables.

    Returns:
        The path of ``runs.csv``.
    """
    outputs = tuple(outputs)
    out_dir.mkdir(parents=True, exist_ok=True)
    for table in (*outputs, RUNS):
        table_path(out_dir, table).unlink(missing_ok=True)
    write_datapackage(out_dir, [RUNS, *outputs], name=f"ceasefire-{label}")
    append_runs(executor, tasks, out_dir, outputs, Progress(len(tasks), label=label))
    return table_path(out_dir, RUNS)


def recover(out_dir: Path, outputs: Iterable[str], retry_failed: bool = False) -> set[int]:
    """Make a sweep directory consistent after an interruption.

    Drops a half-written last line of every file and the rows of runs that are not in
    ``runs.csv``, rewriting each file atomically and streaming (files may be large).

    Args:
        out_dir: the sweep directory.
        outputs: its per-run tables.
        retry_failed: also drop the runs whose status is not ``ok``, so that they run again.

    Returns:
        The run ids that are complete.
    """
    committed: set[int] = set()
    status = lookup(RUNS).column_names.index("status")

    def keep_run(line: str) -> bool:
        row = next(csv.reader([line]))
        if retry_failed and row[status] != "ok":
            return False
        committed.add(int(row[0]))
        return True

    _filter(table_path(out_dir, RUNS), keep_run)
    for table in outputs:
        column = lookup(table).column_names.index("run_id")
        _filter(
            table_path(out_dir, table),
            lambda line, at=column: int(line.split(",", at + 1)[at]) in committed,
        )
    return committed


def _filter(path: Path, keep: Callable[[str], bool]) -> None:
    """Rewrite ``path`` with its header and the complete lines that ``keep`` accepts."""
    if not path.exists():
        return
    with (
        files.atomic_path(path) as temporary,
        path.open(encoding="utf-8", newline="") as source,
        temporary.open("w", encoding="utf-8", newline="") as target,
    ):
        header = source.readline()
        if not header.endswith("\n"):
            header = ",".join(lookup(path.stem).column_names) + "\n"
        target.write(header)
        for line in source:
            if line.endswith("\n") and keep(line):
                target.write(line)
