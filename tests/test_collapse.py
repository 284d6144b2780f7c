"""The 2021 collapse (issue 13): garrisons at real districts, surrender deals, logistics,
desertion and the power-brokers' cascade, each against a hand-computed case or an invariant."""

from __future__ import annotations

import numpy as np
import pytest

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model import surrender, targets
from ceasefire.model.brokers import HANDOVER, PALACE_PROVINCE, PowerBrokers
from ceasefire.model.campaign import LOCAL_INITIATIVE, SURROUND_POWER
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.combat import Battlefield
from ceasefire.model.districts import (
    INITIAL,
    capital_mask,
    centres_on_cell,
    load_border_crossings,
    load_districts,
)
from ceasefire.model.initial_state import province_control, province_presence
from ceasefire.model.logistics import READINESS_LAG_WEEKS, RETROGRADE_LEAD_WEEKS
from ceasefire.model.mechanisms import switch_name
from ceasefire.model.united_states import DOHA_DEADLINE_WEEK


def garrisons(model: CeasefireModel) -> list[AfghanForce]:
    return [f for f in model.agents_by_type[AfghanForce] if f.post != Post.MOBILE]


@pytest.mark.parametrize("resolution", ["fine", "coarse"])
def test_every_district_centre_has_one_garrison_or_starts_taliban(resolution):
    model = CeasefireModel(map=resolution, rng=1)
    districts = load_districts()
    held = garrisons(model)
    assert len({g.district for g in held}) == len(held)  # one garrison per district
    initial = [i for i, k in enumerate(model.districts.fall_kind) if k == INITIAL]
    assert len(initial) == sum(t for t, _ in province_control().values()) == 72
    assert len(held) + len(initial) == len(districts) == 398
    assert sum(g.post == Post.CITY for g in held) == 34  # every capital is held at the start
    for g in held:
        assert g.cell.coordinate == districts[g.district].cell[resolution]
    assert not any(districts[i].is_provincial_capital for i in initial)


def test_the_initial_taliban_districts_follow_the_province_counts_then_control():
    model = CeasefireModel(map="fine", rng=1)
    control = model.layers["control"]
    districts = load_districts()
    cells = [d.cell["fine"] for d in districts]
    initial = {i for i, k in enumerate(model.districts.fall_kind) if k == INITIAL}
    rural_held = {g.district for g in garrisons(model) if g.post == Post.DISTRICT}
    for province, (taliban, _) in province_control().items():
        mine = {i for i, d in enumerate(districts) if d.province == province}
        assert len(initial & mine) == taliban, province
        if initial & mine and rural_held & mine:
            lowest = min(control[cells[i]] for i in initial & mine)
            assert lowest >= max(control[cells[i]] for i in rural_held & mine), province
    ghazni = [i for i, d in enumerate(districts) if d.province == "Ghazni"]
    kabul = [i for i, d in enumerate(districts) if d.province == "Kabul"]
    assert min(province_presence()[ghazni]) > 0.6 > 0.0 == max(province_presence()[kabul])


def test_the_deal_hazard_matches_a_hand_computed_case_at_full_us_air_support():
    """Not gated by air: a threatened garrison surrenders with full US air and Air Force."""
    model = CeasefireModel(map="coarse", rng=2)
    g = next(f for f in garrisons(model) if f.post == Post.DISTRICT)
    i = g.district
    model.garrisons.supply[i], model.garrisons.arrears[i], g.morale = 0.5, 2.0, 0.4
    g.strength = 200.0
    cells = (np.array([g.cell.coordinate[0]]), np.array([g.cell.coordinate[1]]))
    support = float(model.layers["support"][g.cell.coordinate])
    threat, isolation, cascade = np.array([300.0]), np.array([0.6]), np.array([0.2])
    ratio_of = model.garrisons._threat_ratio([g], threat)
    hazard = model.garrisons._deal_hazard([g], np.array([i]), cells, ratio_of, isolation, cascade)
    assert model.us.air_support == model.params["us_air_support"] == 1.0
    defence = 200.0 * (1 + 0.5 * (1.0 + 0.25))  # standing with US air 1 and the Air Force 0.25
    ratio = 300.0 / (300.0 + defence)
    exponent = 1.5 * 0.6 + 1.5 * 0.5 + 0.25 * 2.0 + 2.0 * (0.7 - 0.4) + 1.5 * 0.2
    exponent += 1.0 * (support - 0.5)
    # amnesty at its prior mean 3 / 5; before the campaign opens, offers at local initiative
    rate = model.params["surrender_deal_rate"]
    expected = rate * LOCAL_INITIATIVE * ratio * 0.6 * np.exp(exponent)
    assert ratio_of[0] == pytest.approx(ratio, rel=1e-12)
    assert hazard[0] == pytest.approx(expected, rel=1e-12) and hazard[0] > 0.005
    model.leadership.campaign.opened_week = 1
    hazard = model.garrisons._deal_hazard([g], np.array([i]), cells, ratio_of, isolation, cascade)
    assert hazard[0] == pytest.approx(expected / LOCAL_INITIATIVE, rel=1e-12)


def test_a_loyal_capital_makes_no_deal_and_no_switch_means_no_deals():
    model = CeasefireModel(map="coarse", rng=2)
    capital = next(f for f in garrisons(model) if f.post == Post.CITY)
    args = ([capital], np.array([capital.district]))
    cells = tuple(np.array([[c] for c in capital.cell.coordinate]))
    assert model.garrisons._deal_hazard(*args, cells, *np.ones((3, 1)))[0] == 0.0
    model.government.brokers.loyal[model.government.brokers.province_of[capital.district]] = False
    assert model.garrisons._deal_hazard(*args, cells, *np.ones((3, 1)))[0] > 0.0
    model.params[switch_name("surrender_deals")] = False
    assert model.garrisons._deal_hazard(*args, cells, *np.ones((3, 1)))[0] == 0.0


def test_a_neighbours_fall_raises_the_cascade_term_unless_switched_off():
    distances = load_districts()
    model = CeasefireModel(map="coarse", rng=3)
    weights = model.garrisons.cascade_weights
    assert np.allclose(weights.sum(axis=1), 1.0) and np.all(np.diag(weights) == 0.0)
    g = next(f for f in garrisons(model) if f.post == Post.DISTRICT)
    neighbour = int(np.argmax(weights[g.district]))
    assert distances[neighbour].province == distances[g.district].province
    before = weights[g.district] @ model.garrisons.recent_falls
    model.garrisons.recent_falls[neighbour] = 1.0
    assert weights[g.district] @ model.garrisons.recent_falls > before
    off = CeasefireModel(map="coarse", rng=3, **{switch_name("surrender_cascade"): False})
    off.garrisons.recent_falls[:] = 1.0
    off.step()
    assert np.nanmax(off.garrisons.conditions["cascade"]) == 0.0


def test_broken_surrenders_lower_the_amnesty_and_the_switch_fixes_it():
    model = CeasefireModel(map="coarse", rng=1)
    assert model.garrisons.amnesty == pytest.approx(0.6)
    model.garrisons.broken = 5.0
    assert model.garrisons.amnesty == pytest.approx(3 / 10)
    model.params[switch_name("amnesty")] = False
    assert model.garrisons.amnesty == pytest.approx(0.6)


def test_supply_runs_down_only_where_roads_are_cut_after_the_contractors_leave():
    model = CeasefireModel(map="coarse", rng=1)
    state = model.garrisons
    idx = np.array([0, 1])
    model.logistics.contractors, model.logistics.readiness = 0.0, 0.0
    state._resupply(idx, np.array([0.0, 1.0]))
    # connected: 1 + 0.5 * 0.4 - 1/6 > 1, so full; cut off with no Air Force: 1 - 1/6
    assert state.supply[idx].tolist() == pytest.approx([1.0, 1 - 1 / 6])


def test_arrears_follow_the_expected_pay():
    model = CeasefireModel(map="coarse", rng=1)
    state = model.garrisons
    state._pay(np.array([5]), np.array([0.5]))
    assert state.arrears[5] == pytest.approx((1 - 0.8 * 0.5) * (1 / 4.33))
    model.params[switch_name("unpaid_salaries")] = False
    state._pay(np.array([5]), np.array([0.5]))
    assert state.arrears[5] == pytest.approx((1 - 0.8 * 0.5) * (1 / 4.33))  # unchanged


@pytest.mark.parametrize("customs", [True, False])
def test_lost_customs_revenue_makes_pay_arrive_less_often_unless_switched_off(customs):
    model = CeasefireModel(map="coarse", rng=1, **{switch_name("customs_revenue"): customs})
    held = model.districts.fall_week == 0
    lost = [c.district for c in load_border_crossings() if not held[c.district]]
    for district in lost:
        model.districts.record_fall(district, 20, "deal")
    assert model.districts.customs_lost() == pytest.approx(1.0)
    model.garrisons._pay(np.array([5]), np.array([0.5]))
    arrives = 0.8 * (1.0 - surrender.CUSTOMS_PAY_LOSS * customs) * 0.5
    assert model.garrisons.arrears[5] == pytest.approx((1 - arrives) / 4.33)


def test_desertion_grows_with_arrears_and_stops_when_switched_off():
    model = CeasefireModel(map="coarse", rng=1)
    a, b = garrisons(model)[:2]
    for g in (a, b):
        g.strength, g.morale = 1000.0, 0.7
        model.garrisons.conditions["isolation"][g.district] = 0.0
    model.garrisons.arrears[a.district], model.garrisons.arrears[b.district] = 0.0, 5.0
    model.garrisons._desert([a, b])
    assert 1000.0 - a.strength == pytest.approx(1000.0 * surrender.DESERTION_BASE)
    assert 1000.0 - b.strength == pytest.approx(1000.0 * surrender.DESERTION_BASE * np.exp(1.0))
    model.params[switch_name("desertion")] = False
    model.garrisons._desert([a, b])
    assert a.strength == pytest.approx(1000.0 * (1 - surrender.DESERTION_BASE))


def test_contractors_leave_with_the_retrograde_and_readiness_follows_them():
    model = CeasefireModel(map="coarse", rng=1, withdrawal_week=28)
    logistics = model.logistics
    logistics.update(28 - RETROGRADE_LEAD_WEEKS)  # the retrograde's last week
    assert logistics.contractors == pytest.approx(0.1)
    logistics.update(28 - RETROGRADE_LEAD_WEEKS + 1)
    assert logistics.contractors == 0.0
    assert 1.0 - logistics.readiness == pytest.approx(
        1 - (1 - (1 - 0.1) / READINESS_LAG_WEEKS) * (1 - 1 / READINESS_LAG_WEEKS), rel=1e-9
    )
    stay = CeasefireModel(map="coarse", rng=1, withdrawal_week=None)
    stay.logistics.update(60)
    assert (stay.logistics.contractors, stay.logistics.readiness) == (1.0, 1.0)
    off = CeasefireModel(map="coarse", rng=1, **{switch_name("contractor_logistics"): False})
    off.logistics.update(60)
    assert off.logistics.air_force == pytest.approx(0.25) and off.logistics.ground == 1.0


def test_a_fall_raises_control_to_the_share_of_the_cells_centres_lost():
    model = CeasefireModel(map="coarse", rng=1)
    shared = next(
        (cell, ids)
        for cell, ids in centres_on_cell("coarse").items()
        if len(ids) == 2 and all(model.districts.fall_week[i] < 0 for i in ids)
    )
    cell, ids = shared
    model.layers["control"][cell] = 0.1
    force = next(g for g in garrisons(model) if g.district == ids[0])
    model.garrison_lost(force, "deal")
    assert model.layers["control"][cell] == pytest.approx(0.5)
    assert model.districts.fall_kind[ids[0]] == "deal"


def test_broker_thresholds_are_drawn_per_run_and_weights_sum_to_one():
    a, b = (CeasefireModel(map="coarse", rng=s).government.brokers for s in (1, 2))
    assert len(a.provinces) == 34 and a.weight.sum() == pytest.approx(1.0)
    assert not np.array_equal(a.threshold, b.threshold)
    assert a.weight[a.provinces.index(PALACE_PROVINCE)] == a.weight.max()


def test_a_broker_above_his_threshold_defects_and_hands_over_a_threatened_capital():
    model = CeasefireModel(map="coarse", rng=4)
    brokers: PowerBrokers = model.government.brokers
    province = next(p for p in brokers.provinces if p != PALACE_PROVINCE)
    b = brokers.provinces.index(province)
    brokers.threshold[:] = 5.0  # nobody else
    brokers.threshold[b] = -5.0
    capital = brokers.capital_garrisons(province)[0]
    model.garrisons.threat_ratio = {capital: 1.0}
    for week in range(1, 31):  # a hazard of 0.7 a week: loyal after 30 weeks with p = e^-21
        brokers.update(week)
    assert not brokers.loyal[b] and brokers.loyal.sum() == 33
    assert brokers.cohesion == pytest.approx(1.0 - brokers.weight[b])
    assert model.districts.fall_kind[capital.district] in ("defection", "")
    assert brokers.district_defected()[capital.district]


def test_a_broker_hands_over_his_capital_only_as_readily_as_the_taliban_take_cities():
    model = CeasefireModel(map="coarse", rng=4)
    brokers: PowerBrokers = model.government.brokers
    province = next(p for p in brokers.provinces if p != PALACE_PROVINCE)
    b = brokers.provinces.index(province)
    capital = brokers.capital_garrisons(province)[0]
    model.garrisons.threat_ratio = {capital: 1.0}
    campaign = model.leadership.campaign
    assert campaign.offers == pytest.approx(LOCAL_INITIATIVE) and not campaign.cities_open
    local = HANDOVER * LOCAL_INITIATIVE * LOCAL_INITIATIVE  # before the offensive and the cities
    brokers._defect(b, 5, draw=local * 1.01)
    campaign.opened_week = 12  # the offensive is open, the cities not yet
    brokers._defect(b, 12, draw=HANDOVER * LOCAL_INITIATIVE * 1.01)
    assert capital.cell is not None and model.districts.fall_kind[capital.district] == ""
    campaign.cities_open = True
    brokers._defect(b, 21, draw=HANDOVER * 0.99)
    assert capital.cell is None and model.districts.fall_kind[capital.district] == "defection"


def _province_with_capital(model: CeasefireModel) -> tuple[int, list[int]]:
    """A province with at least four other districts: its capital and those districts."""
    districts = load_districts()
    for capital, d in enumerate(districts):
        others = [i for i, o in enumerate(districts) if o.province == d.province and i != capital]
        if d.is_provincial_capital and len(others) >= 4 and d.province != PALACE_PROVINCE:
            return capital, others
    raise AssertionError("no such province")


def test_the_campaign_reaches_a_capital_as_far_as_its_province_has_fallen():
    model = CeasefireModel(map="coarse", rng=2, withdrawal_week=28)
    campaign = model.leadership.campaign
    capital, others = _province_with_capital(model)
    record = model.districts
    record.fall_week[others] = -1  # the government holds the whole province
    record.fall_week[others[:3]] = 5
    campaign.opened_week = 12
    campaign.update(20)  # before the retrograde (28 - 7 = 21)
    share = 3 / len(others)
    assert campaign.reach[capital] == pytest.approx(share**SURROUND_POWER * LOCAL_INITIATIVE)
    assert campaign.reach[others[-1]] == 1.0  # rural districts are always reached
    campaign.update(21)
    assert campaign.cities_open and campaign.reach[capital] == pytest.approx(share**SURROUND_POWER)
    record.fall_week[others] = 5
    campaign.update(22)
    assert campaign.reach[capital] == 1.0


def test_a_staying_us_opens_the_cities_with_the_campaign_and_the_switch_removes_the_rule():
    staying = CeasefireModel(map="coarse", rng=2, withdrawal_week=None).leadership.campaign
    staying.update(DOHA_DEADLINE_WEEK + 1)
    assert staying.is_open and staying.cities_open
    off = CeasefireModel(map="coarse", rng=2, **{switch_name("capitals_last"): False})
    off.leadership.campaign.update(3)
    assert (off.leadership.campaign.reach == 1.0).all()
    assert off.leadership.campaign.city_initiative == 1.0


def test_a_beaten_capital_in_a_government_province_is_not_overrun():
    model = CeasefireModel(map="coarse", rng=2, withdrawal_week=28)
    capital, others = _province_with_capital(model)
    model.districts.fall_week[others] = -1
    campaign = model.leadership.campaign
    campaign.opened_week, campaign.cities_open = 12, True
    campaign.update(22)
    assert campaign.reach[capital] == 0.0
    force = next(f for f in model.agents_by_type[AfghanForce] if f.district == capital)
    battle = Battlefield(model)
    force.strength = 1.0  # beaten by any attacker, and no morale to resist
    force.morale = 0.0
    battle.taliban[force.cell.coordinate] = [next(iter(model.agents_by_type[TalibanUnit]))]
    battle.taliban[force.cell.coordinate][0].strength = 1000.0
    for _ in range(50):
        battle._maybe_surrender(force.cell.coordinate)
    assert force.cell is not None and model.districts.fall_kind[capital] == ""


def test_kabul_can_fall_before_the_last_us_soldier_leaves():
    model = CeasefireModel(map="coarse", rng=1, withdrawal_week=28)
    for _ in range(20):
        model.step()
    model.government.brokers.palace_loyal = False
    model.step()
    assert model.takeover and model.us.troops_present


def test_without_the_elite_cascade_the_government_falls_with_kabul():
    model = CeasefireModel(map="coarse", rng=1, **{switch_name("elite_cascade"): False})
    for _ in range(3):
        model.step()
    assert not model.takeover and model.government.brokers.loyal.all()
    for force in model.government.brokers.capital_garrisons(PALACE_PROVINCE):
        model.garrison_lost(force, "assault")
    model.step()
    assert model.takeover


def test_the_district_weeks_table_agrees_with_the_model():
    from ceasefire.batch.io.export import district_weeks_frame

    model = CeasefireModel(map="coarse", rng=6)
    for _ in range(12):
        model.step()
    frame = district_weeks_frame(model)
    assert frame.groupby(["step", "district_id"]).size().max() == 1  # the primary key
    last = frame[frame["step"] == 12]
    assert (last["holder"] == "taliban").sum() == model.districts.held_count()
    fell = frame[frame["fell"] == 1]
    assert set(fell["fall_kind"]) <= {
        "assault", "destroyed", "deal", "desertion", "withdrawal", "defection"
    }  # fmt: skip
    assert len(fell) == sum(r["garrisons_lost"] for r in model.rows)  # each fall once
    held = frame[frame["holder"] == "government"]
    assert held["garrison_strength"].notna().all() and held["deal_hazard"].notna().all()
    assert frame.loc[frame["holder"] == "taliban", "garrison_strength"].isna().all()


def _rural_held(model: CeasefireModel, crossing: bool) -> int:
    """A rural district the government holds, with (or without) an official border crossing."""
    mask = (targets.crossing_mask() == float(crossing)) & ~capital_mask()
    return int(np.flatnonzero(mask & ~model.districts.taliban_held())[0])


def test_targets_value_crossings_and_empty_garrisons_and_not_taliban_districts():
    model = CeasefireModel(map="coarse", rng=2)
    with_crossing, without = _rural_held(model, True), _rural_held(model, False)
    model.garrisons.supply[without] = 0.0
    values = targets.target_values(model)
    scale = (1.0 + targets.V_CROSSING) * (1.0 + targets.B_TARGET)
    assert values[with_crossing] == pytest.approx((1.0 + targets.V_CROSSING) / scale)
    assert values[without] == pytest.approx((1.0 + targets.B_TARGET) / scale)
    assert (values[model.districts.taliban_held()] == 0.0).all()
    model.leadership.campaign.reach[with_crossing] = 0.0  # e.g. a capital not yet in reach
    assert targets.target_values(model)[with_crossing] == 0.0


def test_a_lone_targets_pull_falls_with_distance_and_the_switch_removes_it():
    model = CeasefireModel(map="coarse", rng=2)
    target = _rural_held(model, True)
    model.districts.fall_week[:] = 1
    model.districts.fall_week[target] = -1  # the government's last centre
    pull = targets.target_pull(model)
    centre = load_districts()[target]
    x, y = centre.cell["coarse"]
    value = targets.target_values(model)[target]
    decay = np.exp(-centre.snap_km["coarse"] / targets.TARGET_REACH_KM)
    expected = LOCAL_INITIATIVE * value * decay
    assert pull[x, y] == pytest.approx(expected, rel=1e-4)
    assert pull[x, y] == pull.max() and pull[x, y] > 3 * np.median(pull)
    off = CeasefireModel(map="coarse", rng=2, **{switch_name("campaign_targets"): False})
    assert not targets.target_pull(off).any()


def test_the_bandwagon_lets_a_broker_see_the_national_picture_at_an_unthreatened_capital():
    model = CeasefireModel(map="coarse", rng=4)
    brokers: PowerBrokers = model.government.brokers
    assert brokers.national_picture() == 0.0 and brokers.seen_threat(0.1) == 0.1
    brokers.loyal[:17] = False
    capitals = np.flatnonzero(capital_mask())
    model.districts.fall_week[capitals[:17]] = 5
    national = 0.5 * float(brokers.weight[:17].sum()) + 0.5 * 0.5
    assert brokers.national_picture() == pytest.approx(national)
    assert brokers.seen_threat(0.1) == pytest.approx(national) and brokers.seen_threat(0.99) == 0.99
    province = next(p for p in brokers.provinces[17:] if p != PALACE_PROVINCE)
    capital = brokers.capital_garrisons(province)[0]
    model.garrisons.threat_ratio = {capital: 0.0}  # no Taliban at the gates
    campaign = model.leadership.campaign
    campaign.opened_week, campaign.cities_open = 12, True
    brokers._defect(brokers.provinces.index(province), 21, draw=HANDOVER * national * 0.99)
    assert capital.cell is None and model.districts.fall_kind[capital.district] == "defection"
    off = CeasefireModel(map="coarse", rng=4, **{switch_name("bandwagon"): False})
    off.government.brokers.loyal[:17] = False
    assert off.government.brokers.seen_threat(0.1) == 0.1


@pytest.mark.parametrize("bandwagon", [True, False])
def test_an_unthreatened_broker_defects_only_on_the_bandwagon(bandwagon):
    model = CeasefireModel(map="coarse", rng=4, **{switch_name("bandwagon"): bandwagon})
    brokers: PowerBrokers = model.government.brokers
    province = next(p for p in brokers.provinces if p != PALACE_PROVINCE)
    b = brokers.provinces.index(province)
    brokers.threshold[:] = 5.0  # nobody else
    brokers.threshold[b] = -5.0
    capitals = np.flatnonzero(capital_mask())
    model.districts.fall_week[capitals[:17]] = 1  # half the capitals lost: national picture 0.25
    capital = brokers.capital_garrisons(province)[0]
    model.garrisons.threat_ratio = {capital: 0.0}  # no Taliban at his gates
    seen = brokers.threat_at_capitals()[b]
    assert seen == (pytest.approx(0.25) if bandwagon else 0.0)
    for week in range(1, 41):  # hazard 0.7 x 0.25 a week: loyal after 40 weeks with p < 1e-3
        brokers.update(week)
    assert bool(brokers.loyal[b]) == (not bandwagon) and brokers.loyal.sum() == 34 - bandwagon


@pytest.mark.parametrize(("weight", "seen"), [(0.0, 0.1), (0.5, 0.125), (2.0, 0.5)])
def test_the_bandwagon_weight_scales_the_national_picture_up_to_one(weight, seen):
    model = CeasefireModel(map="coarse", rng=4, bandwagon_weight=weight)
    brokers: PowerBrokers = model.government.brokers
    model.districts.fall_week[np.flatnonzero(capital_mask())[:17]] = 1  # national picture 0.25
    assert brokers.national_picture() == pytest.approx(0.25)
    assert brokers.seen_threat(0.1) == pytest.approx(seen)
    model.districts.fall_week[np.flatnonzero(capital_mask())] = 1  # every capital lost
    brokers.loyal[:] = False
    assert brokers.seen_threat(0.1) == pytest.approx(min(1.0, max(0.1, weight)))


@pytest.mark.parametrize("standing", [True, False])
def test_a_defected_brokers_deal_stands_until_the_taliban_want_his_city(standing):
    model = CeasefireModel(map="coarse", rng=4, **{switch_name("standing_deals"): standing})
    brokers: PowerBrokers = model.government.brokers
    province = next(p for p in brokers.provinces if p != PALACE_PROVINCE)
    b = brokers.provinces.index(province)
    brokers.threshold[:] = 5.0  # nobody else defects
    capital = brokers.capital_garrisons(province)[0]
    model.garrisons.threat_ratio = {capital: 1.0}
    campaign = model.leadership.campaign
    campaign.opened_week = 12
    brokers._defect(b, 12, draw=HANDOVER * LOCAL_INITIATIVE * 1.01)  # the cities are not open
    assert capital.cell is not None
    campaign.cities_open = True
    for week in range(13, 33):  # a chance of 0.8 a week: held after 20 weeks with p = 1e-14
        brokers.update(week)
    assert (capital.cell is None) == standing
    assert model.districts.fall_kind[capital.district] == ("defection" if standing else "")
