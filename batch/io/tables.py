"""Where a sweep's tables live: one CSV per table in the sweep's folder."""

from __future__ import annotations

from pathlib import Path

RUNS = "runs"
"""The table with one row per run; written last for each run, it is a sweep's commit marker."""


def table_path(out_dir: Path, table: str) -> Path:
    """Path of ``table``'s CSV in a sweep directory."""
    return out_dir / f"{table}.csv"
