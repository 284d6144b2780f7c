"""Unit tests of the pressure chain: Pakistan's choice, the US reviews, the leadership's command
capacity, the TTP, units' fatigue and recovery choice, interdiction, recruitment, random streams,
and the null test that no pressure reaches the war with every channel switched off."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import COARSE, StubModel, run_model

from ceasefire.agents.sanctuary import RAMADAN_1442, recruitment_pulse
from ceasefire.agents.taliban_unit import (
    SPENT_FATIGUE,
    Mode,
    UnitState,
    recovery_choice,
    weekly_decisions,
)
from ceasefire.batch.io.export import events_frame
from ceasefire.model import MECHANISMS, PolicyTimeline, simulate
from ceasefire.model.leadership import COMMANDERS, COMMANDERS_NEEDED, TalibanLeadership
from ceasefire.model.mechanisms import PRESSURE_CHAIN as CHAIN
from ceasefire.model.mechanisms import switch_name
from ceasefire.model.movement import fence_share
from ceasefire.model.pakistan import GRID, Pakistan
from ceasefire.model.united_states import (
    BASELINE_WEEKS,
    DESIGNATION_PATIENCE,
    REVIEW_WEEKS,
    Review,
    known_season,
)

# =========================================================================== Pakistan
OPTIMISTIC = {"pakistan_belief_effect": 0.6, "conditionality": 1.0, "india_restraint": 0.8}
"""A Pakistan that believes its pressure can show results, with India kept at arm's length."""


def preferred(**levers) -> float:
    return Pakistan(StubModel(**levers)).preferred_pressure()


def test_free_riding_unconditional_rewards_do_not_move_pakistan():
    base = {**OPTIMISTIC, "conditionality": 0.0}
    assert preferred(**base, fatf_offer=1.0, csf_release=1.0) == preferred(**base)


def test_conditional_rewards_raise_pressure_when_pakistan_believes_it_can_deliver():
    values = [preferred(**OPTIMISTIC, fatf_offer=f, csf_release=f) for f in (0.0, 0.5, 1.0)]
    assert values[0] <= values[1] <= values[2] and values[0] < values[2]


def test_stated_belief_makes_every_offer_useless():
    assert preferred(fatf_offer=1.0, csf_release=1.0, conditionality=1.0, india_restraint=1.0) == 0


@pytest.mark.parametrize(
    ("lever", "low", "high", "sign"),
    [
        ("india_restraint", 0.0, 1.0, +1),
        ("establishment_sympathy", 0.0, 1.0, -1),
        ("blowback_fear", 0.0, 1.0, -1),
    ],
)
def test_lever_signs_by_construction(lever, low, high, sign):
    base = {**OPTIMISTIC, "fatf_offer": 1.0, "csf_release": 1.0, "india_restraint": 0.6}
    a, b = preferred(**{**base, lever: low}), preferred(**{**base, lever: high})
    assert (b - a) * sign > 0


def test_miller_staying_lowers_pressure_and_its_switch_removes_that():
    base = {**OPTIMISTIC, "fatf_offer": 1.0, "csf_release": 1.0}
    assert preferred(**base, withdrawal_week=None) < preferred(**base, withdrawal_week=11)
    off = {**base, switch_name("miller_effect"): False}
    assert preferred(**off, withdrawal_week=None) == preferred(**off, withdrawal_week=11)


def test_threat_helps_then_backfires_through_audience_cost():
    base = {**OPTIMISTIC, "fatf_offer": 0.8, "csf_release": 0.5}
    values = [preferred(**base, sst_threat=s) for s in (0.0, 0.3, 1.0)]
    assert values[1] >= values[0] and values[2] < values[1]
    off = {**base, switch_name("audience_cost"): False}
    assert preferred(**off, sst_threat=1.0) >= preferred(**off, sst_threat=0.3)


def test_pakistan_utility_is_evaluated_on_the_grid():
    rng = np.random.default_rng(3)
    for _ in range(50):
        levers = {
            name: float(rng.uniform())
            for name in ("fatf_offer", "india_restraint", "sst_threat", "csf_release")
        }
        value = preferred(**levers, pakistan_belief_effect=float(rng.uniform()))
        assert value in GRID


def test_pakistan_fixed_pressure_and_gradual_adjustment():
    model = StubModel(**OPTIMISTIC, fatf_offer=1.0, csf_release=1.0)
    pakistan = Pakistan(model)
    target = pakistan.preferred_pressure()
    assert target > 0
    model.params["pakistan_pressure"] = 0.0
    assert pakistan.update() == 0.0
    model.params["pakistan_pressure"] = "auto"
    first = pakistan.update()
    assert 0.0 < first < target
    for _ in range(200):
        pakistan.update()
    assert pakistan.pressure == pytest.approx(target)


def review(paid: bool, threat: bool = False, results: bool = True) -> Review:
    return Review(week=16, observed_fall=0.3, results=results, paid=paid, threat_restated=threat)


def test_credibility_falls_when_washington_does_not_pay_what_it_owes():
    model = StubModel(fatf_offer=1.0, conditionality=1.0)
    pakistan = Pakistan(model)
    pakistan.own_counts = [100.0] * 8 + [50.0] * 8  # violence halved on Pakistan's own count
    before = pakistan.pi
    pakistan.learn(review(paid=False))
    assert pakistan.pi < before
    pakistan.learn(review(paid=True))
    pakistan.learn(review(paid=True))
    assert pakistan.pi > before
    pakistan.learn(review(paid=False, threat=True))
    assert pakistan.theta < 0.6
    off = Pakistan(StubModel(fatf_offer=1.0, **{switch_name("us_credibility"): False}))
    off.own_counts = pakistan.own_counts
    off.learn(review(paid=False, threat=True))
    assert off.pi == off.theta == 1.0


def test_nothing_owed_nothing_learned():
    pakistan = Pakistan(StubModel(fatf_offer=1.0, conditionality=1.0))
    pakistan.own_counts = [100.0] * 16  # no results on Pakistan's own count
    before = list(pakistan.credibility)
    pakistan.learn(review(paid=False))
    assert pakistan.credibility == before


# =========================================================================== United States
def reviewed(weeks: int, counts, **params) -> list[Review]:
    """Reviews of weekly violence at the given deseasonalised levels (seen exactly)."""
    model = StubModel(**{switch_name("us_observation_noise"): False, **params})
    out = []
    for week, level in zip(range(1, weeks + 1), counts, strict=True):
        model.steps = week
        model.us.observe(level * known_season(model.date) - 1.0)
        outcome = model.us.review(week)
        if outcome is not None:
            out.append(outcome)
    return out


def test_reviews_come_every_review_period_after_the_baseline():
    reviews = reviewed(40, [100.0] * 40, fatf_offer=1.0)
    weeks = [r.week for r in reviews]
    assert weeks == list(range(BASELINE_WEEKS + REVIEW_WEEKS, 41, REVIEW_WEEKS))


def test_fully_conditional_rewards_are_paid_on_results_only():
    flat = reviewed(24, [100.0] * 24, fatf_offer=1.0, conditionality=1.0)
    falling = reviewed(24, [100.0] * 8 + [40.0] * 16, fatf_offer=1.0, conditionality=1.0)
    assert not any(r.results or r.paid for r in flat)
    assert all(r.results and r.paid for r in falling)


def test_unconditional_rewards_are_always_paid_and_no_offer_never():
    assert all(r.paid for r in reviewed(32, [100.0] * 32, fatf_offer=1.0, conditionality=0.0))
    assert not any(r.paid for r in reviewed(32, [100.0] * 32, fatf_offer=0.0))


def test_a_threat_is_restated_when_there_are_no_results():
    assert all(r.threat_restated for r in reviewed(24, [100.0] * 24, sst_threat=0.5))
    assert not any(r.threat_restated for r in reviewed(24, [100.0] * 24, sst_threat=0.0))


def test_a_full_threat_is_carried_out_after_patience_runs_out_and_ends_the_rewards():
    reviews = reviewed(56, [100.0] * 56, sst_threat=1.0, fatf_offer=1.0, conditionality=0.0)
    designated = [r.week for r in reviews if r.designated]
    assert designated == [BASELINE_WEEKS + DESIGNATION_PATIENCE * REVIEW_WEEKS]
    before = [r for r in reviews if r.week < designated[0]]
    after = [r for r in reviews if r.week >= designated[0]]
    assert all(r.threat_restated and r.paid for r in before)
    assert not any(r.threat_restated or r.paid for r in after)


def test_results_reset_the_patience_and_the_switch_stops_designation():
    # two failures, results, two failures: never three in a row
    levels = [100.0] * 24 + [40.0] * 8 + [100.0] * 16
    assert not any(r.designated for r in reviewed(48, levels, sst_threat=1.0))
    assert reviewed(56, levels + [100.0] * 8, sst_threat=1.0)[-1].designated
    off = {switch_name("designation"): False}
    assert not any(r.designated for r in reviewed(64, [100.0] * 64, sst_threat=1.0, **off))


def test_a_weak_threat_is_carried_out_less_often():
    def designations(threat: float) -> int:
        return sum(
            any(r.designated for r in reviewed(40, [100.0] * 40, sst_threat=threat, seed=seed))
            for seed in range(40)
        )

    assert designations(0.0) == 0
    assert 0 < designations(0.3) < designations(0.9)


def test_a_designated_pakistan_has_nothing_left_to_win_by_pressing():
    model = StubModel(
        **OPTIMISTIC, fatf_offer=1.0, sst_threat=0.4, **{switch_name("audience_cost"): False}
    )
    pakistan = Pakistan(model)
    assert pakistan.preferred_pressure() > 0.0
    model.us.designated = True
    assert pakistan.preferred_pressure() == 0.0
    pakistan.own_counts = [100.0] * 16
    credibility = list(pakistan.credibility)
    pakistan.learn(Review(40, 0.0, False, False, False, designated=True))
    assert pakistan.credibility == credibility  # rewards withdrawn openly: no broken promise
    assert pakistan.theta == 1.0


# =========================================================================== leadership
def leadership(pressure: float, weeks: int = 1, **params) -> TalibanLeadership:
    model = StubModel(**params)
    leaders = TalibanLeadership(model)
    for week in range(1, weeks + 1):
        model.us.update(week)
        leaders.update(week, pressure, False, False)
    return leaders


def test_no_pressure_no_arrests():
    leaders = leadership(0.0, 30)
    assert leaders.commanders == COMMANDERS and leaders.command_capacity == 1.0


def test_pressure_arrests_commanders_from_a_depleting_pool_and_they_are_replaced():
    leaders = leadership(1.0, 1, seed=2)
    assert leaders.arrested > 0
    first = leaders.arrested
    later = leadership(1.0, 12, seed=2)
    assert later.exposed < leaders.exposed  # arrests and relocation deplete the exposed pool
    assert later.arrested <= first
    assert later.command_capacity == min(1.0, later.commanders / COMMANDERS_NEEDED)
    relieved = leadership(1.0, 12, seed=2)
    model = relieved.model
    for week in range(13, 60):
        relieved.update(week, 0.0, False, False)
    assert relieved.commanders > later.commanders  # vacancies refill
    assert model is relieved.model


def test_arrest_switch():
    leaders = leadership(1.0, 10, **{switch_name("leadership_arrests"): False})
    assert leaders.commanders == COMMANDERS


def test_posture_has_no_pressure_term():
    assert leadership(0.0).posture == leadership(1.0).posture
    calm = TalibanLeadership(StubModel())
    calm.update(5, 0.0, True, False)
    assert calm.posture < leadership(0.0).posture
    assert (
        leadership(0.0, hardliner_share=0.9).posture > leadership(0.0, hardliner_share=0.1).posture
    )


# =========================================================================== units
def state(n, supply=0.8, morale=0.8, fatigue=0.0, mode=Mode.FIGHT) -> UnitState:
    full = np.full(n, 1.0)
    return UnitState(full * supply, full * morale, full * fatigue, np.full(n, int(mode)))


def test_fighting_tires_units_until_they_break_off():
    s = state(1)
    weeks = 0
    while s.mode[0] == Mode.FIGHT and weeks < 100:
        s = weekly_decisions(s, np.array([0.9]), np.array([0.0]))
        s = UnitState(np.array([0.9]), np.array([0.9]), s.fatigue, s.mode)  # only fatigue binds
        weeks += 1
    assert s.mode[0] == Mode.RECOVER
    assert s.fatigue[0] > SPENT_FATIGUE
    assert 10 < weeks < 40  # about a fighting season


def test_winter_tires_faster():
    summer = weekly_decisions(state(1), np.array([0.5]), np.array([0.0]))
    winter = weekly_decisions(state(1), np.array([0.5]), np.array([1.0]))
    assert winter.fatigue[0] > summer.fatigue[0]


def test_hiding_units_recover_with_local_support():
    s = state(2, supply=0.3, morale=0.3, fatigue=0.8, mode=Mode.HIDE)
    after = weekly_decisions(s, np.array([0.0, 0.8]), np.zeros(2))
    assert after.fatigue[0] == 0.8 and after.fatigue[1] < 0.8


def test_recovery_choice_goes_where_recovery_is_faster():
    need = np.array([0.6, 0.6])
    go = recovery_choice(need, np.array([1.0, 1.0]), np.array([0.15, 0.01]), np.array([0.03, 0.03]))
    assert go.tolist() == [True, False]


def test_fence_share():
    assert fence_share(dt.date(2016, 1, 1)) == 0.0
    assert fence_share(dt.date(2021, 6, 15)) == pytest.approx(0.88, abs=0.02)
    assert fence_share(dt.date(2023, 1, 1)) == 1.0


def test_recruitment_pulse_has_mean_one_and_peaks_in_the_recess():
    days = [RAMADAN_1442 + dt.timedelta(days=d) for d in range(-100, 254)]
    pulse = np.array([recruitment_pulse(d) for d in days])
    assert pulse.mean() == pytest.approx(1.0, abs=0.01)
    assert recruitment_pulse(RAMADAN_1442 + dt.timedelta(days=10)) > recruitment_pulse(
        RAMADAN_1442 + dt.timedelta(days=120)
    )


# =========================================================================== whole runs
def test_null_every_channel_off_pressure_does_not_reach_the_afghan_war():
    """With every pressure-chain switch off, fixed pressure 1 and 0 give the same Afghan war."""
    off = {switch_name(m): False for m in CHAIN}
    low = simulate({**COARSE, **off, "pakistan_pressure": 0.0}, 3, 30)
    high = simulate({**COARSE, **off, "pakistan_pressure": 1.0}, 3, 30)
    own = {"pakistan_pressure", "pakistan_pressure_set", "pakistan_target", "sanctuary_capacity"}
    for a, b in zip(low.rows, high.rows, strict=True):
        assert {k: v for k, v in a.items() if k not in own} == {
            k: v for k, v in b.items() if k not in own
        }
    afghan = [
        events_frame(m).query("country == 'Afghanistan'").drop(columns="event_id")
        for m in (low, high)
    ]
    assert len(afghan[0]) > 0
    pd.testing.assert_frame_equal(
        afghan[0].reset_index(drop=True), afghan[1].reset_index(drop=True)
    )


def test_every_chain_mechanism_is_a_switch():
    names = {m.name for m in MECHANISMS}
    assert set(CHAIN) <= names


def test_paired_runs_stay_identical_until_the_lever_first_matters():
    change = PolicyTimeline.from_entries([{"week": 20, "set": {"pakistan_pressure": 1.0}}])
    base = simulate(COARSE, 4, 24)
    changed = simulate(COARSE, 4, 24, change)
    assert base.rows[:19] == changed.rows[:19]
    assert base.rows[20:] != changed.rows[20:]


def test_haven_foresight_lowers_the_blowback_pakistan_fears_from_pressure():
    pressures = np.array([0.0, 1.0])

    def feared(**params) -> np.ndarray:
        model = run_model({"pakistan_belief_effect": 0.6, **params}, 1, 1)
        model.share_history[-1] = 0.9  # the Taliban hold nearly all of Afghanistan
        return model.ttp.feared_attacks(pressures)

    on, off = feared(), feared(**{switch_name("haven_foresight"): False})
    assert on[0] == pytest.approx(off[0])  # no pressure: the same haven expected
    assert on[1] < off[1]  # pressure expected to keep the Taliban, and the TTP's haven, smaller
    assert feared(pakistan_belief_effect=0.0)[1] == pytest.approx(off[1])


def test_ttp_attacks_rise_with_the_haven_not_with_pressure_by_default():
    low = run_model({"pakistan_pressure": 0.0}, 1, 1)
    ttp = low.ttp
    assert ttp.expected_attacks(1.0, 0.3) == ttp.expected_attacks(0.0, 0.3)
    assert ttp.expected_attacks(0.0, 0.9) > ttp.expected_attacks(0.0, 0.3)
    assert ttp.feared_attacks(np.array([1.0]))[0] > ttp.feared_attacks(np.array([0.0]))[0]
    off = run_model({switch_name("ttp_blowback"): False}, 1, 10)
    assert sum(r["ttp_attacks"] for r in off.rows) == 0


# =========================================================================== ceasefire ablate
def test_ablate_writes_paired_effects_and_the_null_arm_carries_everything(tmp_path):
    from ceasefire.batch import main

    out = tmp_path / "ablate"
    mechanisms = "sanctuary_resupply,border_interdiction"
    argv = ["ablate", "--reps", "2", "--steps", "26", "--set", "map=coarse", "--workers", "1"]
    assert main([*argv, "--mechanisms", mechanisms, "--out", str(out)]) == 0
    table = pd.read_csv(out / "ablation.csv")
    effects = table[
        (table["quantity"] == "pressure_effect") & (table["output"] == "early_fatalities")
    ]
    arms = effects.set_index("arm")
    assert set(arms.index) >= {"baseline", "off:sanctuary_resupply", "chain_off", "sum_of_only"}
    assert arms.loc["chain_off", "estimate"] == 0.0  # the null: nothing reaches the war
    assert arms.loc["chain_off", "carried_share"] == pytest.approx(1.0)
    assert np.isfinite(arms.loc["baseline", "estimate"])  # its sign at 2 replications is noise
    assert (out / "ablation.png").stat().st_size > 0
    assert {"runs.csv", "steps.csv", "metadata.json"} <= {p.name for p in out.iterdir()}


@pytest.mark.parametrize("bad", ["nonsense", "sanctuary_resupply,sanctuary_resupply", ""])
def test_ablate_refuses_unknown_mechanisms(tmp_path, capsys, bad):
    from ceasefire.batch import main

    assert main(["ablate", "--mechanisms", bad, "--out", str(tmp_path / "x")]) == 2
    assert "--mechanisms" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_ablate_refuses_an_empty_out(capsys):
    from ceasefire.batch import main

    try:
        code = main(["ablate", "--out", ""])
    except SystemExit as exit:  # argparse refuses option values itself
        code = exit.code
    assert code == 2
    assert "--out" in capsys.readouterr().err
