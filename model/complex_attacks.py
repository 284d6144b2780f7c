"""Complex and suicide attacks staged by Taliban groups (``docs/ODD.md`` 7.22).

The insurgency's largest events are not battles but complex attacks: a truck bomb at a base's
gate followed by an assault, a suicide bomber in a crowd. Their size is set by what the group
behind them can muster (planning, vehicles, explosives, volunteers), not by the number of men
at the gate, and in Bohorquez et al. (2009, Nature 462:911) and Clauset and Wiegel (2010,
J. Conflict Resolution 54(1):179) that is the mechanism of the heavy tail: every group attacks
with the same chance whatever its size, the severity of an attack is proportional to the
group's size, and groups coalesce and fragment (:mod:`ceasefire.model.coalescence`), so that
attack severities inherit the power law of group sizes. Terrorist-attack severities follow a
power law with exponent about 2.4 (Clauset, Young and Gleditsch 2007, J. Conflict Resolution
51(1):58).

Here each fighting unit on Afghan soil that has not made a ground attack this week (7.7) and
still has at least one fighter stages one with weekly hazard
``1 - exp(-COMPLEX_ATTACK_RATE * posture * command * readiness * target * days)``: ``target``
is what the cell offers such an attack, the larger of the state's exposure there (its
personnel, as for IEDs) and the crowd (the cell's urban share; both in
:mod:`ceasefire.model.exposure`), and ``days`` the share of the week without a truce. The
expected deaths are ``COMPLEX_ATTACK_LETHALITY * strength``, Poisson-distributed, shared between
the government and civilians in proportion to exposure and crowd (civilians never more than the
cell's residents); the attackers lose ``ATTACKER_DEATHS`` on average (the bombers and the
assault team) and scatter afterwards like any attacker (fragmentation, 7.6). No cap: the bound
of an attack is the group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.taliban_unit import Mode
from ceasefire.model.exposure import government_exposure, urban_share

if TYPE_CHECKING:
    from ceasefire.model.combat import Battlefield

COMPLEX_ATTACK_RATE = 0.005
"""Weekly hazard of a fighting group staging a complex or suicide attack, at full posture,
command capacity and target and at the readiness of a typical unit (1), per group whatever its
size (assumed; range 0.002-0.01: about 0.7 such attacks a week nationwide in 6 runs of 52 weeks
on the fine map, fewer than at the 2016-2017 peak UNAMA recorded, since after the Doha
agreement the Taliban moved from suicide attacks in cities to targeted killings; UNAMA, annual
report 2020, Feb. 2021; there is no observed weekly count for 2021)."""
COMPLEX_ATTACK_LETHALITY = 0.1
"""Expected deaths of a complex attack per fighter of the group that stages it (assumed; range
0.03-0.3: a group of 1,000, the 99th percentile of fighting groups in the offensive, would
kill about 100, the order of the largest attacks of 2017-2021; such groups seldom stage one,
and the largest complex attack of a run kills about 40)."""
ATTACKER_DEATHS = 2.0
"""Expected deaths among the attackers of a complex attack (the suicide bombers and the assault
team; assumed; range 1-10)."""


def complex_attacks(field: Battlefield, posture: float, days: float) -> None:
    """Fighting groups stage complex and suicide attacks sized by the group.

    Args:
        field: the week's battlefield (positions, random streams, event recording).
        posture: the Taliban leadership's posture, 0 to 1.
        days: the share of the week without a pause (no such attacks in a truce).
    """
    field.rng = field.streams.complex_attacks
    model = field.model
    if model.takeover or posture * days <= 0.0:
        return
    assaulted = set(field.attackers)  # this week's ground attackers are committed already
    stagers = [
        (cell, unit)
        for cell, units in sorted(field.taliban.items())
        for unit in units
        if unit.mode == Mode.FIGHT
        and unit.strength >= 1.0  # not cut down earlier in the week
        and unit not in assaulted
        and model.afghan[cell]
    ]
    if not stagers:
        return
    cells = tuple(np.array([cell for cell, _ in stagers]).T)
    strength = np.array([unit.strength for _, unit in stagers])
    readiness = np.array([unit.readiness for _, unit in stagers])
    exposure = government_exposure(model.layers["government_presence"][cells])
    crowd = urban_share(model.layers["residents"][cells] / model.cell_area_km2[cells])
    command = model.leadership.command_capacity
    target = np.maximum(exposure, crowd)
    rate = COMPLEX_ATTACK_RATE * posture * days * command * readiness * target
    civilian_share = crowd / np.maximum(exposure + crowd, 1e-12)
    for i in np.flatnonzero(field.rng.random(len(stagers)) < -np.expm1(-rate)):
        cell, unit = stagers[i]
        toll = COMPLEX_ATTACK_LETHALITY * strength[i]
        field.record(
            cell,
            "complex_attack",
            "taliban",
            government=field.poisson(toll * (1.0 - civilian_share[i])),
            taliban=field.poisson(ATTACKER_DEATHS),
            civilians=field.civilian_losses(cell, toll * civilian_share[i]),
            fighters=[unit],
        )
        model.events.week.complex_attacks += 1
        field.attackers.append(unit)
