"""The Taliban's campaign (ODD 7.21): when the offensive opens, and what its momentum does."""

from __future__ import annotations

import numpy as np
import pytest

from ceasefire.agents.taliban_unit import SPENT_FATIGUE, Mode, UnitState, weekly_decisions
from ceasefire.model import campaign
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.mechanisms import switch_name
from ceasefire.model.negotiation.talks import Negotiation
from ceasefire.model.simulation import simulate
from ceasefire.model.united_states import DOHA_DEADLINE_WEEK


def opening_week(**params) -> int | None:
    model = CeasefireModel(map="coarse", rng=1, **params)
    for week in range(1, 30):
        model.leadership.campaign.update(week)
    return model.leadership.campaign.opened_week


def test_the_offensive_opens_after_the_doha_deadline_whether_the_us_leaves_or_stays():
    assert opening_week() == DOHA_DEADLINE_WEEK + 1
    assert opening_week(withdrawal_week=None) == DOHA_DEADLINE_WEEK + 1


def test_the_offensive_opens_when_the_us_has_left_before_the_deadline():
    assert opening_week(withdrawal_week=5) == 6


def test_without_the_timing_the_offensive_is_open_from_week_one():
    assert opening_week(**{switch_name("campaign_timing"): False}) == 1


def test_seizures_before_the_offensive_run_at_local_initiative_and_a_pause_stops_offers(
    monkeypatch,
):
    model = CeasefireModel(map="coarse", rng=1)
    held = model.leadership.campaign
    assert held.initiative == held.offers == campaign.LOCAL_INITIATIVE
    held.opened_week = DOHA_DEADLINE_WEEK + 1
    assert held.initiative == held.offers == 1.0
    monkeypatch.setattr(Negotiation, "restraint", property(lambda self: 0.75))
    assert held.offers == pytest.approx(0.25)


def test_momentum_counts_the_districts_taken_in_the_last_four_weeks():
    model = CeasefireModel(map="coarse", rng=1)
    fall_week = model.districts.fall_week
    held = np.flatnonzero(fall_week < 0)
    fall_week[held[:10]] = 20  # within the window of week 22
    fall_week[held[10:15]] = 22 - campaign.MOMENTUM_WEEKS - 1  # before it
    state = model.leadership.campaign
    state.update(22)
    assert state.momentum == pytest.approx(np.tanh(10 / campaign.MOMENTUM_REFERENCE))
    assert state.posture == pytest.approx(campaign.MOMENTUM_POSTURE * state.momentum)
    assert state.endurance == pytest.approx(campaign.MOMENTUM_ENDURANCE * state.momentum)
    assert state.harvest_override == pytest.approx(campaign.HARVEST_OVERRIDE * state.momentum)
    model.params[switch_name("campaign_pull")] = False
    state.update(22)
    assert state.momentum == state.posture == state.endurance == 0.0


def test_momentum_is_zero_before_the_offensive_opens():
    model = CeasefireModel(map="coarse", rng=1)
    fall_week = model.districts.fall_week
    fall_week[np.flatnonzero(fall_week < 0)[:20]] = 3
    model.leadership.campaign.update(5)
    assert model.leadership.campaign.momentum == 0.0


def test_winning_units_bear_more_fatigue_before_they_break_off():
    state = UnitState(
        np.full(2, 0.8), np.full(2, 0.8), np.array([0.75, 0.75]), np.full(2, Mode.FIGHT)
    )
    tired = weekly_decisions(state, np.full(2, 0.5), np.zeros(2))
    assert (tired.mode == Mode.RECOVER).all()
    held = weekly_decisions(state, np.full(2, 0.5), np.zeros(2), SPENT_FATIGUE + 0.25)
    assert (held.mode == Mode.FIGHT).all()


def test_holding_the_offensive_keeps_the_district_tally_flat_until_the_deadline():
    """A model-level check: the timing, not the tuning, removes the falls of February-April."""
    falls = {}
    for timing in (True, False):
        params = {"map": "coarse", switch_name("campaign_timing"): timing}
        counts = [
            int((simulate(params, seed, DOHA_DEADLINE_WEEK).districts.fall_week > 0).sum())
            for seed in (1, 2)
        ]
        falls[timing] = sum(counts)
    assert falls[True] < 0.5 * falls[False]
