"""Smoothed trends of the war that the state-level actors observe (``docs/ODD.md`` 7.13).

The negotiators watch both sides' loss rates, the momentum of Taliban control and the garrisons
lost recently. Each is an exponentially smoothed weekly series.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ceasefire.model.events import WeekTally

SMOOTHING = 0.25
"""Weight of the latest week in the smoothed loss rates (about 4 weeks)."""
FALLS_MEMORY = 0.8
"""Weekly retention of the count of garrisons lost (about 5 weeks)."""
MOMENTUM_WEEKS = 8
"""Weeks over which the change in the Taliban-controlled share is the war's momentum."""


@dataclass
class WarTrends:
    """The smoothed series, updated once a week after the fighting.

    Attributes:
        loss_rates: weekly deaths per fighter of the Taliban and of the ANDSF.
        recent_falls: garrisons lost in recent weeks (smoothed count).
        share_history: the Taliban-controlled population share, week by week.
    """

    share_history: list[float]
    loss_rates: np.ndarray = field(default_factory=lambda: np.zeros(2))
    recent_falls: float = 0.0

    def update(
        self, tally: WeekTally, taliban_strength: float, andsf_strength: float, share: float
    ) -> None:
        """Add this week's deaths, garrison losses and control share."""
        strength = np.array([max(taliban_strength, 1.0), max(andsf_strength, 1.0)])
        deaths = np.array([tally.taliban_deaths, tally.andsf_deaths])
        self.loss_rates += SMOOTHING * (deaths / strength - self.loss_rates)
        self.recent_falls = FALLS_MEMORY * self.recent_falls + tally.garrisons_lost
        self.share_history.append(share)

    @property
    def momentum(self) -> float:
        """Change in the Taliban-controlled share over the last ``MOMENTUM_WEEKS`` weeks."""
        history = self.share_history
        return history[-1] - history[max(0, len(history) - MOMENTUM_WEEKS - 1)]
