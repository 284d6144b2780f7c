"""The farming year of the fighters: part-timers' harvest and winter, and the harvest tax.

Many Taliban fighters are local villagers who fight part-time, near home, beside a core of
full-time fighters who follow their commander (Giustozzi 2008, *Koran, Kalashnikov and
Laptop*; Martin 2014, *An Intimate War*). They go home when the farming year needs them or the
weather ends the fighting (switch ``mechanisms.part_time_fighters``): for the opium harvest in
spring, whose lancing is labour-intensive and well paid (in Zhari, Kandahar, "Taliban operations
literally went down to nothing" for almost three weeks until the harvest ended in early May
2010, AP, 8 May 2010), and for the winter, when fighting tails off from late November to March
(Reuters, 22 November 2006). Fighters at home do not fight and cannot be killed; they come back
rested to their unit when the call ends. During the harvest the Taliban also tax the crop where
they rule, one of their main sources of revenue (AP, 2010), which resupplies the units for the
summer (switch ``mechanisms.harvest_tax``). The calendar moves people and supplies between
villages and units: it multiplies no attack rate (``docs/ODD.md`` 7.17).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model import terrain

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

PART_TIME_SHARE = 0.5
"""Share of a unit's fighters who are local part-timers (assumed; range 0.3-0.7)."""
HARVEST_DAYS = (105, 151)
"""Days of the year of the opium harvest that calls part-timers home: 15 April to 31 May (the
lancing runs from April in Helmand and Kandahar to May-June in the east, UNODC Afghanistan Opium
Surveys; the Zhari lull ended on 7 May 2010, AP; range: start 90-120, end 140-170)."""
HARVEST_TAX = 0.05
"""Weekly gain in supply of a unit in a cell the Taliban fully control during the harvest, from
the tax (ushr) on the opium and wheat crops that local commissions collect and pass to the
fighters (assumed; range 0.02-0.1)."""
RETURN_RATE = 0.5
"""Weekly share of the gap between the part-timers away and those the calendar calls home that
closes, both ways: they leave or come back within two or three weeks (assumed; range 0.25-1)."""


def in_harvest(date: dt.date) -> bool:
    """Whether ``date`` falls in the harvest (``HARVEST_DAYS``)."""
    return HARVEST_DAYS[0] <= date.timetuple().tm_yday <= HARVEST_DAYS[1]


def calendar_call(date: dt.date) -> float:
    """Share of part-timers the farming year calls home on ``date``, 0 to 1.

    1 during the harvest; in winter the closure of the season
    (:func:`ceasefire.model.terrain.winter_closure`, from mid-October to mid-April, strongest in
    mid-January); 0 otherwise.
    """
    return max(float(in_harvest(date)), terrain.winter_closure(date))


def part_time_flows(
    strength: np.ndarray, away: np.ndarray, call: float, rate: float = RETURN_RATE
) -> tuple[np.ndarray, np.ndarray]:
    """Fighters present and at home after a week of the calendar ``call``.

    The part-timers are ``PART_TIME_SHARE`` of a unit's fighters, present or away; those away
    move toward ``call`` of them at ``rate`` a week.

    Args:
        strength: fighters present in each unit.
        away: fighters of each unit at home.
        call: share of the part-timers the calendar calls home (:func:`calendar_call`).
        rate: share of the gap that closes (``RETURN_RATE``; 1 settles it at once).

    Returns:
        The new fighters present and at home, with the same total per unit.
    """
    total = strength + away
    target = PART_TIME_SHARE * call * total
    away = np.clip(away + rate * (target - away), 0.0, total)
    return total - away, away


def send_home(model: CeasefireModel, rate: float = RETURN_RATE) -> None:
    """Part-timers of the units in Afghanistan go home or come back for this week.

    Units in Pakistan keep their fighters away where they are (their homes are across the
    border). Fighters who come back are rested: the unit's fatigue is the strength-weighted mean
    of its own and theirs (0). Nothing happens with the switch off or after a takeover. The
    model calls it with ``rate`` 1 once before week 1, so that a run starting in February starts
    with the winter's part-timers at home.

    Args:
        model: the model.
        rate: share of the gap to the calendar's call that closes (``RETURN_RATE`` a week).
    """
    if model.takeover or not model.params["mechanisms.part_time_fighters"]:
        return
    units = [
        u for u in model.agents_by_type.get(TalibanUnit, []) if model.afghan[u.cell.coordinate]
    ]
    if not units:
        return
    strength = np.array([u.strength for u in units])
    away = np.array([u.away for u in units])
    call = calendar_call(model.date)
    if in_harvest(model.date):
        call *= 1.0 - model.leadership.campaign.harvest_override
    present, away = part_time_flows(strength, away, call, rate)
    rested = np.where(present > strength, strength / np.maximum(present, 1e-9), 1.0)
    for unit, values in zip(
        units, zip(present.tolist(), away.tolist(), rested.tolist(), strict=True), strict=True
    ):
        unit.strength, unit.away, share = values
        unit.fatigue *= share


def tax_harvest(model: CeasefireModel) -> None:
    """During the harvest, units in Afghanistan gain supply from the tax on the crop.

    The gain is ``HARVEST_TAX`` times the Taliban's control of the unit's cell (they tax where
    they rule), capped at full supply (switch ``mechanisms.harvest_tax``).
    """
    if model.takeover or not model.params["mechanisms.harvest_tax"] or not in_harvest(model.date):
        return
    control = model.layers["control"]
    for unit in model.agents_by_type.get(TalibanUnit, []):
        cell = unit.cell.coordinate
        if model.afghan[cell]:
            unit.supply = min(1.0, unit.supply + HARVEST_TAX * float(control[cell]))
