"""Run functions that kill or hold up their worker process, for the local pool's tests.

A separate module so that forkserver workers can import it by name.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from pathlib import Path

from ceasefire.batch.sweep.runner import RunResult, RunTask, execute


def marker(task: RunTask) -> Path:
    """A file that remembers a crash; tests give every task of a test the same unique seed."""
    return Path(tempfile.gettempdir()) / f"ceasefire-crash-marker-{task.seed}"


def crash_once(task: RunTask) -> RunResult:
    """Kill the worker the first time run 3 is attempted (a marker file remembers it)."""
    marker_file = marker(task)
    if task.run_id == 3 and not marker_file.exists():
        marker_file.write_text("crashed")
        os.kill(os.getpid(), signal.SIGKILL)
    return execute(task)


def crash_always(task: RunTask) -> RunResult:
    """Kill the worker whenever run 3 is attempted."""
    if task.run_id == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return execute(task)


SLOW_S = 30.0
"""How long :func:`finish_slowly` keeps a worker busy: far longer than stopping a pool takes."""


def finished(task: RunTask) -> Path:
    """A file that says :func:`finish_slowly` got to the end of ``task``."""
    return Path(tempfile.gettempdir()) / f"ceasefire-finished-{task.seed}-{task.run_id}"


def finish_slowly(task: RunTask) -> RunResult:
    """Run 0 at once; every other run only after SLOW_S seconds, then leave :func:`finished`."""
    if task.run_id:
        time.sleep(SLOW_S)
        finished(task).write_text("finished")
    return execute(task)
