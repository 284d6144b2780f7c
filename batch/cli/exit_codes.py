"""Exit statuses of the ``ceasefire`` command: the one table behind ``--help`` and the README.

Decision: a size or path that the checks made before any run refuse is bad input (2), even when
it is the file system that refuses (an output directory that cannot be created or written). An
``OSError`` after the work started (a full disk, a permission changed, a path that vanished) is
an environment failure (4): the input was fine, the machine was not, and a sweep can be
finished with ``--resume`` once the machine is.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the exit status of ``ceasefire`` means."""

    OK = 0
    INTERNAL_ERROR = 1
    BAD_INPUT = 2
    RUNS_FAILED = 3
    ENVIRONMENT = 4
    INTERRUPTED = 130
    TERMINATED = 143


MEANINGS: dict[ExitCode, str] = {
    ExitCode.OK: "success (every run of a sweep succeeded)",
    ExitCode.INTERNAL_ERROR: "internal error: a bug; please report it (CEASEFIRE_DEBUG=1 prints "
    "the traceback)",
    ExitCode.BAD_INPUT: "bad input, refused before any work: an option, parameter, size over "
    "its limit, spec, scenario or design file, or an output directory that cannot be written",
    ExitCode.RUNS_FAILED: "the sweep finished but some runs failed (status error in runs.csv)",
    ExitCode.ENVIRONMENT: "the environment failed after the work started: full disk, permission "
    "denied, a vanished path (a sweep can be finished with --resume)",
    ExitCode.INTERRUPTED: "interrupted by Ctrl-C (SIGINT); a sweep can be finished with --resume",
    ExitCode.TERMINATED: "terminated by SIGTERM (a batch scheduler ending the job); a sweep can "
    "be finished with --resume",
}
"""One line per exit status, as ``ceasefire --help`` and the README show it."""


def markdown_table() -> str:
    """The exit statuses as the README's Markdown table."""
    lines = ["| status | meaning |", "| --- | --- |"]
    lines += [f"| {int(code)} | {MEANINGS[code]} |" for code in ExitCode]
    return "\n".join(lines)
