"""The government pulls its threatened rural garrisons back into the provincial capitals.

In the summer of 2021 the Afghan government gave up the countryside to hold the cities: "They
are adjusting forces to consolidate forces into the provincial capitals and Kabul" (Gen. Mark
Milley, Pentagon press conference, 21 July 2021, when the Taliban held 212 or 213 of 419
district centres and no capital; DOD News). Districts were abandoned by the dozen in late June
and early July (the Long War Journal's count rose from 107 on 22 June to 204 on 10 July,
``docs/dev/research/issue13/tallies.csv``), and the capitals, reinforced, held for another
month: none fell before Zaranj on 6 August.

The order is the government's, given once it has lost ``CONSOLIDATION_TRIGGER`` of the
district centres it held at the start. From then on a rural garrison withdraws to its
province's capital with weekly hazard ``WITHDRAWAL_RATE * r * (1 - isolation)``: ``r`` is the
threat ratio at the post (:class:`~ceasefire.model.surrender.Garrisons`, ``T / (T + G)``), so
posts with no Taliban force near stay, and ``isolation`` (the Taliban control around the post)
is the road it must take, so a post already cut off cannot pull out and is left to fight or
to make its deal. The men who reach the capital join its garrison; ``WITHDRAWAL_LOSS`` of them
are lost on the road (ambushed, deserted, or, like the soldiers of Badakhshan who crossed into
Tajikistan in July 2021, gone). The Taliban walk into the abandoned centre (fall kind
``withdrawal``), and its neighbours hear of it as of any fall. A province whose capital has
fallen has nowhere to withdraw to. Rationale and ranges: ``docs/ODD.md`` 7.23; switch
``mechanisms.consolidation`` (off: every garrison holds its post until it falls).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ceasefire.model.districts import capital_mask

if TYPE_CHECKING:
    from ceasefire.agents.afghan_force import AfghanForce
    from ceasefire.model.ceasefire_model import CeasefireModel

CONSOLIDATION_TRIGGER = 0.08
"""Share of the district centres the government held at the start that it has lost when it
orders the consolidation (range 0.05-0.3: the order came in late June 2021, when the Long War
Journal counted 107 Taliban-held centres against 73 on 1 May, about a tenth of the 330 or so
the government had held; the date is not documented precisely). Tuned with
``WITHDRAWAL_RATE`` and ``surrender_deal_rate`` to the tallies of May-July 2021 (0.08 puts the
order in weeks 16-19 of the fine map)."""
WITHDRAWAL_RATE = 0.6
"""Weekly hazard of withdrawal of a rural garrison facing a threat ratio of 1 on an open road
(range 0.1-2: about a hundred centres changed hands in the three weeks from 22 June to
10 July 2021, many of them abandoned). Tuned to the tallies with the trigger: 0.3 gives too
small a jump in July, 1-2 overshoot the tallies of late July."""
WITHDRAWAL_LOSS = 0.25
"""Share of a withdrawing garrison that never reaches the capital (range 0.1-0.5; assumed)."""


class Consolidation:
    """The government's order to give up threatened districts for the capitals, and its moves.

    Attributes:
        ordered_week: the week the order was given (``None`` before).
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        self.ordered_week: int | None = None

    def update(self, week: int) -> None:
        """Give the order once enough of the districts held at the start are lost."""
        if self.ordered_week is None and self.lost_share() >= CONSOLIDATION_TRIGGER:
            self.ordered_week = week

    def lost_share(self) -> float:
        """Share of the district centres held by the government at the start that it lost."""
        fall_week = self.model.districts.fall_week
        return float((fall_week > 0).sum() / max((fall_week != 0).sum(), 1))

    def withdraw(
        self, garrisons: list[AfghanForce], threat_ratio: np.ndarray, isolation: np.ndarray
    ) -> None:
        """Threatened rural garrisons with an open road withdraw to their province's capital.

        Args:
            garrisons: the garrisons the government holds this week.
            threat_ratio: each garrison's threat ratio, 0 to 1.
            isolation: the Taliban control around each garrison, 0 to 1.
        """
        model = self.model
        if self.ordered_week is None or not model.params["mechanisms.consolidation"]:
            return
        capitals = self.capital_garrisons(garrisons)
        hazard = WITHDRAWAL_RATE * threat_ratio * (1.0 - isolation)
        draws = model.streams.surrender.random(len(garrisons))
        provinces = model.government.brokers.province_of
        for garrison, u, h in zip(garrisons, draws, hazard, strict=True):
            capital = capitals.get(int(provinces[garrison.district]))
            if capital is None or capital is garrison or u >= -np.expm1(-h):
                continue
            arriving = garrison.strength * (1.0 - WITHDRAWAL_LOSS)
            capital.strength += arriving
            garrison.strength -= arriving  # the rest, lost on the road, count as surrendered
            model.garrison_lost(garrison, "withdrawal")

    def capital_garrisons(self, garrisons: list[AfghanForce]) -> dict[int, AfghanForce]:
        """The garrison holding each province's capital, by province index (held ones only)."""
        provinces = self.model.government.brokers.province_of
        capital = capital_mask()
        return {int(provinces[g.district]): g for g in garrisons if capital[g.district]}
