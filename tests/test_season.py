"""The fighting season's mechanisms: part-time fighters, the harvest tax, snowbound passes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import StubModel, run_model

from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model import terrain
from ceasefire.model.movement import sanctuary_distance, snowbound, taliban_legal_now
from ceasefire.model.seasons import (
    HARVEST_TAX,
    PART_TIME_SHARE,
    calendar_call,
    in_harvest,
    part_time_flows,
    send_home,
    tax_harvest,
)

JANUARY, MAY, AUGUST = dt.date(2022, 1, 15), dt.date(2022, 5, 1), dt.date(2022, 8, 15)


class DatedStub(StubModel):
    """A stub on a fixed date, all in Afghanistan, with the layers the calendar touches."""

    date = AUGUST

    def __init__(self, date: dt.date = AUGUST, **overrides) -> None:
        super().__init__(**overrides)
        self.date = date
        self.afghan = np.ones(self.grid.dimensions, dtype=bool)
        self.layers = {
            "recruit_pool": np.zeros(self.grid.dimensions),
            "control": np.full(self.grid.dimensions, 0.8),
        }


def unit(model: StubModel, strength: float = 100.0, cell=(2, 2)) -> TalibanUnit:
    return TalibanUnit(model, model.grid[cell], strength, sanctuary=None)


# =========================================================================== the calendar
def test_calendar_calls_home_for_the_harvest_and_the_winter_not_the_summer():
    assert in_harvest(MAY) and not in_harvest(AUGUST) and not in_harvest(JANUARY)
    assert calendar_call(MAY) == 1.0
    assert calendar_call(JANUARY) > 0.9
    assert calendar_call(AUGUST) == 0.0
    assert 0.0 < calendar_call(dt.date(2022, 3, 15)) < calendar_call(dt.date(2022, 2, 1))


@pytest.mark.parametrize("call", [0.0, 0.3, 1.0])
def test_part_time_flows_conserve_fighters_and_settle_at_the_call(call):
    strength, away = np.array([100.0, 40.0, 0.0]), np.array([0.0, 30.0, 0.0])
    for _ in range(30):
        strength, away = part_time_flows(strength, away, call)
    np.testing.assert_allclose(strength + away, [100.0, 70.0, 0.0])
    np.testing.assert_allclose(
        away, PART_TIME_SHARE * call * np.array([100.0, 70.0, 0.0]), atol=1e-6
    )
    assert (strength >= 0).all() and (away >= 0).all()


def test_part_timers_leave_in_winter_and_come_back_rested_in_summer():
    winter = DatedStub(JANUARY)
    u = unit(winter)
    u.fatigue = 0.6
    send_home(winter, rate=1.0)
    assert u.away == pytest.approx(PART_TIME_SHARE * calendar_call(JANUARY) * 100.0)
    assert u.strength + u.away == pytest.approx(100.0)
    assert u.fatigue == 0.6  # those who leave take their share of fatigue with them
    winter.date = AUGUST
    before = u.strength
    send_home(winter, rate=1.0)
    assert u.away == 0.0 and u.strength == pytest.approx(100.0)
    assert u.fatigue == pytest.approx(0.6 * before / 100.0)


def test_part_timers_stay_with_their_unit_with_the_switch_off():
    model = DatedStub(JANUARY, **{"mechanisms.part_time_fighters": False})
    u = unit(model)
    send_home(model)
    assert (u.strength, u.away) == (100.0, 0.0)


def test_fighters_at_home_survive_merging_splitting_and_the_end_of_their_unit():
    model = DatedStub(JANUARY)
    a, b = unit(model, 100.0), unit(model, 60.0)
    a.away, b.away = 20.0, 10.0
    a.absorb(b)
    assert a.away == 30.0
    pieces = a.fragment()
    assert sum(p.away for p in pieces) + a.away == pytest.approx(30.0)
    share = a.away
    a.remove()
    assert model.layers["recruit_pool"][2, 2] == pytest.approx(share)


# =========================================================================== the harvest tax
@pytest.mark.parametrize(("date", "on", "gain"), [(MAY, True, 0.8), (AUGUST, True, 0.0),
                                                   (MAY, False, 0.0)])  # fmt: skip
def test_harvest_tax_resupplies_units_where_the_taliban_rule(date, on, gain):
    model = DatedStub(date, **{"mechanisms.harvest_tax": on})
    u = unit(model)
    u.supply = 0.5
    tax_harvest(model)
    assert u.supply == pytest.approx(0.5 + HARVEST_TAX * gain)


# =========================================================================== snowbound passes
def test_passes_close_from_late_november_to_march():
    closed = [terrain.passes_closed(d) for d in (JANUARY, dt.date(2022, 3, 1), MAY, AUGUST)]
    assert closed == [True, True, False, False]
    assert not terrain.passes_closed(dt.date(2022, 11, 1))


def test_snowbound_units_cannot_enter_high_ground_but_may_stay():
    legal = np.ones((5, 5), dtype=bool)
    high = np.zeros((5, 5), dtype=bool)
    high[2:, :] = True
    closed = terrain.snowbound_legal(legal, high)
    assert closed[:2].all() and not closed[2:].any() and legal.all()
    field = np.tile(np.arange(5.0), (5, 1)).T[None]  # rises onto the high ground
    xy = np.array([[1, 2], [3, 2]])
    rng = np.random.default_rng(0)
    moved = terrain.ascend(xy, field, np.zeros(2, dtype=np.int64), closed, 3, rng, 0.01, 0.5)
    assert moved[0].tolist() == [1, 2]  # stops at the snow line
    assert moved[1].tolist() == [3, 2]  # snowbound on high ground: stays rather than climb


def test_no_unit_climbs_onto_high_ground_while_the_passes_are_closed():
    model = run_model({"withdrawal_week": None}, seed=4, steps=0)
    climbed = 0
    for _ in range(5):  # 12 February to mid-March 2021: snowbound
        where = {u.unique_id: u.cell.coordinate for u in model.agents_by_type[TalibanUnit]}
        model.step()
        assert snowbound(model)
        for u in model.agents_by_type[TalibanUnit]:
            cell = u.cell.coordinate
            if u.unique_id in where and cell != where[u.unique_id]:
                climbed += bool(model.high_ground[cell])
    assert climbed == 0


def test_snowbound_masks_and_distances_follow_the_switch():
    on = run_model({}, seed=1, steps=1)
    off = run_model({"mechanisms.winter_passes": False}, seed=1, steps=1)
    assert snowbound(on) and not snowbound(off)
    assert taliban_legal_now(off) is off.taliban_legal
    assert on.high_ground.any() and not taliban_legal_now(on)[on.high_ground].any()
    assert (sanctuary_distance(on) >= on.sanctuary_distance - 1e-9).all()
    assert sanctuary_distance(off) is off.sanctuary_distance


# =========================================================================== whole runs
def test_fighters_go_home_in_winter_and_come_back_for_the_summer():
    rows = pd.DataFrame(run_model({"withdrawal_week": None}, seed=2, steps=30).rows)
    rows["month"] = pd.to_datetime(rows["date"]).dt.month
    at_home = rows.groupby("month")["fighters_at_home"].mean()
    total = (rows["taliban_strength"] + rows["fighters_at_home"]).mean()
    assert at_home[2] > 0.3 * total  # February: the winter's part-timers at home
    assert at_home[8] < 0.01 * total  # August: everyone back


def test_all_season_switches_off_keeps_everyone_in_the_field():
    off = {f"mechanisms.{m}": False for m in ("part_time_fighters", "harvest_tax")}
    rows = run_model(off, seed=2, steps=15).rows
    assert all(row["fighters_at_home"] == 0 for row in rows)
