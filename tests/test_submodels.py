"""Unit tests of the submodels: agents, state actors, terrain, civilians, combat (the
negotiation's are in test_negotiation.py)."""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
import pytest
from conftest import StubModel

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.civilian_community import CivilianLayers, update_communities
from ceasefire.agents.sanctuary import PRESSURE_EFFECT, Sanctuary
from ceasefire.agents.taliban_unit import (
    SECTION_SIZE,
    Mode,
    TalibanUnit,
    UnitState,
    weekly_decisions,
)
from ceasefire.model import terrain
from ceasefire.model.afpak_map import AFG, PAK, load_map
from ceasefire.model.combat import _distribute
from ceasefire.model.events import Casualties, EventLog
from ceasefire.model.outputs import EVENT_COLUMNS, names
from ceasefire.model.united_states import DOHA_DEADLINE_WEEK


# =========================================================================== Taliban units
@pytest.fixture
def make_unit(stub, sanctuary):
    def make(strength, supply=1.0, morale=0.8, cell=(2, 2)):
        return TalibanUnit(stub, stub.grid[cell], strength, sanctuary, supply, morale)

    return make


@pytest.mark.parametrize(
    "strength",
    [1.0, 19.99, 20.0, 39.99, 40.0, 41.0, 59.999, 60.0, 100.0, 160.0, 161.5, 2000.0, 1e4],
)
def test_fragment_scatters_into_sections_conserving_strength(stub, make_unit, strength):
    unit = make_unit(strength, supply=0.6, morale=0.4)
    before = len(stub.agents)
    pieces = unit.fragment()
    total = unit.strength + sum(p.strength for p in pieces)
    assert total == pytest.approx(strength, rel=1e-12)
    if strength < 2 * SECTION_SIZE:
        assert pieces == []
        assert unit.strength == strength
    else:
        assert len(pieces) + 1 == int(strength // SECTION_SIZE)  # no cap on the pieces
    for piece in [unit, *pieces]:
        assert piece.strength >= SECTION_SIZE or not pieces
    for piece in pieces:
        assert piece.cell is unit.cell
        assert piece.sanctuary is unit.sanctuary
        assert (piece.supply, piece.morale) == (0.6, 0.4)
        assert piece in stub.agents
    assert len(stub.agents) == before + len(pieces)


def test_fragment_of_random_sizes_never_below_section(make_unit):
    rng = np.random.default_rng(5)
    for strength in rng.uniform(0, 3000, 300):
        unit = make_unit(float(strength))
        pieces = unit.fragment()
        if pieces:
            assert min(p.strength for p in [unit, *pieces]) >= SECTION_SIZE
        assert unit.strength + sum(p.strength for p in pieces) == pytest.approx(strength)


def test_absorb_conserves_strength_weights_state_and_removes_other(stub, make_unit):
    a = make_unit(300.0, supply=1.0, morale=0.9)
    b = make_unit(100.0, supply=0.2, morale=0.1)
    a.absorb(b)
    assert a.strength == pytest.approx(400.0)
    assert a.supply == pytest.approx(0.8)
    assert a.morale == pytest.approx(0.7)
    assert b not in stub.agents
    assert a in stub.agents
    assert b not in list(stub.agents_by_type[TalibanUnit])


def test_take_losses_never_negative(make_unit):
    rng = np.random.default_rng(1)
    unit = make_unit(50.0)
    unit.take_losses(10.0)
    assert unit.strength == pytest.approx(40.0)
    assert unit.morale == pytest.approx(0.8 - 0.8 * 10 / 50)
    for _ in range(50):
        unit.take_losses(float(rng.uniform(0, 30)))
        assert unit.strength >= 0.0
        assert 0.0 <= unit.morale <= 1.0
    unit.take_losses(1e6)
    assert unit.strength == 0.0
    assert unit.morale == 0.0


def test_afghan_force_take_losses_never_negative(stub):
    force = AfghanForce(stub, stub.grid[(1, 1)], 100.0, Post.DISTRICT)
    force.take_losses(250.0)
    assert force.strength == 0.0
    assert force.morale == 0.0
    force.recover(0.5, 0.7)
    assert force.strength == pytest.approx(50.0)  # half the gap to nominal refilled


def decide(supply, morale, mode, support, fatigue=0.0):
    """One unit's supply, morale and mode after a week (no winter)."""
    state = UnitState(
        np.array([supply]), np.array([morale]), np.array([fatigue]), np.array([int(mode)])
    )
    after = weekly_decisions(state, np.array([support]), np.array([0.0]))
    return float(after.supply[0]), float(after.morale[0]), int(after.mode[0])


def test_weekly_decisions_mode_hysteresis():
    assert decide(0.2, 0.8, Mode.FIGHT, 0.5)[2] == Mode.RECOVER  # out of supply
    assert decide(0.9, 0.2, Mode.FIGHT, 0.5)[2] == Mode.RECOVER  # demoralised
    assert decide(0.9, 0.8, Mode.FIGHT, 0.5)[2] == Mode.FIGHT
    assert decide(0.5, 0.8, Mode.RECOVER, 0.5)[2] == Mode.RECOVER  # half-supplied: not yet
    assert decide(0.95, 0.5, Mode.RECOVER, 0.5)[2] == Mode.RECOVER  # morale not back yet
    assert decide(0.95, 0.7, Mode.RECOVER, 0.5)[2] == Mode.FIGHT
    assert decide(0.95, 0.7, Mode.RECOVER, 0.5, fatigue=0.5)[2] == Mode.RECOVER  # still tired
    assert decide(0.9, 0.8, Mode.FIGHT, 0.5, fatigue=0.9)[2] == Mode.RECOVER  # worn out


def test_weekly_decisions_field_consumption_and_support():
    supply, morale, _ = decide(0.8, 0.6, Mode.FIGHT, 0.0)
    assert supply < 0.8  # hostile area drains supply
    assert morale < 0.6
    supply, morale, _ = decide(0.8, 0.6, Mode.FIGHT, 1.0)
    assert morale > 0.6  # friendly area lifts morale
    assert decide(0.4, 0.5, Mode.RECOVER, 0.0)[:2] == (0.4, 0.5)  # recovering units untouched


def test_weekly_decisions_morale_not_negative():
    # A unit in the field whose morale was wiped out by losses (take_losses clamps it at 0).
    _, morale, mode = decide(0.8, 0.0, Mode.FIGHT, 0.0)
    assert mode == Mode.RECOVER
    assert morale >= 0.0


def test_weekly_decisions_keep_supply_and_morale_in_unit_interval():
    rng = np.random.default_rng(2)
    supply, morale = rng.uniform(0, 1, 500), rng.uniform(0, 1, 500)
    fatigue, mode = rng.uniform(0, 1, 500), rng.integers(0, 3, 500)
    for _ in range(100):
        support = rng.uniform(0, 1, 500)
        state = weekly_decisions(
            UnitState(supply, morale, fatigue, mode), support, rng.uniform(0, 1, 500)
        )
        supply, morale, fatigue, mode = state.supply, state.morale, state.fatigue, state.mode
        assert ((supply >= 0) & (supply <= 1)).all()
        assert ((fatigue >= 0) & (fatigue <= 1)).all()
        assert (morale <= 1).all()  # the lower bound: see test_weekly_decisions_morale_not_negative
        assert set(np.unique(mode)) <= {int(m) for m in Mode}
        # recovering units would regain supply and morale in a sanctuary
        supply = np.where(mode == Mode.RECOVER, np.minimum(1, supply + 0.3), supply)
        morale = np.where(mode == Mode.RECOVER, np.minimum(1, morale + 0.3), morale)


# =========================================================================== sanctuaries
def test_sanctuary_capacity_falls_under_pressure_and_recovers(sanctuary):
    history = [sanctuary.capacity]
    for _ in range(60):
        sanctuary.respond_to_pressure(1.0)
        history.append(sanctuary.capacity)
    assert all(b < a for a, b in itertools.pairwise(history))
    floor = 1.0 - PRESSURE_EFFECT
    assert floor <= sanctuary.capacity < floor + 0.5 * PRESSURE_EFFECT  # more than half-way
    recovering = [sanctuary.capacity]
    for _ in range(60):
        sanctuary.respond_to_pressure(0.0)
        recovering.append(sanctuary.capacity)
    assert all(b > a for a, b in itertools.pairwise(recovering))
    assert 1.0 - 0.5 * PRESSURE_EFFECT < sanctuary.capacity <= 1.0


@pytest.mark.parametrize("pressure", [0.0, 0.3, 0.7, 1.0])
def test_sanctuary_capacity_converges(sanctuary, pressure):
    for _ in range(300):
        sanctuary.respond_to_pressure(pressure)
    assert sanctuary.capacity == pytest.approx(1.0 - PRESSURE_EFFECT * pressure, abs=1e-9)


def test_sanctuary_recruitment_scales_with_capacity(stub):
    full = Sanctuary(stub, stub.grid[(0, 0)], "A", 1.0)
    squeezed = Sanctuary(stub, stub.grid[(0, 1)], "B", 1.0)
    small = Sanctuary(stub, stub.grid[(0, 2)], "C", 0.5)
    squeezed.capacity = 0.25
    a, b, c = full.recruit(1.0), squeezed.recruit(1.0), small.recruit(1.0)
    assert b == pytest.approx(0.25 * a)
    assert c == pytest.approx(0.5 * a)
    assert full.recruit(0.0) == a  # no recruitment at rate 0: pool unchanged
    assert squeezed.resupply_rate() < full.resupply_rate()


# =========================================================================== United States
@pytest.mark.parametrize("last", [11, 28, 60])
def test_air_support_zero_after_withdrawal(last):
    us = StubModel(withdrawal_week=last, us_air_support=1.5).us
    assert us.air_support_at(1) == pytest.approx(1.5)
    assert us.air_support_at(last) > 0.0
    for week in (last + 1, last + 2, last + 100):
        assert us.air_support_at(week) == 0.0
    values = [us.air_support_at(w) for w in range(1, last + 2)]
    assert all(b <= a for a, b in itertools.pairwise(values))  # draws down, never up
    us.update(last + 1)
    assert not us.troops_present
    assert us.air_support == 0.0
    us.update(last)
    assert us.troops_present


def test_air_support_full_when_staying():
    us = StubModel(withdrawal_week=None, us_air_support=2.0).us
    for week in (1, 11, 28, 100, 1000):
        assert us.air_support_at(week) == 2.0
        us.update(week)
        assert us.troops_present


def test_staying_signal():
    assert StubModel(withdrawal_week=None).us.staying_signal() == 1.0
    assert StubModel(withdrawal_week=DOHA_DEADLINE_WEEK).us.staying_signal() == 0.0
    assert StubModel(withdrawal_week=0).us.staying_signal() == 0.0
    signals = [StubModel(withdrawal_week=w).us.staying_signal() for w in (11, 20, 40, 1000)]
    assert signals == sorted(signals)
    assert 0.0 < signals[1] < signals[2] <= 1.0


# =========================================================================== terrain
def _random_positions(legal, n, rng):
    cells = np.argwhere(legal)
    return cells[rng.integers(0, len(cells), n)].astype(np.int64)


def test_ascend_never_leaves_legal_cells():
    rng = np.random.default_rng(7)
    legal = rng.random((30, 20)) < 0.6
    legal[0, :] = True  # irregular, with islands and edges
    xy = _random_positions(legal, 200, rng)
    fields = rng.normal(size=(2, 30, 20))
    field_of = rng.integers(0, 2, 200)
    for noise in (0.0, 0.3, 5.0):
        moved = terrain.ascend(xy, fields, field_of, legal, 6, rng, noise=noise)
        assert moved.shape == xy.shape
        assert legal[moved[:, 0], moved[:, 1]].all()
        assert (moved >= 0).all()
        assert (moved[:, 0] < 30).all()
        assert (moved[:, 1] < 20).all()
        # at most one cell per hop in each direction
        assert (np.abs(moved - xy) <= 6).all()


def test_ascend_climbs_to_the_peak():
    rng = np.random.default_rng(0)
    x, y = np.meshgrid(np.arange(15), np.arange(15), indexing="ij")
    field = -((x - 11.0) ** 2 + (y - 4.0) ** 2)
    legal = np.ones((15, 15), dtype=bool)
    xy = _random_positions(legal, 50, rng)
    start_score = field[xy[:, 0], xy[:, 1]]
    one_hop = terrain.ascend(xy, field[None], np.zeros(50, dtype=np.int64), legal, 1, rng, noise=0)
    assert (field[one_hop[:, 0], one_hop[:, 1]] >= start_score).all()
    done = terrain.ascend(xy, field[None], np.zeros(50, dtype=np.int64), legal, 20, rng, noise=0)
    assert (done == [11, 4]).all()


def test_ascend_stops_at_a_wall():
    rng = np.random.default_rng(0)
    x = np.arange(20)[:, None] * np.ones((1, 10))
    legal = np.ones((20, 10), dtype=bool)
    legal[12:, :] = False
    xy = np.column_stack([np.arange(10), np.arange(10)]).astype(np.int64)
    moved = terrain.ascend(xy, x[None], np.zeros(10, dtype=np.int64), legal, 30, rng, noise=0)
    assert (moved[:, 0] == 11).all()


def test_ascend_each_unit_follows_its_own_field():
    rng = np.random.default_rng(0)
    x = np.arange(20)[:, None] * np.ones((1, 20))
    fields = np.stack([x, -x])
    legal = np.ones((20, 20), dtype=bool)
    xy = np.array([[10, 10], [10, 10]], dtype=np.int64)
    moved = terrain.ascend(xy, fields, np.array([0, 1]), legal, 3, rng, noise=0)
    assert moved[0, 0] == 13
    assert moved[1, 0] == 7


def test_path_distance_zero_at_sources_and_increasing_away():
    cost = np.ones((15, 12))
    legal = np.ones((15, 12), dtype=bool)
    dist, nearest = terrain.path_distance(cost, legal, [(5, 5)])
    assert dist[5, 5] == 0.0
    assert dist[6, 5] == pytest.approx(1.0)
    assert dist[6, 6] == pytest.approx(np.sqrt(2))
    ray = dist[5:, 5]
    assert (np.diff(ray) > 0).all()
    assert (dist >= 0).all()
    assert (nearest == 0).all()
    # every cell is within one diagonal step of a neighbour that is closer to the source
    assert dist[14, 11] > dist[10, 8] > dist[7, 6] > 0


def test_path_distance_is_nearly_euclidean():
    """On flat ground the distance is the straight-line one in every direction (within 3 %)."""
    cost = np.ones((61, 61))
    dist, _ = terrain.path_distance(cost, np.ones((61, 61), dtype=bool), [(0, 0)])
    x, y = np.meshgrid(np.arange(61), np.arange(61), indexing="ij")
    far = np.hypot(x, y) > 10
    assert np.abs(dist[far] / np.hypot(x, y)[far] - 1).max() < 0.03


def test_units_retreating_to_a_sanctuary_do_not_form_a_row():
    """Units descending the distance to one source keep to straight lines toward it.

    They start on a line 99 cells from the source, 30 cells either side of its row; after 30
    hops straight paths would keep 70 % of their spread. With an octagonal (8-neighbour)
    distance, or moves scored by raw gain, most of them end up on the source's row instead:
    the straight row of Taliban units along 31 N west of Chaman seen on the map.
    """
    size, source = 100, (99, 50)
    legal = np.ones((size, size), dtype=bool)
    dist, _ = terrain.path_distance(np.ones((size, size)), legal, [source])
    start = np.column_stack([np.zeros(61, dtype=np.int64), np.arange(20, 81)])
    rng = np.random.default_rng(1)
    field_of = np.zeros(61, dtype=np.int64)
    xy = terrain.ascend(start, -dist[None], field_of, legal, 30, rng, noise=0.3, inertia=0.3)
    assert xy[:, 1].std() > 0.6 * start[:, 1].std()
    assert np.mean(np.abs(xy[:, 1] - source[1]) <= 1) < 0.3


def test_path_distance_cannot_jump_a_wall():
    cost = np.ones((10, 10))
    legal = np.ones((10, 10), dtype=bool)
    legal[5, :] = False  # a wall one cell thick: a knight move must not hop over it
    dist, _ = terrain.path_distance(cost, legal, [(2, 2)])
    assert np.isinf(dist[7:, :]).all()


def test_path_distance_respects_cost_and_legality():
    cost = np.ones((10, 10))
    cost[:, 5] = 10.0  # expensive ridge
    legal = np.ones((10, 10), dtype=bool)
    legal[8:, :] = False  # unreachable strip
    legal[9, 9] = True  # isolated cell
    dist, nearest = terrain.path_distance(cost, legal, [(2, 2)])
    assert dist[2, 7] > dist[2, 4] + 5  # crossing the ridge costs
    assert np.isinf(dist[9, 9])
    assert nearest[9, 9] == -1
    assert np.isinf(dist[8, 0])


def test_path_distance_nearest_source_index():
    cost = np.ones((20, 20))
    legal = np.ones((20, 20), dtype=bool)
    sources = [(18, 18), (1, 1), (1, 18)]  # deliberately not in index order
    dist, nearest = terrain.path_distance(cost, legal, sources)
    for i, (x, y) in enumerate(sources):
        assert dist[x, y] == 0.0
        assert nearest[x, y] == i
    assert nearest[17, 16] == 0
    assert nearest[2, 3] == 1
    assert nearest[3, 17] == 2


def test_legal_masks_on_the_map():
    afpak = load_map("coarse")
    country = afpak.layers["country"]
    taliban, government = terrain.taliban_legal(afpak), terrain.government_legal(afpak)
    assert (government == (country == AFG)).all()
    assert (taliban == np.isin(country, (AFG, PAK))).all()
    assert government.any()
    assert (taliban & ~government).any()  # Pakistan (the sanctuaries) is open to the Taliban
    assert not (government & ~taliban).any()


def test_fighting_season_peaks_in_summer():
    peak = dt.date(2021, 1, 1) + dt.timedelta(days=terrain.FIGHTING_SEASON_PEAK_DAY - 1)
    summer = terrain.fighting_season(peak, 0.4)
    winter = terrain.fighting_season(dt.date(2021, 1, 15), 0.4)
    spring = terrain.fighting_season(dt.date(2021, 4, 15), 0.4)
    assert summer == pytest.approx(1.4, abs=1e-3)
    assert winter < spring < summer
    assert winter > 0
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=d) for d in range(365)]
    values = [terrain.fighting_season(d, 0.4) for d in days]
    assert np.mean(values) == pytest.approx(1.0, abs=0.01)
    assert 6 <= days[int(np.argmax(values))].month <= 8
    assert all(terrain.fighting_season(d, 0.0) == 1.0 for d in days[::30])


def test_winter_closure_only_in_winter():
    assert terrain.winter_closure(dt.date(2021, 7, 19)) == 0.0
    assert terrain.winter_closure(dt.date(2021, 1, 15)) > 0.8


# =========================================================================== civilians
def community_layers(shape=(7, 7), residents=1000.0, support=0.5):
    return CivilianLayers(
        residents=np.full(shape, residents),
        displaced=np.zeros(shape),
        support=np.full(shape, support),
        grievance=np.zeros(shape),
        recruit_pool=np.zeros(shape),
        casualties=np.zeros(shape),
    )


def _update(layers, harm_t=None, harm_g=None, control=None, violence=None, rate=1.0):
    shape = layers.residents.shape
    zeros = np.zeros(shape)
    update_communities(
        layers,
        np.ones(shape, dtype=bool),
        np.full(shape, 0.5) if control is None else control,
        zeros if harm_t is None else harm_t,
        zeros if harm_g is None else harm_g,
        zeros if violence is None else violence,
        rate,
    )


def test_government_harm_shifts_support_more_than_taliban_harm():
    harm = np.zeros((7, 7))
    harm[3, 3] = 5.0
    by_government, by_taliban = community_layers(), community_layers()
    _update(by_government, harm_g=harm)
    _update(by_taliban, harm_t=harm)
    rise = by_government.support[3, 3] - 0.5
    fall = 0.5 - by_taliban.support[3, 3]
    assert rise > 0
    assert fall > 0
    assert rise > fall
    assert by_government.grievance[3, 3] > by_taliban.grievance[3, 3] > 0
    assert by_government.casualties.sum() == pytest.approx(5.0)
    # news travels: neighbours react, distant cells do not
    near = by_government.support[3, 4] - 0.5
    far = by_government.support[0, 0] - 0.5
    assert near > 0
    assert 0 <= far < 0.01 * near


def test_support_drifts_toward_control():
    layers = community_layers(support=0.5)
    control = np.zeros((7, 7))
    control[:, 4:] = 1.0
    _update(layers, control=control)
    assert (layers.support[:, :4] < 0.5).all()
    assert (layers.support[:, 4:] > 0.5).all()


def test_displacement_conserves_people_and_support_stays_bounded():
    rng = np.random.default_rng(9)
    layers = community_layers()
    layers.residents[:] = rng.uniform(0, 50000, (7, 7))
    layers.support[:] = rng.uniform(0, 1, (7, 7))
    people = layers.residents + layers.displaced
    peak = 0.0
    for week in range(60):
        violence = rng.exponential(50.0, (7, 7)) if week < 30 else np.zeros((7, 7))
        harm_t = rng.poisson(20.0, (7, 7)).astype(float)
        harm_g = rng.poisson(20.0, (7, 7)).astype(float)
        _update(layers, harm_t, harm_g, control=rng.uniform(0, 1, (7, 7)), violence=violence)
        np.testing.assert_allclose(layers.residents + layers.displaced, people, rtol=1e-12)
        assert (layers.residents >= 0).all()
        assert (layers.displaced >= 0).all()
        assert ((layers.support >= 0) & (layers.support <= 1)).all()
        assert ((layers.grievance >= 0) & (layers.grievance <= 1)).all()
        if week == 29:
            assert layers.displaced.sum() > 0
            peak = layers.displaced.sum()
    assert layers.displaced.sum() < peak  # people return once violence abates


def test_unpopulated_cells_do_not_change():
    layers = community_layers()
    populated = np.ones((7, 7), dtype=bool)
    populated[0, :] = False
    harm = np.full((7, 7), 3.0)
    update_communities(
        layers, populated, np.ones((7, 7)), harm, harm, np.zeros((7, 7)), recruitment_rate=1.0
    )
    assert (layers.support[0] == 0.5).all()
    assert (layers.grievance[0] == 0.0).all()
    assert (layers.recruit_pool[0] == 0.0).all()
    assert (layers.recruit_pool[1:] > 0).all()


def test_recruitment_scales_with_rate_and_support():
    low, high, none = (
        community_layers(support=0.2),
        community_layers(support=0.8),
        community_layers(),
    )
    _update(low, control=np.full((7, 7), 0.2))
    _update(high, control=np.full((7, 7), 0.8))
    _update(none, rate=0.0)
    assert (high.recruit_pool > low.recruit_pool).all()
    assert (none.recruit_pool == 0).all()


# =========================================================================== combat bookkeeping
def test_distribute_never_applies_more_than_strength(stub, make_unit):
    units = [make_unit(10.0), make_unit(5.5)]
    applied = _distribute(units, 100)
    assert applied == 15
    assert all(u.strength >= 0 for u in units)
    assert sum(u.strength for u in units) == pytest.approx(0.5)
    units = [make_unit(300.0), make_unit(100.0)]
    assert _distribute(units, 40) == 40
    assert [u.strength for u in units] == pytest.approx([270.0, 90.0])
    assert _distribute([], 10) == 0
    assert _distribute(units, 0) == 0


def test_event_log_classifies_and_tallies():
    afpak = load_map("coarse")
    log = EventLog(afpak, run_id=4)
    afghan = tuple(int(v) for v in np.argwhere(afpak.layers["country"] == 1)[0])
    date = dt.date(2021, 2, 12)
    log.record(1, date, afghan, "ied", "taliban", Casualties())  # nobody hurt: no event
    assert log.rows == []
    log.record(1, date, afghan, "ground_attack", "taliban", Casualties(3, 2, 1, 2))
    log.record(1, date, afghan, "ied", "taliban", Casualties(civilians=2, injured=4))
    log.record(1, date, afghan, "airstrike", "government", Casualties(taliban=5, civilians=1))
    state_based, one_sided, strike = log.rows
    assert all(list(row) == names(EVENT_COLUMNS) for row in log.rows)  # every column, in order
    assert state_based["type_of_violence"] == 1
    deaths = ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best")
    assert tuple(state_based[c] for c in (*deaths, "civilians_injured")) == (3, 2, 1, 0, 6, 2)
    assert one_sided["type_of_violence"] == 3
    assert (one_sided["side_a"], one_sided["side_b"], one_sided["deaths_a"]) == (
        "Taleban",
        "Civilians",
        0,
    )
    assert strike["type_of_violence"] == 1
    assert (state_based["date_start"], state_based["date_end"]) == ("2021-02-12", "2021-02-18")
    week = log.week
    assert week.events == 3
    assert week.fatalities == 6 + 2 + 6
    assert week.civilian_casualties == 3 + 6 + 1
    assert week.harm_by_taliban[afghan] == 9
    assert week.harm_by_government[afghan] == 1
    assert [row["event_id"] for row in log.rows] == [1, 2, 3]
    assert {row["run_id"] for row in log.rows} == {4}


def test_a_freed_model_lets_its_cells_class_and_map_layers_go():
    import copyreg
    import gc
    import weakref

    from ceasefire.model.ceasefire_model import CeasefireModel

    model = CeasefireModel(map="coarse", rng=1)
    cell_class = weakref.ref(model.grid.cell_klass)
    assert cell_class() in copyreg.dispatch_table  # Mesa registers it for pickling
    del model
    gc.collect()
    gc.collect()  # the first frees the model and runs its finaliser, the second the class
    assert cell_class() is None  # without the finaliser the global table kept it (0.8 MB)
