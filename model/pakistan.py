"""Pakistan: chooses its pressure on the sanctuaries under uncertainty about Washington.

Each week Pakistan evaluates its expected utility on a grid of pressures ``p`` and moves toward
the best at ``ADJUSTMENT_RATE`` (bureaucratic and military inertia). Values are per year, in
units of the value of leaving the FATF grey list (1):

    EU(p) = (V_FATF f + V_CSF c) * pi * P_pay(p)                         US rewards
          - V_SST s * theta * (1 - P_res(p))                             designation risk
          - C_AUD s^2 p                                                  being seen to cave
          - C_DEPTH (e + W_INDIA (1 - r)) (1 + MILLER stay) p            strategic depth lost
          - b C_TTP ttp(p) / ttp(0 at the start)                         blowback it fears
          - C_EFFORT p^2                                                 cost of the crackdown

``f, c, s, r, e, b`` are ``fatf_offer``, ``csf_release``, ``sst_threat``, ``india_restraint``,
``establishment_sympathy``, ``blowback_fear``; ``stay`` is the US staying signal.

* ``P_res(p)``: Pakistan's probability that Washington will *observe* results, ``Phi((beta p -
  REQUIRED_FALL) / REVIEW_NOISE)``, where ``beta`` (parameter ``pakistan_belief_effect``) is how
  far Pakistan believes full pressure would lower violence. Its default, 0.1, is Islamabad's
  stated view that "Pakistan in itself can't get a [Taliban] ceasefire" (Moeed Yusuf, quoted by
  Weinstein 2021). It is not learned: Pakistan's own pressure moves too little and too slowly
  for it to separate its effect from the season and the withdrawal.
* ``P_pay(p) = (1 - conditionality) + conditionality P_res(p)``: rewards with no strings come
  whatever Pakistan does, so they do not move its choice (free-riding follows by construction).
* ``pi``: Pakistan's belief that Washington pays what it owes, a Beta mean learned from
  Washington's reviews (:mod:`ceasefire.model.united_states`): at each review Pakistan judges,
  on its own (exact) count of violence, what it was owed, and counts a payment or its absence.
  ``theta``: its belief that a designation threat is meant; it wears off each time a threat is
  restated without consequence (switch ``mechanisms.us_credibility``; off, ``pi = theta = 1``).
* Audience costs: complying with a public threat costs the government at home (Fearon 1994;
  Weinstein: "dig in its heels"); publicity grows as ``s^2`` (small threats are private
  messages). Whether a threat backfires depends on ``C_AUD`` against ``V_SST``: an assumption.
* Strategic depth: pressure that weakens the Taliban risks a Kabul hostile to Pakistan and open
  to India (Fair 2014), worth more with the establishment's sympathy and India's involvement,
  and raised when the US signals that it stays (Laurel Miller, cited by Weinstein).
* Designation (switch ``mechanisms.designation``): once Washington has carried out its threat
  (:class:`ceasefire.model.united_states.UnitedStates`), the rewards, the designation risk and
  the audience cost are gone: the cost is sunk and nothing is left to win or avoid by pressing.
* Blowback: the TTP attacks Pakistan believes pressure would bring
  (:meth:`ceasefire.model.ttp.PakistaniTaliban.feared_attacks`).

Which lever signs follow from this by construction, which from a ratio of two constants, and
which emerge from the runs is listed in ``docs/ODD.md`` (section 7.1) and the validation report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent
from scipy.special import ndtr

from ceasefire.model.united_states import (
    BASELINE_WEEKS,
    OBSERVATION_NOISE,
    REQUIRED_FALL,
    REVIEW_WEEKS,
    Review,
)

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

V_FATF = 1.0
"""Value of leaving the FATF grey list (the unit of Pakistan's utility)."""
V_CSF = 0.5
"""Value of the Coalition Support Fund money on offer (assumed; range 0.2-1)."""
V_SST = 2.0
"""Cost of a state-sponsor-of-terrorism designation (aid, arms and finance sanctions; assumed
larger than the FATF exit; range 1-5)."""
C_AUD = 1.5
"""Audience cost of complying with a fully public threat, at full pressure (assumed; 0-3)."""
C_DEPTH = 0.4
"""Value of strategic depth lost at full pressure, at full sympathy (assumed; range 0.2-1.5)."""
W_INDIA = 0.5
"""Weight of India's involvement in Afghanistan against the establishment's sympathy."""
MILLER = 0.5
"""Rise in the value of strategic depth when the US signals that it stays (assumed; 0-1)."""
C_TTP = 0.3
"""Cost of the TTP's attacks at their level at the start (assumed; range 0.1-1)."""
C_EFFORT = 0.3
"""Cost of a full crackdown (resources, friction within the establishment; convex)."""
VIOLENCE_NOISE = 0.15
"""Week-to-week variation of violence in a review's mean, in log terms (about 0.15)."""
REVIEW_NOISE = float(np.hypot(OBSERVATION_NOISE / np.sqrt(REVIEW_WEEKS), VIOLENCE_NOISE))
"""Pakistan's view of the noise of a US review: Washington's observation error averaged over a
review plus the variation of violence (``VIOLENCE_NOISE`` alone when Washington sees exactly)."""
ADJUSTMENT_RATE = 0.2
"""Weekly rate at which pressure moves toward the preferred level (inertia)."""
CREDIBILITY_PRIOR = (2.0, 2.0)
"""Beta prior of Pakistan's belief that Washington pays what it owes (mean 0.5: "years of
thankless pressure" to do more; assumed)."""
THREAT_PRIOR = 0.6
"""Pakistan's initial belief that a designation threat is meant (assumed)."""
THREAT_DECAY = 0.15
"""Fall in that belief each time a threat is restated without consequence (assumed)."""
GRID = np.linspace(0.0, 1.0, 21)
"""Pressures Pakistan compares."""


class Pakistan(Agent):
    """Pakistan's pressure on the sanctuaries and its beliefs about Washington.

    Attributes:
        pressure: current pressure on the sanctuaries, 0 to 1.
        target: the pressure its calculation currently favours.
        credibility: Beta parameters of its belief that Washington pays what it owes.
        threat_credibility: its belief that a designation threat is meant, 0 to 1.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.credibility = list(CREDIBILITY_PRIOR)
        self.threat_credibility = THREAT_PRIOR
        self.own_counts: list[float] = []
        self.target = self.pressure = 0.0
        self.target = self.preferred_pressure()
        self.pressure = self.target

    @property
    def pi(self) -> float:
        """Belief that Washington pays what it owes (1 with ``us_credibility`` off)."""
        if not self.model.params["mechanisms.us_credibility"]:
            return 1.0
        a, b = self.credibility
        return a / (a + b)

    @property
    def theta(self) -> float:
        """Belief that a designation threat is meant (1 with ``us_credibility`` off)."""
        return self.threat_credibility if self.model.params["mechanisms.us_credibility"] else 1.0

    def expected_utility(self, p: np.ndarray) -> np.ndarray:
        """Pakistan's expected yearly utility at each pressure in ``p``."""
        params, switches = self.model.params, self._switches()
        noise = REVIEW_NOISE if params["mechanisms.us_observation_noise"] else VIOLENCE_NOISE
        results = ndtr((params["pakistan_belief_effect"] * p - REQUIRED_FALL) / noise)
        conditional = params["conditionality"]
        pay = (1.0 - conditional) + conditional * results
        leverage = 0.0 if self.model.us.designated else 1.0
        offers = V_FATF * params["fatf_offer"] + V_CSF * params["csf_release"]
        rewards = leverage * offers * self.pi * pay
        threat = leverage * params["sst_threat"]
        designation = V_SST * threat * self.theta * (1.0 - results)
        audience = C_AUD * threat**2 * p * switches["audience_cost"]
        india = W_INDIA * (1.0 - params["india_restraint"])
        stay = MILLER * self.model.us.staying_signal() * switches["miller_effect"]
        depth = C_DEPTH * (params["establishment_sympathy"] + india) * (1.0 + stay) * p
        ttp = self.model.ttp
        blowback = params["blowback_fear"] * C_TTP * ttp.feared_attacks(p) / ttp.reference_attacks
        return rewards - designation - audience - depth - blowback - C_EFFORT * p**2

    def _switches(self) -> dict[str, float]:
        params = self.model.params
        names = ("audience_cost", "miller_effect")
        return {name: float(params[f"mechanisms.{name}"]) for name in names}

    def preferred_pressure(self) -> float:
        """The pressure on the grid with the highest expected utility."""
        return float(GRID[int(np.argmax(self.expected_utility(GRID)))])

    def observe(self, fatalities: float, season: float) -> None:
        """Record this week's violence as Pakistan counts it (exact, deseasonalised)."""
        self.own_counts.append((fatalities + 1.0) / season)

    def learn(self, review: Review | None) -> None:
        """Update beliefs about Washington from a review (nothing without one)."""
        if review is None:
            return
        params = self.model.params
        if self.model.us.rewards_on_offer:
            owed = (1.0 - params["conditionality"]) + params["conditionality"] * self._results()
            self.credibility[0 if review.paid else 1] += owed
        if review.threat_restated:
            self.threat_credibility *= 1.0 - THREAT_DECAY
        if review.designated:
            self.threat_credibility = 1.0

    def _results(self) -> float:
        """Whether violence fell by ``REQUIRED_FALL``, on Pakistan's own count (1 or 0)."""
        counts = self.own_counts
        baseline = np.mean(counts[:BASELINE_WEEKS])
        return float(1.0 - np.mean(counts[-REVIEW_WEEKS:]) / baseline >= REQUIRED_FALL)

    def update(self) -> float:
        """Choose this week's pressure (or apply a fixed ``pakistan_pressure``) and return it."""
        fixed = self.model.params["pakistan_pressure"]
        if fixed != "auto":
            self.target = self.pressure = float(fixed)
            return self.pressure
        self.target = self.preferred_pressure()
        self.pressure += ADJUSTMENT_RATE * (self.target - self.pressure)
        return self.pressure
