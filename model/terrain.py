"""Terrain: where each agent type may stand, movement costs, and paths to the sanctuaries.

Movement is greedy ascent of a score field over the Moore neighbourhood, done for all units at
once with numpy (one gather per candidate offset), several hops per week. Travel cost rises
with ruggedness and elevation; the distance to the nearest sanctuary is a shortest-path
distance over that cost (Dijkstra, ``scipy.sparse.csgraph``), so retreating units follow
valleys and passes rather than straight lines.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import dijkstra

from ceasefire.model.afpak_map import AFG, PAK, AfPakMap

MOORE_OFFSETS = np.array([(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)], dtype=np.int64)
"""The nine candidate moves (including staying)."""
WINTER_SNOW_LINE_M = 2500.0
"""Elevation above which winter snow closes passes (closure strongest in mid-January)."""
FIGHTING_SEASON_PEAK_DAY = 200
"""Day of year at which the fighting season peaks (mid-July)."""


def taliban_legal(afpak: AfPakMap) -> np.ndarray:
    """Cells a Taliban unit may occupy: Afghanistan and Pakistan (its sanctuaries)."""
    country = afpak.layers["country"]
    return (country == AFG) | (country == PAK)


def government_legal(afpak: AfPakMap) -> np.ndarray:
    """Cells an Afghan force or a civilian community may occupy: Afghanistan."""
    return afpak.layers["country"] == AFG


def travel_cost(afpak: AfPakMap) -> np.ndarray:
    """Relative cost of crossing each cell (1 on flat lowland)."""
    return 1.0 + afpak.layers["ruggedness_m"] / 250.0 + afpak.layers["elevation_m"] / 3000.0


def path_distance(
    cost: np.ndarray, legal: np.ndarray, sources: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """Least-cost distance from every legal cell to the nearest source cell.

    Args:
        cost: per-cell crossing cost.
        legal: cells that may be crossed.
        sources: ``(x, y)`` cells where distance is zero.

    Returns:
        Distances in cost units (``inf`` where no path exists) and, per cell, the index in
        ``sources`` of the nearest source (-1 where none is reachable).
    """
    width, height = cost.shape
    index = np.arange(width * height).reshape(width, height)
    rows, cols, weights = [], [], []
    for dx, dy in MOORE_OFFSETS:
        if dx == 0 and dy == 0:
            continue
        a = index[max(0, -dx) : width - max(0, dx), max(0, -dy) : height - max(0, dy)]
        b = index[max(0, dx) : width + min(0, dx) or None, max(0, dy) : height + min(0, dy) or None]
        ok = legal.ravel()[a.ravel()] & legal.ravel()[b.ravel()]
        step = np.hypot(dx, dy) * 0.5 * (cost.ravel()[a.ravel()] + cost.ravel()[b.ravel()])
        rows.append(a.ravel()[ok])
        cols.append(b.ravel()[ok])
        weights.append(step[ok])
    graph = coo_matrix(
        (np.concatenate(weights), (np.concatenate(rows), np.concatenate(cols))),
        shape=(width * height, width * height),
    ).tocsr()
    starts = np.array([x * height + y for x, y in sources])
    dist, _, nearest = dijkstra(graph, indices=starts, min_only=True, return_predecessors=True)
    which = np.searchsorted(np.sort(starts), nearest)
    order = np.argsort(starts)
    nearest_source = np.where(nearest >= 0, order[np.clip(which, 0, len(starts) - 1)], -1)
    return dist.reshape(width, height), nearest_source.reshape(width, height)


def ascend(
    xy: np.ndarray,
    fields: np.ndarray,
    field_of: np.ndarray,
    legal: np.ndarray,
    hops: int,
    rng: np.random.Generator,
    noise: float = 0.1,
    inertia: float = 0.0,
) -> np.ndarray:
    """Move every unit ``hops`` times to the best-scoring legal cell of its Moore neighbourhood.

    Staying put earns ``inertia`` extra score: moving has a cost, so units hold a position
    that is about as good as its neighbours instead of drifting on noise.

    Args:
        xy: ``(n, 2)`` integer positions.
        fields: ``(n_fields, width, height)`` score fields.
        field_of: ``(n,)`` index of the field each unit follows.
        legal: cells that may be entered.
        hops: moves per week.
        rng: random generator for the Gumbel noise that breaks ties and adds exploration.
        noise: scale of that noise relative to score differences.
        inertia: score bonus for staying in the current cell.

    Returns:
        New ``(n, 2)`` positions.
    """
    width, height = legal.shape
    rows = np.arange(len(xy))
    bonus = np.where((MOORE_OFFSETS == 0).all(axis=1), inertia, 0.0)
    for _ in range(hops):
        cand = xy[:, None, :] + MOORE_OFFSETS[None, :, :]
        cx = np.clip(cand[..., 0], 0, width - 1)
        cy = np.clip(cand[..., 1], 0, height - 1)
        values = np.where(legal[cx, cy], fields[field_of[:, None], cx, cy] + bonus, -np.inf)
        best = np.argmax(values + noise * rng.gumbel(size=values.shape), axis=1)
        xy = np.stack([cx[rows, best], cy[rows, best]], axis=1)
    return xy


def fighting_season(date: dt.date, amplitude: float) -> float:
    """Seasonal multiplier of Taliban operations: ``1 + amplitude * cos(...)``, peak mid-July."""
    day = date.timetuple().tm_yday
    return 1.0 + amplitude * float(np.cos(2 * np.pi * (day - FIGHTING_SEASON_PEAK_DAY) / 365.25))


def winter_closure(date: dt.date) -> float:
    """How closed the high passes are: 0 mid-April to mid-October, 1 in mid-January."""
    day = date.timetuple().tm_yday
    return max(0.0, -float(np.cos(2 * np.pi * (day - FIGHTING_SEASON_PEAK_DAY) / 365.25)))
