"""Coalescence and fragmentation of Taliban units (Bohorquez et al. 2009; ``docs/ODD.md`` 7.6).

Fighting units that end their move in the same cell merge with probability
``coalescence_prob``; every unit breaks up with a weekly probability proportional to its size
(``fragmentation_rate * strength / REFERENCE_SIZE``), so the size of attacking groups, and with
it the size of attacks, follows from the balance of the two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.taliban_unit import REFERENCE_SIZE, Mode, TalibanUnit

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel


def coalesce_and_fragment(
    model: CeasefireModel, units: list[TalibanUnit], xy: np.ndarray, mode: np.ndarray
) -> None:
    """Merge fighting units that share a cell, then break units up at a size-proportional rate.

    Args:
        model: the model (its random stream and parameters).
        units: the Taliban units, as returned by :func:`ceasefire.model.movement.move_taliban`.
        xy: their cells after moving (``n x 2``).
        mode: their modes.
    """
    fighting = np.flatnonzero(mode == Mode.FIGHT)
    cell_ids = xy[fighting, 0] * model.map.shape[1] + xy[fighting, 1]
    order = np.argsort(cell_ids, kind="stable")
    _, starts, counts = np.unique(cell_ids[order], return_index=True, return_counts=True)
    crowded = counts > 1
    merge = model.streams.coalescence.random(int(crowded.sum())) < model.params["coalescence_prob"]
    for start, count in zip(starts[crowded][merge], counts[crowded][merge], strict=True):
        group = fighting[order[start : start + count]]
        for i in group[1:]:
            units[group[0]].absorb(units[i])
    alive = [u for u in units if u.model is not None and u.cell is not None]
    strength = np.array([u.strength for u in alive])
    breaking = model.streams.coalescence.random(len(alive)) < (
        model.params["fragmentation_rate"] * strength / REFERENCE_SIZE
    )
    for i in np.flatnonzero(breaking):
        alive[i].fragment()
