"""Static map lines: province outlines, country borders and the Durand Line.

Built once from the geoBoundaries files shipped with the map (``model/data/afpak_map/sources``):
Afghan provinces (ADM1) and Pakistani districts (ADM2). Both files keep a shared topology, so an
edge used by two polygons is an internal boundary and an edge used once is the country's outer
border. Pakistani districts are grouped into provinces with the map's ``admin1`` layer, and the
Afghan border edges that face Pakistan on the map form the Durand Line.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np

from ceasefire.model.afpak_map import AFG, PAK, AfPakMap, data_path, load_map

AFG_PROVINCES = "sources/geoBoundaries-AFG-ADM1_simplified.geojson"
PAK_DISTRICTS = "sources/geoBoundaries-PAK-ADM2.geojson"

Edge = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Outlines:
    """Line segments (``(n, 2, 2)`` arrays of lon/lat) by kind."""

    provinces: np.ndarray
    borders: np.ndarray
    durand: np.ndarray


def _rings(path: str) -> Iterator[list[list[float]]]:
    geojson = json.loads(data_path(path).read_text(encoding="utf-8"))
    for feature in geojson["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            yield from polygon


def _edges(ring: list[list[float]]) -> Iterator[Edge]:
    points = [(round(x, 7), round(y, 7)) for x, y in ring]
    for a, b in itertools.pairwise(points):
        if a != b:
            yield (a, b) if a < b else (b, a)


def _cell_values(afpak: AfPakMap, layer: str, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Value of ``layer`` in the map cell containing each point (0 outside the map)."""
    x = np.floor((lon - afpak.lon[0]) / afpak.res_deg + 0.5).astype(int)
    y = np.floor((lat - afpak.lat[0]) / afpak.res_deg + 0.5).astype(int)
    inside = (x >= 0) & (x < afpak.shape[0]) & (y >= 0) & (y < afpak.shape[1])
    values = np.zeros(len(lon), dtype=int)
    values[inside] = afpak.layers[layer][x[inside], y[inside]]
    return values


def _faces(afpak: AfPakMap, edges: list[Edge], country: int) -> np.ndarray:
    """Whether each border edge has ``country`` on one of its sides (just across it)."""
    segments = np.array(edges, dtype=float)
    middle = segments.mean(axis=1)
    direction = segments[:, 1] - segments[:, 0]
    normal = np.stack([-direction[:, 1], direction[:, 0]], axis=1)
    normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
    step = 0.6 * afpak.res_deg
    sides = [middle + step * normal, middle - step * normal]
    countries = [_cell_values(afpak, "country", s[:, 0], s[:, 1]) for s in sides]
    return (countries[0] == country) | (countries[1] == country)


@cache
def outlines() -> Outlines:
    """The map's static lines (computed once per process)."""
    afpak = load_map("fine")
    afghan = Counter(edge for ring in _rings(AFG_PROVINCES) for edge in _edges(ring))
    pakistan: dict[Edge, set[int]] = {}
    for ring in _rings(PAK_DISTRICTS):
        points = np.array(ring, dtype=float)
        cells = _cell_values(afpak, "admin1", points[:, 0], points[:, 1])
        province = int(np.bincount(cells).argmax())
        for edge in _edges(ring):
            pakistan.setdefault(edge, set()).add(province)
    pakistan_uses = Counter(edge for ring in _rings(PAK_DISTRICTS) for edge in _edges(ring))
    afghan_border = [edge for edge, uses in afghan.items() if uses == 1]
    durand = _faces(afpak, afghan_border, PAK)
    pakistan_border = [edge for edge, uses in pakistan_uses.items() if uses == 1]
    facing = _faces(afpak, pakistan_border, AFG)  # Pakistan's side of the Durand Line
    provinces = [edge for edge, uses in afghan.items() if uses > 1]
    provinces += [edge for edge, found in pakistan.items() if len(found) > 1]
    borders = [e for e, d in zip(afghan_border, durand, strict=True) if not d]
    borders += [e for e, f in zip(pakistan_border, facing, strict=True) if not f]
    durand_edges = [e for e, d in zip(afghan_border, durand, strict=True) if d]
    return Outlines(
        provinces=np.array(provinces, dtype=float),
        borders=np.array(borders, dtype=float),
        durand=np.array(durand_edges, dtype=float),
    )


def polylines(segments: np.ndarray) -> list[np.ndarray]:
    """Join line segments (``(n, 2, 2)``) that share end points into polylines (``(m, 2)`` each).

    Each segment is used once; a polyline ends where three or more segments meet or none goes
    on, so a map's lines are drawn as a few hundred paths instead of thousands of segments.
    """
    points = [tuple(map(tuple, segment)) for segment in segments.tolist()]
    touching: dict[tuple[float, float], list[int]] = {}
    for number, (a, b) in enumerate(points):
        touching.setdefault(a, []).append(number)
        touching.setdefault(b, []).append(number)
    used = [False] * len(points)

    def walk(start: tuple[float, float], first: int) -> list[tuple[float, float]]:
        path, here, number = [start], start, first
        while True:
            used[number] = True
            a, b = points[number]
            here = b if a == here else a
            path.append(here)
            onward = [n for n in touching[here] if not used[n]]
            if len(touching[here]) != 2 or not onward:
                return path
            number = onward[0]

    # start at the ends and junctions first, then close the remaining rings
    starts = sorted(touching, key=lambda p: len(touching[p]) == 2)
    lines = []
    for start in starts:
        for number in touching[start]:
            if not used[number]:
                lines.append(np.array(walk(start, number)))
    return lines
