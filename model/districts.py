"""The 398 Afghan districts (AIMS 2014 via geoBoundaries) and the district of every map cell.

The tables are read from ``data/districts.csv`` and ``data/district_cells_{fine,coarse}.csv``
(built by ``tools/build_districts.py``; provenance and licence beside them). Every district has
one garrison at its centre (:func:`ceasefire.model.initial_state.place_forces`); which of them
the government still holds, and how each was lost, is kept in :class:`DistrictRecord`.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import numpy as np

NO_DISTRICT = -1
EARTH_RADIUS_KM = 6371.0
INITIAL = "initial"
"""``fall_kind`` of a district held by the Taliban from the start (design 2.5)."""


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
    area_km2: int
    cell: dict[str, tuple[int, int]]
    snap_km: dict[str, float]


def read_data_csv(name: str) -> list[dict[str, str]]:
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
        int(row["area_km2"]),
        {m: (int(row[f"cell_{m}_x"]), int(row[f"cell_{m}_y"])) for m in maps},
        {m: float(row[f"snap_km_{m}"]) for m in maps},
    )


@cache
def load_districts() -> tuple[District, ...]:
    """The district table, in ``district_id`` order (cached)."""
    return tuple(_district(row) for row in read_data_csv("districts.csv"))


@dataclass(frozen=True)
class BorderCrossing:
    """An official border crossing and when the Taliban took it in 2021.

    Attributes:
        crossing: its common name.
        neighbour: the country across the border.
        district: index of the district it lies in (row of ``districts.csv``).
        taken: the date the Taliban took it (``None`` if unknown).
        date_confidence: ``high``, ``medium`` or ``low`` (``low``: ``taken`` is only the latest
            date by which it had fallen).
        customs_share: its share of the customs revenue, where a source gives one.
    """

    crossing: str
    neighbour: str
    district: int
    taken: dt.date | None
    date_confidence: str
    customs_share: float | None


@cache
def load_border_crossings() -> tuple[BorderCrossing, ...]:
    """The 17 official crossings of ``model/data/border_crossings.csv`` (cached)."""
    index = district_index()
    return tuple(
        BorderCrossing(
            row["crossing"],
            row["neighbour"],
            index[row["district_id"]],
            dt.date.fromisoformat(row["taken_date"]) if row["taken_date"] else None,
            row["date_confidence"],
            float(row["customs_share"]) if row["customs_share"] else None,
        )
        for row in read_data_csv("border_crossings.csv")
    )


@cache
def customs_weights() -> np.ndarray:
    """Per district: the share of the crossings' customs revenue collected in it (read-only).

    Crossings with a published share keep it; the rest of the revenue is split equally among
    the crossings without one (an assumption: no source gives their shares). Sums to 1.
    """
    crossings = load_border_crossings()
    known = sum(c.customs_share for c in crossings if c.customs_share is not None)
    unknown = sum(c.customs_share is None for c in crossings)
    weights = np.zeros(len(load_districts()))
    for c in crossings:
        share = c.customs_share if c.customs_share is not None else (1.0 - known) / unknown
        weights[c.district] += share
    weights.setflags(write=False)
    return weights


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
    for row in read_data_csv(f"district_cells_{resolution}.csv"):
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


def great_circle_km(
    lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray
) -> np.ndarray:
    """Haversine distances in km between points given in radians (arrays broadcast)."""
    dlat, dlon = lat1 - lat2, lon1 - lon2
    h = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def centre_radians() -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes of the district centres, radians."""
    rows = load_districts()
    return np.radians([d.latitude for d in rows]), np.radians([d.longitude for d in rows])


@cache
def centre_distances_km() -> np.ndarray:
    """Great-circle distances between all district centres, km (read-only, cached)."""
    lat, lon = centre_radians()
    distances = great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    distances.setflags(write=False)
    return distances


@cache
def same_province() -> np.ndarray:
    """``[i, j]`` True when districts ``i`` and ``j`` are in the same province (read-only)."""
    provinces = np.array([d.province for d in load_districts()])
    same = provinces[:, None] == provinces[None, :]
    same.setflags(write=False)
    return same


@cache
def capital_mask() -> np.ndarray:
    """Boolean per district: a provincial capital (34; read-only, cached)."""
    mask = np.array([d.is_provincial_capital for d in load_districts()])
    mask.setflags(write=False)
    return mask


@cache
def centres_on_cell(resolution: str) -> dict[tuple[int, int], list[int]]:
    """The districts whose centre lies on each cell of the map ``resolution``."""
    on_cell: dict[tuple[int, int], list[int]] = {}
    for i, d in enumerate(load_districts()):
        on_cell.setdefault(d.cell[resolution], []).append(i)
    return on_cell


class DistrictRecord:
    """Who holds each district, and when and how the government lost it.

    Attributes:
        fall_week: week each district fell to the Taliban (0: held by them from the start;
            -1: still held by the government).
        fall_kind: how it fell (one of ``FALL_KINDS`` in :mod:`ceasefire.model.outputs`;
            empty while held).
    """

    def __init__(self) -> None:
        n = len(load_districts())
        self.fall_week = np.full(n, -1, dtype=np.int64)
        self.fall_kind = [""] * n

    def record_fall(self, district: int, week: int, kind: str) -> None:
        """The government lost ``district`` in ``week`` (a district falls once)."""
        if self.fall_week[district] < 0:
            self.fall_week[district] = week
            self.fall_kind[district] = kind

    def lost_share(self, cell: tuple[int, int], resolution: str) -> float:
        """Share of the district centres on ``cell`` (map ``resolution``) the Taliban hold."""
        on_cell = centres_on_cell(resolution).get(cell, [])
        if not on_cell:
            return 1.0
        return float(np.mean([self.fall_week[i] >= 0 for i in on_cell]))

    def taliban_held(self) -> np.ndarray:
        """Boolean per district: held by the Taliban now."""
        return self.fall_week >= 0

    def crossings_held(self) -> int:
        """Official border crossings in districts the Taliban hold."""
        held = self.taliban_held()
        return sum(bool(held[c.district]) for c in load_border_crossings())

    def customs_lost(self) -> float:
        """Share of the customs revenue the government collected at the start that it has lost.

        Crossings in districts the Taliban held from the start are not counted: their revenue
        was not the government's to lose (in the model; in 2021 all 17 were the government's).
        """
        weights = customs_weights()
        collected = weights @ (self.fall_week != 0)
        return float(weights @ (self.fall_week > 0) / collected) if collected > 0 else 0.0

    def held_count(self, capitals: bool = False) -> int:
        """Districts (or, with ``capitals``, provincial capitals) the Taliban hold."""
        held = self.taliban_held()
        return int((held & capital_mask()).sum() if capitals else held.sum())
