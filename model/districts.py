"""The 398 Afghan districts (AIMS 2014 via geoBoundaries) and the district of every map cell.

Data layer only: the tables are read from ``data/districts.csv`` and
``data/district_cells_{fine,coarse}.csv`` (built by ``tools/build_districts.py``; provenance and
licence beside them). Garrisons are not yet placed at district centres (issue 13).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

NO_DISTRICT = -1


@dataclass(frozen=True)
class District:
    """One district: its centre and the centre's cell on each map (design 2.1-2.2)."""

    district_id: str
    district: str
    province: str
    latitude: float
    longitude: float
    centre_method: str
    is_provincial_capital: bool
    border_crossing: str
    area_km2: int
    cell: dict[str, tuple[int, int]]
    snap_km: dict[str, float]


def _read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV in the package's ``data`` folder."""
    path = files("ceasefire.model") / "data" / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _district(row: dict[str, str]) -> District:
    """A :class:`District` from a row of ``districts.csv``."""
    maps = ("fine", "coarse")
    return District(
        row["district_id"],
        row["district"],
        row["province"],
        float(row["latitude"]),
        float(row["longitude"]),
        row["centre_method"],
        row["is_provincial_capital"] == "1",
        row["border_crossing"],
        int(row["area_km2"]),
        {m: (int(row[f"cell_{m}_x"]), int(row[f"cell_{m}_y"])) for m in maps},
        {m: float(row[f"snap_km_{m}"]) for m in maps},
    )


@cache
def load_districts() -> tuple[District, ...]:
    """The district table, in ``district_id`` order (cached)."""
    return tuple(_district(row) for row in _read_csv("districts.csv"))


@cache
def district_index() -> dict[str, int]:
    """``district_id`` -> row index in :func:`load_districts`."""
    return {d.district_id: i for i, d in enumerate(load_districts())}


def district_layer(resolution: str, shape: tuple[int, int]) -> np.ndarray:
    """The ``[x, y]`` int16 layer of district indices for a map (-1 off Afghanistan).

    Args:
        resolution: ``"fine"`` or ``"coarse"``.
        shape: the map's ``(width, height)``.

    Returns:
        A read-only array; each Afghan cell holds the index of its district (design 2.3).
    """
    layer = np.full(shape, NO_DISTRICT, dtype=np.int16)
    index = district_index()
    for row in _read_csv(f"district_cells_{resolution}.csv"):
        layer[int(row["x"]), int(row["y"])] = index[row["district_id"]]
    layer.setflags(write=False)
    return layer


def district_of(layer: np.ndarray, cell: tuple[int, int]) -> District | None:
    """The district of a cell, or None off Afghanistan.

    Args:
        layer: a map's ``district`` layer (:attr:`AfPakMap.district`).
        cell: ``(x, y)``.
    """
    index = int(layer[cell])
    return None if index == NO_DISTRICT else load_districts()[index]
