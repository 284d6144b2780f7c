"""The government's consolidation: threatened rural garrisons withdraw into the capitals."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.model import consolidation
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.consolidation import CONSOLIDATION_TRIGGER, WITHDRAWAL_LOSS
from ceasefire.model.districts import capital_mask
from ceasefire.model.mechanisms import switch_name


def held(model: CeasefireModel) -> list[AfghanForce]:
    return [f for f in model.agents_by_type[AfghanForce] if f.post != Post.MOBILE]


def rural_with_capital(model: CeasefireModel) -> tuple[AfghanForce, AfghanForce]:
    """A rural garrison and the garrison of its province's capital."""
    capitals = model.government.consolidation.capital_garrisons(held(model))
    provinces = model.government.brokers.province_of
    rural = next(
        f
        for f in held(model)
        if not capital_mask()[f.district] and int(provinces[f.district]) in capitals
    )
    return rural, capitals[int(provinces[rural.district])]


def lose_share(model: CeasefireModel, share: float) -> None:
    """Mark ``share`` of the districts the government held at the start as lost in week 1."""
    record = model.districts
    held_at_start = np.flatnonzero(record.fall_week != 0)
    record.fall_week[held_at_start[: int(np.ceil(share * len(held_at_start)))]] = 1


@pytest.fixture
def model() -> CeasefireModel:
    return CeasefireModel(map="coarse", rng=3)


def test_the_order_comes_once_the_trigger_share_is_lost(model):
    order = model.government.consolidation
    lose_share(model, CONSOLIDATION_TRIGGER / 2)
    order.update(5)
    assert order.ordered_week is None
    lose_share(model, CONSOLIDATION_TRIGGER)
    assert order.lost_share() >= CONSOLIDATION_TRIGGER
    order.update(6)
    order.update(7)
    assert order.ordered_week == 6  # given once


def withdraw(model, forces, ratio, isolation) -> None:
    model.government.consolidation.withdraw(forces, np.array(ratio), np.array(isolation))


def test_a_threatened_garrison_on_an_open_road_joins_its_capital(model, monkeypatch):
    monkeypatch.setattr(consolidation, "WITHDRAWAL_RATE", 1e6)  # certain
    model.government.consolidation.ordered_week = 1
    rural, capital = rural_with_capital(model)
    before, men = capital.strength, rural.strength
    withdraw(model, [rural, capital], [1.0, 1.0], [0.0, 0.0])
    assert rural.cell is None and capital.cell is not None  # the capital does not withdraw
    assert capital.strength == pytest.approx(before + men * (1.0 - WITHDRAWAL_LOSS))
    assert model.districts.fall_week[rural.district] == model.steps
    assert model.events.week.andsf_surrendered == pytest.approx(men * WITHDRAWAL_LOSS)
    assert model.garrisons.recent_falls[rural.district] == 1.0  # the neighbours hear of it


@pytest.mark.parametrize("case", ["no order", "switch off", "no threat", "cut off", "capital lost"])
def test_no_withdrawal_without_order_threat_road_or_capital(model, monkeypatch, case):
    monkeypatch.setattr(consolidation, "WITHDRAWAL_RATE", 1e6)
    model.government.consolidation.ordered_week = None if case == "no order" else 1
    model.params[switch_name("consolidation")] = case != "switch off"
    rural, capital = rural_with_capital(model)
    forces = [rural] if case == "capital lost" else [rural, capital]
    ratio = [0.0 if case == "no threat" else 1.0] * len(forces)
    isolation = [1.0 if case == "cut off" else 0.0] * len(forces)
    withdraw(model, forces, ratio, isolation)
    assert rural.cell is not None and model.districts.fall_week[rural.district] < 0


class Draws:
    """A stand-in for the surrender stream that returns the uniforms it is given."""

    def __init__(self, values: list[float]) -> None:
        self.values = values

    def random(self, n: int) -> np.ndarray:
        return np.array(self.values[:n])


@pytest.mark.parametrize("ratio, isolation", [(0.2, 0.0), (0.8, 0.0), (0.8, 0.75), (1.0, 0.5)])
@pytest.mark.parametrize("side", [-1, 1])
def test_the_withdrawal_hazard_is_rate_times_threat_times_open_road(
    model, monkeypatch, ratio, isolation, side
):
    """A draw just below ``1 - exp(-WITHDRAWAL_RATE r (1 - I))`` withdraws, just above stays."""
    model.government.consolidation.ordered_week = 1
    rural, capital = rural_with_capital(model)
    chance = -np.expm1(-consolidation.WITHDRAWAL_RATE * ratio * (1.0 - isolation))
    draws = Draws([chance + side * 1e-9, 0.0])
    monkeypatch.setattr(model, "streams", dataclasses.replace(model.streams, surrender=draws))
    withdraw(model, [rural, capital], [ratio, 1.0], [isolation, 0.0])
    assert (rural.cell is None) == (side < 0)


def test_a_run_abandons_districts_only_with_the_switch_on():
    kinds = {}
    for on in (True, False):
        model = CeasefireModel(map="coarse", rng=1)
        model.params[switch_name("consolidation")] = on
        for _ in range(24):
            model.step()
        kinds[on] = set(model.districts.fall_kind)
    assert "withdrawal" in kinds[True] and "withdrawal" not in kinds[False]
