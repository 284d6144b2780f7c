"""State-level actors: the United States, Pakistan, the Taliban leadership, the Afghan government.

They are non-spatial Mesa agents. Their decision rules carry the causal claims of Weinstein
(2021) so that runs can test them rather than assume their consequences:

* Pakistan weighs rewards and threats from Washington against the costs of cracking down
  (TTP blowback, establishment sympathy, fear of India on its western border). Rewards move it
  only when tied to results (free-riding on unconditional rewards); a designation threat helps
  up to a threshold, beyond which Islamabad digs in; a US decision to stay raises its support for
  the Taliban (Laurel Miller, cited in the article).
* The Taliban leadership treats fighting as leverage (hardliners), resumes attacks when US troops
  stay past the Doha deadline, and fights less when its sanctuaries are squeezed (Salehyan 2007).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

DOHA_DEADLINE_WEEK = 11
"""1 May 2021, the withdrawal date agreed at Doha, in weeks from 12 Feb 2021."""
DRAWDOWN_WEEKS = 10
"""Weeks over which US air support and contractor support run down before the last week."""


class UnitedStates(Agent):
    """US troop presence, air support and the signal its schedule sends.

    Attributes:
        air_support: current air-support multiplier (0 after the withdrawal).
        troops_present: whether US troops are in Afghanistan this week.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.air_support = 0.0
        self.troops_present = True

    def air_support_at(self, week: int) -> float:
        """Air support in ``week`` under the current withdrawal schedule."""
        last = self.model.params["withdrawal_week"]
        full = self.model.params["us_air_support"]
        if last is None:
            return full
        if week > last:
            return 0.0
        return full * min(1.0, (last - week + 1) / DRAWDOWN_WEEKS)

    def staying_signal(self) -> float:
        """How far the schedule signals that the US stays, 0 (leaves at Doha) to 1 (stays).

        Zero once the troops have left.
        """
        last = self.model.params["withdrawal_week"]
        if last is None:
            return 1.0
        if not self.troops_present:
            return 0.0
        return float(np.clip((last - DOHA_DEADLINE_WEEK) / 52.0, 0.0, 1.0))

    def update(self, week: int) -> None:
        """Set this week's presence and air support."""
        last = self.model.params["withdrawal_week"]
        self.troops_present = last is None or week <= last
        self.air_support = self.air_support_at(week)


class Pakistan(Agent):
    """Pakistan chooses its pressure on the sanctuaries by weighing US levers against costs.

    The choice maximises ``U(p) = a p - b p^2`` over ``p`` in [0, 1], where ``a`` sums the
    marginal benefits and costs of pressure and ``b`` the convex cost of TTP blowback; the
    optimum ``a / 2b`` (clipped) is approached gradually (bureaucratic and military inertia).

    Attributes:
        pressure: current pressure on the sanctuaries, 0 to 1.
        target: the pressure Pakistan's calculus currently favours.
    """

    BASELINE = 0.7
    FATF = 0.9
    CSF = 0.3
    SST = 0.6
    DIG_IN = 1.2
    INDIA = 0.5
    SYMPATHY = 0.4
    US_STAYING = 0.35
    VIOLENCE = 0.1
    BLOWBACK = 0.9
    ADJUSTMENT_RATE = 0.2

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.target = self.preferred_pressure(violence_index=1.0)
        self.pressure = self.target

    def preferred_pressure(self, violence_index: float) -> float:
        """The pressure that maximises Pakistan's utility under the current levers.

        Args:
            violence_index: recent violence relative to its level at the start (about 1).

        Returns:
            The preferred pressure, 0 to 1.
        """
        p = self.model.params
        conditional = p["conditionality"]
        threat, threshold = p["sst_threat"], p["backfire_threshold"]
        marginal = (
            self.BASELINE
            + self.FATF * p["fatf_offer"] * conditional
            + self.CSF * p["csf_release"] * conditional
            + self.SST * min(threat, threshold)
            - self.DIG_IN * max(0.0, threat - threshold)
            - self.INDIA * (1.0 - p["india_restraint"])
            - self.SYMPATHY * p["establishment_sympathy"]
            - self.US_STAYING * self.model.us.staying_signal()
            + self.VIOLENCE * min(violence_index, 2.0)
        )
        convexity = 0.3 + self.BLOWBACK * p["blowback_fear"]
        return float(np.clip(marginal / (2.0 * convexity), 0.0, 1.0))

    def update(self, violence_index: float) -> float:
        """Choose this week's pressure (or apply a fixed ``pakistan_pressure``) and return it."""
        fixed = self.model.params["pakistan_pressure"]
        if fixed != "auto":
            self.target = self.pressure = float(fixed)
            return self.pressure
        self.target = self.preferred_pressure(violence_index)
        self.pressure += self.ADJUSTMENT_RATE * (self.target - self.pressure)
        return self.pressure


class TalibanLeadership(Agent):
    """The Taliban leadership sets the campaign intensity of all units.

    Attributes:
        intensity: share of units' opportunities to attack that are taken, 0 to 1.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.intensity = 0.5

    def update(
        self, week: int, sanctuary_capacity: float, ceasefire: bool, takeover: bool
    ) -> float:
        """Set the campaign intensity for ``week`` and return it.

        Args:
            week: current week.
            sanctuary_capacity: mean capacity of the sanctuaries, 0 to 1.
            ceasefire: whether a cease-fire is in force (only spoilers keep fighting).
            takeover: whether the government has collapsed.
        """
        hardliners = self.model.params["hardliner_share"]
        us = self.model.us
        if takeover:
            self.intensity = 0.05
        elif ceasefire:
            self.intensity = 0.15 * hardliners
        else:
            breach = float(us.troops_present and week > DOHA_DEADLINE_WEEK)
            self.intensity = float(
                np.clip(
                    0.35 + 0.5 * hardliners + 0.15 * breach - 0.45 * (1.0 - sanctuary_capacity),
                    0.05,
                    1.0,
                )
            )
        return self.intensity


class AfghanGovernment(Agent):
    """The Afghan government: reinforcement capacity and the morale of its forces.

    Attributes:
        morale: national morale of the ANDSF, 0 to 1.
        reinforcement: weekly share of a unit's gap to full strength that is refilled.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.morale = 0.7
        self.reinforcement = 0.02

    def update(self, air_support: float, control_share: float, recent_falls: float) -> None:
        """Update morale and reinforcement capacity.

        Args:
            air_support: current US air support relative to full (0 to 1).
            control_share: Taliban-controlled population share.
            recent_falls: district centres lost in recent weeks (smoothed count).
        """
        self.reinforcement = 0.02 * (0.4 + 0.6 * air_support)
        self.morale = float(
            np.clip(
                0.25 + 0.35 * air_support + 0.4 * (1.0 - control_share) - 0.03 * recent_falls,
                0.0,
                1.0,
            )
        )
