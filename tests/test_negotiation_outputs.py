"""The runs.csv summaries of the talks: held under censoring, ceasefire_within, the counts.

Episodes are set by hand on a model's talks, so each summary is checked against a case worked
out in advance, at the edges of its definition (HELD_WEEKS, WITHIN_WEEKS).
"""

from __future__ import annotations

import pytest

from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.negotiation import HELD_WEEKS, Ceasefire
from ceasefire.model.negotiation.talks import WITHIN_WEEKS
from ceasefire.model.observe import run_summary

WEEKS = 3


@pytest.fixture
def model() -> CeasefireModel:
    """A short run whose talks' episodes the tests replace."""
    model = CeasefireModel(map="coarse", rng=11)
    for _ in range(WEEKS):
        model.step()
    return model


@pytest.mark.parametrize(
    ("start", "final_week", "held"),
    [
        (80, 80 + HELD_WEEKS - 2, False),  # in force at the end, 25 weeks so far: censored
        (80, 80 + HELD_WEEKS - 1, True),  # in force at the end after exactly 26 weeks
        (1, 10, False),
    ],
)
def test_a_cease_fire_in_force_at_the_end_counts_only_once_it_lasted(
    model, start, final_week, held
):
    model.negotiation.episodes = [Ceasefire(start)]
    assert model.negotiation.held(final_week) is held


@pytest.mark.parametrize(("weeks", "held"), [(HELD_WEEKS - 1, False), (HELD_WEEKS, True)])
def test_an_ended_cease_fire_counts_by_its_length(model, weeks, held):
    model.negotiation.episodes = [Ceasefire(5, end=5 + weeks, ended_by="taliban")]
    assert model.negotiation.held(200) is held


def test_truces_and_the_riv_never_count_as_held_or_as_a_cease_fire(model):
    model.negotiation.episodes = [Ceasefire(2, "riv", end=60), Ceasefire(61, "truce", end=62)]
    assert not model.negotiation.held(100)
    assert not model.negotiation.ceasefire_within()
    assert model.negotiation.first_ceasefire_week() is None


@pytest.mark.parametrize(
    ("episodes", "within"),
    [
        ([Ceasefire(WITHIN_WEEKS)], True),
        ([Ceasefire(WITHIN_WEEKS + 1)], False),
        ([Ceasefire(10, "truce", end=11), Ceasefire(WITHIN_WEEKS + 5)], False),
        ([Ceasefire(WITHIN_WEEKS + 5, "permanent")], False),
        ([Ceasefire(7, "permanent")], True),
        ([], False),
    ],
)
def test_ceasefire_within_52_is_the_first_open_ended_pause_by_week_52(model, episodes, within):
    model.negotiation.episodes = episodes
    assert model.negotiation.ceasefire_within() is within


def test_the_runs_csv_summaries_agree_with_the_episodes(model):
    model.negotiation.episodes = [
        Ceasefire(1, "truce", end=2),
        Ceasefire(2, "ceasefire", end=3, ended_by="government"),
        Ceasefire(3, "ceasefire"),  # in force at the end of week 3
    ]
    summary = run_summary(model)
    assert summary["weeks_to_ceasefire"] == 2
    assert summary["first_ceasefire_weeks"] == 1
    assert summary["ceasefire_began"] is True
    assert summary["ceasefire_within_52"] is True
    assert summary["ceasefire_held"] is False  # 1 week, then 1 week so far
    assert summary["ceasefire_episodes"] == 2
    assert summary["truce_count"] == 1


def test_the_runs_csv_summaries_without_a_cease_fire(model):
    model.negotiation.episodes = [Ceasefire(1, "truce", end=2)]
    summary = run_summary(model)
    assert summary["weeks_to_ceasefire"] is None and summary["first_ceasefire_weeks"] is None
    assert summary["ceasefire_began"] is False and summary["ceasefire_within_52"] is False
    assert summary["ceasefire_episodes"] == 0 and summary["truce_count"] == 1
