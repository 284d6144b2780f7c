"""Coalescence and fragmentation of Taliban units (``model/coalescence.py``, ODD 7.6)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pytest
from conftest import StubModel

from ceasefire.agents.taliban_unit import REFERENCE_SIZE, SECTION_SIZE, Mode, TalibanUnit
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.coalescence import _coalesce_group, coalesce, disperse
from ceasefire.model.combat import Battlefield


class Group:
    """A stand-in for a unit: a strength, and a record of whom it absorbed."""

    def __init__(self, strength: float) -> None:
        self.strength = strength
        self.absorbed: list[Group] = []

    def absorb(self, other: Group) -> None:
        self.strength += other.strength
        other.strength = 0.0
        self.absorbed.append(other)


class ScriptedRng:
    """Returns given uniform draws and partner indices, and records the partner weights."""

    def __init__(self, draws: list[float], partners: list[int]) -> None:
        self.draws, self.partners, self.weights = np.array(draws), list(partners), []

    def random(self, n: int) -> np.ndarray:
        assert n == len(self.draws)
        return self.draws

    def choice(self, n: int, p: np.ndarray) -> int:
        self.weights.append(np.asarray(p).copy())
        return self.partners.pop(0)


def test_a_unit_joins_with_a_probability_rising_with_its_size_and_picks_partners_by_size():
    sizes = [100.0, 300.0, 600.0]
    joins = [-math.expm1(-0.3 * s / REFERENCE_SIZE) for s in sizes]  # 0.259, 0.593, 0.835
    # the first unit joins (0.25 < 0.259), the second not (0.6 > 0.593), the third joins
    rng = ScriptedRng([joins[0] - 0.009, joins[1] + 0.007, joins[2] - 0.01], partners=[2, 1])
    group = [Group(s) for s in sizes]
    _coalesce_group(rng, group, rate=0.3)
    np.testing.assert_allclose(rng.weights[0], [0, 300 / 900, 600 / 900])
    # the third unit, now 700 strong, chooses among the one unit left: the second
    np.testing.assert_allclose(rng.weights[1], [0, 1, 0])
    assert [g.strength for g in group] == [0.0, 1000.0, 0.0]
    assert group[1].absorbed == [group[2]] and group[2].absorbed == [group[0]]


def test_the_chance_that_two_units_merge_is_one_minus_the_chance_neither_joins():
    rng = np.random.default_rng(11)
    trials, rate = 20_000, 0.3
    merged = 0
    for _ in range(trials):
        pair = [Group(100.0), Group(300.0)]
        _coalesce_group(rng, pair, rate)
        merged += min(g.strength for g in pair) == 0.0
    expected = -math.expm1(-rate * 400.0 / REFERENCE_SIZE)  # 0.699
    assert abs(merged / trials - expected) < 4 * math.sqrt(expected * (1 - expected) / trials)


def test_a_lone_unit_and_a_rate_of_zero_never_merge():
    rng = ScriptedRng([0.0], partners=[])
    lone = [Group(500.0)]
    _coalesce_group(rng, lone, rate=1.0)
    assert lone[0].strength == 500.0 and rng.weights == []
    stub = StubModel(coalescence_rate=0.0)
    stub.map = SimpleNamespace(shape=(5, 5), res_deg=0.125)
    units = [SimpleNamespace(strength=100.0, absorb=pytest.fail) for _ in range(3)]
    coalesce(stub, units, np.zeros((3, 2), dtype=int), np.full(3, Mode.FIGHT))


def test_only_fighting_units_that_share_a_cell_merge(stub, sanctuary):
    stub.map = SimpleNamespace(shape=(5, 5), res_deg=0.125)
    cells = [(1, 1), (1, 1), (1, 1), (3, 3)]
    units = [TalibanUnit(stub, stub.grid[c], 200.0, sanctuary, 1.0, 0.8) for c in cells]
    mode = np.array([Mode.FIGHT, Mode.FIGHT, Mode.RECOVER, Mode.FIGHT])
    stub.params["coalescence_rate"] = 50.0  # everyone who can join does
    coalesce(stub, units, np.array(cells), mode)
    alive = [u for u in units if u.cell is not None]
    assert sorted(u.strength for u in alive) == [200.0, 200.0, 400.0]
    assert units[2] in alive and units[3] in alive  # the recovering and the lone unit


@pytest.mark.parametrize("strength", [30.0, 100.0, 1000.0, 5000.0])
def test_an_attacker_that_scatters_breaks_into_sections_without_a_cap(stub, sanctuary, strength):
    unit = TalibanUnit(stub, stub.grid[(2, 2)], strength, sanctuary, 1.0, 0.8)
    stub.params["fragmentation_prob"] = 1.0
    before = len(stub.agents)
    disperse(stub, [unit, unit])  # attacked twice, scatters once
    pieces = max(1, int(strength // SECTION_SIZE))
    assert len(stub.agents) == before + pieces - 1
    assert unit.strength == pytest.approx(strength / pieces)


def test_dead_attackers_and_a_probability_of_zero_do_not_scatter(stub, sanctuary):
    dead, alive = (TalibanUnit(stub, stub.grid[(2, 2)], 400.0, sanctuary, 1.0, 0.8) for _ in "ab")
    dead.remove()
    stub.params["fragmentation_prob"] = 1.0
    before = len(stub.agents)
    disperse(stub, [dead])
    assert len(stub.agents) == before
    stub.params["fragmentation_prob"] = 0.0
    disperse(stub, [alive])
    assert len(stub.agents) == before and alive.strength == 400.0


def test_the_scattering_share_of_attackers_is_the_fragmentation_probability(stub, sanctuary):
    units = [TalibanUnit(stub, stub.grid[(2, 2)], 100.0, sanctuary, 1.0, 0.8) for _ in range(4000)]
    stub.params["fragmentation_prob"] = 0.3
    disperse(stub, units)
    share = np.mean([u.strength < 100.0 for u in units])
    assert abs(share - 0.3) < 4 * math.sqrt(0.3 * 0.7 / 4000)


def test_every_unit_that_attacked_in_a_week_of_war_has_scattered():
    model = CeasefireModel(map="coarse", rng=3, fragmentation_prob=1.0)
    for _ in range(14):  # into the offensive
        model.step()
    battle = Battlefield(model)
    battle.run(posture=1.0, support=model.layers["support"])
    live = [u for u in battle.attackers if u.cell is not None]
    assert live, "no unit attacked: the test needs a week with ground attacks"
    assert all(u.strength < 2 * SECTION_SIZE for u in live)


def test_airstrike_kills_grow_with_the_concentration_struck_without_a_cap():
    model = CeasefireModel(map="coarse", rng=5)
    cell = next(iter(c for c in np.argwhere(model.afghan)))
    unit = next(iter(model.agents_by_type[TalibanUnit]))
    unit.cell = model.grid[tuple(int(v) for v in cell)]
    unit.strength = 20_000.0
    battle = Battlefield(model)
    battle.taliban = {unit.cell.coordinate: [unit]}
    battle.air, battle.lethality = 1.0, 1.0
    logged = []
    battle.record = lambda cell, kind, initiator, taliban=0, **_: logged.append(taliban)
    support = np.zeros(model.map.shape)
    for _ in range(20):
        battle.airstrikes(support)
    assert np.mean(logged) > 150  # 1.5 + 0.01 * 20,000 = 201.5 expected, once capped at 15


def test_units_meet_less_often_in_a_larger_cell(monkeypatch, stub, sanctuary):
    from ceasefire.model import coalescence

    assert coalescence.area_scale(SimpleNamespace(res_deg=0.125)) == 1.0
    assert coalescence.area_scale(SimpleNamespace(res_deg=0.25)) == 0.25  # four times the area
    rates = []
    monkeypatch.setattr(coalescence, "_coalesce_group", lambda rng, group, rate: rates.append(rate))
    cells = [(1, 1), (1, 1)]
    units = [TalibanUnit(stub, stub.grid[c], 200.0, sanctuary, 1.0, 0.8) for c in cells]
    stub.params["coalescence_rate"] = 0.4
    for res_deg in (0.125, 0.25):
        stub.map = SimpleNamespace(shape=(5, 5), res_deg=res_deg)
        coalesce(stub, units, np.array(cells), np.full(2, Mode.FIGHT))
    assert rates == [0.4, 0.1]
