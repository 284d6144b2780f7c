"""The record of violent events, shaped like UCDP GED, and this week's tallies per cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from ceasefire.model.afpak_map import AFG, AfPakMap
from ceasefire.model.districts import district_of

GOVERNMENT, TALIBAN, CIVILIANS = "Government of Afghanistan", "Taleban", "Civilians"
PAKISTAN, TTP = "Government of Pakistan", "TTP"
"""UCDP GED's names of the sides of the TTP's conflict with the state of Pakistan."""
STATE_BASED, ONE_SIDED = 1, 3
INJURED_PER_KILLED = 1.9
"""Civilians injured per civilian killed (UNAMA 2020: 8,820 casualties, 3,035 killed)."""
DAYS_PER_WEEK = 7
WEEK_PRECISION = 3
"""UCDP GED ``date_prec`` of an event known to the week (the model's time step)."""


@dataclass
class WeekTally:
    """Per-cell totals of one week, used by the civilian, control and violence updates."""

    shape: tuple[int, int]
    deaths: np.ndarray = field(init=False)
    civilian_deaths: np.ndarray = field(init=False)
    harm_by_taliban: np.ndarray = field(init=False)
    harm_by_government: np.ndarray = field(init=False)
    events: int = 0
    fatalities: int = 0
    civilian_casualties: int = 0
    taliban_deaths: int = 0
    andsf_deaths: int = 0
    spoiler_attacks: int = 0
    complex_attacks: int = 0
    garrisons_lost: int = 0
    andsf_surrendered: float = 0.0
    ttp_attacks: int = 0
    ttp_deaths: int = 0

    def __post_init__(self) -> None:
        self.deaths = np.zeros(self.shape)
        self.civilian_deaths = np.zeros(self.shape)
        self.harm_by_taliban = np.zeros(self.shape)
        self.harm_by_government = np.zeros(self.shape)


@dataclass(frozen=True)
class Casualties:
    """Deaths and injuries of one event, by side."""

    government: int = 0
    taliban: int = 0
    civilians: int = 0
    injured: int = 0

    @property
    def total_deaths(self) -> int:
        """All deaths (UCDP ``best``)."""
        return self.government + self.taliban + self.civilians


class EventLog:
    """Rows of the events table, keyed by column name, plus the week's tallies.

    Each row is a dict whose keys are the columns of ``events.csv`` (declared with their units in
    :data:`ceasefire.model.outputs.EVENT_COLUMNS`), at full precision: the writer rounds.

    Args:
        afpak: the map (for coordinates, PRIO-GRID ids and admin names).
        run_id: run identifier written in every row.
    """

    def __init__(self, afpak: AfPakMap, run_id: int) -> None:
        self.map = afpak
        self.run_id = run_id
        self.gid = afpak.priogrid_gid()
        self.rows: list[dict[str, object]] = []
        self.week = WeekTally(afpak.shape)

    def start_week(self) -> WeekTally:
        """Reset and return the weekly tallies."""
        self.week = WeekTally(self.map.shape)
        return self.week

    def record(
        self,
        step: int,
        date: dt.date,
        cell: tuple[int, int],
        kind: str,
        initiator: str,
        losses: Casualties,
    ) -> None:
        """Record one event if anybody was killed or injured.

        Args:
            step: week of the event.
            date: first day of that week (``date_start``; ``date_end`` is six days later).
            cell: ``(x, y)`` map cell.
            kind: mechanism (``ground_attack``, ``ied``, ``airstrike``, ...).
            initiator: ``"taliban"`` or ``"government"``.
            losses: deaths and injuries.
        """
        if losses.total_deaths == 0 and losses.injured == 0:
            return
        combatants = losses.government + losses.taliban
        if combatants > 0 or kind in ("ground_attack", "government_raid", "airstrike"):
            violence, side_a, side_b = STATE_BASED, GOVERNMENT, TALIBAN
            deaths_a, deaths_b = losses.government, losses.taliban
        else:
            violence, side_a, side_b, deaths_a, deaths_b = ONE_SIDED, TALIBAN, CIVILIANS, 0, 0
        sides = (violence, side_a, side_b, deaths_a, deaths_b)
        self._append(step, date, cell, sides, losses, kind, initiator)
        self._tally(cell, initiator, losses)

    def record_ttp(
        self,
        step: int,
        date: dt.date,
        cell: tuple[int, int],
        security: int,
        militants: int,
        civilians: int,
    ) -> None:
        """Record one TTP attack in Pakistan (not part of the Afghan weekly totals).

        Args:
            step: week of the event.
            date: first day of that week.
            cell: ``(x, y)`` map cell in Pakistan.
            security: Pakistani security forces killed.
            militants: TTP fighters killed.
            civilians: civilians killed.
        """
        self.week.ttp_attacks += 1
        self.week.ttp_deaths += security + militants + civilians
        if security + militants + civilians == 0:
            return
        losses = Casualties(security, militants, civilians)
        if security + militants > 0:
            sides = (STATE_BASED, PAKISTAN, TTP, security, militants)
        else:
            sides = (ONE_SIDED, TTP, CIVILIANS, 0, 0)
        self._append(step, date, cell, sides, losses, "ttp_attack", "ttp")

    def _append(self, step, date, cell, sides, losses: Casualties, kind: str, initiator: str):
        x, y = cell
        violence, side_a, side_b, deaths_a, deaths_b = sides
        country_code = int(self.map.layers["country"][x, y])
        self.rows.append(
            {
                "event_id": len(self.rows) + 1,
                "run_id": self.run_id,
                "step": step,
                "date_start": date.isoformat(),
                "date_end": (date + dt.timedelta(days=DAYS_PER_WEEK - 1)).isoformat(),
                "date_prec": WEEK_PRECISION,
                "latitude": float(self.map.lat[y]),
                "longitude": float(self.map.lon[x]),
                "priogrid_gid": int(self.gid[x, y]),
                "country": "Afghanistan" if country_code == AFG else "Pakistan",
                "admin1": self.map.admin1_names.get(int(self.map.layers["admin1"][x, y]), ""),
                "district_id": self._district_id(cell),
                "type_of_violence": violence,
                "side_a": side_a,
                "side_b": side_b,
                "deaths_a": deaths_a,
                "deaths_b": deaths_b,
                "deaths_civilians": losses.civilians,
                "deaths_unknown": 0,
                "best": losses.total_deaths,
                "civilians_injured": losses.injured,
                "event_kind": kind,
                "initiator": initiator,
            }
        )

    def _district_id(self, cell: tuple[int, int]) -> str:
        """``district_id`` of the cell's district; empty off Afghanistan."""
        district = district_of(self.map.district, cell)
        return "" if district is None else district.district_id

    def _tally(self, cell: tuple[int, int], initiator: str, losses: Casualties) -> None:
        week = self.week
        harm = losses.civilians + losses.injured
        week.events += 1
        week.fatalities += losses.total_deaths
        week.civilian_casualties += harm
        week.taliban_deaths += losses.taliban
        week.andsf_deaths += losses.government
        week.deaths[cell] += losses.total_deaths
        week.civilian_deaths[cell] += losses.civilians
        if initiator == "taliban":
            week.harm_by_taliban[cell] += harm
        else:
            week.harm_by_government[cell] += harm
