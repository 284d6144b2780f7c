"""Responses of the model to its levers: replicated comparisons, live changes, timelines."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from conftest import COARSE, run_model
from scipy import stats

from ceasefire.model import AUTO, CeasefireModel, ParameterError, PolicyTimeline

SEEDS = range(10)
WEEKS = 45


def mean_of(model: CeasefireModel, column: str) -> float:
    return float(np.mean([row[column] for row in model.rows]))


# =========================================================================== replicated
@pytest.mark.slow
def test_full_pakistani_pressure_lowers_fatalities():
    """Fixed pressure 1 vs 0 over common seeds: paired, one-sided Wilcoxon signed-rank test."""
    high = [mean_of(run_model({"pakistan_pressure": 1.0}, s, WEEKS), "fatalities") for s in SEEDS]
    low = [mean_of(run_model({"pakistan_pressure": 0.0}, s, WEEKS), "fatalities") for s in SEEDS]
    result = stats.wilcoxon(high, low, alternative="less")
    assert result.pvalue < 0.05, (high, low)
    assert np.mean(high) < np.mean(low)


@pytest.mark.slow
def test_full_pakistani_pressure_acts_through_sanctuaries_borders_and_leaders():
    for seed in range(3):
        high = run_model({"pakistan_pressure": 1.0}, seed, 30)
        low = run_model({"pakistan_pressure": 0.0}, seed, 30)
        assert high.rows[-1]["sanctuary_capacity"] < low.rows[-1]["sanctuary_capacity"]
        assert sum(r["commanders_arrested"] for r in high.rows) > 0
        assert sum(r["commanders_arrested"] for r in low.rows) == 0
        assert sum(r["fighters_detained"] for r in high.rows) > 0
        assert sum(r["fighters_detained"] for r in low.rows) == 0
        assert mean_of(high, "command_capacity") <= mean_of(low, "command_capacity") == 1.0


OPTIMISTIC = {"pakistan_belief_effect": 0.6, "india_restraint": 0.8}
"""A Pakistan that believes full pressure would cut violence by 60%, India at arm's length (so
that US offers can move it)."""


def chosen(params: dict, seed: int = 0, weeks: int = 1) -> float:
    """Pakistan's preferred pressure after ``weeks`` weeks."""
    return run_model({**OPTIMISTIC, **params}, seed, weeks).rows[-1]["pakistan_target"]


def test_a_public_maximal_threat_makes_islamabad_dig_in():
    """Audience costs: past some level, a stronger threat lowers the chosen pressure."""
    offer = {"fatf_offer": 0.8, "csf_release": 0.5, "conditionality": 1.0}
    moderate, maximal = chosen({**offer, "sst_threat": 0.3}), chosen({**offer, "sst_threat": 1.0})
    assert maximal < moderate
    without_audience = {**offer, "sst_threat": 1.0, "mechanisms.audience_cost": False}
    assert chosen(without_audience) >= moderate  # the backfire is the audience cost's


def test_conditional_rewards_raise_chosen_pressure_and_free_riding_does_not():
    conditional = chosen({"fatf_offer": 1.0, "csf_release": 1.0, "conditionality": 1.0})
    unconditional = chosen({"fatf_offer": 1.0, "csf_release": 1.0, "conditionality": 0.0})
    nothing = chosen({"fatf_offer": 0.0})
    assert conditional > unconditional == nothing


def test_islamabads_stated_belief_leaves_every_lever_without_effect():
    """With the default belief ("Pakistan in itself can't get a ceasefire") no offer moves it."""
    generous = {
        "fatf_offer": 1.0,
        "csf_release": 1.0,
        "conditionality": 1.0,
        "india_restraint": 1.0,
    }
    assert run_model(generous, 0, 1).rows[-1]["pakistan_target"] == 0.0
    assert chosen(generous) > 0.0


# =========================================================================== live levers
def test_live_lever_used_from_next_step_on():
    model = CeasefireModel(COARSE, seed=5)
    for _ in range(6):
        model.step()
    assert model.rows[-1]["pakistan_pressure_set"] is None
    auto_pressure = model.rows[-1]["pakistan_pressure"]
    assert auto_pressure != pytest.approx(0.85)
    model.set_lever("pakistan_pressure", 0.85)
    assert model.params["pakistan_pressure"] == 0.85
    entry = dict(model.lever_log[-1])
    assert entry.pop("step") == 7  # the first week in which the new value is in force
    assert entry == {"lever": "pakistan_pressure", "old": AUTO, "new": 0.85, "source": "live"}
    for _ in range(4):
        model.step()
    for row in model.rows[6:]:
        assert row["pakistan_pressure"] == pytest.approx(0.85)
        assert row["pakistan_pressure_set"] == pytest.approx(0.85)
    model.set_lever("pakistan_pressure", "auto")
    model.step()
    assert model.rows[-1]["pakistan_pressure_set"] is None
    assert model.rows[-1]["pakistan_pressure"] < 0.85  # moves back toward Pakistan's choice
    assert [e["new"] for e in model.lever_log] == [0.85, AUTO]


def test_live_lever_accepts_text_and_ignores_no_change():
    model = CeasefireModel(COARSE, seed=5)
    model.step()
    model.set_lever("withdrawal_week", "none")
    assert model.params["withdrawal_week"] is None
    model.set_lever("withdrawal_week", "stay")  # same value: nothing to log
    assert len(model.lever_log) == 1
    model.step()
    assert model.rows[-1]["withdrawal_week"] is None


def test_live_lever_rejects_settings_and_bad_values():
    model = CeasefireModel(COARSE, seed=5)
    model.step()
    before = dict(model.params)
    with pytest.raises(ParameterError, match="lethality"):
        model.set_lever("lethality", 2.0)
    with pytest.raises(ParameterError, match="fatf_offer"):
        model.set_lever("fatf_offer", 1.5)
    with pytest.raises(ParameterError, match="unknown parameter"):
        model.set_lever("nope", 1)
    assert model.params == before
    assert model.lever_log == []
    assert model.initial_params["fatf_offer"] == before["fatf_offer"]


def test_live_lever_does_not_change_initial_params():
    model = CeasefireModel(COARSE, seed=5)
    model.step()
    model.set_lever("fatf_offer", 0.9)
    assert model.initial_params["fatf_offer"] == 0.0
    assert model.params["fatf_offer"] == 0.9


def test_lever_log_step_is_first_week_in_force():
    timeline = PolicyTimeline.from_entries([{"week": 4, "set": {"fatf_offer": 0.6}}])
    model = CeasefireModel(COARSE, seed=5, timeline=timeline)
    for _ in range(6):
        model.step()
    model.set_lever("india_restraint", 0.9)
    for _ in range(3):
        model.step()
    assert len(model.lever_log) == 2
    for entry in model.lever_log:
        row = model.rows[entry["step"] - 1]
        assert row["step"] == entry["step"]
        assert row[entry["lever"]] == entry["new"], entry
        assert model.rows[entry["step"] - 2][entry["lever"]] == entry["old"], entry


# =========================================================================== timelines
def test_timeline_changes_lever_at_exactly_that_week():
    timeline = PolicyTimeline.from_entries(
        [
            {"week": 10, "set": {"sst_threat": 0.4}},
            {"week": 5, "set": {"fatf_offer": 0.7, "conditionality": 1.0}},
        ]
    )
    model = run_model({}, seed=2, steps=14, timeline=timeline)
    sst = [row["sst_threat"] for row in model.rows]
    fatf = [row["fatf_offer"] for row in model.rows]
    assert sst == [0.0] * 9 + [0.4] * 5
    assert fatf == [0.0] * 4 + [0.7] * 10
    assert [(e["step"], e["lever"], e["source"]) for e in model.lever_log] == [
        (5, "fatf_offer", "timeline"),
        (5, "conditionality", "timeline"),
        (10, "sst_threat", "timeline"),
    ]
    assert model.initial_params["sst_threat"] == 0.0


def test_timeline_pressure_takes_effect_in_its_week():
    timeline = PolicyTimeline.from_entries([{"week": 8, "set": {"pakistan_pressure": 1.0}}])
    model = run_model({}, seed=2, steps=12, timeline=timeline)
    pressure = [row["pakistan_pressure"] for row in model.rows]
    assert all(p < 1.0 for p in pressure[:7])
    assert pressure[7:] == [1.0] * 5
    capacity = [row["sanctuary_capacity"] for row in model.rows]
    assert all(b < a for a, b in itertools.pairwise(capacity[7:]))


def test_timeline_can_cancel_the_withdrawal():
    timeline = PolicyTimeline.from_entries([{"week": 20, "set": {"withdrawal_week": "none"}}])
    staying = run_model({}, seed=0, steps=36, timeline=timeline)
    leaving = run_model({}, seed=0, steps=36)
    assert [r["us_troops_present"] for r in staying.rows] == [1] * 36
    assert [r["us_troops_present"] for r in leaving.rows] == [1] * 28 + [0] * 8
    assert staying.rows[18] == leaving.rows[18]  # identical until the change
    assert staying.rows[19]["withdrawal_week"] is None
