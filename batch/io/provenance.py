"""Provenance of outputs: package and dependency versions, git commit, command line."""

from __future__ import annotations

import platform
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

DEPENDENCIES = ("mesa", "numpy", "pandas", "scipy")


def package_version(name: str = "ceasefire") -> str | None:
    """Installed version of ``name``, or ``None``."""
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def git_state() -> dict[str, object]:
    """Commit and dirty flag of the source checkout the package runs from (``None`` if none)."""
    source = Path(__file__).resolve().parents[2]

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", "-C", str(source), *args],
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    commit = git("rev-parse", "HEAD")
    status = git("status", "--porcelain", "--untracked-files=no") if commit else None
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def provenance(command: list[str] | None = None) -> dict[str, object]:
    """Everything needed to say which code produced an output.

    Args:
        command: the command line that produced it (default ``sys.argv``).
    """
    return {
        "package": "ceasefire",
        "version": package_version(),
        "git": git_state(),
        "python": platform.python_version(),
        "dependencies": {name: package_version(name) for name in DEPENDENCIES},
        "command": list(command) if command is not None else sys.argv,
    }
