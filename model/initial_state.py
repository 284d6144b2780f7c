"""Initial state: where the sanctuaries, communities, forces and Taliban units start.

The model starts on 12 February 2021. Initial Taliban control follows the Long War Journal's map
of May 2021 province by province (``model/data/province_control.csv``: the districts each
province had controlled by the Taliban and contested) and, within a province, rurality: it is
higher in rural cells, lower in towns. The districts the Taliban hold at the start are, in each
province, as many as the map counts, the most rural and the farthest from the provincial capital.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.civilian_community import CivilianCommunity
from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.agents.taliban_unit import SECTION_SIZE, Mode, TalibanUnit
from ceasefire.model.districts import (
    INITIAL,
    NO_DISTRICT,
    centre_distances_km,
    district_layer,
    load_districts,
    read_data_csv,
)
from ceasefire.model.exposure import urban_share

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
CONTESTED_WEIGHT = 0.5
"""Weight of a contested district, against 1 for one the Taliban control, in a province's Taliban
presence (range 0.3-0.7: contested means both sides operate; assumed)."""
CONTROL_FLOOR = 0.1
"""Initial Taliban control of a town in a province without Taliban presence (assumed)."""
PRESENCE_CONTROL = 1.15
"""Initial control added by full Taliban presence in a fully rural cell (range 0.7-1.2; set so
that about a quarter of the population starts under Taliban control, between the Long War
Journal's "controlled" and "controlled or contested" shares of early 2021)."""
FIGHTERS_IN_SANCTUARY = 0.15
"""Share of Taliban fighters that start in the sanctuaries."""
LARGEST_UNIT = 2000.0
"""Upper bound of an initial unit's size (fighters)."""


def initial_control(afpak: AfPakMap, residents: np.ndarray) -> np.ndarray:
    """Initial Taliban control of every cell, 0 (government) to 1 (Taliban).

    ``CONTROL_FLOOR + PRESENCE_CONTROL * presence * rural``, with ``presence`` the Taliban
    presence of the cell's province (:func:`province_presence`) and ``rural = 1 - urban_share``
    (residents per km2); 0 off Afghanistan's districts.
    """
    rural = 1.0 - urban_share(residents / afpak.cell_area_km2())
    layer = district_layer(afpak.resolution, afpak.shape)
    presence = np.where(layer != NO_DISTRICT, province_presence()[layer], 0.0)
    return np.clip(CONTROL_FLOOR + PRESENCE_CONTROL * presence * rural, 0.0, 1.0)


@cache
def province_control() -> dict[str, tuple[int, int]]:
    """Per province: the districts the Taliban controlled and those contested, May 2021."""
    rows = read_data_csv("province_control.csv")
    return {r["province"]: (int(r["taliban_controlled"]), int(r["contested"])) for r in rows}


@cache
def province_presence() -> np.ndarray:
    """Per district: its province's Taliban presence, 0 to 1 (read-only, cached).

    ``(controlled + CONTESTED_WEIGHT * contested) / n``, with ``n`` the province's districts in
    ``model/data/districts.csv`` (the AIMS 398; the Long War Journal counted 407), at most 1.
    """
    provinces = [d.province for d in load_districts()]
    count = {p: provinces.count(p) for p in set(provinces)}
    table = province_control()
    share = {p: (t + CONTESTED_WEIGHT * c) / count[p] for p, (t, c) in table.items()}
    presence = np.minimum([share[p] for p in provinces], 1.0)
    presence.setflags(write=False)
    return presence


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
    72 held by the Taliban at the start (:func:`initial_taliban_districts`),
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
    """The district centres (not capitals) the Taliban hold at the start, province by province.

    In each province, as many as the Long War Journal's map counts as Taliban-controlled
    (:func:`province_control`; 72 in all), taking the districts whose centre's cell has the
    highest initial Taliban control, then those farthest from the provincial capital.
    """
    districts = load_districts()
    control = model.layers["control"]
    remoteness = centre_distances_km()[np.arange(len(districts)), capital_of_province()]
    held: set[int] = set()
    for province, (taliban, _) in province_control().items():
        rural = [
            i
            for i, d in enumerate(districts)
            if d.province == province and not d.is_provincial_capital
        ]
        rural.sort(key=lambda i: (-float(control[cells[i]]), -float(remoteness[i]), i))
        held.update(rural[:taliban])
    return held


def capital_of_province() -> np.ndarray:
    """Per district: the index of its province's capital."""
    districts = load_districts()
    capital = {d.province: i for i, d in enumerate(districts) if d.is_provincial_capital}
    return np.array([capital[d.province] for d in districts])


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
