"""Progress of a sweep on stderr: a tqdm bar on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_INTERVAL_S = 10.0
"""Seconds between log lines when stderr is not a terminal."""


class Progress:
    """Counts finished and failed runs and reports them with an ETA.

    Args:
        total: runs to do in this invocation.
        already: runs finished before (``--resume``).
        stream: where to report (default ``sys.stderr``).
        label: what is running, shown before each report.
    """

    def __init__(
        self, total: int, already: int = 0, stream: TextIO | None = None, label: str = "sweep"
    ) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.total, self.done, self.failed = total, 0, 0
        self.already = already
        self.started = self.last_log = time.monotonic()
        self.bar = None
        if self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=self.stream, unit="run", desc=label)
        else:
            self._log(f"{total} runs to do ({already} already done)")

    def update(self, ok: bool) -> None:
        """Record one finished run."""
        self.done += 1
        self.failed += not ok
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(failed=self.failed)
        elif time.monotonic() - self.last_log >= LOG_INTERVAL_S or self.done == self.total:
            self._log(f"{self.done}/{self.total} runs, {self.failed} failed, ETA {self._eta()}")

    def _eta(self) -> str:
        elapsed = time.monotonic() - self.started
        left = elapsed / max(self.done, 1) * (self.total - self.done)
        minutes, seconds = divmod(round(left), 60)
        return f"{minutes}m{seconds:02d}s"

    def _log(self, message: str) -> None:
        self.last_log = time.monotonic()
        print(f"[{self.label}] {message}", file=self.stream, flush=True)

    def close(self) -> None:
        """Finish the bar."""
        if self.bar is not None:
            self.bar.close()
