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

from ceasefire.model.united_states import DOHA_DEADLINE_WEEK

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

COMMANDERS = 30
"""Senior commanders of the leadership councils and the military commission (order of the
Quetta Shura's 15-18 members plus the Peshawar and Miranshah shuras; assumed)."""
COMMANDERS_NEEDED = 18.0
"""Commanders needed for full coordination capacity (redundancy; assumed, range 10-30)."""
EXPOSED_SHARE = 0.8
"""Share of commanders living in the sanctuaries at the start, and of new ones."""
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
CEASEFIRE_POSTURE = 0.15
"""Posture during a cease-fire at full hardliner weight (only spoilers keep fighting)."""
TAKEOVER_POSTURE = 0.05
"""Posture after the government's collapse."""


class TalibanLeadership(Agent):
    """Posture and command capacity of the Taliban leadership.

    Attributes:
        posture: how readily units attack, 0 to 1 (scales every unit's attack hazard).
        commanders: senior commanders in place.
        exposed: of whom living in the sanctuaries.
        arrested: commanders arrested or expelled this week.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.posture = POSTURE_BASE
        self.commanders = float(COMMANDERS)
        self.exposed = EXPOSED_SHARE * COMMANDERS
        self.arrested = 0

    @property
    def command_capacity(self) -> float:
        """Coordination capacity, 0 to 1."""
        return min(1.0, self.commanders / COMMANDERS_NEEDED)

    def update(self, week: int, pressure: float, ceasefire: bool, takeover: bool) -> None:
        """Lose and replace commanders, then set the posture for ``week``."""
        if not takeover:  # after the collapse the leadership is in Kabul
            self._arrests(pressure)
        hardliners = self.model.params["hardliner_share"]
        if takeover:
            self.posture = TAKEOVER_POSTURE
        elif ceasefire:
            self.posture = CEASEFIRE_POSTURE * hardliners
        else:
            breach = float(self.model.us.troops_present and week > DOHA_DEADLINE_WEEK)
            posture = POSTURE_BASE + HARDLINER_POSTURE * hardliners + BREACH_POSTURE * breach
            self.posture = float(np.clip(posture, 0.0, 1.0))

    def _arrests(self, pressure: float) -> None:
        self.arrested = 0
        if self.model.params["mechanisms.leadership_arrests"] and self.exposed >= 1.0:
            hazard = min(1.0, ARREST_HAZARD * pressure)
            rng = self.model.streams.leadership
            self.arrested = int(rng.binomial(int(self.exposed), hazard))
            self.exposed -= self.arrested
            self.commanders -= self.arrested
            self.exposed -= RELOCATION_RATE * pressure * self.exposed
        refill = REPLACEMENT_RATE * (COMMANDERS - self.commanders)
        self.commanders += refill
        self.exposed += EXPOSED_SHARE * refill
