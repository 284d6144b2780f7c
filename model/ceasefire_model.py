"""The Ceasefire model: Taliban violence in Afghanistan under external pressure.

One step is one week from 12 February 2021. The weekly schedule (see ``docs/ODD.md``):

1. levers scheduled in the policy timeline take effect;
2. the United States sets troop presence and air support; Pakistan chooses its pressure;
   sanctuaries lose or regain capacity; the Taliban leadership sets the campaign intensity;
3. Taliban units choose to fight or recover, move, merge and split; mobile ANDSF units move;
4. violence: ground attacks, raids, airstrikes, IEDs, spoiler attacks (``combat.Battlefield``);
5. forces recover, recruits form new units, control and civilian communities update;
6. negotiation progress and the cease-fire update; the week's row is recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import mesa
import numpy as np
from mesa.discrete_space import OrthogonalMooreGrid
from scipy.ndimage import gaussian_filter, uniform_filter

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.civilian_community import (
    CivilianLayers,
    update_communities,
)
from ceasefire.agents.taliban_unit import (
    MODES,
    REFERENCE_SIZE,
    SECTION_SIZE,
    Mode,
    TalibanUnit,
    weekly_decisions,
)
from ceasefire.model import initial_state, terrain
from ceasefire.model.actors import AfghanGovernment, Pakistan, TalibanLeadership, UnitedStates
from ceasefire.model.afpak_map import AFG, load_map
from ceasefire.model.combat import Battlefield
from ceasefire.model.events import EventLog, WeekTally
from ceasefire.model.negotiation import Negotiation, WarState
from ceasefire.model.outputs import csv_name, csv_value
from ceasefire.model.parameters import LEVERS, resolve, validate
from ceasefire.model.timeline import PolicyTimeline

START_DATE = dt.date(2021, 2, 12)
"""Date of the article (Weinstein 2021) and first day of week 1."""
MOVE_NOISE = 0.3
"""Scale of the Gumbel noise in movement (exploration), against about 1 score unit per cell."""
MOVE_INERTIA = 0.3
"""Score bonus for staying put (moving has a cost)."""
KM_PER_WEEK = 36.0
"""Distance a unit covers in a week (moves per week = this / cell size)."""
REFERENCE_WEEKLY_FATALITIES = 380.0
"""UCDP GED 2020 fatalities in Afghanistan per week, the yardstick of Pakistan's violence index."""
TAKEOVER_CONTROL_SHARE = 0.75
"""Taliban-controlled population share at which the government collapses."""
COLLAPSE_STRENGTH = 0.25
"""Share of the initial ANDSF strength below which the government collapses."""
CONTROL_RATE = 0.1
"""Weekly rate at which control moves toward the local balance of forces."""
SUPPORT_WEIGHT = 100.0
"""Armed men that the population's support is worth in the balance of control."""
SURRENDER_HAZARD = 1.0
"""Weekly surrender hazard of a fully encircled garrison with no morale and no air support."""
PRESENCE_LAYERS = {TalibanUnit: "taliban_presence", AfghanForce: "government_presence"}
"""Layer holding the summed strength of each armed agent type per cell."""
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


class CeasefireModel(mesa.Model):
    """Agent-based model of Taliban violence under US and Pakistani pressure.

    Args:
        parameters: parameter overrides (see :mod:`ceasefire.model.parameters`).
        seed: integer seed; the same seed and parameters give identical output.
        timeline: levers that change at given weeks.
        run_id: identifier written in every output row.
    """

    def __init__(
        self,
        parameters: Mapping[str, Any] | None = None,
        *,
        seed: int = 0,
        timeline: PolicyTimeline | None = None,
        run_id: int = 0,
    ) -> None:
        super().__init__(rng=seed)
        self.seed = seed
        self.run_id = run_id
        self.params = resolve(parameters)
        self.initial_params = dict(self.params)
        self.timeline = timeline or PolicyTimeline()
        self.lever_log: list[dict[str, Any]] = []
        self._in_step = False
        self.map = load_map(self.params["map"])
        self._build_grid()
        self._build_terrain()
        self.us = UnitedStates(self)
        self.us.update(1)
        self.pakistan = Pakistan(self)
        self.leadership = TalibanLeadership(self)
        self.government = AfghanGovernment(self)
        self.negotiation = Negotiation(self.params["initial_progress"])
        self.events = EventLog(self.map, run_id)
        self.rows: list[dict[str, Any]] = []
        self.takeover = False
        self.sanctuaries = initial_state.place_sanctuaries(self)
        self._sanctuary_index = np.full(self.map.shape, -1, dtype=np.int64)
        for i, sanctuary in enumerate(self.sanctuaries):
            self._sanctuary_index[sanctuary.cell.coordinate] = i
        initial_state.place_communities(self)
        initial_state.place_forces(self)
        initial_state.place_taliban(self)
        self._update_presence()
        self.initial_andsf = self.andsf_strength()
        self._loss_rates = np.zeros(2)  # smoothed weekly death rates: Taliban, ANDSF
        self._share_history = [self.taliban_control_share()]
        self._violence_index = 1.0
        self._recent_falls = 0.0

    # ------------------------------------------------------------------ set-up
    def _build_grid(self) -> None:
        self.grid = OrthogonalMooreGrid(self.map.shape, torus=False, random=self.random)
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
        self.hops = max(1, round(KM_PER_WEEK / self.map.km_per_cell))
        self.high_ground = self.map.layers["elevation_m"] > terrain.WINTER_SNOW_LINE_M
        self.afghan_cities = [c for c in self.map.cities if c.country == "AF"]
        cost = terrain.travel_cost(self.map)
        sources = [(town.x, town.y) for town, _ in initial_state.sanctuary_sites(self.map)]
        distance, self.nearest_sanctuary = terrain.path_distance(cost, self.taliban_legal, sources)
        finite = np.isfinite(distance)
        self.sanctuary_distance = np.where(finite, distance, distance[finite].max())

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
        return START_DATE + dt.timedelta(weeks=self.steps - 1)

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
        pressure = self.pakistan.update(self._violence_index)
        for sanctuary in self.sanctuaries:
            sanctuary.respond_to_pressure(pressure)
        intensity = self.leadership.update(
            week, self.sanctuary_capacity(), self.negotiation.in_ceasefire, self.takeover
        )
        season = terrain.fighting_season(self.date, self.params["seasonality"])
        self._coalesce_and_fragment(*self._move_taliban())
        self._move_mobile_forces()
        self._update_presence(AfghanForce)  # mobile units moved
        Battlefield(self).run(intensity, season, self.layers["support"])
        self._sustain_forces()
        self._recruit()
        self._update_presence()
        self._update_control()
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
        self._check_takeover()
        self._negotiate(week, tally)
        self._record(week, tally, intensity)

    def _fight_field(self) -> np.ndarray:
        presence = self.layers["government_presence"]
        weakness = np.where(presence > 0, 1.0 / (1.0 + presence / 500.0), 0.0)
        field = gaussian_filter(weakness, 3.0)
        field /= max(field.max(), 1e-12)
        winter = terrain.winter_closure(self.date) * self.high_ground
        # Scaled so that one cell of progress toward a target is worth about one unit of score.
        return 10.0 * (field + 0.3 * self.layers["support"] - 0.5 * winter)

    def _move_taliban(self) -> tuple[list[TalibanUnit], np.ndarray, np.ndarray]:
        """Decide, move and resupply all units; return them with their new cells and modes."""
        units = list(self.agents_by_type.get(TalibanUnit, []))
        if not units:
            return units, np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
        start = np.array([u.cell.coordinate for u in units])
        supply, morale, mode = weekly_decisions(
            np.array([u.supply for u in units]),
            np.array([u.morale for u in units]),
            np.array([int(u.mode) for u in units]),
            self.layers["support"][start[:, 0], start[:, 1]],
        )
        fields = np.stack([self._fight_field(), -self.sanctuary_distance])
        xy = terrain.ascend(
            start, fields, mode, self.taliban_legal, self.hops, self.rng, MOVE_NOISE, MOVE_INERTIA
        )
        sanctuary_of = self._sanctuary_index[xy[:, 0], xy[:, 1]]
        resting = (mode == Mode.RECOVER) & (sanctuary_of >= 0)
        gain = np.where(resting, self._resupply_rates()[sanctuary_of], 0.0)
        supply, morale = np.minimum(1.0, supply + gain), np.minimum(1.0, morale + gain)
        # Write back to the Mesa agents: plain Python values, cells only for units that moved.
        for unit, s_i, m_i, mode_i in zip(
            units, supply.tolist(), morale.tolist(), mode.tolist(), strict=True
        ):
            unit.supply, unit.morale, unit.mode = s_i, m_i, MODES[mode_i]
        for i in np.flatnonzero((xy != start).any(axis=1)).tolist():
            units[i].cell = self.grid[(int(xy[i, 0]), int(xy[i, 1]))]
        for i in np.flatnonzero(resting).tolist():
            units[i].sanctuary = self.sanctuaries[sanctuary_of[i]]
        return units, xy, mode

    def _resupply_rates(self) -> np.ndarray:
        return np.array([s.resupply_rate() for s in self.sanctuaries])

    def _move_mobile_forces(self) -> None:
        mobile = [f for f in self.agents_by_type.get(AfghanForce, []) if f.post == Post.MOBILE]
        if not mobile:
            return
        field = gaussian_filter(self.layers["taliban_presence"], 2.0)
        field += 0.5 * gaussian_filter(self.layers["violence"], 2.0)
        field *= 10.0 / max(field.max(), 1e-12)
        xy = np.array([f.cell.coordinate for f in mobile])
        xy = terrain.ascend(
            xy,
            field[None],
            np.zeros(len(mobile), dtype=np.int64),
            self.government_legal,
            self.hops,
            self.rng,
            MOVE_NOISE,
            MOVE_INERTIA,
        )
        for force, (x, y) in zip(mobile, xy, strict=True):
            force.cell = self.grid[(int(x), int(y))]

    def _coalesce_and_fragment(
        self, units: list[TalibanUnit], xy: np.ndarray, mode: np.ndarray
    ) -> None:
        """Fighting units sharing a cell merge; units break up at a size-proportional rate."""
        fighting = np.flatnonzero(mode == Mode.FIGHT)
        cell_ids = xy[fighting, 0] * self.map.shape[1] + xy[fighting, 1]
        order = np.argsort(cell_ids, kind="stable")
        _, starts, counts = np.unique(cell_ids[order], return_index=True, return_counts=True)
        crowded = counts > 1
        merge = self.rng.random(int(crowded.sum())) < self.params["coalescence_prob"]
        for start, count in zip(starts[crowded][merge], counts[crowded][merge], strict=True):
            group = fighting[order[start : start + count]]
            for i in group[1:]:
                units[group[0]].absorb(units[i])
        alive = [u for u in units if u.model is not None and u.cell is not None]
        strength = np.array([u.strength for u in alive])
        breaking = self.rng.random(len(alive)) < (
            self.params["fragmentation_rate"] * strength / REFERENCE_SIZE
        )
        for i in np.flatnonzero(breaking):
            alive[i].fragment()

    def _update_presence(self, *agent_types: type) -> None:
        """Sum the strength of each agent type per cell into its presence layer."""
        for agent_type in agent_types or (TalibanUnit, AfghanForce):
            layer = self.layers[PRESENCE_LAYERS[agent_type]]
            layer[:] = 0.0
            agents = list(self.agents_by_type.get(agent_type, []))
            if agents:
                xy = np.array([a.cell.coordinate for a in agents])
                np.add.at(layer, (xy[:, 0], xy[:, 1]), [a.strength for a in agents])

    def _sustain_forces(self) -> None:
        """Garrisons refill and regain morale, or give up when isolated without air support.

        Negotiated surrenders of isolated district garrisons, brokered by elders once US air
        support and contractor logistics were gone, drove the ANDSF's collapse in 2021 (SIGAR
        2022). The weekly hazard grows with the Taliban control around the garrison, its lack
        of morale and the lack of air support.
        """
        control = self.layers["control"]
        surrounding = uniform_filter(control, size=3, mode="nearest")
        air = self.us.air_support / max(self.params["us_air_support"], 1e-9)
        morale = self.government.morale
        for force in list(self.agents_by_type.get(AfghanForce, [])):
            cell = force.cell.coordinate
            force.recover(self.government.reinforcement, morale - 0.3 * float(control[cell]))
            if force.post == Post.MOBILE:
                continue
            hazard = SURRENDER_HAZARD * surrounding[cell] ** 2 * (1 - force.morale) * (1 - air)
            if self.rng.random() < hazard:
                self.garrison_lost(force)

    def _recruit(self) -> None:
        """Sanctuary and local recruits form new units (no recruiting once the war is won)."""
        if self.takeover:
            return
        rate = self.params["recruitment_rate"]
        for sanctuary in self.sanctuaries:
            if sanctuary.recruit(rate) >= 2 * SECTION_SIZE:
                unit = TalibanUnit(
                    self, sanctuary.cell, sanctuary.recruit_pool, sanctuary, supply=0.5
                )
                unit.mode = Mode.RECOVER
                sanctuary.recruit_pool = 0.0
        pool = self.layers["recruit_pool"]
        for x, y in np.argwhere(pool >= SECTION_SIZE):
            sanctuary = self.sanctuaries[self.nearest_sanctuary[x, y]]
            TalibanUnit(self, self.grid[(int(x), int(y))], float(pool[x, y]), sanctuary)
            pool[x, y] = 0.0

    def _update_control(self) -> None:
        """Move each Afghan cell's control toward the local balance of armed presence.

        Government forces hold only the cells they stand in (garrisons rarely patrolled
        beyond their posts); Taliban units project presence over a neighbourhood. The
        incumbent order (the current control, half) and the population's support (half) act
        as a prior worth ``SUPPORT_WEIGHT`` armed men: where neither side is present, control
        persists and drifts slowly toward support (Kalyvas 2006).
        """
        control = self.layers["control"]
        taliban = gaussian_filter(self.layers["taliban_presence"], 1.0)
        government = self.layers["government_presence"]
        prior = SUPPORT_WEIGHT * 0.5 * (control + self.layers["support"])
        target = (taliban + prior) / (taliban + government + SUPPORT_WEIGHT)
        if self.takeover:
            target = np.ones_like(control)
        control += np.where(self.afghan, CONTROL_RATE * (target - control), 0.0)
        violence = self.layers["violence"]
        violence *= 0.7
        violence += self.events.week.deaths

    def garrison_lost(self, force: AfghanForce) -> None:
        """A garrison is overrun or surrenders: the Taliban take its cell."""
        if force.cell is None:  # already removed this week
            return
        if force.post != Post.MOBILE:
            self.layers["control"][force.cell.coordinate] = 1.0
            self.events.week.garrisons_lost += 1
        force.remove()

    def _check_takeover(self) -> None:
        if self.takeover:
            return
        collapsed = self.andsf_strength() < COLLAPSE_STRENGTH * self.initial_andsf
        if self.taliban_control_share() >= TAKEOVER_CONTROL_SHARE or collapsed:
            self.takeover = True
            for force in list(self.agents_by_type.get(AfghanForce, [])):
                self.garrison_lost(force)
            np.maximum(
                self.layers["control"], np.where(self.afghan, 0.9, 0.0), out=self.layers["control"]
            )

    # ------------------------------------------------------------------ negotiation
    def _negotiate(self, week: int, tally: WeekTally) -> None:
        strength = np.array([max(self.taliban_strength(), 1.0), max(self.andsf_strength(), 1.0)])
        deaths = np.array([tally.taliban_deaths, tally.andsf_deaths])
        self._loss_rates += 0.25 * (deaths / strength - self._loss_rates)
        self._violence_index += 0.25 * (
            tally.fatalities / REFERENCE_WEEKLY_FATALITIES - self._violence_index
        )
        self._recent_falls = 0.8 * self._recent_falls + tally.garrisons_lost
        share = self.taliban_control_share()
        self._share_history.append(share)
        full_air = max(self.params["us_air_support"], 1e-9)
        air_now = self.us.air_support / full_air
        air_later = self.us.air_support_at(week + 26) / full_air
        self.government.update(air_now, share, self._recent_falls)
        hardliners = self.params["hardliner_share"]
        pressure = self.pakistan.pressure
        state = WarState(
            taliban_pain=float(
                1 - np.exp(-self._loss_rates[0] / 0.005 - (1 - self.sanctuary_capacity()))
            ),
            government_pain=float(1 - np.exp(-self._loss_rates[1] / 0.002)),
            momentum=share - self._share_history[max(0, len(self._share_history) - 9)],
            taliban_win_belief=min(1.0, share + 0.3 * hardliners + 0.3 * (1 - air_later)),
            government_win_belief=min(1.0, 1 - share + 0.2 * air_now),
            power_shift=max(0.0, air_now - air_later),
            spoiler_attacks=tally.spoiler_attacks,
            taliban_condition=1.0
            if not self.us.troops_present
            else min(1.0, 2.0 * pressure * (1 - hardliners)),
        )
        if not self.takeover:
            self.negotiation.update(week, state, self.rng)

    # ------------------------------------------------------------------ observables
    def taliban_strength(self) -> float:
        """Fighters in all Taliban units."""
        return float(sum(u.strength for u in self.agents_by_type.get(TalibanUnit, [])))

    def andsf_strength(self) -> float:
        """Personnel in all ANDSF garrisons and mobile units."""
        return float(sum(f.strength for f in self.agents_by_type.get(AfghanForce, [])))

    def taliban_control_share(self) -> float:
        """Share of Afghanistan's residents in cells the Taliban control (control > 0.5)."""
        people = self.layers["residents"] + self.layers["displaced"]
        return float(people[self.layers["control"] > 0.5].sum() / people.sum())

    def sanctuary_capacity(self) -> float:
        """Mean capacity of the sanctuaries weighted by their base capacity, 0 to 1."""
        weights = [s.base_capacity for s in self.sanctuaries]
        return float(np.average([s.capacity for s in self.sanctuaries], weights=weights))

    def _record(self, week: int, tally: WeekTally, intensity: float) -> None:
        row = {
            "run_id": self.run_id,
            "step": week,
            "date": self.date.isoformat(),
            "violent_events": tally.events,
            "fatalities": tally.fatalities,
            "civilian_casualties": tally.civilian_casualties,
            "negotiation_progress": round(self.negotiation.progress, 6),
            "ceasefire": int(self.negotiation.in_ceasefire),
            "pakistan_pressure": round(self.pakistan.pressure, 6),
            "taliban_strength": round(self.taliban_strength(), 2),
            "andsf_strength": round(self.andsf_strength(), 2),
            "taliban_control_share": round(self.taliban_control_share(), 6),
            "sanctuary_capacity": round(self.sanctuary_capacity(), 6),
            "displaced": round(float(self.layers["displaced"].sum()), 1),
            "campaign_intensity": round(intensity, 6),
            "us_troops_present": int(self.us.troops_present),
            "taliban_deaths": tally.taliban_deaths,
            "andsf_deaths": tally.andsf_deaths,
            "garrisons_lost": tally.garrisons_lost,
            "spoiler_attacks": tally.spoiler_attacks,
            "taliban_takeover": int(self.takeover),
        }
        for name in LEVERS:
            row[csv_name(name)] = csv_value(self.params[name])
        self.rows.append(row)
