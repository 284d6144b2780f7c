"""Coalescence and fragmentation of Taliban units (Bohorquez et al. 2009; ``docs/ODD.md`` 7.6).

In the coalescence-fragmentation model of insurgent groups of Bohorquez et al. (2009, Nature
462:911) a group joins another with a probability proportional to its size, choosing its
partner in proportion to the partner's size, and a group that attacks scatters into
individuals. Here the smallest group is a section of ``SECTION_SIZE`` fighters, and groups meet
only when they share a cell:

* each fighting unit in a cell it shares with other fighting units joins one of them with
  weekly probability ``1 - exp(-coalescence_rate * a * strength / REFERENCE_SIZE)``, the
  partner drawn in proportion to its strength (:func:`coalesce`); ``a`` is the area of a fine
  cell over the map's (:func:`area_scale`: 1 on the fine map, a quarter on the coarse), since
  groups in a larger cell are farther apart and meet less often;
* a unit that attacked a garrison this week disperses into sections with probability
  ``fragmentation_prob`` (:func:`disperse`).

The balance of the two sets the distribution of group sizes, and with it the size of attacks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.taliban_unit import REFERENCE_SIZE, Mode, TalibanUnit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ceasefire.model.afpak_map import AfPakMap
    from ceasefire.model.ceasefire_model import CeasefireModel

REFERENCE_CELL_DEG = 0.125
"""Cell size (degrees) at which ``coalescence_rate`` is given: the fine map's."""


def area_scale(afpak: AfPakMap) -> float:
    """The area of a reference (fine) cell over the area of one of the map's cells.

    Units that share a cell meet at a rate inversely proportional to its area, so the rate of
    joining per unit is given for a fine cell and scaled by this ratio.
    """
    return (REFERENCE_CELL_DEG / afpak.res_deg) ** 2


def coalesce(
    model: CeasefireModel, units: list[TalibanUnit], xy: np.ndarray, mode: np.ndarray
) -> None:
    """Fighting units that share a cell join one another at a size-proportional rate.

    Args:
        model: the model (its random stream and parameters).
        units: the Taliban units, as returned by :func:`ceasefire.model.movement.move_taliban`.
        xy: their cells after moving (``n x 2``).
        mode: their modes.
    """
    rate = model.params["coalescence_rate"] * area_scale(model.map)
    if rate <= 0.0:
        return
    fighting = np.flatnonzero(mode == Mode.FIGHT)
    cell_ids = xy[fighting, 0] * model.map.shape[1] + xy[fighting, 1]
    order = np.argsort(cell_ids, kind="stable")
    _, starts, counts = np.unique(cell_ids[order], return_index=True, return_counts=True)
    crowded = counts > 1
    for start, count in zip(starts[crowded], counts[crowded], strict=True):
        group = [units[i] for i in fighting[order[start : start + count]]]
        _coalesce_group(model.streams.coalescence, group, rate)


def _coalesce_group(rng: np.random.Generator, group: list[TalibanUnit], rate: float) -> None:
    """Each unit of a co-located ``group`` joins a partner drawn in proportion to strength.

    Who joins is drawn once, from the strengths at the start of the week; a unit that has
    already been absorbed does not join again, and an absorbed unit is no longer a partner.
    """
    sizes = np.array([u.strength for u in group])
    joins = rng.random(len(group)) < -np.expm1(-rate * sizes / REFERENCE_SIZE)
    for i in np.flatnonzero(joins):
        if sizes[i] <= 0.0:
            continue  # absorbed by an earlier joiner
        weight = sizes.copy()
        weight[i] = 0.0
        if weight.sum() <= 0.0:
            return  # nobody left to join
        j = int(rng.choice(len(group), p=weight / weight.sum()))
        group[j].absorb(group[i])
        sizes[j] += sizes[i]
        sizes[i] = 0.0


def disperse(model: CeasefireModel, attackers: Iterable[TalibanUnit]) -> None:
    """Units that attacked this week scatter into sections with probability ``fragmentation_prob``.

    Units killed in the fighting (removed, so without a cell) are skipped; each attacker is
    counted once however often it attacked.

    Args:
        model: the model (its random stream and parameters).
        attackers: the units that made a ground attack this week, in the order they attacked.
    """
    prob = model.params["fragmentation_prob"]
    alive = [u for u in dict.fromkeys(attackers) if u.cell is not None]
    if prob <= 0.0 or not alive:
        return
    scatters = model.streams.coalescence.random(len(alive)) < prob
    for unit in (u for u, hit in zip(alive, scatters, strict=True) if hit):
        unit.fragment()
