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
PATH_OFFSETS = tuple(
    (dx, dy)
    for dx in range(-2, 3)
    for dy in range(-2, 3)
    if (dx, dy) != (0, 0) and np.gcd(dx, dy) == 1
)
"""Edges of the shortest-path graph: the Moore neighbours and the knight moves (16 in all).

With the 8 Moore neighbours alone the path distance is octagonal: descending it, a unit moves
diagonally until it reaches the row (or column or diagonal) of its sanctuary and then straight
along it, so retreating units pile up in straight rows through flat country (the row along
31 N west of Chaman). The knight moves make the distance nearly Euclidean (within 3 %).
"""
WINTER_SNOW_LINE_M = 2500.0
"""Elevation above which winter snow closes passes (closure strongest in mid-January)."""
FIGHTING_SEASON_PEAK_DAY = 200
"""Day of year at which the fighting season peaks (mid-July)."""
PASS_CLOSURE = 0.5
"""Winter closure (:func:`winter_closure`) from which snow closes the passes above
``WINTER_SNOW_LINE_M``: from about 18 November to 19 March (mountain passes "snowed in" from late
November to March, Reuters, 22 November 2006; assumed; range 0.3-0.8, about 5 to 3 months)."""


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
    for dx, dy in PATH_OFFSETS:
        a, b = _shifted(index, 0, 0, dx, dy), _shifted(index, dx, dy, dx, dy)
        cells = [a, b] + [_shifted(index, cx, cy, dx, dy) for cx, cy in _crossed(dx, dy)]
        ok = np.logical_and.reduce([legal.ravel()[c] for c in cells])
        step = np.hypot(dx, dy) * np.mean([cost.ravel()[c] for c in cells], axis=0)
        rows.append(a[ok])
        cols.append(b[ok])
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


def finite_path_distance(
    cost: np.ndarray, legal: np.ndarray, sources: list[tuple[int, int]]
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`path_distance` with the cells that have no path given the largest finite distance.

    A score field must be finite: a unit cut off from every source (or on a cell that may not be
    crossed) sees the farthest distance, so it heads for any cell that has a path.
    """
    distance, nearest = path_distance(cost, legal, sources)
    finite = np.isfinite(distance)
    return np.where(finite, distance, distance[finite].max()), nearest


def _crossed(dx: int, dy: int) -> list[tuple[int, int]]:
    """The two cells a knight move ``(dx, dy)`` passes between its ends (none for a Moore move).

    They must be legal too (no jumping over a border), and their cost counts.
    """
    if 2 not in (abs(dx), abs(dy)):
        return []
    return [(dx // 2, dy // 2), (dx - dx // 2, dy - dy // 2)]


def _shifted(index: np.ndarray, ox: int, oy: int, dx: int, dy: int) -> np.ndarray:
    """Flat indices of the cells at ``(ox, oy)`` from each cell whose ``(dx, dy)`` neighbour exists.

    The cells come in the same order for every ``(ox, oy)``, so the arrays line up as edges.
    """
    width, height = index.shape
    x0, y0 = max(0, -dx), max(0, -dy)
    x1, y1 = width - max(0, dx), height - max(0, dy)
    return index[x0 + ox : x1 + ox, y0 + oy : y1 + oy].ravel()


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
    """Move every unit ``hops`` times up the steepest slope of its field (Moore neighbourhood).

    A move scores the field's gain per cell of distance (a diagonal move is sqrt(2) cells
    long), so a unit heads along the field's gradient; scoring the raw gain instead favours
    diagonal moves, and units descending a distance field then line up on the rows and
    diagonals through its source. Staying put scores ``inertia``: moving has a cost, so units
    hold a position that is about as good as its neighbours instead of drifting on noise. A
    unit may always stay where it is, even on a cell ``legal`` now closes (snowbound high
    ground), but it may not enter another closed cell.

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
    length = np.hypot(MOORE_OFFSETS[:, 0], MOORE_OFFSETS[:, 1])
    for _ in range(hops):
        cand = xy[:, None, :] + MOORE_OFFSETS[None, :, :]
        cx = np.clip(cand[..., 0], 0, width - 1)
        cy = np.clip(cand[..., 1], 0, height - 1)
        here = fields[field_of, xy[:, 0], xy[:, 1]][:, None]
        slope = (fields[field_of[:, None], cx, cy] - here) / np.maximum(length, 1.0)
        may_enter = legal[cx, cy] | (length == 0)  # a unit may always stay where it is
        values = np.where(may_enter, np.where(length > 0, slope, inertia), -np.inf)
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


def passes_closed(date: dt.date) -> bool:
    """Whether snow has closed the passes above the snow line (``PASS_CLOSURE``)."""
    return winter_closure(date) >= PASS_CLOSURE


def snowbound_legal(legal: np.ndarray, high_ground: np.ndarray) -> np.ndarray:
    """Cells a Taliban unit may enter while the passes are closed: no high ground.

    A unit already on high ground may stay there or come down (:func:`ascend` always lets a
    unit stay where it is).
    """
    return legal & ~high_ground
