"""Complex and suicide attacks staged by Taliban groups (``model/complex_attacks.py``, ODD 7.22)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from ceasefire.agents.taliban_unit import Mode, TalibanUnit
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.combat import Battlefield
from ceasefire.model.complex_attacks import (
    ATTACKER_DEATHS,
    COMPLEX_ATTACK_LETHALITY,
    COMPLEX_ATTACK_RATE,
    complex_attacks,
)


class Draws:
    """Returns the given uniform draws and records how many were asked for."""

    def __init__(self, draws: list[float]) -> None:
        self.draws = np.array(draws)

    def random(self, n: int) -> np.ndarray:
        assert n == len(self.draws)
        return self.draws


@pytest.fixture(scope="module")
def model() -> CeasefireModel:
    return CeasefireModel(map="coarse", rng=7)


def afghan_cell(model: CeasefireModel, *, populated: bool) -> tuple[int, int]:
    """An Afghan cell with (or without) residents and without government personnel."""
    residents = model.layers["residents"]
    free = model.afghan & (model.layers["government_presence"] == 0)
    free &= (residents > 1000) if populated else (residents == 0)
    return tuple(int(v) for v in np.argwhere(free)[0])


def battlefield(model, groups, draws) -> tuple[Battlefield, list[dict]]:
    """A battlefield holding only ``groups`` (cell, strength, mode), recording expected deaths."""
    units = iter(model.agents_by_type[TalibanUnit])
    field = Battlefield(model)
    field.taliban = {}
    for cell, strength, mode in groups:
        unit = next(units)
        unit.strength, unit.mode = strength, mode
        field.taliban.setdefault(cell, []).append(unit)
    field.streams = SimpleNamespace(complex_attacks=Draws(draws))
    field.poisson = lambda mean: mean  # expected deaths instead of draws
    field.civilian_losses = lambda cell, mean: (mean, 0)
    logged: list[dict] = []
    field.record = lambda cell, kind, initiator, **deaths: logged.append(
        dict(cell=cell, kind=kind, **deaths)
    )
    return field, logged


def crowd(model, cell) -> float:
    density = model.layers["residents"][cell] / model.cell_area_km2[cell]
    return density / (density + 125.0)  # URBAN_DENSITY


def test_every_group_has_the_same_chance_and_kills_in_proportion_to_its_size(model):
    cell = afghan_cell(model, populated=True)
    small, large = 20.0, 2000.0
    field, logged = battlefield(model, [(cell, small, Mode.FIGHT), (cell, large, Mode.FIGHT)], [0])
    units = field.taliban[cell]
    readiness = [u.readiness for u in units]
    command = model.leadership.command_capacity
    hazard = [
        -math.expm1(-COMPLEX_ATTACK_RATE * 0.8 * 0.5 * command * r * crowd(model, cell))
        for r in readiness
    ]
    # both just under their hazard: both attack whatever their size
    field.streams.complex_attacks = Draws([hazard[0] * 0.999, hazard[1] * 0.999])
    complex_attacks(field, posture=0.8, days=0.5)
    assert [e["kind"] for e in logged] == ["complex_attack"] * 2
    # no government personnel in the cell: every death is a civilian's
    assert [e["civilians"][0] for e in logged] == pytest.approx(
        [COMPLEX_ATTACK_LETHALITY * small, COMPLEX_ATTACK_LETHALITY * large]
    )
    assert [e["government"] for e in logged] == [0.0, 0.0]
    assert [e["taliban"] for e in logged] == [ATTACKER_DEATHS] * 2
    assert field.attackers == units  # they scatter at the week's end like any attacker
    # just over their hazard: neither attacks
    field, logged = battlefield(model, [(cell, small, Mode.FIGHT), (cell, large, Mode.FIGHT)], [0])
    field.streams.complex_attacks = Draws([hazard[0] * 1.001, hazard[1] * 1.001])
    complex_attacks(field, posture=0.8, days=0.5)
    assert logged == []


def test_deaths_are_shared_between_the_state_and_the_crowd(model):
    cell = afghan_cell(model, populated=True)
    field, logged = battlefield(model, [(cell, 500.0, Mode.FIGHT)], [0.0])
    presence = model.layers["government_presence"]
    saved = presence[cell]
    presence[cell] = 300.0  # exposure 300 / (300 + 100) = 0.75
    try:
        complex_attacks(field, posture=1.0, days=1.0)
    finally:
        presence[cell] = saved
    exposure, c = 0.75, crowd(model, cell)
    toll = COMPLEX_ATTACK_LETHALITY * 500.0
    (event,) = logged
    assert event["government"] == pytest.approx(toll * exposure / (exposure + c))
    assert event["civilians"][0] == pytest.approx(toll * c / (exposure + c))


def test_no_attacks_without_a_target_in_a_truce_after_a_takeover_or_by_resting_groups(model):
    empty = afghan_cell(model, populated=False)
    town = afghan_cell(model, populated=True)
    logs = []
    field, logged = battlefield(model, [(empty, 800.0, Mode.FIGHT)], [0.0])
    complex_attacks(field, posture=1.0, days=1.0)  # nothing worth attacking: hazard 0
    logs.append(logged)
    field, logged = battlefield(model, [(town, 800.0, Mode.FIGHT)], [0.0])
    complex_attacks(field, posture=1.0, days=0.0)  # a week-long truce
    logs.append(logged)
    field, logged = battlefield(model, [(town, 800.0, Mode.RECOVER), (town, 80.0, Mode.HIDE)], [])
    complex_attacks(field, posture=1.0, days=1.0)
    logs.append(logged)
    model.takeover = True
    try:
        field, logged = battlefield(model, [(town, 800.0, Mode.FIGHT)], [0.0])
        complex_attacks(field, posture=1.0, days=1.0)
        logs.append(logged)
    finally:
        model.takeover = False
    assert logs == [[], [], [], []]
    # the same town, outside a truce and before a takeover: the draw of 0 attacks
    field, logged = battlefield(model, [(town, 800.0, Mode.FIGHT)], [0.0])
    complex_attacks(field, posture=1.0, days=1.0)
    assert len(logged) == 1


def test_groups_cut_down_or_committed_to_a_ground_attack_this_week_do_not_stage_one(model):
    town = afghan_cell(model, populated=True)
    groups = [(town, 0.6, Mode.FIGHT), (town, 300.0, Mode.FIGHT), (town, 300.0, Mode.FIGHT)]
    field, logged = battlefield(model, groups, [0.0])  # only the third may stage
    field.attackers.append(field.taliban[town][1])  # the second assaulted a garrison
    complex_attacks(field, posture=1.0, days=1.0)
    assert len(logged) == 1 and field.attackers[-1] is field.taliban[town][2]


class EveryGroupAttacks:
    """Every hazard draw succeeds; the deaths are real Poisson draws."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)

    def random(self, n: int) -> np.ndarray:
        return np.zeros(n)

    def poisson(self, mean: float) -> int:
        return self.rng.poisson(mean)


def test_with_real_draws_the_mean_toll_is_proportional_to_the_group(model):
    town = afghan_cell(model, populated=True)
    mean_toll = {}
    for strength in (50.0, 500.0):
        field, logged = battlefield(model, [(town, strength, Mode.FIGHT)], [])
        del field.poisson, field.civilian_losses  # the real Poisson draws, lethality 1
        field.streams, field.lethality = SimpleNamespace(complex_attacks=EveryGroupAttacks(5)), 1.0
        for _ in range(400):
            field.attackers.clear()
            complex_attacks(field, posture=1.0, days=1.0)
        mean_toll[strength] = np.mean([e["civilians"][0] + e["government"] for e in logged])
    # no government in the cell: all deaths are civilians', Poisson with mean 0.1 per fighter
    assert mean_toll[50.0] == pytest.approx(5.0, rel=0.15)
    assert mean_toll[500.0] == pytest.approx(50.0, rel=0.05)


def weeks_of_war(weeks: int, **params) -> tuple[pd.DataFrame, pd.DataFrame]:
    model = CeasefireModel(map="coarse", rng=11, **params)
    for _ in range(weeks):
        model.step()
    return model.datacollector.get_model_vars_dataframe(), pd.DataFrame(model.events.rows)


def test_the_switch_turns_complex_attacks_off_and_on():
    steps, events = weeks_of_war(20)
    staged = events[events["event_kind"] == "complex_attack"]
    assert len(staged) > 0 and steps["complex_attacks"].sum() >= len(staged)
    steps, events = weeks_of_war(20, **{"mechanisms.complex_attacks": False})
    assert steps["complex_attacks"].sum() == 0
    assert (events["event_kind"] != "complex_attack").all()
