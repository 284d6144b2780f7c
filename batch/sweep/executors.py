"""Where runs execute: in this process, a local process pool, or a Dask cluster.

Every executor yields results as runs finish and keeps at most a small window of runs in
flight, so the coordinator's memory does not grow with the number of runs.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from ceasefire.batch.sweep.limits import WORKERS
from ceasefire.batch.sweep.runner import RunResult, RunTask, failed_result
from ceasefire.model.parameters import ParameterError

IN_FLIGHT_PER_WORKER = 2
"""Runs queued per worker: enough to keep workers busy, few enough to bound memory."""
LOCAL_SCHEDULER_PREFIX = "local:"
CONNECT_TIMEOUT = "20s"
"""How long to try to reach a Dask scheduler before giving up."""
PROBE_TIMEOUT_S = 5.0
"""How long the first TCP contact with a scheduler may take (a refused port answers at once)."""
WATCH_INTERVAL_S = 1.0
"""How often a local worker checks that the coordinating process is still alive."""


def local_workers(address: str) -> int:
    """The N of a ``local:N`` scheduler address.

    Raises:
        ParameterError: when N is not a positive integer, or over :data:`WORKERS`.
    """
    text = address[len(LOCAL_SCHEDULER_PREFIX) :]
    if not text.isdigit() or int(text) < 1:
        raise ParameterError(
            f"--scheduler local:N needs a positive number of workers, got '{address}'"
        )
    return WORKERS.check(int(text), f"--scheduler {address} ({int(text):,} workers)")


@dataclass(frozen=True)
class WorkerFailure:
    """A local worker process that died, and what became of the runs in flight with it.

    Attributes:
        time: when the coordinator noticed (ISO 8601, UTC, seconds).
        rerun: run ids that were in flight and are tried again.
        failed: run ids in flight for the second time, recorded as failed.
    """

    time: str
    rerun: tuple[int, ...]
    failed: tuple[int, ...]

    def message(self) -> str:
        """The one line logged on stderr."""
        parts = []
        if self.rerun:
            parts.append(f"run(s) {_ids(self.rerun)} were in flight and will be rerun")
        if self.failed:
            parts.append(f"run(s) {_ids(self.failed)} were lost twice and are recorded as failed")
        return f"ceasefire: a worker process died; {'; '.join(parts)}"

    def to_json(self) -> dict[str, Any]:
        """The entry of ``worker_failures`` in a sweep's ``metadata.json``."""
        return {"time": self.time, "rerun": list(self.rerun), "failed": list(self.failed)}


def _ids(ids: tuple[int, ...]) -> str:
    return ", ".join(map(str, ids))


class Executor(Protocol):
    """Runs tasks and yields their results in completion order."""

    def run(
        self, fn: Callable[[RunTask], RunResult], tasks: Iterable[RunTask]
    ) -> Iterator[RunResult]:
        """Yield ``fn(task)`` for every task, as they finish."""
        ...

    def close(self) -> None:
        """Release workers."""
        ...


class InProcess:
    """Runs tasks one after another in this process (``--workers 1``)."""

    def run(
        self, fn: Callable[[RunTask], RunResult], tasks: Iterable[RunTask]
    ) -> Iterator[RunResult]:
        """Yield ``fn(task)`` for every task, in order."""
        for task in tasks:
            yield fn(task)

    def close(self) -> None:
        """Nothing to release."""


class LocalPool:
    """A pool of worker processes on this machine, started once for the whole sweep.

    If a worker process dies (``BrokenProcessPool``), every run in flight is lost with it; the
    pool is restarted and those runs are tried again. A run that is in flight when the pool
    breaks a second time is recorded as failed; runs that a just-broken pool refused to take
    are resubmitted without counting as lost. Each death is logged on stderr (one line naming
    the runs) and passed to ``on_worker_failure``. Workers exit by themselves when the
    coordinating process is gone (killed with ``kill -9``, say), so nothing is left running;
    closing the pool while runs are in flight (Ctrl-C, SIGTERM) kills the workers at once
    instead of waiting for runs whose results would be thrown away.

    Args:
        workers: number of worker processes.
        on_worker_failure: called with each :class:`WorkerFailure` (a sweep records them in
            ``metadata.json``).
    """

    def __init__(
        self, workers: int, on_worker_failure: Callable[[WorkerFailure], None] | None = None
    ) -> None:
        self.workers = workers
        self.on_worker_failure = on_worker_failure
        self.context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has imported the model once (if it starts here).
        self.context.set_forkserver_preload(["ceasefire.batch.sweep.runner"])
        self.flight: dict[Future, RunTask] = {}
        self.unsent: set[int] = set()  # runs refused by a broken pool: not lost, not counted
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=watch_coordinator,
            initargs=(os.getpid(),),
        )

    def run(
        self, fn: Callable[[RunTask], RunResult], tasks: Iterable[RunTask]
    ) -> Iterator[RunResult]:
        """Yield ``fn(task)`` for every task, as they finish."""
        queue = iter(tasks)
        lost_before: set[int] = set()
        self.flight = flight = {}  # close() stops the workers if it is left non-empty
        self._fill(fn, queue, flight)
        while flight:
            done, _ = wait(flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                task = flight.pop(future)
                try:
                    yield future.result()
                except BrokenProcessPool:
                    flight[future] = task  # lost with the pool: handled below
                    broken = True
            if broken:
                yield from self._restart(fn, flight, lost_before)
            self._fill(fn, queue, flight)

    def _fill(self, fn, queue: Iterator[RunTask], flight: dict[Future, RunTask]) -> None:
        while len(flight) < IN_FLIGHT_PER_WORKER * self.workers:
            task = next(queue, None)
            if task is None:
                return
            flight[self._submit(fn, task)] = task

    def _submit(self, fn, task: RunTask) -> Future:
        """Submit ``task``; to a pool that a dying worker has just broken, a future saying so.

        The run never reached a worker, so :meth:`_restart` resubmits it without counting it
        as lost.
        """
        try:
            return self.pool.submit(fn, task)
        except BrokenProcessPool as error:
            self.unsent.add(task.run_id)
            future: Future = Future()
            future.set_exception(error)
            return future

    def _restart(self, fn, flight: dict[Future, RunTask], lost_before: set[int]):
        """Restart the broken pool; resubmit its runs, or fail those lost a second time."""
        lost = list(flight.values())
        flight.clear()
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        unsent, self.unsent = self.unsent, set()
        twice = lost_before - unsent
        failed = [run for run in lost if run.run_id in twice]
        rerun = [run for run in lost if run.run_id not in twice]
        self._report(rerun, failed)
        for run in failed:
            yield failed_result(run, "a worker process died twice while this run was in flight")
        for run in rerun:
            if run.run_id not in unsent:
                lost_before.add(run.run_id)
            flight[self._submit(fn, run)] = run

    def _report(self, rerun: list[RunTask], failed: list[RunTask]) -> None:
        """Log a worker's death on stderr and pass it to ``on_worker_failure``."""
        failure = WorkerFailure(
            time=datetime.now(UTC).isoformat(timespec="seconds"),
            rerun=tuple(sorted(run.run_id for run in rerun)),
            failed=tuple(sorted(run.run_id for run in failed)),
        )
        print(failure.message(), file=sys.stderr, flush=True)
        if self.on_worker_failure is not None:
            self.on_worker_failure(failure)

    def close(self) -> None:
        """Shut the pool down; kill the workers first if runs are still in flight."""
        if self.flight:
            # No public way to stop a busy worker: the pool's own processes, killed.
            for process in list((self.pool._processes or {}).values()):
                process.kill()
        self.pool.shutdown(wait=True, cancel_futures=True)


def watch_coordinator(pid: int) -> None:
    """Worker initializer: exit as soon as the coordinating process ``pid`` is gone."""

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL_S)
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="ceasefire-coordinator-watch", daemon=True).start()


class DaskCluster:
    """Runs on a Dask distributed cluster: an existing scheduler, or a local one.

    ``address`` is a scheduler address (``tcp://host:8786``) or ``local:N`` for a
    ``LocalCluster`` of N single-threaded worker processes. Dask reschedules the runs of a
    worker that dies.
    """

    def __init__(self, address: str) -> None:
        from dask.distributed import Client, LocalCluster

        self.cluster = None
        if address.startswith(LOCAL_SCHEDULER_PREFIX):
            self.cluster = LocalCluster(
                n_workers=local_workers(address),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self.client = Client(self.cluster)
        else:
            check_listening(address)
            try:
                self.client = Client(address, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as error:
                raise ParameterError(
                    f"cannot connect to the Dask scheduler at '{address}': {error}"
                ) from None
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))

    def run(
        self, fn: Callable[[RunTask], RunResult], tasks: Iterable[RunTask]
    ) -> Iterator[RunResult]:
        """Yield ``fn(task)`` for every task, as they finish."""
        from dask.distributed import as_completed

        queue = iter(tasks)
        window = IN_FLIGHT_PER_WORKER * self.workers
        flight = {}
        for task in _take(queue, window):
            flight[self.client.submit(fn, task, pure=False)] = task
        completed = as_completed(list(flight))
        for future in completed:
            task = flight.pop(future)
            try:
                yield future.result()
            except Exception as error:  # e.g. KilledWorker: the run crashed workers repeatedly
                yield failed_result(task, f"on the Dask cluster: {type(error).__name__}: {error}")
            future.release()
            for task in _take(queue, 1):
                new = self.client.submit(fn, task, pure=False)
                flight[new] = task
                completed.add(new)

    def close(self) -> None:
        """Disconnect (and stop a local cluster)."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def check_listening(address: str) -> None:
    """Refuse at once a TCP scheduler address where nothing listens.

    Dask retries a refused connection until :data:`CONNECT_TIMEOUT`; a refused port cannot
    start listening in that time for a sweep started by hand, so waiting only delays the
    error. Other schemes, and addresses that do not refuse (a host that does not answer),
    are left to Dask and its time-out.

    Raises:
        ParameterError: when the scheduler's host refuses the connection.
    """
    from distributed.comm import parse_address, parse_host_port

    try:
        scheme, location = parse_address(address)
        host, port = parse_host_port(location)
    except ValueError:
        return  # Dask's own error names the problem
    if scheme != "tcp":
        return
    try:
        socket.create_connection((host, port), timeout=PROBE_TIMEOUT_S).close()
    except ConnectionRefusedError:
        raise ParameterError(
            f"cannot connect to the Dask scheduler at '{address}': connection refused "
            "(is a scheduler running there?)"
        ) from None
    except OSError:
        return


def _take(queue: Iterator[RunTask], count: int) -> list[RunTask]:
    return [task for _, task in zip(range(count), queue, strict=False)]


def make_executor(
    workers: int,
    scheduler: str | None,
    on_worker_failure: Callable[[WorkerFailure], None] | None = None,
) -> Executor:
    """The executor for ``--workers`` and ``--scheduler``.

    ``on_worker_failure`` is called when a local worker process dies (see :class:`LocalPool`).
    """
    if scheduler:
        return DaskCluster(scheduler)
    return InProcess() if workers == 1 else LocalPool(workers, on_worker_failure)
