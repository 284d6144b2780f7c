"""The Ceasefire model: Taliban violence in Afghanistan under external pressure.

One step is one week from 12 February 2021. The weekly schedule (see ``docs/ODD.md``):

1. levers scheduled in the policy timeline take effect;
2. the United States sets troop presence and air support; Pakistan chooses its pressure;
   sanctuaries lose or regain capacity; the Taliban leadership sets the campaign intensity;
3. part-time Taliban fighters go home or come back (the farming year); Taliban units choose to
   fight or recover, move, merge and split; mobile ANDSF units move;
4. violence: ground attacks, raids, airstrikes, IEDs, complex and spoiler attacks
   (``combat.Battlefield``);
5. forces recover, recruits form new units, control and civilian communities update;
6. the talks count the week, learn and reassess, agree or retract agenda items; the week's
   row is recorded. (The sides choose whether to pause before step 2's posture.)
"""

from __future__ import annotations

import copyreg
import datetime as dt
import weakref
from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np
from mesa.discrete_space import OrthogonalMooreGrid
from scipy.ndimage import gaussian_filter

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.civilian_community import CivilianLayers, update_communities
from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.model import initial_state, terrain
from ceasefire.model.afpak_map import AFG, load_map
from ceasefire.model.coalescence import coalesce
from ceasefire.model.combat import Battlefield
from ceasefire.model.control import taliban_control_share, update_control, update_presence
from ceasefire.model.district_weeks import DistrictWeeks
from ceasefire.model.districts import DistrictRecord
from ceasefire.model.events import EventLog, WeekTally
from ceasefire.model.government import AfghanGovernment
from ceasefire.model.leadership import TalibanLeadership
from ceasefire.model.logistics import Logistics
from ceasefire.model.movement import hops_per_week, move_mobile_forces, move_taliban
from ceasefire.model.negotiation import Negotiation
from ceasefire.model.observe import STEP_REPORTERS
from ceasefire.model.pakistan import Pakistan
from ceasefire.model.parameters import (
    SEED_BITS,
    ParameterError,
    resolve,
    seed_from,
    validate,
)
from ceasefire.model.recruitment import recruit
from ceasefire.model.seasons import send_home, tax_harvest
from ceasefire.model.streams import Streams
from ceasefire.model.surrender import Garrisons
from ceasefire.model.takeover import check_takeover
from ceasefire.model.timeline import PolicyTimeline
from ceasefire.model.ttp import PakistaniTaliban
from ceasefire.model.united_states import UnitedStates, known_season

START_DATE = dt.date(2021, 2, 12)
"""Date of the article (Weinstein 2021) and first day of week 1."""


def week_date(step: int) -> dt.date:
    """The first day of model week ``step`` (week 1 starts on :data:`START_DATE`)."""
    return START_DATE + dt.timedelta(weeks=step - 1)


DYNAMIC_LAYERS = (
    "control",
    "support",
    "grievance",
    "residents",
    "displaced",
    "civilian_casualties",
    "recruit_pool",
    "violence",
    "taliban_presence",
    "government_presence",
)


def model_seed(rng: int | None, seed: int | None) -> int:
    """The integer seed of a run from Mesa's ``rng`` or the project's ``seed`` (not both).

    Raises:
        ParameterError: when both are given, or the seed is not an integer in ``[0, 2**53)``.
    """
    if rng is not None and seed is not None:
        raise ParameterError("give the seed as rng or as seed, not both")
    value = rng if rng is not None else seed
    if value is None:
        return seed_from(np.random.SeedSequence())
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ParameterError(f"seed {value!r} is not allowed; use an integer in [0, 2**53)")
    if not 0 <= value < 2**SEED_BITS:
        raise ParameterError(f"seed {value} is not allowed; use an integer in [0, 2**53)")
    return int(value)


def merge_parameters(
    parameters: Mapping[str, Any] | None, parameter_values: Mapping[str, Any]
) -> dict[str, Any]:
    """Parameters from a mapping and from keyword arguments, refusing a name given in both.

    Raises:
        ParameterError: for a parameter given both ways.
    """
    parameters = dict(parameters or {})
    twice = sorted(set(parameters) & set(parameter_values))
    if twice:
        raise ParameterError(f"parameter(s) {', '.join(twice)} given twice")
    return {**parameters, **parameter_values}


def release_cell_class_with(model: CeasefireModel) -> None:
    """Let the grid's cell class, and the map layers it holds, go when ``model`` is freed.

    Mesa (3.5) gives every grid a class of its own for its cells, with one property per
    property layer that holds the layer's array, and registers that class in :mod:`copyreg`'s
    global ``dispatch_table`` (for pickling cells), which never lets it go: without this every
    model a long-lived process builds (a sweep worker, the dashboard's sessions) would keep its
    map layers, about 0.8 MB, until the process ends.
    """
    weakref.finalize(model, copyreg.dispatch_table.pop, model.grid.cell_klass, None)


class CeasefireModel(mesa.Model):
    """Agent-based model of Taliban violence under US and Pakistani pressure.

    Parameters are given as a mapping, as keyword arguments (as ``mesa.batch_run`` and
    ``SolaraViz`` pass them), or both; either way they are validated against
    :data:`ceasefire.model.parameters.PARAMETERS` with the same errors.

    Args:
        parameters: parameter overrides (see :mod:`ceasefire.model.parameters`).
        rng: integer seed in ``[0, 2**53)``, as in Mesa; the same seed and parameters give
            identical output. ``None`` draws a fresh seed from the operating system's entropy
            (recorded in :attr:`seed`).
        seed: the same as ``rng`` (the project's earlier name); give one or the other.
        timeline: levers that change at given weeks.
        run_id: identifier written in every output row.
        **parameter_values: parameter overrides by name, e.g. ``fatf_offer=1.0``.

    Raises:
        ParameterError: for an unknown parameter, a disallowed value, a parameter given twice
            or a seed that is not an integer in ``[0, 2**53)``.

    Example:
        >>> model = CeasefireModel(map="coarse", pakistan_pressure=0.8, rng=1)  # doctest: +SKIP
    """

    def __init__(
        self,
        parameters: Mapping[str, Any] | None = None,
        *,
        rng: int | None = None,
        seed: int | None = None,
        timeline: PolicyTimeline | None = None,
        run_id: int = 0,
        **parameter_values: Any,
    ) -> None:
        seed = model_seed(rng, seed)
        super().__init__(rng=seed)
        self.seed = seed
        self.streams = Streams.from_seed(seed)
        self.run_id = run_id
        self.params = resolve(merge_parameters(parameters, parameter_values))
        self.initial_params = dict(self.params)
        self.timeline = timeline or PolicyTimeline()
        self.lever_log: list[dict[str, Any]] = []
        self._in_step = False
        self.map = load_map(self.params["map"])
        self._build_grid()
        self._build_terrain()
        self.us = UnitedStates(self)
        self.us.update(1)
        self.leadership = TalibanLeadership(self)
        self.government = AfghanGovernment(self)
        self.events = EventLog(self.map, run_id)
        self.datacollector = mesa.DataCollector(model_reporters=STEP_REPORTERS)
        self.takeover = False
        self.districts = DistrictRecord()
        self.logistics = Logistics(self)
        self.garrisons = Garrisons(self)
        self.district_weeks = DistrictWeeks()
        self.sanctuaries = initial_state.place_sanctuaries(self)
        self.sanctuary_index = np.full(self.map.shape, -1, dtype=np.int64)
        for i, sanctuary in enumerate(self.sanctuaries):
            self.sanctuary_index[sanctuary.cell.coordinate] = i
        initial_state.place_communities(self)
        initial_state.place_forces(self)
        initial_state.place_taliban(self)
        send_home(self, rate=1.0)
        update_presence(self)
        self.initial_andsf = self.andsf_strength()
        self.share_history = [self.taliban_control_share()]
        self.ttp = PakistaniTaliban(self)
        self.pakistan = Pakistan(self)
        self.border_crossings = 0
        self.fighters_detained = 0.0
        self.negotiation = Negotiation(self)

    # ------------------------------------------------------------------ set-up
    def _build_grid(self) -> None:
        self.grid = OrthogonalMooreGrid(self.map.shape, torus=False, random=self.random)
        release_cell_class_with(self)
        for name in DYNAMIC_LAYERS:
            self.grid.create_property_layer(name, 0.0, dtype=float)
        self.layers = {name: getattr(self.grid, name).data for name in DYNAMIC_LAYERS}
        self.civilians = CivilianLayers(
            residents=self.layers["residents"],
            displaced=self.layers["displaced"],
            support=self.layers["support"],
            grievance=self.layers["grievance"],
            recruit_pool=self.layers["recruit_pool"],
            casualties=self.layers["civilian_casualties"],
        )
        afg = self.map.layers["country"] == AFG
        self.afghan = afg
        self.populated = afg & (self.map.layers["population"] >= 100.0)
        self.layers["residents"][:] = np.where(self.populated, self.map.layers["population"], 0.0)
        self.cell_area_km2 = self.map.cell_area_km2()
        initial = initial_state.initial_control(self.map, self.layers["residents"])
        self.layers["control"][:] = np.where(afg, initial, 0.0)
        self.layers["support"][:] = np.where(afg, gaussian_filter(initial, 1.0), 0.0)

    def _build_terrain(self) -> None:
        self.taliban_legal = terrain.taliban_legal(self.map)
        self.government_legal = terrain.government_legal(self.map)
        self.hops = hops_per_week(self.map.km_per_cell)
        self.high_ground = self.map.layers["elevation_m"] > terrain.WINTER_SNOW_LINE_M
        self.afghan_cities = [c for c in self.map.cities if c.country == "AF"]
        cost = terrain.travel_cost(self.map)
        sources = [(town.x, town.y) for town, _ in initial_state.sanctuary_sites(self.map)]
        self.sanctuary_distance, self.nearest_sanctuary = terrain.finite_path_distance(
            cost, self.taliban_legal, sources
        )
        self.winter_sanctuary_distance = self.sanctuary_distance
        if self.params["mechanisms.winter_passes"]:
            self.winter_sanctuary_distance, _ = terrain.finite_path_distance(
                cost, self.taliban_legal & ~self.high_ground, sources
            )

    # ------------------------------------------------------------------ levers
    def set_lever(self, name: str, value: Any, source: str = "live") -> None:
        """Change a lever; it is in force from the next week (this week if called during a step).

        The log records the first week in which the new value is in force.

        Raises:
            ParameterError: if ``name`` is not a lever or ``value`` is not allowed.
        """
        new = validate({name: value}, levers_only=True)[name]
        old = self.params[name]
        if new != old:
            self.params[name] = new
            first_week = self.steps if self._in_step else self.steps + 1
            self.lever_log.append(
                {"step": first_week, "lever": name, "old": old, "new": new, "source": source}
            )

    @property
    def date(self) -> dt.date:
        """First day of the current week (week 0, the initial state, is the week before week 1)."""
        return week_date(self.steps)

    # ------------------------------------------------------------------ step
    def step(self) -> None:
        """Advance the model by one week."""
        self._in_step = True
        try:
            self._advance_week(self.steps)
        finally:
            self._in_step = False

    def _advance_week(self, week: int) -> None:
        for name, value in self.timeline.changes_at(week).items():
            self.set_lever(name, value, source="timeline")
        tally = self.events.start_week()
        self.us.update(week)
        self.logistics.update(week)
        pressure = self.pakistan.update()
        for sanctuary in self.sanctuaries:
            sanctuary.respond_to_pressure(pressure)
        self.negotiation.decide_pause(week)
        talks = self.negotiation
        self.leadership.update(
            week, pressure, talks.restraint, self.takeover, talks.hardliner_weight
        )
        send_home(self)
        tax_harvest(self)
        coalesce(self, *move_taliban(self))
        move_mobile_forces(self)
        update_presence(self, AfghanForce)  # mobile units moved
        Battlefield(self).run(self.leadership.posture, self.layers["support"])
        self.garrisons.step()
        recruit(self)
        update_presence(self)
        update_control(self)
        self.layers["residents"] -= np.minimum(tally.civilian_deaths, self.layers["residents"])
        update_communities(
            self.civilians,
            self.populated,
            self.layers["control"],
            tally.harm_by_taliban,
            tally.harm_by_government,
            self.layers["violence"],
            self.params["recruitment_rate"],
        )
        self.ttp.update(pressure, self.taliban_control_share())
        self.government.update(week)
        check_takeover(self)
        self._negotiate(tally)
        self._review_pakistan(tally)
        self.datacollector.collect(self)
        self.district_weeks.record(self)

    def garrison_lost(self, force: AfghanForce, kind: str = "assault") -> None:
        """A garrison is lost (``kind``: one of FALL_KINDS, model/outputs.py).

        The Taliban take its district; the control of its cell rises to at least the share of
        the cell's district centres they hold (1 when it held the cell's only centre).
        """
        if force.cell is None:  # already removed this week
            return
        if force.post != Post.MOBILE:
            cell = force.cell.coordinate
            self.districts.record_fall(force.district, self.steps, kind)
            self.garrisons.record_fall(force, kind)
            share = self.districts.lost_share(cell, self.map.resolution)
            self.layers["control"][cell] = max(float(self.layers["control"][cell]), share)
            self.events.week.garrisons_lost += 1
            self.events.week.andsf_surrendered += force.strength
        force.remove()

    def _negotiate(self, tally: WeekTally) -> None:
        """Record the Taliban-controlled share (the TTP reads it), then the talks."""
        self.share_history.append(self.taliban_control_share())
        self.negotiation.update(tally)

    def _review_pakistan(self, tally: WeekTally) -> None:
        """Washington and Islamabad count the week's violence; Washington may review."""
        self.us.observe(tally.fatalities)
        self.pakistan.observe(tally.fatalities, known_season(self.date))
        self.pakistan.learn(self.us.review(self.steps))

    # ------------------------------------------------------------------ observables
    def taliban_strength(self) -> float:
        """Fighters in all Taliban units."""
        return float(sum(u.strength for u in self.agents_by_type.get(TalibanUnit, [])))

    def andsf_strength(self) -> float:
        """Personnel in all ANDSF garrisons and mobile units."""
        return float(sum(f.strength for f in self.agents_by_type.get(AfghanForce, [])))

    def taliban_control_share(self) -> float:
        """Share of Afghanistan's residents in cells the Taliban control (control > 0.5)."""
        return taliban_control_share(self.layers)

    def sanctuary_capacity(self) -> float:
        """Mean capacity of the sanctuaries weighted by their base capacity, 0 to 1."""
        weights = [s.base_capacity for s in self.sanctuaries]
        return float(np.average([s.capacity for s in self.sanctuaries], weights=weights))

    @property
    def rows(self) -> list[dict[str, Any]]:
        """The weekly observations so far, one dict per week keyed by column name."""
        names = list(self.datacollector.model_vars)
        weeks = zip(*self.datacollector.model_vars.values(), strict=True)
        return [dict(zip(names, week, strict=True)) for week in weeks]
