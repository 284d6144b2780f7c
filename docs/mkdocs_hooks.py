"""MkDocs hook: lay out the ``ceasefire`` package for mkdocstrings.

The repository keeps ``model/``, ``agents/``, ``batch/`` and ``viz/`` at the top level (the user's
layout) and installs them as ``ceasefire.model``, ... (``pyproject.toml``). Griffe, which reads
the source for the API pages, cannot follow that mapping of an editable install, so this hook
links the four folders under ``build/api_src/ceasefire/`` before the build.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("model", "agents", "batch", "viz")
SOURCE = ROOT / "build" / "api_src" / "ceasefire"


def on_startup(command: str, dirty: bool) -> None:
    """Link each top-level package folder as ``build/api_src/ceasefire/<name>``."""
    SOURCE.mkdir(parents=True, exist_ok=True)
    for name in PACKAGES:
        link = SOURCE / name
        if not link.is_symlink():
            link.symlink_to(ROOT / name, target_is_directory=True)
