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

**Capitals last** (switch ``mechanisms.capitals_last``). The Taliban took the countryside
first and the provincial capitals last: in June 2021 "those districts that have been taken
surround provincial capitals, suggesting that the Taliban are positioning themselves to try and
take those capitals once foreign forces are fully withdrawn" (Deborah Lyons, UN envoy, to the
Security Council, 22 June 2021; Reuters). Two rules read from that: the campaign against the
cities opens only once the US retrograde is complete (``RETROGRADE_LEAD_WEEKS`` before the last
US week; until then capitals are offered deals, stormed and accepted from a defecting
power-broker only at ``LOCAL_INITIATIVE``; if the US is not leaving, with the campaign); and a
capital is offered deals and stormed in proportion to the share of its province's other
districts the Taliban hold, raised to ``SURROUND_POWER``. Rural districts are not affected.

**Momentum** (switch ``mechanisms.campaign_pull``). An offensive that is winning draws
fighters in: the leadership's posture rises with the districts taken in the last
``MOMENTUM_WEEKS``, tired units stay in the field longer before they break off to recover,
and part-time fighters stay through the harvest, each in proportion (the Taliban kept up the
offensive through the harvest and the summer of 2021; design section 3.8). Without the
endurance every unit, rested by the spring, tires at the same rate and breaks off in the same
weeks of July.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import numpy as np

from ceasefire.model.districts import capital_mask, same_province
from ceasefire.model.logistics import RETROGRADE_LEAD_WEEKS
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
SURROUND_POWER = 1.0
"""Exponent of the share of a capital's province held by the Taliban in the campaign's reach
at the capital (range 0-2: 0 ignores the province, 2 holds a capital until most of its
province has fallen; design 3.8 proposed 2; assumed)."""
HARVEST_OVERRIDE = 0.5
"""Share of the harvest's call home that full momentum cancels (range 0-0.8; design 3.8;
assumed)."""


class Campaign:
    """The Taliban's offensive on the district centres: open or held, and its momentum.

    Attributes:
        opened_week: the week the campaign opened (``None`` while it is held).
        momentum: the pull of recent gains, ``tanh(taken / MOMENTUM_REFERENCE)``, 0 to 1.
        reach: per district, the share of the campaign's offers and assaults that reach it,
            0 to 1 (1 for rural districts; for a capital, as :meth:`capital_reach`).
        cities_open: whether the campaign against the provincial capitals has opened.
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        self.opened_week: int | None = None
        self.momentum = 0.0
        self.reach = np.ones(len(capital_mask()))  # set each week by update()
        self.cities_open = False

    def update(self, week: int) -> None:
        """Open the campaign once waiting buys nothing; count the recent gains."""
        model = self.model
        if self.opened_week is None and week > self._hold_until():
            self.opened_week = week
        self.cities_open = self.is_open and self._cities_due(week)
        self.reach = self.capital_reach()
        self.momentum = 0.0
        if model.params["mechanisms.campaign_pull"] and self.is_open and not model.takeover:
            fall_week = model.districts.fall_week
            taken = int(((fall_week > 0) & (fall_week >= week - MOMENTUM_WEEKS)).sum())
            self.momentum = float(np.tanh(taken / MOMENTUM_REFERENCE))

    def capital_reach(self) -> np.ndarray:
        """Per district: 1 for a rural one; for a capital, the Taliban's share of its province.

        The share counts the province's other districts (a province with no other district
        counts as held) and is raised to ``SURROUND_POWER``; it is multiplied by
        :attr:`city_initiative`. All ones with the switch off.
        """
        capitals = capital_mask()
        reach = np.ones(len(capitals))
        if not self.model.params["mechanisms.capitals_last"]:
            return reach
        others, count = _provinces_of_capitals()
        held = others @ self.model.districts.taliban_held().astype(float)
        share = np.divide(held, count, out=np.ones(len(count)), where=count > 0)
        reach[capitals] = share**SURROUND_POWER * self.city_initiative
        return reach

    @property
    def city_initiative(self) -> float:
        """The share of the campaign against the capitals in force, 0 to 1.

        1 once the cities are open, ``LOCAL_INITIATIVE`` before (1 with ``capitals_last`` off).
        """
        if self.cities_open or not self.model.params["mechanisms.capitals_last"]:
            return 1.0
        return LOCAL_INITIATIVE

    def _cities_due(self, week: int) -> bool:
        """Whether the US retrograde is complete (always, if the US is not leaving)."""
        last = self.model.params["withdrawal_week"]
        return last is None or week >= last - RETROGRADE_LEAD_WEEKS

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


@cache
def _provinces_of_capitals() -> tuple[np.ndarray, np.ndarray]:
    """Capitals x districts: the other districts of each capital's province, and their count."""
    capitals = capital_mask()
    others = (same_province()[capitals] & ~capitals).astype(float)
    count = others.sum(axis=1)
    others.setflags(write=False)
    count.setflags(write=False)
    return others, count
