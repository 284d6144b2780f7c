"""The Af-Pak raster map shipped with the package, in Mesa's ``[x, y]`` orientation.

The rasters come from ``data/afpak_map`` (see its README for provenance and attribution). Rows
of the source run from north to south; Mesa grids index ``[x, y]`` with ``y`` pointing north,
so every layer is converted with ``np.flipud(layer).T``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import numpy as np

from ceasefire.model.districts import district_layer

AFG, PAK = 1, 2
MAP_FILES = {"fine": "afpak_0125.npz", "coarse": "afpak_025.npz"}
STATIC_LAYERS = (
    "country",
    "admin1",
    "province",
    "durand",
    "border",
    "dist_durand_km",
    "elevation_m",
    "ruggedness_m",
    "population",
)


@dataclass(frozen=True)
class City:
    """A named place on the map (GeoNames), in grid coordinates."""

    name: str
    country: str
    x: int
    y: int
    population: int


@dataclass(frozen=True)
class AfPakMap:
    """Static layers of the map, each an ``[x, y]`` numpy array.

    Attributes:
        resolution: ``"fine"`` (0.125 deg) or ``"coarse"`` (0.25 deg).
        res_deg: cell size in degrees.
        lon: longitude of cell centres by x.
        lat: latitude of cell centres by y.
        layers: static layers by name (see :data:`STATIC_LAYERS`).
        cities: places from the GeoNames table.
        district: index into :func:`ceasefire.model.districts.load_districts` of every cell's
            district (int16, -1 off Afghanistan; data layer of issue 13).
        admin1_names: admin-1 code to name (Afghan provinces 1-34, Pakistani provinces 101-108).
    """

    resolution: str
    res_deg: float
    lon: np.ndarray
    lat: np.ndarray
    layers: dict[str, np.ndarray]
    cities: tuple[City, ...]
    district: np.ndarray
    admin1_names: dict[int, str] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        """Grid dimensions ``(width, height)``."""
        return self.layers["country"].shape

    @property
    def km_per_cell(self) -> float:
        """Approximate cell edge length in km at the map's mean latitude."""
        return 111.0 * self.res_deg * float(np.cos(np.radians(self.lat.mean())))

    def cell_area_km2(self) -> np.ndarray:
        """Area of every cell in km2 (shrinks with the cosine of latitude)."""
        edge = 111.32 * self.res_deg
        area = edge * edge * np.cos(np.radians(self.lat))
        return np.broadcast_to(area[None, :], self.shape).copy()

    def priogrid_gid(self) -> np.ndarray:
        """PRIO-GRID cell id of every map cell: ``(row - 1) * 720 + col`` on the 0.5 deg grid."""
        row = np.floor((self.lat + 90.0) / 0.5).astype(np.int64) + 1
        col = np.floor((self.lon + 180.0) / 0.5).astype(np.int64) + 1
        return (row[None, :] - 1) * 720 + col[:, None]


def data_path(name: str):
    """Path of a file in the package's ``data/afpak_map`` folder."""
    return files("ceasefire.model") / "data" / "afpak_map" / name


@cache
def load_map(resolution: str = "fine") -> AfPakMap:
    """Load the map at ``resolution`` (cached; the arrays are shared and must not be modified).

    Args:
        resolution: ``"fine"`` or ``"coarse"``.

    Returns:
        The map with all layers in ``[x, y]`` orientation.
    """
    with np.load(data_path(MAP_FILES[resolution])) as raw:
        layers = {name: np.ascontiguousarray(np.flipud(raw[name]).T) for name in STATIC_LAYERS}
        for layer in layers.values():
            layer.setflags(write=False)
        meta = json.loads(str(raw["meta_json"]))
        nrows = int(meta["nrows"])
        cities = tuple(
            City(
                str(c["name"]),
                str(c["country"]),
                int(c["col"]),
                nrows - 1 - int(c["row"]),
                int(c["pop_approx"]),
            )
            for c in raw["cities"]
        )
        lon, lat = raw["lon_c"].copy(), raw["lat_c"][::-1].copy()
    names = {int(k): v["name"] for k, v in meta["afg_provinces"].items()}
    names |= {int(k): v for k, v in meta["pak_admin1"].items()}
    district = district_layer(resolution, layers["country"].shape)
    return AfPakMap(resolution, float(meta["res_deg"]), lon, lat, layers, cities, district, names)
