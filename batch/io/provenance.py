"""Provenance of outputs: package and dependency versions, git commit, command line.

:func:`write_metadata` is the one writer of the JSON records beside the tables: ``run.json``
(``ceasefire run`` and the dashboard's download) and ``metadata.json`` (``sweep``, ``compare``,
``validate``, ``ablate``). Each holds the provenance keys first (:func:`provenance`), then what
the command adds (its spec, settings, seeds); their meanings are in ``docs/codebook.md``.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from collections.abc import Mapping, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from ceasefire.batch.io import files

DEPENDENCIES = ("mesa", "numpy", "pandas", "scipy")
"""Dependencies whose versions every record holds."""
METADATA = "metadata.json"
"""The record of ``sweep``, ``compare``, ``validate`` and ``ablate``, in their output folder."""
RUN_RECORD = "run.json"
"""The record of one run (``ceasefire run``)."""


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


def command_line(command: Sequence[str] | None = None) -> list[str]:
    """The command line recorded: ``command``, or this process's (``sys.argv``)."""
    return list(command) if command is not None else list(sys.argv)


def provenance(
    command: Sequence[str] | None = None, dependencies: Sequence[str] = ()
) -> dict[str, Any]:
    """Everything needed to say which code produced an output.

    Args:
        command: the command line that produced it (default ``sys.argv``).
        dependencies: packages whose versions are recorded besides :data:`DEPENDENCIES`.
    """
    return {
        "package": "ceasefire",
        "version": package_version(),
        "git": git_state(),
        "python": platform.python_version(),
        "dependencies": {name: package_version(name) for name in (*DEPENDENCIES, *dependencies)},
        "command": command_line(command),
    }


def write_metadata(
    path: Path,
    fields: Mapping[str, Any],
    command: Sequence[str] | None = None,
    *,
    dependencies: Sequence[str] = (),
) -> dict[str, Any]:
    """Write an output's JSON record: :func:`provenance`, then the command's own ``fields``.

    Args:
        path: the record's file (``metadata.json`` or ``run.json`` in the output folder).
        fields: what the command records besides provenance, in the order written.
        command: the command line (default ``sys.argv``).
        dependencies: packages whose versions are recorded besides :data:`DEPENDENCIES`.

    Returns:
        The record written.

    Raises:
        ValueError: when ``fields`` repeats a provenance key.
    """
    record = provenance(command, dependencies)
    clash = sorted(set(record) & set(fields))
    if clash:
        raise ValueError(f"metadata fields repeat provenance keys: {', '.join(clash)}")
    record |= fields
    files.write_json(path, record)
    return record
