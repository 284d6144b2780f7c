"""The Taliban's campaign against the district centres: when it opens, what pulls it on.

**Timing** (switch ``mechanisms.campaign_timing``). Under the Doha agreement of 29 February
2020 the United States would leave by 1 May 2021, and the Taliban would not attack US forces.
Before that deadline an offensive on the district centres could only give Washington a reason
to stay (President Biden's review ran from February to 14 April 2021), so the leadership held
it: from February 2020 to April 2021 the Long War Journal's count of Taliban-held districts
barely moved (73 of 407 on 1 May 2021), and "the Taliban offensive ... began in earnest on May
1" (LWJ, Roggio, July 2021; ``docs/dev/research/issue13/SOURCES.md``). Once the deadline has
passed, restraint buys nothing: if the Americans are leaving they leave anyway, and if they
stay they are in breach, and the Taliban had said they would then be free to "take every
counteraction" they deemed appropriate (their spokesman, 1 May 2021; Washington Post, 2 May
2021). So the campaign opens in the week after the deadline, or after the last US week if that
comes first. Before it opens, units still attack the posts, but local commanders and elders
seize district centres and strike deals only on their own initiative, at ``LOCAL_INITIATIVE``
of the campaign's rate; a pause in the talks stops the offers as it stops the fighting. This
is a decision rule read from the record, not an emergent choice (``docs/ODD.md`` 7.21).

**Momentum** (switch ``mechanisms.campaign_pull``). An offensive that is winning draws
fighters in: the leadership's posture rises with the districts taken in the last
``MOMENTUM_WEEKS``, tired units stay in the field longer before they break off to recover,
and part-time fighters stay through the harvest, each in proportion (the Taliban kept up the
offensive through the harvest and the summer of 2021; design section 3.8). Without the
endurance every unit, rested by the spring, tires at the same rate and breaks off in the same
weeks of July.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.model.united_states import DOHA_DEADLINE_WEEK

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

LOCAL_INITIATIVE = 0.1
"""Seizures of district centres (deal offers, overrunning a beaten garrison) before the
campaign opens, as a share of the campaign's (range 0-0.3: the LWJ count moved by a few
districts between February 2020 and April 2021; assumed)."""
MOMENTUM_WEEKS = 4
"""Weeks over which the leadership counts the districts it has taken (range 2-8; assumed)."""
MOMENTUM_REFERENCE = 10.0
"""Districts taken in ``MOMENTUM_WEEKS`` at which the pull is ``tanh(1)`` = 0.76 of its
maximum (range 5-30; in May 2021 the Taliban took about 20 a month, LWJ; assumed)."""
MOMENTUM_POSTURE = 0.15
"""Posture added at full momentum (range 0-0.3; as ``BREACH_POSTURE``; assumed)."""
MOMENTUM_ENDURANCE = 0.25
"""Fatigue a unit bears beyond ``SPENT_FATIGUE`` at full momentum before it breaks off: winning
commanders keep tired units in the field and pay the cost later (range 0-0.3, so that a unit
breaks off below full fatigue; assumed)."""
HARVEST_OVERRIDE = 0.5
"""Share of the harvest's call home that full momentum cancels (range 0-0.8; design 3.8;
assumed)."""


class Campaign:
    """The Taliban's offensive on the district centres: open or held, and its momentum.

    Attributes:
        opened_week: the week the campaign opened (``None`` while it is held).
        momentum: the pull of recent gains, ``tanh(taken / MOMENTUM_REFERENCE)``, 0 to 1.
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        self.opened_week: int | None = None
        self.momentum = 0.0

    def update(self, week: int) -> None:
        """Open the campaign once waiting buys nothing; count the recent gains."""
        model = self.model
        if self.opened_week is None and week > self._hold_until():
            self.opened_week = week
        self.momentum = 0.0
        if model.params["mechanisms.campaign_pull"] and self.is_open and not model.takeover:
            fall_week = model.districts.fall_week
            taken = int(((fall_week > 0) & (fall_week >= week - MOMENTUM_WEEKS)).sum())
            self.momentum = float(np.tanh(taken / MOMENTUM_REFERENCE))

    def _hold_until(self) -> int:
        """The last week of restraint: the Doha deadline, or the last US week before it."""
        if not self.model.params["mechanisms.campaign_timing"]:
            return 0
        last = self.model.params["withdrawal_week"]
        return DOHA_DEADLINE_WEEK if last is None else min(DOHA_DEADLINE_WEEK, last)

    @property
    def is_open(self) -> bool:
        """Whether the offensive has opened."""
        return self.opened_week is not None

    @property
    def initiative(self) -> float:
        """Share of the campaign in force: 1 once open, ``LOCAL_INITIATIVE`` before."""
        return 1.0 if self.is_open else LOCAL_INITIATIVE

    @property
    def offers(self) -> float:
        """The Taliban's deal offers as a share of the campaign's, 0 to 1.

        ``LOCAL_INITIATIVE`` before the campaign opens; a pause stops the offers as it stops
        the fighting (:attr:`ceasefire.model.negotiation.talks.Negotiation.restraint`).
        """
        return self.initiative * (1.0 - self.model.negotiation.restraint)

    @property
    def posture(self) -> float:
        """Posture added by the campaign's momentum."""
        return MOMENTUM_POSTURE * self.momentum

    @property
    def endurance(self) -> float:
        """Fatigue beyond ``SPENT_FATIGUE`` that units bear before breaking off."""
        return MOMENTUM_ENDURANCE * self.momentum

    @property
    def harvest_override(self) -> float:
        """Share of the harvest's call home that the campaign cancels, 0 to 1."""
        return HARVEST_OVERRIDE * self.momentum
