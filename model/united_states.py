"""The United States: troop schedule, and a policy toward Pakistan that runs on what it observes.

Washington cannot see Pakistan's pressure on the sanctuaries. It sees weekly violence in
Afghanistan, with noise (casualty counts from Afghanistan were incomplete and contested), takes
out the fighting season it knows from years of data, and every ``REVIEW_WEEKS`` weeks asks
whether violence has fallen by ``REQUIRED_FALL`` from its baseline (the first ``BASELINE_WEEKS``
weeks). It then pays the rewards it offered (FATF support, Coalition Support Fund money) with a
probability set by ``conditionality``: always when rewards come with no strings, only on results
when they are fully conditional (Weinstein 2021: "firm, results oriented"). A designation threat,
if made, is restated when there are no results; after ``DESIGNATION_PATIENCE`` reviews in a row
without results Washington carries it out with a probability equal to the threat's strength
(switch ``mechanisms.designation``). Designation ends the rewards (a state sponsor of terrorism
cannot receive Coalition Support Fund money or US support at the FATF) and is not lifted within
a run (Cuba was listed for 33 years). What Pakistan makes of these reviews (the
credibility of US promises and threats) is Pakistan's belief (:mod:`ceasefire.model.pakistan`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

from ceasefire.model import terrain

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

DOHA_DEADLINE_WEEK = 11
"""1 May 2021, the withdrawal date agreed at Doha, in weeks from 12 Feb 2021."""
DRAWDOWN_WEEKS = 10
"""Weeks over which US air support and contractor support run down before the last week."""
REVIEW_WEEKS = 8
"""Weeks between two US reviews of Pakistan's results (about a quarter of policy attention)."""
BASELINE_WEEKS = 8
"""Weeks at the start whose mean (deseasonalised) violence is the baseline of the reviews."""
REQUIRED_FALL = 0.25
"""Fall in deseasonalised violence from the baseline that counts as results (assumed: 'a
quarter less violence'; range 0.1-0.5)."""
SEASONAL_ADJUSTMENT = 0.25
"""Amplitude of the fighting season that Washington (and Islamabad) take out of weekly violence:
from years of data, violence from June to November runs about a quarter to a third above winter
(UNAMA and UCDP GED; the model's own fighting season is emergent, see docs/validation.md)."""
OBSERVATION_NOISE = 0.3
"""Standard deviation of the log error of Washington's weekly violence estimate (assumed; UNAMA,
Afghan and Resolute Support counts often differed by a third or more; range 0.1-0.5)."""
DESIGNATION_PATIENCE = 3
"""Reviews in a row without results, under a standing threat, after which Washington may carry
the threat out (3 reviews = 24 weeks, about two congressional reporting periods; assumed; range
2-6)."""


def known_season(date: dt.date) -> float:
    """The seasonal factor of violence that Washington and Islamabad expect in ``date``'s week."""
    return terrain.fighting_season(date, SEASONAL_ADJUSTMENT)


@dataclass(frozen=True)
class Review:
    """The outcome of one US review.

    Attributes:
        week: week of the review.
        observed_fall: fall of observed deseasonalised violence from the baseline (share).
        results: whether the observed fall reached ``REQUIRED_FALL``.
        paid: whether Washington paid the rewards it offered (false when nothing was offered).
        threat_restated: whether Washington restated a designation threat.
        designated: whether Washington designated Pakistan at this review.
    """

    week: int
    observed_fall: float
    results: bool
    paid: bool
    threat_restated: bool
    designated: bool = False


class UnitedStates(Agent):
    """US troop presence, air support and the policy toward Pakistan.

    Attributes:
        air_support: current air-support multiplier (0 after the withdrawal).
        troops_present: whether US troops are in Afghanistan this week.
        observed: Washington's deseasonalised violence estimates, week by week.
        last_review: the latest review, or ``None`` before the first.
        failed_reviews: reviews in a row without results while a threat stood.
        designated: whether Washington has designated Pakistan a state sponsor of terrorism.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.air_support = 0.0
        self.troops_present = True
        self.observed: list[float] = []
        self.last_review: Review | None = None
        self.failed_reviews = 0
        self.designated = False

    # ------------------------------------------------------------------ troops
    def presence_at(self, week: int) -> float:
        """Share of the US presence (troops, aircraft, contractors) left in ``week``, 0 to 1.

        1 until ``DRAWDOWN_WEEKS`` before the withdrawal, then a linear drawdown to 0 after
        the last week; always 1 when no withdrawal is set.
        """
        last = self.model.params["withdrawal_week"]
        if last is None:
            return 1.0
        if week > last:
            return 0.0
        return min(1.0, (last - week + 1) / DRAWDOWN_WEEKS)

    def air_support_at(self, week: int) -> float:
        """Air support in ``week`` under the current withdrawal schedule."""
        return self.model.params["us_air_support"] * self.presence_at(week)

    def air_schedule(self, weeks: int = 520) -> np.ndarray | None:
        """Air support relative to full in each of the next ``weeks`` weeks, as scheduled.

        ``None`` when no withdrawal date is set (the talks then expect an exit at a hazard
        they learn). Zeros when there is no US air support at all.
        """
        last = self.model.params["withdrawal_week"]
        if self.model.params["us_air_support"] <= 0.0:
            return np.zeros(weeks)
        if last is None:
            return None
        coming = np.arange(self.model.steps + 1, self.model.steps + 1 + weeks)
        return np.clip((last - coming + 1) / DRAWDOWN_WEEKS, 0.0, 1.0)

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

    # ------------------------------------------------------------------ policy
    def observe(self, fatalities: float) -> None:
        """Record this week's violence as Washington sees it (noisy, deseasonalised)."""
        noise = self.model.streams.united_states.normal(0.0, OBSERVATION_NOISE)
        if not self.model.params["mechanisms.us_observation_noise"]:
            noise = 0.0
        self.observed.append(
            (fatalities + 1.0) * float(np.exp(noise)) / known_season(self.model.date)
        )

    def review(self, week: int) -> Review | None:
        """Review Pakistan's results if this is a review week (never after a takeover)."""
        self.last_review = None
        due = week > BASELINE_WEEKS and (week - BASELINE_WEEKS) % REVIEW_WEEKS == 0
        if not due or self.model.takeover:
            return None
        baseline = float(np.mean(self.observed[:BASELINE_WEEKS]))
        recent = float(np.mean(self.observed[-REVIEW_WEEKS:]))
        fall = 1.0 - recent / baseline
        results = fall >= REQUIRED_FALL
        params = self.model.params
        rng = self.model.streams.united_states
        threat = params["sst_threat"] > 0 and not results and not self.designated
        designates = self._designates(threat, rng.random())  # drawn always: pairs stay paired
        offered = self.rewards_on_offer
        pay_probability = 1.0 - params["conditionality"] * (not results)
        paid = offered and bool(rng.random() < pay_probability)
        self.last_review = Review(week, fall, results, paid, threat and not designates, designates)
        return self.last_review

    @property
    def rewards_on_offer(self) -> bool:
        """Whether Washington offers rewards (FATF support, CSF money); none once it designated."""
        params = self.model.params
        return params["fatf_offer"] + params["csf_release"] > 0 and not self.designated

    def _designates(self, threat: bool, draw: float) -> bool:
        """Whether this review carries out the designation threat (and record it)."""
        self.failed_reviews = self.failed_reviews + 1 if threat else 0
        due = threat and self.failed_reviews >= DESIGNATION_PATIENCE
        switch = self.model.params["mechanisms.designation"]
        self.designated |= switch and due and draw < self.model.params["sst_threat"]
        return self.designated and due
