"""How the ``ceasefire`` command fails: one-line errors, each mapped to its exit status.

Bad input is refused with one line on stderr and status 2; an ``OSError`` after the work
started is an environment failure (4); Ctrl-C and SIGTERM unwind the command (130, 143); any
other exception is a bug, reported in one line (1). :mod:`ceasefire.batch.cli.exit_codes`
says what each status means.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from ceasefire.batch.cli.exit_codes import ExitCode
from ceasefire.model.parameters import ParameterError

RESUME_HINT = "finish it with --resume"


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line: ``ceasefire: error: ...``, exit 2.

    Its description is wrapped to the terminal like argparse's default; its epilog (a table:
    the limits, the parameters, the mechanisms) is printed as written.
    """

    def error(self, message: str) -> NoReturn:
        """Print the error as one line and exit with status 2."""
        self.exit(ExitCode.BAD_INPUT, f"ceasefire: error: {self.prog}: {message}\n")

    def format_help(self) -> str:
        """The help text: usage, wrapped description, options, then the epilog as written."""
        epilog, self.epilog = self.epilog, None
        try:
            text = super().format_help()
        finally:
            self.epilog = epilog
        return f"{text}\n{epilog}\n" if epilog else text


class BadInput(Exception):
    """Input the command refuses; its message is printed as one line on stderr."""


class Terminated(BaseException):
    """SIGTERM arrived (a batch scheduler ending the job): unwinds the command like Ctrl-C.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` (a run's
    failure handler, say) swallows it.
    """


def _raise_terminated(signum: int, frame: object) -> NoReturn:
    raise Terminated


@contextmanager
def sigterm_unwinds() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while the command runs (main thread only).

    A SIGTERM that the parent process set to be ignored stays ignored, as Python does for SIGINT.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_reporting_errors(command: Callable[[], int], resumable: bool = False) -> int:
    """Run ``command``; turn each way it can fail into one line on stderr and its exit status.

    Args:
        command: the subcommand, ready to run; returns its exit status.
        resumable: whether the command can be finished with ``--resume`` (a sweep): the
            messages of failures after the work started then say so.

    Returns:
        The command's exit status, or the :class:`ExitCode` of its failure.
    """
    hint = f"; {RESUME_HINT}" if resumable else ""
    try:
        with sigterm_unwinds():
            return command()
    except (ParameterError, BadInput) as error:
        print(f"ceasefire: error: {error}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    except OSError as error:  # after the pre-checks: a full disk, a vanished path, no permission
        where = f": '{error.filename}'" if error.filename else ""
        print(f"ceasefire: error: {error.strerror or error}{where}{hint}", file=sys.stderr)
        return ExitCode.ENVIRONMENT
    except KeyboardInterrupt:
        print(f"ceasefire: interrupted{hint}", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Terminated:
        print(f"ceasefire: terminated (SIGTERM){hint}", file=sys.stderr)
        return ExitCode.TERMINATED
    except Exception as error:  # a bug: one line, and how to get the details
        print(
            f"ceasefire: internal error: {type(error).__name__}: {error} "
            "(please report it; run with CEASEFIRE_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        if os.environ.get("CEASEFIRE_DEBUG"):
            raise
        return ExitCode.INTERNAL_ERROR
