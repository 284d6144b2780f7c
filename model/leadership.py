"""The Taliban leadership: its posture, and the command capacity that sits in the sanctuaries.

The leadership councils (the Rahbari Shura in Quetta, the Peshawar and Miranshah shuras, the
military commission) live in Pakistan. They set the movement's **posture**, how readily units
take the fight to the government: hardliners treat fighting as leverage (Weinstein 2021), the
Taliban said they would resume attacks on US-backed forces if US troops stayed past the Doha
deadline, a cease-fire stops all but spoilers, a takeover ends the campaign. The posture has no
pressure term: Pakistani pressure reaches the fighting only through what units get from the
sanctuaries (:mod:`ceasefire.agents.sanctuary`, :mod:`ceasefire.model.movement`) and through
the leaders themselves.

**Command capacity.** ``COMMANDERS`` senior commanders coordinate offensives on garrisons by
large groups and complex attacks in cities. Those living in sanctuaries are *exposed*: Pakistan
arrests or expels them at a weekly hazard ``ARREST_HAZARD * p`` (switch
``mechanisms.leadership_arrests``). In February 2010 it arrested seven of the Quetta Shura's
fifteen members within a week and ten of eighteen within six weeks (sources in
``docs/dev/research/issue11/sources.md``), and the shura was rebuilt within weeks (Zakir
replaced Baradar). So arrests come from a depletable pool (leaders relocate into Afghanistan as
arrests mount) and vacancies are refilled quickly. Capacity is ``min(1, commanders /
COMMANDERS_NEEDED)``: an old, large, religious organisation has redundancy and survives
decapitation (Jordan 2009; Price 2012).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

from ceasefire.model.campaign import Campaign
from ceasefire.model.negotiation.spoilers import EXPOSURE_P
from ceasefire.model.united_states import DOHA_DEADLINE_WEEK

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

COMMANDERS = 30
"""Senior commanders of the leadership councils and the military commission (order of the
Quetta Shura's 15-18 members plus the Peshawar and Miranshah shuras; assumed)."""
COMMANDERS_NEEDED = 18.0
"""Commanders needed for full coordination capacity (redundancy; assumed, range 10-30)."""
EXPOSED_SHARE = 0.8
"""Share of commanders living in the sanctuaries at the start, and of new ones, when the
factions are not distinguished (``mechanisms.spoiler_faction`` off; otherwise each faction has
its own exposure, :mod:`ceasefire.model.negotiation.spoilers`)."""
ARREST_HAZARD = 0.3
"""Weekly probability that an exposed commander is arrested or expelled at full pressure
(2010: seven of fifteen in a week during a deliberate campaign; range 0.05-0.5)."""
RELOCATION_RATE = 0.1
"""Weekly share of exposed commanders who move into Afghanistan, per unit of pressure."""
REPLACEMENT_RATE = 0.15
"""Weekly share of vacancies filled (a replacement within weeks; range 0.05-0.5)."""
POSTURE_BASE = 0.35
"""Posture with no hardliners, before the Doha deadline."""
HARDLINER_POSTURE = 0.5
"""Added posture at full hardliner weight (fighting as leverage; assumed)."""
BREACH_POSTURE = 0.15
"""Added posture while US troops stay past the Doha deadline (assumed)."""
TAKEOVER_POSTURE = 0.05
"""Posture after the government's collapse."""


class TalibanLeadership(Agent):
    """Posture and command capacity of the Taliban leadership.

    Attributes:
        posture: how readily units attack, 0 to 1 (scales every unit's attack hazard).
        faction_start: hardliner and pragmatist commanders at the start (``hardliner_share``
            of ``COMMANDERS`` are hardliners).
        faction_commanders: hardliner and pragmatist commanders in place.
        exposure: share of each faction living in the sanctuaries.
        faction_exposed: of whom living in the sanctuaries, by faction.
        arrested: commanders arrested or expelled this week.
        campaign: the offensive on the district centres (:mod:`ceasefire.model.campaign`).
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.posture = POSTURE_BASE
        share = model.params["hardliner_share"]
        self.faction_start = COMMANDERS * np.array([share, 1.0 - share])
        self.faction_commanders = self.faction_start.copy()
        self.exposure = (
            np.array([model.params["hardliner_exposure"], EXPOSURE_P])
            if model.params["mechanisms.spoiler_faction"]
            else np.full(2, EXPOSED_SHARE)
        )
        self.faction_exposed = self.exposure * self.faction_start
        self.arrested = 0
        self.campaign = Campaign(model)

    @property
    def commanders(self) -> float:
        """Senior commanders in place, both factions."""
        return float(self.faction_commanders.sum())

    @property
    def exposed(self) -> float:
        """Commanders living in the sanctuaries, both factions."""
        return float(self.faction_exposed.sum())

    @property
    def command_capacity(self) -> float:
        """Coordination capacity, 0 to 1."""
        return min(1.0, self.commanders / COMMANDERS_NEEDED)

    @property
    def hardliner_capacity(self) -> float:
        """The hardliners' own capacity for complex attacks, 0 to 1 (ODD 7.13.8)."""
        needed = self.faction_start[0] / COMMANDERS * COMMANDERS_NEEDED
        return min(1.0, self.faction_commanders[0] / needed) if needed > 0 else 0.0

    def update(
        self,
        week: int,
        pressure: float,
        pause: float,
        takeover: bool,
        hardliners: float | None = None,
    ) -> None:
        """Lose and replace commanders, then set the posture for ``week``.

        Args:
            week: the week.
            pressure: Pakistan's pressure.
            pause: share of the week's fighting that a pause stops, 0 to 1
                (:attr:`ceasefire.model.negotiation.talks.Negotiation.restraint`); during a
                pause only the spoiler attacks go on.
            takeover: whether the government has collapsed.
            hardliners: the hardliners' weight (``None``: ``hardliner_share``, their weight at
                the start).
        """
        if not takeover:  # after the collapse the leadership is in Kabul
            self._arrests(pressure)
        if hardliners is None:
            hardliners = self.model.params["hardliner_share"]
        self.campaign.update(week)
        if takeover:
            self.posture = TAKEOVER_POSTURE
            return
        breach = float(self.model.us.troops_present and week > DOHA_DEADLINE_WEEK)
        fighting = POSTURE_BASE + HARDLINER_POSTURE * hardliners + BREACH_POSTURE * breach
        fighting += self.campaign.posture
        posture = (1.0 - pause) * fighting
        self.posture = float(np.clip(posture, 0.0, 1.0))

    def _arrests(self, pressure: float) -> None:
        """Arrests in each faction in proportion to its exposure; replacements from the same."""
        self.arrested = 0
        if self.model.params["mechanisms.leadership_arrests"]:
            hazard = min(1.0, ARREST_HAZARD * pressure)
            rng = self.model.streams.leadership
            at_risk = np.floor(self.faction_exposed).astype(int)
            arrests = rng.binomial(at_risk, hazard)
            self.arrested = int(arrests.sum())
            self.faction_exposed -= arrests
            self.faction_commanders -= arrests
            self.faction_exposed -= RELOCATION_RATE * pressure * self.faction_exposed
        refill = REPLACEMENT_RATE * (self.faction_start - self.faction_commanders)
        self.faction_commanders += refill
        self.faction_exposed += self.exposure * refill
