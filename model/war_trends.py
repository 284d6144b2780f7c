"""Smoothed trends of the war that the Afghan government observes (``docs/ODD.md`` 7.13).

The government's morale watches the garrisons lost recently, an exponentially smoothed weekly
count; the TTP's fears read the Taliban-controlled share week by week. (The talks keep their own
smoothed costs, :mod:`ceasefire.model.negotiation.bargaining`.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ceasefire.model.events import WeekTally

FALLS_MEMORY = 0.8
"""Weekly retention of the count of garrisons lost (about 5 weeks)."""


@dataclass
class WarTrends:
    """The smoothed series, updated once a week after the fighting.

    Attributes:
        share_history: the Taliban-controlled population share, week by week.
        recent_falls: garrisons lost in recent weeks (smoothed count).
    """

    share_history: list[float] = field(default_factory=list)
    recent_falls: float = 0.0

    def update(self, tally: WeekTally, share: float) -> None:
        """Add this week's garrison losses and control share."""
        self.recent_falls = FALLS_MEMORY * self.recent_falls + tally.garrisons_lost
        self.share_history.append(share)
