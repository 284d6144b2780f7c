"""Shared fixtures and helpers of the Ceasefire test suite.

Almost everything runs on the coarse 0.25 degree map, which builds in about 0.1 s and steps in
about 12 ms. Finished runs are shared through session-scoped fixtures so that the invariant
tests look at the same few runs instead of re-running the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import mesa
import numpy as np
import pytest
from mesa.discrete_space import OrthogonalMooreGrid

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model import CeasefireModel, PolicyTimeline, resolve, simulate
from ceasefire.model.afpak_map import AFG, PAK
from ceasefire.model.ceasefire_model import START_DATE
from ceasefire.model.districts import DistrictRecord
from ceasefire.model.streams import Streams
from ceasefire.model.ttp import BELIEVED_ALLIANCE, TTP_ATTACKS_PER_WEEK
from ceasefire.model.united_states import UnitedStates

COARSE = {"map": "coarse"}
INVARIANT_STEPS = 60

# Runs whose invariants are checked: the status quo, fixed maximal Pakistani pressure, and a
# quick collapse of the government (exercises garrison losses and the takeover code path).
VARIANTS: dict[str, tuple[dict[str, Any], int]] = {
    "status_quo": ({}, 1),
    "high_pressure": ({"pakistan_pressure": 1.0, "fatf_offer": 0.8, "conditionality": 1.0}, 2),
    "collapse": ({"taliban_fighters": 150000, "andsf_personnel": 40000, "withdrawal_week": 5}, 3),
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: replicated statistical tests (run by default; deselect with -m 'not slow')",
    )


def run_model(
    params: dict[str, Any] | None = None,
    seed: int = 0,
    steps: int = 20,
    timeline: PolicyTimeline | None = None,
) -> CeasefireModel:
    """Build a model (coarse map unless ``params`` says otherwise) and run ``steps`` weeks."""
    return simulate({**COARSE, **(params or {})}, seed, steps, timeline)


@pytest.fixture(scope="session")
def run_factory():
    """The :func:`run_model` helper, as a fixture for test modules that prefer injection."""
    return run_model


# --------------------------------------------------------------------------- traced runs
def _span(values) -> tuple[float, float]:
    values = list(values)
    if not values:
        return (np.nan, np.nan)
    return (float(min(values)), float(max(values)))


@dataclass
class TracedRun:
    """A finished run plus checks of the agents' state taken after every step."""

    name: str
    model: CeasefireModel
    initial_population: float
    snapshots: list[dict[str, Any]] = field(default_factory=list)


def _snapshot(model: CeasefireModel) -> dict[str, Any]:
    country = model.map.layers["country"]
    units = list(model.agents_by_type.get(TalibanUnit, []))
    forces = list(model.agents_by_type.get(AfghanForce, []))
    layers = model.layers
    return {
        "step": model.steps,
        "n_units": len(units),
        "n_forces": len(forces),
        "unit_strength": _span(u.strength for u in units),
        "force_strength": _span(f.strength for f in forces),
        "unit_supply": _span(u.supply for u in units),
        "unit_morale": _span(u.morale for u in units),
        "force_morale": _span(f.morale for f in forces),
        "units_off_legal": sum(not model.taliban_legal[u.cell.coordinate] for u in units),
        "forces_off_afghan": sum(country[f.cell.coordinate] != AFG for f in forces),
        "sanctuaries_off_pakistan": sum(
            country[s.cell.coordinate] != PAK for s in model.sanctuaries
        ),
        "capacity": _span(s.capacity for s in model.sanctuaries),
        "taliban_strength": sum(u.strength for u in units),
        "andsf_strength": sum(f.strength for f in forces),
        "population": float((layers["residents"] + layers["displaced"]).sum()),
        "layer_span": {
            name: (float(layers[name].min()), float(layers[name].max()))
            for name in ("control", "support", "grievance", "residents", "displaced")
        },
    }


@pytest.fixture(scope="session", params=list(VARIANTS))
def traced_run(request) -> TracedRun:
    """A coarse 60-week run per variant, with the agents' state checked after every step."""
    params, seed = VARIANTS[request.param]
    model = CeasefireModel({**COARSE, **params}, seed=seed)
    population = float((model.layers["residents"] + model.layers["displaced"]).sum())
    traced = TracedRun(request.param, model, population)
    for _ in range(INVARIANT_STEPS):
        model.step()
        traced.snapshots.append(_snapshot(model))
    return traced


@pytest.fixture(scope="session")
def status_quo_run() -> CeasefireModel:
    """One finished coarse 60-week status-quo run (seed 1), shared read-only."""
    return run_model({}, seed=1, steps=INVARIANT_STEPS)


# --------------------------------------------------------------------------- stub model
class StubModel(mesa.Model):
    """The least a submodel needs: parameters, a small grid, the US actor and the districts.

    Lets agents and actors be unit-tested without building the map or placing thousands of
    agents.
    """

    def __init__(self, seed: int = 0, shape: tuple[int, int] = (5, 5), **overrides: Any) -> None:
        super().__init__(rng=seed)
        self.params = resolve(overrides)
        self.streams = Streams.from_seed(seed)
        self.takeover = False
        self.grid = OrthogonalMooreGrid(shape, torus=False, random=self.random)
        self.us = UnitedStates(self)
        self.us.update(1)
        self.ttp = StubTTP(bool(self.params["mechanisms.ttp_blowback"]))
        self.districts = DistrictRecord()  # the leadership's campaign counts the falls

    @property
    def date(self) -> dt.date:
        return START_DATE + dt.timedelta(weeks=max(self.steps, 1) - 1)


class StubTTP:
    """The TTP as Pakistan sees it, at its level at the start (no map needed)."""

    reference_attacks = TTP_ATTACKS_PER_WEEK

    def __init__(self, active: bool) -> None:
        self.active = active

    def feared_attacks(self, pressure: np.ndarray) -> np.ndarray:
        scale = TTP_ATTACKS_PER_WEEK if self.active else 0.0
        return scale * (1.0 + BELIEVED_ALLIANCE * pressure)


@pytest.fixture
def stub() -> StubModel:
    return StubModel()


@pytest.fixture
def sanctuary(stub: StubModel) -> Sanctuary:
    return Sanctuary(stub, stub.grid[(0, 0)], "Quetta", 1.0)
