"""Movement of Taliban units and of mobile ANDSF units.

Taliban units go where the government is weak, or home to a sanctuary; mobile ANDSF units chase
Taliban presence and violence.

Every unit moves by greedy ascent of a score field (:func:`ceasefire.model.terrain.ascend`),
``hops`` cells a week, with Gumbel noise for exploration and a bonus for staying put. Taliban
units in fight mode climb the *fight field* (weak government presence, popular support, no
winter snow); units in recover mode climb the negative path distance to the nearest sanctuary
and, once there, resupply (``docs/ODD.md`` 7.5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.ndimage import gaussian_filter

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.taliban_unit import MODES, Mode, TalibanUnit, weekly_decisions
from ceasefire.model import terrain

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

MOVE_NOISE = 0.3
"""Scale of the Gumbel noise in movement (exploration), against about 1 score unit per cell."""
MOVE_INERTIA = 0.3
"""Score bonus for staying put (moving has a cost)."""
KM_PER_WEEK = 36.0
"""Distance a unit covers in a week (moves per week = this / cell size)."""
FIELD_SCALE = 10.0
"""Score units of the fight field's maximum, so that one cell of progress is worth about one."""
GARRISON_HALF_PRESENCE = 500.0
"""Government personnel in a cell at which its weakness as a target halves."""
FIGHT_FIELD_SMOOTHING = 3.0
"""Width (cells) of the Gaussian smoothing of the government's weakness."""
SUPPORT_PULL = 0.3
"""Weight of popular support in the fight field, relative to the government's weakness."""
WINTER_PUSH = 0.5
"""Weight of winter snow on high ground in the fight field (units avoid it)."""
CHASE_SMOOTHING = 2.0
"""Width (cells) of the smoothing of Taliban presence and violence that mobile ANDSF units chase."""
CHASE_VIOLENCE = 0.5
"""Weight of recent violence, relative to Taliban presence, in the mobile units' field."""


def hops_per_week(km_per_cell: float) -> int:
    """Cells a unit moves in a week on a map with cells of ``km_per_cell`` (at least 1)."""
    return max(1, round(KM_PER_WEEK / km_per_cell))


def fight_field(model: CeasefireModel) -> np.ndarray:
    """Score of each cell for a fighting Taliban unit."""
    presence = model.layers["government_presence"]
    weakness = np.where(presence > 0, 1.0 / (1.0 + presence / GARRISON_HALF_PRESENCE), 0.0)
    field = gaussian_filter(weakness, FIGHT_FIELD_SMOOTHING)
    field /= max(field.max(), 1e-12)
    winter = terrain.winter_closure(model.date) * model.high_ground
    return FIELD_SCALE * (field + SUPPORT_PULL * model.layers["support"] - WINTER_PUSH * winter)


def move_taliban(model: CeasefireModel) -> tuple[list[TalibanUnit], np.ndarray, np.ndarray]:
    """Decide, move and resupply all Taliban units.

    Returns:
        The units, their new cells (``n x 2``) and their modes.
    """
    units = list(model.agents_by_type.get(TalibanUnit, []))
    if not units:
        return units, np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    start = np.array([u.cell.coordinate for u in units])
    supply, morale, mode = weekly_decisions(
        np.array([u.supply for u in units]),
        np.array([u.morale for u in units]),
        np.array([int(u.mode) for u in units]),
        model.layers["support"][start[:, 0], start[:, 1]],
    )
    fields = np.stack([fight_field(model), -model.sanctuary_distance])
    xy = terrain.ascend(
        start, fields, mode, model.taliban_legal, model.hops, model.rng, MOVE_NOISE, MOVE_INERTIA
    )
    sanctuary_of = model.sanctuary_index[xy[:, 0], xy[:, 1]]
    resting = (mode == Mode.RECOVER) & (sanctuary_of >= 0)
    rates = np.array([s.resupply_rate() for s in model.sanctuaries])
    gain = np.where(resting, rates[sanctuary_of], 0.0)
    supply, morale = np.minimum(1.0, supply + gain), np.minimum(1.0, morale + gain)
    # Write back to the Mesa agents: plain Python values, cells only for units that moved.
    for unit, s_i, m_i, mode_i in zip(
        units, supply.tolist(), morale.tolist(), mode.tolist(), strict=True
    ):
        unit.supply, unit.morale, unit.mode = s_i, m_i, MODES[mode_i]
    for i in np.flatnonzero((xy != start).any(axis=1)).tolist():
        units[i].cell = model.grid[(int(xy[i, 0]), int(xy[i, 1]))]
    for i in np.flatnonzero(resting).tolist():
        units[i].sanctuary = model.sanctuaries[sanctuary_of[i]]
    return units, xy, mode


def move_mobile_forces(model: CeasefireModel) -> None:
    """Mobile ANDSF units move toward Taliban presence and recent violence."""
    mobile = [f for f in model.agents_by_type.get(AfghanForce, []) if f.post == Post.MOBILE]
    if not mobile:
        return
    field = gaussian_filter(model.layers["taliban_presence"], CHASE_SMOOTHING)
    field += CHASE_VIOLENCE * gaussian_filter(model.layers["violence"], CHASE_SMOOTHING)
    field *= FIELD_SCALE / max(field.max(), 1e-12)
    xy = np.array([f.cell.coordinate for f in mobile])
    xy = terrain.ascend(
        xy,
        field[None],
        np.zeros(len(mobile), dtype=np.int64),
        model.government_legal,
        model.hops,
        model.rng,
        MOVE_NOISE,
        MOVE_INERTIA,
    )
    for force, (x, y) in zip(mobile, xy, strict=True):
        force.cell = model.grid[(int(x), int(y))]
