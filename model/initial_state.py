"""Initial state: where the sanctuaries, communities, forces and Taliban units start.

The model starts on 12 February 2021. Initial Taliban control is a documented proxy (the map
has no data on control): higher in rural cells and near the Durand Line, lower in towns,
giving about 27 % of the population under Taliban control, between the Long War Journal's
"controlled" and "controlled or contested" shares of early 2021.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.civilian_community import CivilianCommunity
from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.agents.taliban_unit import SECTION_SIZE, Mode, TalibanUnit
from ceasefire.model.combat import urban_share
from ceasefire.model.districts import INITIAL, load_districts

if TYPE_CHECKING:
    from ceasefire.model.afpak_map import AfPakMap, City
    from ceasefire.model.ceasefire_model import CeasefireModel

SANCTUARIES = (
    ("Quetta", 1.0),
    ("Peshawar", 0.7),
    ("Miranshah", 0.9),
    ("Chaman", 0.6),
    ("Wana", 0.5),
    ("Parachinar", 0.4),
)
"""Sanctuary towns and their relative base capacities (Quetta and Haqqani bases largest)."""
GARRISON_SHARES = {Post.CITY: 0.4, Post.DISTRICT: 0.4, Post.MOBILE: 0.2}
"""Shares of ANDSF personnel in city garrisons, district garrisons and mobile units."""
MOBILE_UNIT_SIZE = 900.0
"""Personnel of a mobile unit (commando battalion or quick reaction force)."""
INITIAL_TALIBAN_SHARE = 0.18
"""Share of the 398 district centres held by the Taliban on 12 Feb 2021 (Long War Journal: 73 of
407 districts on 1 May 2021, 77 in mid-April; design 2.5; an initial condition, range 0.15-0.2)."""
BORDER_SCALE_KM = 250.0
"""Distance from the Durand Line over which the border's pull on initial control fades."""
FIGHTERS_IN_SANCTUARY = 0.15
"""Share of Taliban fighters that start in the sanctuaries."""
LARGEST_UNIT = 2000.0
"""Upper bound of an initial unit's size (fighters)."""


def initial_control(afpak: AfPakMap, residents: np.ndarray) -> np.ndarray:
    """Initial Taliban control of every cell, 0 (government) to 1 (Taliban).

    ``0.1 + 0.7 * near_border * rural + 0.25 * rural``, with ``rural = 1 - urban_share``
    (residents per km2) and ``near_border = exp(-distance to the Durand Line / 250 km)``.
    """
    rural = 1.0 - urban_share(residents / afpak.cell_area_km2())
    near_border = np.exp(-afpak.layers["dist_durand_km"] / BORDER_SCALE_KM)
    return np.clip(0.1 + 0.7 * near_border * rural + 0.25 * rural, 0.0, 1.0)


def sanctuary_sites(afpak: AfPakMap) -> list[tuple[City, float]]:
    """The towns of :data:`SANCTUARIES` on the map, with their base capacities."""
    towns = {c.name: c for c in afpak.cities}
    return [(towns[name], capacity) for name, capacity in SANCTUARIES]


def place_sanctuaries(model: CeasefireModel) -> list[Sanctuary]:
    """Create the sanctuaries of :data:`SANCTUARIES` in their towns."""
    return [
        Sanctuary(model, model.grid[(town.x, town.y)], town.name, capacity)
        for town, capacity in sanctuary_sites(model.map)
    ]


def place_communities(model: CeasefireModel) -> None:
    """Create one civilian community in every populated Afghan cell."""
    for x, y in np.argwhere(model.populated):
        CivilianCommunity(model, model.grid[(int(x), int(y))])


def place_forces(model: CeasefireModel) -> None:
    """Garrison the real district centres and station the mobile units (ODD 7.18).

    One garrison per district centre of ``model/data/districts.csv``, on the centre's cell of
    the map in use: the 34 provincial capitals get personnel in proportion to their cell's
    population to the power 0.7, the other district centres equal shares, except the
    ``INITIAL_TALIBAN_SHARE`` held by the Taliban at the start (:func:`initial_taliban_districts`),
    which get none. Mobile units start in the eight largest cities.
    """
    total = model.params["andsf_personnel"]
    districts = load_districts()
    cells = [d.cell[model.map.resolution] for d in districts]
    capitals = [i for i, d in enumerate(districts) if d.is_provincial_capital]
    weights = np.array([model.map.layers["population"][cells[i]] for i in capitals]) ** 0.7
    for i, weight in zip(capitals, weights / weights.sum(), strict=True):
        strength = total * GARRISON_SHARES[Post.CITY] * weight
        AfghanForce(model, model.grid[cells[i]], strength, Post.CITY, district=i)
    lost = initial_taliban_districts(model, cells)
    for i in lost:
        model.districts.record_fall(i, 0, INITIAL)
    held = [i for i, d in enumerate(districts) if not d.is_provincial_capital and i not in lost]
    for i in held:
        strength = total * GARRISON_SHARES[Post.DISTRICT] / len(held)
        AfghanForce(model, model.grid[cells[i]], strength, Post.DISTRICT, district=i)
    cities = model.afghan_cities
    n_mobile = max(1, round(total * GARRISON_SHARES[Post.MOBILE] / MOBILE_UNIT_SIZE))
    largest = sorted(cities, key=lambda c: -c.population)[:8]
    for i in range(n_mobile):
        city = largest[i % len(largest)]
        strength = total * GARRISON_SHARES[Post.MOBILE] / n_mobile
        AfghanForce(model, model.grid[(city.x, city.y)], strength, Post.MOBILE)


def initial_taliban_districts(model: CeasefireModel, cells: list[tuple[int, int]]) -> set[int]:
    """The district centres (not capitals) the Taliban hold at the start: a share, by rank.

    The ``round(INITIAL_TALIBAN_SHARE * 398)`` districts whose centre's cell has the highest
    initial Taliban control (ties by district order): an initial condition matched to the Long
    War Journal's tally, with no threshold on control.
    """
    districts = load_districts()
    rural = [i for i, d in enumerate(districts) if not d.is_provincial_capital]
    control = model.layers["control"]
    ranked = sorted(rural, key=lambda i: (-float(control[cells[i]]), i))
    return set(ranked[: round(INITIAL_TALIBAN_SHARE * len(districts))])


def place_taliban(model: CeasefireModel) -> None:
    """Create Taliban units with power-law sizes, mostly where they control and people live.

    Sizes follow a power law with exponent 2.5 (the steady state of coalescence and
    fragmentation, Bohorquez et al. 2009) from ``SECTION_SIZE`` up to ``LARGEST_UNIT``,
    rescaled to add up to ``taliban_fighters``. Units start in cells drawn with weight
    ``control**2 * sqrt(residents)``; ``FIGHTERS_IN_SANCTUARY`` of them start recovering in
    the sanctuary nearest to that cell.
    """
    fighters = float(model.params["taliban_fighters"])
    sizes, total = [], 0.0
    while total < fighters:
        sizes.append(
            min(
                LARGEST_UNIT,
                SECTION_SIZE * (1.0 - model.streams.placement.random()) ** (-1.0 / 1.5),
            )
        )
        total += sizes[-1]
    sizes = [size * fighters / total for size in sizes]
    layers = model.layers
    weight = np.where(
        model.populated, layers["control"] ** 2 * np.sqrt(layers["residents"]), 0.0
    ).ravel()
    cells = model.streams.placement.choice(weight.size, size=len(sizes), p=weight / weight.sum())
    in_sanctuary = model.streams.placement.random(len(sizes)) < FIGHTERS_IN_SANCTUARY
    height = model.map.shape[1]
    for size, flat, home in zip(sizes, cells, in_sanctuary, strict=True):
        x, y = divmod(int(flat), height)
        sanctuary = model.sanctuaries[model.nearest_sanctuary[x, y]]
        unit = TalibanUnit(model, sanctuary.cell if home else model.grid[(x, y)], size, sanctuary)
        if home:
            unit.mode, unit.supply = Mode.RECOVER, 0.5
