"""The Taliban's targets: the government's district centres that draw the campaign's fighters.

In 2021 the Taliban went for the district centres and the border crossings, not for ground:
"the Taliban had seized key border crossings with Iran, Tajikistan, Turkmenistan and Pakistan"
by mid-July, and cut-off posts were surrounded and offered deals one after another (Long War
Journal; New York Times, 26 May 2021; ``docs/dev/research/issue13/SOURCES.md``). Design 3.8
proposed that the leadership's movement field value each government-held centre by whether it
holds a crossing (revenue, and the garrison's exit abroad) and how poorly it is supplied.

Each week the target value of district ``i`` is

``v_i = held_i reach_i (1 + V_CROSSING x_i) (1 + B_TARGET (1 - S_i)) / Z``,
``Z = (1 + V_CROSSING) (1 + B_TARGET)``,

with ``held_i`` 1 while the government holds a garrison there, ``reach_i`` the campaign's reach
(1 for a rural district, the surround share for a capital; :meth:`Campaign.capital_reach`),
``x_i`` 1 for a district with an official border crossing and ``S_i`` the garrison's supply. A
cell's pull is that of its best target in reach, ``max_i v_i exp(-d(cell, i) / TARGET_REACH_KM)``
(a maximum, not a sum, so that dense clusters of small districts do not outweigh a lone crossing),
scaled by the campaign's initiative and added to the fight field
(:func:`ceasefire.model.movement.fight_field`) with weight ``TARGET_PULL``. Distances are in km,
so both maps agree. Switch ``mechanisms.campaign_targets``; off: no pull (``docs/ODD.md`` 7.21).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ceasefire.model.afpak_map import load_map
from ceasefire.model.districts import (
    centre_radians,
    great_circle_km,
    load_border_crossings,
    load_districts,
)

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

V_CROSSING = 2.0
"""Extra value of a district with an official border crossing, relative to 1 for any centre
(range 0-5; customs revenue for the Taliban and an exit abroad for the garrison; design 3.8;
assumed)."""
B_TARGET = 1.0
"""Extra value of an empty garrison over a fully supplied one (range 0-2; design 3.8; assumed)."""
TARGET_REACH_KM = 100.0
"""Distance at which a target's pull falls to 1/e (range 50-200 km: about three weeks' march
at ``KM_PER_WEEK``; assumed)."""
TARGET_PULL = 0.5
"""Weight of the best target's pull in the fight field, against 1 for the government's
weakness (range 0-1.5; assumed)."""


def target_values(model: CeasefireModel) -> np.ndarray:
    """Per district, the value ``v_i`` of its centre as a target this week, 0 to 1."""
    crossing = crossing_mask()
    value = (1.0 + V_CROSSING * crossing) * (1.0 + B_TARGET * (1.0 - model.garrisons.supply))
    value /= (1.0 + V_CROSSING) * (1.0 + B_TARGET)
    held = ~model.districts.taliban_held()
    return np.where(held, value * model.leadership.campaign.reach, 0.0)


def target_pull(model: CeasefireModel) -> np.ndarray:
    """Pull of the best target in reach on every cell, 0 to 1 (0 everywhere when switched off)."""
    if not model.params["mechanisms.campaign_targets"]:
        return np.zeros(model.map.shape)
    kernel = target_kernel(model.map.resolution)
    values = target_values(model)
    live = np.flatnonzero(values > 0.0)
    if live.size == 0:
        return np.zeros(model.map.shape)
    best = (kernel[live] * values[live, None].astype(np.float32)).max(axis=0)
    return model.leadership.campaign.initiative * best.reshape(model.map.shape).astype(float)


@cache
def crossing_mask() -> np.ndarray:
    """Per district: 1.0 where an official border crossing lies in it (read-only, cached)."""
    mask = np.zeros(len(load_districts()))
    for crossing in load_border_crossings():
        mask[crossing.district] = 1.0
    mask.setflags(write=False)
    return mask


@cache
def target_kernel(resolution: str) -> np.ndarray:
    """The pull kernel ``exp(-d / TARGET_REACH_KM)``, district centres by cells (float32).

    Columns are the cells of the map ``resolution``, ``x`` major, so that the rows of the week's
    live districts are contiguous (five times faster to gather than columns); the array is
    read-only and cached.
    """
    afpak = load_map(resolution)
    lon = np.radians(np.repeat(afpak.lon, afpak.lat.size))[None, :]
    lat = np.radians(np.tile(afpak.lat, afpak.lon.size))[None, :]
    centre_lat, centre_lon = centre_radians()
    km = great_circle_km(lat, lon, centre_lat[:, None], centre_lon[:, None])
    kernel = np.exp(-km / TARGET_REACH_KM).astype(np.float32)
    kernel.setflags(write=False)
    return kernel
