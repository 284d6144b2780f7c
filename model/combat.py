"""Violence: ground attacks, government raids, airstrikes, IEDs, complex and spoiler attacks.

Each mechanism turns the week's positions into events with Poisson-distributed deaths whose
means scale with the size of the groups involved, so that the heavy tail of Taliban group sizes
(coalescence and fragmentation, Bohorquez et al. 2009) becomes a heavy tail of event severity.
Combat power follows a square-root (mixed Lanchester) law: a side's losses grow with the other
side's share of the combatants in the cell. US air support multiplies government combat power.
All rates are calibration constants documented in ``docs/ODD.md``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.taliban_unit import Mode, TalibanUnit
from ceasefire.model.coalescence import disperse
from ceasefire.model.complex_attacks import complex_attacks
from ceasefire.model.events import INJURED_PER_KILLED, Casualties
from ceasefire.model.exposure import government_exposure, urban_share

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

ATTACK_RATE = 1.2
"""Weekly attack hazard of Taliban units sharing a cell with a garrison, at full intensity."""
RAID_PROBABILITY = 0.6
"""Weekly probability that a mobile ANDSF unit raids Taliban units in its cell."""
AIRSTRIKES_PER_WEEK = 10.0
"""Airstrikes per week at full US air support."""
IED_RATE = 0.08
"""Weekly IED hazard of a 50-fighter unit at full intensity."""
ATTACKER_LETHALITY = 0.04
"""Government deaths per attacking fighter when attackers vastly outnumber defenders."""
DEFENDER_LETHALITY = 0.03
"""Taliban deaths per attacking fighter when defenders (with air support) vastly outnumber them."""
RAID_LETHALITY = 0.02
"""Deaths per Taliban fighter present in a raid, for each side, before force ratios."""
CROSSFIRE = 0.012
"""Civilians killed per attacking fighter in a ground attack in a city (scaled by urban share)."""
IED_KILLS = 1.5
"""Expected deaths of a fully exposed patrol from one IED (about a third as many civilians)."""
SPOILER_CIVILIAN_KILLS = 8.0
"""Expected civilians killed in a high-profile spoiler attack in a city."""
COORDINATED_SIZE = 150.0
"""Fighters above which an attack on a garrison is an offensive that needs the command capacity
of the leadership (several sub-commanders, logistics; assumed; range 100-300)."""
SURRENDER_RATIO = 1.0
"""A garrison may give up when its effective strength falls below this multiple of the attackers."""


class Battlefield:
    """One week of violence on the model's current positions.

    Args:
        model: the model (agents, layers, random generator, event log).
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        self.streams = model.streams
        self.rng = model.streams.ground_attacks
        self.lethality = model.params["lethality"]
        self.air = model.us.air_support
        self.attackers: list[TalibanUnit] = []
        """Units that made a ground attack this week (they may scatter at its end)."""
        self.taliban = defaultdict(list)
        for unit in model.agents_by_type.get(TalibanUnit, []):
            self.taliban[unit.cell.coordinate].append(unit)
        self.forces = defaultdict(list)
        for force in model.agents_by_type.get(AfghanForce, []):
            self.forces[force.cell.coordinate].append(force)

    def poisson(self, mean: float) -> int:
        """Draw a Poisson count scaled by the model's lethality."""
        return int(self.rng.poisson(max(0.0, mean * self.lethality)))

    def civilian_losses(self, cell: tuple[int, int], mean_killed: float) -> tuple[int, int]:
        """Civilians killed and injured in ``cell`` for a given expected number killed.

        Nobody is harmed in a cell without residents, and no more can be killed than live there.
        """
        residents = int(self.model.layers["residents"][cell])
        if residents < 1:
            return 0, 0
        killed = min(residents, self.poisson(mean_killed))
        return killed, self.poisson(mean_killed * INJURED_PER_KILLED)

    def density(self, cell: tuple[int, int]) -> float:
        """Residents present in ``cell`` per km2."""
        return float(self.model.layers["residents"][cell] / self.model.cell_area_km2[cell])

    def record(
        self, cell, kind, initiator, government=0, taliban=0, civilians=(0, 0), fighters=None
    ) -> None:
        """Apply deaths to the agents in ``cell`` and log the event.

        Taliban deaths fall on ``fighters`` (the units involved), or on every unit in the cell.
        """
        fighters = self.taliban.get(cell, []) if fighters is None else fighters
        garrison = self.forces.get(cell, [])
        taliban = _distribute(fighters, taliban)
        government = _distribute(garrison, government)
        losses = Casualties(government, taliban, civilians[0], civilians[1])
        self.model.events.record(self.model.steps, self.model.date, cell, kind, initiator, losses)

    def run(self, posture: float, support: np.ndarray) -> None:
        """Resolve every mechanism for this week.

        Args:
            posture: the Taliban leadership's posture, 0 to 1.
            support: civilian support for the Taliban per cell (intelligence for the government).
        """
        self.ground_attacks(posture)
        fighting_days = 1.0 - self.model.negotiation.pause_share  # no raids or strikes in a pause
        if fighting_days > 0.0 and not self.model.takeover:
            self.government_raids(support, fighting_days)
            self.airstrikes(support, fighting_days)
        self.ieds(posture)
        if self.model.params["mechanisms.complex_attacks"]:
            complex_attacks(self, posture, fighting_days)
        self.spoiler_attacks()
        self._remove_dead()
        disperse(self.model, self.attackers)

    def ground_attacks(self, posture: float) -> None:
        """Each fighting unit sharing a cell with a garrison may attack it; garrisons may fall.

        A unit's weekly hazard grows with the leadership's posture and its own readiness
        (supply, fatigue); an offensive by a group larger than ``COORDINATED_SIZE`` also needs the
        leadership's command capacity. The attacking group is the unit, so that attack severity
        inherits the heavy-tailed distribution of unit sizes (Bohorquez et al. 2009).
        """
        self.rng = self.streams.ground_attacks
        command = self.model.leadership.command_capacity
        for cell in sorted(self.taliban.keys() & self.forces.keys()):
            attackers = [u for u in self.taliban[cell] if u.mode == Mode.FIGHT]
            rate = np.array(
                [
                    u.readiness * (command if u.strength > COORDINATED_SIZE else 1.0)
                    for u in attackers
                ]
            )
            hazard = 1.0 - np.exp(-ATTACK_RATE * posture * rate)
            strikes = self.rng.random(len(attackers)) < hazard
            for unit in (u for u, hit in zip(attackers, strikes, strict=True) if hit):
                garrison = sum(f.strength for f in self.forces[cell])
                if garrison <= 0:
                    break
                a, d = unit.strength, (1.0 + self.air) * garrison
                self.record(
                    cell,
                    "ground_attack",
                    "taliban",
                    government=self.poisson(ATTACKER_LETHALITY * a * np.sqrt(a / (a + d))),
                    taliban=self.poisson(DEFENDER_LETHALITY * a * np.sqrt(d / (a + d))),
                    civilians=self.civilian_losses(
                        cell, CROSSFIRE * a * urban_share(self.density(cell))
                    ),
                    fighters=[unit],
                )
                self.attackers.append(unit)
            if strikes.any():
                self._maybe_surrender(cell)

    def _maybe_surrender(self, cell: tuple[int, int]) -> None:
        attackers = sum(u.strength for u in self.taliban[cell])
        campaign = self.model.leadership.campaign
        for force in list(self.forces[cell]):
            if force.post == Post.MOBILE:
                continue
            initiative = campaign.initiative * campaign.reach[force.district]
            effective = (1.0 + self.air) * force.strength
            beaten = effective < SURRENDER_RATIO * attackers and self.rng.random() > force.morale
            if beaten and (initiative >= 1.0 or self.rng.random() < initiative):
                self.model.garrison_lost(force, "assault")
                self.forces[cell].remove(force)

    def government_raids(self, support: np.ndarray, days: float = 1.0) -> None:
        """Mobile ANDSF units raid a Taliban unit in their cell, found through local intelligence.

        The target is drawn with probability proportional to unit strength (larger groups are
        easier to find). ``days`` is the share of the week without a pause.
        """
        self.rng = self.streams.raids
        for cell, forces in sorted(self.forces.items()):
            mobile = sum(f.strength for f in forces if f.post == Post.MOBILE)
            fighters = self.taliban.get(cell)
            if mobile <= 0 or not fighters or self.rng.random() >= RAID_PROBABILITY * days:
                continue
            sizes = np.array([u.strength for u in fighters])
            target = fighters[self.rng.choice(len(fighters), p=sizes / sizes.sum())]
            a, m = target.strength, (1.0 + self.air) * mobile
            intel = 1.0 - float(support[cell])
            self.record(
                cell,
                "government_raid",
                "government",
                government=self.poisson(RAID_LETHALITY * a * np.sqrt(a / (a + m))),
                taliban=self.poisson(RAID_LETHALITY * a * np.sqrt(m / (a + m)) * (0.5 + intel)),
                civilians=self.civilian_losses(
                    cell, 0.25 * CROSSFIRE * a * urban_share(self.density(cell))
                ),
                fighters=[target],
            )

    def airstrikes(self, support: np.ndarray, days: float = 1.0) -> None:
        """US and Afghan aircraft strike Taliban concentrations the population reveals.

        ``days`` is the share of the week without a pause.
        """
        self.rng = self.streams.airstrikes
        cells = [c for c in sorted(self.taliban) if self.model.afghan[c]]
        if not cells:
            return
        weight = np.array(
            [sum(u.strength for u in self.taliban[c]) * (1.0 - support[c]) for c in cells]
        )
        air_force = self.model.logistics.air_force
        count = self.rng.poisson(AIRSTRIKES_PER_WEEK * (self.air + air_force) * days)
        if count == 0 or weight.sum() <= 0:
            return
        for i in self.rng.choice(len(cells), size=count, p=weight / weight.sum()):
            cell = cells[i]
            a = sum(u.strength for u in self.taliban[cell])
            self.record(
                cell,
                "airstrike",
                "government",
                taliban=self.poisson(1.5 + 0.01 * a),
                civilians=self.civilian_losses(cell, 0.4 * (0.2 + urban_share(self.density(cell)))),
            )

    def ieds(self, posture: float) -> None:
        """Units in the field plant IEDs that strike patrols and passers-by."""
        self.rng = self.streams.ieds
        planters = [
            (cell, unit)
            for cell, units in sorted(self.taliban.items())
            for unit in units
            if unit.mode == Mode.FIGHT and self.model.afghan[cell]
        ]
        strength = np.array([unit.strength for _, unit in planters])
        readiness = np.array([unit.readiness for _, unit in planters])
        hazard = 1.0 - np.exp(-IED_RATE * posture * readiness * np.sqrt(strength / 50.0))
        presence = self.model.layers["government_presence"]
        for i in np.flatnonzero(self.rng.random(len(planters)) < hazard):
            cell = planters[i][0]
            exposure = government_exposure(float(presence[cell]))
            self.record(
                cell,
                "ied",
                "taliban",
                government=self.poisson(IED_KILLS * exposure),
                civilians=self.civilian_losses(
                    cell, 0.35 * IED_KILLS * (0.3 + urban_share(self.density(cell)))
                ),
            )

    def spoiler_attacks(self) -> None:
        """Hardliners stage high-profile attacks in cities, more so as talks advance.

        The rate is the spoiler faction's (:mod:`ceasefire.model.negotiation.spoilers`): its
        weight, its own command capacity (planning, suicide bombers, vehicles) and the
        progress of the talks.
        """
        self.rng = self.streams.spoilers
        model = self.model
        rate = model.negotiation.spoiler_rate()
        targets = model.afghan_cities
        if model.takeover or not targets:
            return
        weights = np.array([c.population for c in targets], dtype=float)
        for i in self.rng.choice(
            len(targets), size=self.rng.poisson(rate), p=weights / weights.sum()
        ):
            city = targets[i]
            model.events.week.spoiler_attacks += 1
            self.record(
                (city.x, city.y),
                "spoiler_attack",
                "taliban",
                government=self.poisson(2.0),
                civilians=self.civilian_losses((city.x, city.y), SPOILER_CIVILIAN_KILLS),
            )

    def _remove_dead(self) -> None:
        """Remove units and forces reduced below one person (removed agents have no cell)."""
        for units in self.taliban.values():
            for unit in units:
                if unit.strength < 1.0 and unit.cell is not None:
                    unit.remove()
        for forces in self.forces.values():
            for force in forces:
                if force.strength < 1.0:
                    self.model.garrison_lost(force, "destroyed")


def _distribute(agents: list, deaths: int) -> int:
    """Spread ``deaths`` over ``agents`` by strength; return the deaths that could be applied."""
    total = sum(a.strength for a in agents)
    if total <= 0 or deaths <= 0:
        return 0
    deaths = int(min(deaths, np.floor(total)))
    for agent in agents:
        agent.take_losses(deaths * agent.strength / total)
    return deaths
