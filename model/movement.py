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

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np
from scipy.ndimage import gaussian_filter

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.taliban_unit import (
    LOCAL_RECOVERY,
    MODES,
    RESTED_FATIGUE,
    SPENT_FATIGUE,
    Mode,
    TalibanUnit,
    UnitState,
    recovery_choice,
    weekly_decisions,
)
from ceasefire.model import terrain
from ceasefire.model.targets import TARGET_PULL, target_pull

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
FENCE_START = dt.date(2017, 3, 1)
"""Start of Pakistan's fencing of the Durand Line."""
FENCE_END = dt.date(2022, 1, 1)
"""Date by which the fence is complete, extrapolating 88% of 2,640 km done in June 2021 (Pakistani
officials; sources in docs/dev/research/issue11/sources.md)."""
INTERDICTION_MAX = 0.3
"""Share of what a unit carries that is seized when it crosses the fully fenced border at full
pressure (assumed; range 0.1-0.5)."""
DETENTION_SHARE = 0.15
"""Fighters detained per unit of supply share seized (fighters cross as individuals among
thousands of daily travellers; assumed; range 0.05-0.3)."""
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
    pull = SUPPORT_PULL * model.layers["support"] + TARGET_PULL * target_pull(model)
    return FIELD_SCALE * (field + pull - WINTER_PUSH * winter)


def move_taliban(model: CeasefireModel) -> tuple[list[TalibanUnit], np.ndarray, np.ndarray]:
    """Decide, move, interdict and refit all Taliban units.

    Spent units choose where to recover (:func:`ceasefire.agents.taliban_unit.recovery_choice`):
    their sanctuary when refitting there, net of the losses of the crossing, beats lying low
    among supporters where they are. Units crossing the Durand Line lose part of what they
    carry (:func:`interdiction_share`); units in a sanctuary refit at its rates.

    Returns:
        The units, their new cells (``n x 2``) and their modes.
    """
    units = list(model.agents_by_type.get(TalibanUnit, []))
    if not units:
        return units, np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    start = np.array([u.cell.coordinate for u in units])
    before = np.array([int(u.mode) for u in units])
    support = model.layers["support"][start[:, 0], start[:, 1]]
    winter = terrain.winter_closure(model.date) * model.params["seasonality"]
    state = weekly_decisions(
        UnitState(
            np.array([u.supply for u in units]),
            np.array([u.morale for u in units]),
            np.array([u.fatigue for u in units]),
            before,
        ),
        support,
        winter * model.high_ground[start[:, 0], start[:, 1]],
        SPENT_FATIGUE + model.leadership.campaign.endurance,
    )
    mode = _place_recovery(model, state, before, start, support)
    fields = np.stack(
        [fight_field(model), -sanctuary_distance(model), FIELD_SCALE * model.layers["support"]]
    )
    xy = terrain.ascend(
        start,
        fields,
        mode,
        taliban_legal_now(model),
        model.hops,
        model.streams.movement,
        MOVE_NOISE,
        MOVE_INERTIA,
    )
    supply, strength = _interdict(model, units, start, xy, state.supply)
    supply, morale, fatigue, resting, sanctuary_of = _refit(model, xy, mode, supply, state)
    for unit, values in zip(
        units,
        zip(
            supply.tolist(),
            morale.tolist(),
            fatigue.tolist(),
            mode.tolist(),
            strength.tolist(),
            strict=True,
        ),
        strict=True,
    ):
        unit.supply, unit.morale, unit.fatigue, mode_i, unit.strength = values
        unit.mode = MODES[mode_i]
    for i in np.flatnonzero((xy != start).any(axis=1)).tolist():
        units[i].cell = model.grid[(int(xy[i, 0]), int(xy[i, 1]))]
    for i in np.flatnonzero(resting).tolist():
        units[i].sanctuary = model.sanctuaries[sanctuary_of[i]]
    return units, xy, mode


def snowbound(model: CeasefireModel) -> bool:
    """Whether snow closes the high passes this week (switch ``mechanisms.winter_passes``)."""
    return bool(model.params["mechanisms.winter_passes"]) and terrain.passes_closed(model.date)


def sanctuary_distance(model: CeasefireModel) -> np.ndarray:
    """Path distance to the nearest sanctuary this week: round the high ground when snowbound."""
    return model.winter_sanctuary_distance if snowbound(model) else model.sanctuary_distance


def taliban_legal_now(model: CeasefireModel) -> np.ndarray:
    """Cells Taliban units may enter this week (no high ground when snowbound)."""
    if not snowbound(model):
        return model.taliban_legal
    return terrain.snowbound_legal(model.taliban_legal, model.high_ground)


def _place_recovery(
    model: CeasefireModel,
    state: UnitState,
    before: np.ndarray,
    start: np.ndarray,
    support: np.ndarray,
) -> np.ndarray:
    """Modes after the recovery choice of the units that broke off this week."""
    mode = state.mode
    broke_off = (before == Mode.FIGHT) & (mode == Mode.RECOVER)
    if not broke_off.any():
        return mode
    need = np.maximum.reduce(
        [
            state.fatigue - RESTED_FATIGUE,
            0.9 - state.supply,
            0.6 - state.morale,
            np.zeros_like(support),
        ]
    )
    nearest = model.nearest_sanctuary[start[:, 0], start[:, 1]]
    rates = np.array([min(s.recovery_rate(), s.resupply_rate()) for s in model.sanctuaries])
    crossing_loss = interdiction_share(model)
    travel = sanctuary_distance(model)[start[:, 0], start[:, 1]] / model.hops
    go = recovery_choice(
        need, travel, rates[nearest] * (1.0 - crossing_loss), LOCAL_RECOVERY * support
    )
    return np.where(broke_off & ~go, Mode.HIDE, mode)


def fence_share(date: dt.date) -> float:
    """Share of the Durand Line fenced by ``date`` (begun March 2017, 88% done in June 2021)."""
    done = (date - FENCE_START).days / (FENCE_END - FENCE_START).days
    return float(np.clip(done, 0.0, 1.0))


def interdiction_share(model: CeasefireModel) -> float:
    """Share of supplies and fighters lost by a unit crossing the Durand Line this week."""
    if not model.params["mechanisms.border_interdiction"]:
        return 0.0
    return INTERDICTION_MAX * fence_share(model.date) * model.pakistan.pressure


def _interdict(
    model: CeasefireModel,
    units: list[TalibanUnit],
    start: np.ndarray,
    xy: np.ndarray,
    supply: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Thin the supplies and fighters of units that crossed the Durand Line (expected values)."""
    country = model.map.layers["country"]
    crossed = country[start[:, 0], start[:, 1]] != country[xy[:, 0], xy[:, 1]]
    strength = np.array([u.strength for u in units])
    share = interdiction_share(model)
    model.border_crossings = int(crossed.sum())
    detained = np.where(crossed, DETENTION_SHARE * share * strength, 0.0)
    model.fighters_detained = float(detained.sum())
    return np.where(crossed, supply * (1.0 - share), supply), strength - detained


def _refit(model, xy, mode, supply, state):
    """Units in recover mode inside a sanctuary refit at its rates."""
    sanctuary_of = model.sanctuary_index[xy[:, 0], xy[:, 1]]
    resting = (mode == Mode.RECOVER) & (sanctuary_of >= 0)
    resupply = np.array([s.resupply_rate() for s in model.sanctuaries])
    recovery = np.array([s.recovery_rate() for s in model.sanctuaries])
    gain = np.where(resting, resupply[sanctuary_of], 0.0)
    rest = np.where(resting, recovery[sanctuary_of], 0.0)
    return (
        np.minimum(1.0, supply + gain),
        np.minimum(1.0, state.morale + gain),
        np.maximum(0.0, state.fatigue - rest),
        resting,
        sanctuary_of,
    )


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
        model.streams.movement,
        MOVE_NOISE,
        MOVE_INERTIA,
    )
    for force, (x, y) in zip(mobile, xy, strict=True):
        force.cell = model.grid[(int(x), int(y))]
