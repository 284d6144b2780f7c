"""Negotiated surrenders, desertion, and the garrisons' supply and pay (``docs/ODD.md`` 7.9).

In May and June 2021 district garrisons surrendered by the dozen, while US aircraft were still
in the country: "The militants enlisted village elders to visit the outposts bearing a message:
Surrender or die" (New York Times, 26 May 2021); garrisons cut off by road ran out of
"ammunition, food, water", police went unpaid for months, and "each collapse feeds the next in
the Afghan countryside" (SIGAR 2022; NYT). Each week every district garrison negotiates its
surrender with a hazard that grows with the Taliban force that can carry out the threat, its
isolation, its lack of supply, its pay arrears, its lack of morale, the recent surrenders of
its neighbours and the credibility of the Taliban's amnesty; it is not gated by US air support,
which enters only through what it delivers (the garrison's standing, air resupply). Deserters
leave every garrison each week at a rate that grows with arrears, isolation and lost morale.

Switches: ``surrender_deals`` (no deals: garrisons fall only in battle), ``surrender_cascade``
(neighbours' surrenders do not matter), ``amnesty`` (its credibility stays at its prior),
``unpaid_salaries`` (pay always arrives), ``customs_revenue`` (the loss of the border crossings'
customs does not reduce pay), ``desertion`` (nobody deserts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.ndimage import gaussian_filter

from ceasefire.agents.afghan_force import AfghanForce, Post
from ceasefire.agents.taliban_unit import Mode, TalibanUnit
from ceasefire.model.districts import (
    capital_mask,
    centre_distances_km,
    load_districts,
    same_province,
)

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

LOCAL_CONTROL_DRAG = 0.3
"""Fall in a force's morale target per unit of Taliban control in its own cell."""
THREAT_RADIUS_KM = 20.0
"""Scale of the Gaussian over which Taliban fighters threaten a garrison, km (range 10-40: a
day's move on foot or motorbike around a district centre; assumed)."""
ISOLATION_RADIUS_KM = 25.0
"""Scale of the Gaussian over which Taliban control isolates a garrison, km (range 15-50: the
median district, 925 km2, has a radius of about 17 km; assumed)."""
THREAT_RATIO = 1.0
"""Attackers per effective defender that make the threat "surrender or die" credible (range
0.5-3; as ``SURRENDER_RATIO`` in battle)."""
AIR_STANDING = 0.5
"""Rise of a garrison's standing per unit of air support, US and Afghan (range 0-1; half the
doubling it gets in battle, because a deal's threat is to a cut-off post; assumed)."""
STOCK_WEEKS = 6.0
"""Weeks a garrison's stock of ammunition, food and water lasts without resupply (range 3-12;
NYT May 2021, SIGAR 2022, qualitative; assumed)."""
GROUND_RESUPPLY = 0.5
"""Share of a full stock delivered by road in a week to a connected garrison at full
logistics (range 0.2-1; assumed)."""
AIR_RESUPPLY = 0.3
"""Share of a full stock delivered by air in a week to a cut-off garrison at full Air Force
readiness (range 0.1-0.6; SIGAR 2022: "medevacs, resupply, and troop movements in the air")."""
PAY_RELIABILITY = 0.8
"""Chance that a connected garrison's pay arrives in a week (range 0.6-0.95; SIGAR's payroll
audits; police unpaid for five months, NYT May 2021; assumed)."""
CUSTOMS_PAY_LOSS = 0.3
"""Fall in the chance that pay arrives when all the customs revenue of the border crossings is
lost (range 0-0.5: import duties were "about half" of domestic revenue, Finance Ministry to
Bloomberg, August 2021, but the ANDSF's salaries were mostly paid by donors through ASFF and
LOTFA, so the loss reaches pay only in part; assumed)."""
WEEKS_PER_MONTH = 4.33
REFERENCE_MORALE = 0.7
"""A garrison's morale at the start, against which lost morale is measured."""
ISOLATION_EFFECT = 1.5
"""Log-hazard of a deal per unit of isolation (range 0.5-3; full isolation x4.5; assumed)."""
SUPPLY_EFFECT = 1.5
"""Log-hazard per unit of stock missing (range 0.5-3; out of stock x4.5; assumed)."""
ARREARS_EFFECT = 0.25
"""Log-hazard per month of pay in arrears (range 0.1-0.5; five months x3.5; assumed)."""
MORALE_EFFECT = 2.0
"""Log-hazard per unit of morale lost (range 1-4; assumed)."""
CASCADE_EFFECT = 1.5
"""Log-hazard per unit of the neighbourhood's recent falls: the distance-weighted share of the
neighbouring districts that fell in the last weeks (range 0.5-3; all of them x4.5; assumed)."""
ELDERS_EFFECT = 1.0
"""Log-hazard per unit of Taliban support among the district's people above one half: elders
broker deals where the Taliban have standing (range 0-2; assumed)."""
CAPITAL_PROTECTION = 1.0
"""Share by which a provincial capital's deal hazard is lower while its power-broker is loyal
(range 0.8-1: in 2021 every capital fell to an assault or to its leaders' deal, none to its
garrison's own, ``docs/dev/research/issue13/capitals_fall.csv``)."""
DEFECTION_EFFECT = 1.5
"""Log-hazard of the garrisons of a province whose power-broker has defected (range 0.5-3; x4.5;
assumed)."""
CASCADE_DISTANCE_KM = 50.0
"""Distance over which a neighbour's surrender weighs, km (range 20-150; centres 30-60 km apart)."""
CASCADE_WEEKS = 4.0
"""Weeks over which the news of a surrender fades (range 2-8; Laghman: four of six districts
fell between 19 May and 13 July 2021, AAN)."""
SAME_PROVINCE = 1.0
"""Extra weight of a surrender in the same province (range 0-3: one chain of command, one
police chief, the same elders' networks)."""
AMNESTY_PRIOR = (3.0, 2.0)
"""Pseudo-counts of honoured and broken surrenders before 2021 (prior mean 0.6; range 1-10 each:
the Taliban had offered amnesty and safe passage for years; assumed)."""
AMNESTY_MEMORY = 0.98
"""Weekly retention of the counts of honoured and broken surrenders (range 0.95-1)."""
BREAK_AFTER = {"deal": 0.05, "assault": 0.2}
"""Chance that the Taliban kill those who surrendered, by how the garrison fell (Dawlatabad,
16 June 2021: 22 commandos shot as they surrendered after a battle; assumed)."""
DESERTION_BASE = 0.004
"""Weekly desertion of a paid, connected garrison at its initial morale (range 0.002-0.008:
ANDSF attrition of 2-3 % a month in the late 2010s, SIGAR; assumed)."""
DESERTION_EFFECTS = (0.2, 2.0, 1.0)
"""Log-rate of desertion per month of arrears, per unit of morale lost and per unit of
isolation (ranges 0-0.4, 0-3, 0-2; assumed)."""


def kernel_sum(layer: np.ndarray, radius_km: float, km_per_cell: float) -> np.ndarray:
    """``sum_j layer_j exp(-d_ij^2 / (2 r^2))`` at every cell, ``d`` in km (resolution-free)."""
    sigma = radius_km / km_per_cell
    impulse = np.zeros((2 * int(np.ceil(4 * sigma)) + 1,) * 2)
    centre = impulse.shape[0] // 2
    impulse[centre, centre] = 1.0
    weight = gaussian_filter(impulse, sigma, mode="constant")[centre, centre]
    return gaussian_filter(layer, sigma, mode="constant") / weight


def afghan_mean(model: CeasefireModel, layer: np.ndarray, sigma: float) -> np.ndarray:
    """Gaussian mean of ``layer`` over Afghan cells only (Pakistan's cells hold no control)."""
    afghan = model.afghan.astype(float)
    weight = gaussian_filter(afghan, sigma, mode="constant")
    return gaussian_filter(layer * afghan, sigma, mode="constant") / np.maximum(weight, 1e-12)


def standing(strength: float, air: float, air_force: float) -> float:
    """A garrison's effective strength against a threat, with US and Afghan air support."""
    return strength * (1.0 + AIR_STANDING * (air + air_force))


class Garrisons:
    """The district garrisons' supply, pay and will to hold, indexed by district.

    Attributes:
        supply: stock of each garrison, 0 (empty) to 1 (full).
        arrears: months of pay owed to each garrison.
        recent_falls: each district's fall, 1 in its week and fading over ``CASCADE_WEEKS``.
        cascade_weights: row ``i`` weighs the other districts by distance and province
            (``exp(-d / CASCADE_DISTANCE_KM)``, times ``1 + SAME_PROVINCE`` within the
            province), normalised to sum to 1, so the cascade term is a share.
        honoured, broken: surrenders the Taliban honoured and broke, fading.
        hazard: this week's deal hazard of each held garrison (what the talks' signals read).
        threat_ratio: this week's ``T / (T + THREAT_RATIO G)`` of each held garrison.
        conditions: this week's threat, isolation, cascade and hazard per district (NaN where
            the government holds no garrison), for ``district_weeks.csv``.
        deals, deserters: this week's negotiated surrenders and deserters.
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        n = len(load_districts())
        self.supply = np.ones(n)
        self.arrears = np.zeros(n)
        self.recent_falls = np.zeros(n)
        self.honoured, self.broken = 0.0, 0.0
        weights = np.exp(-centre_distances_km() / CASCADE_DISTANCE_KM)
        weights *= np.where(same_province(), 1.0 + SAME_PROVINCE, 1.0)
        np.fill_diagonal(weights, 0.0)
        self.cascade_weights = weights / weights.sum(axis=1, keepdims=True)
        self.hazard: dict[AfghanForce, float] = {}
        self.threat_ratio: dict[AfghanForce, float] = {}
        self.conditions = {k: np.full(n, np.nan) for k in ("threat", "isolation", "cascade")}
        self.deals, self.deserters = 0, 0.0

    @property
    def amnesty(self) -> float:
        """The credibility of the Taliban's amnesty: the mean of a Beta belief, 0 to 1."""
        a, b = AMNESTY_PRIOR
        if not self.model.params["mechanisms.amnesty"]:
            return a / (a + b)
        return (a + self.honoured) / (a + b + self.honoured + self.broken)

    def step(self) -> None:
        """One week: refill and morale, supply and pay, desertion, then the deals."""
        model = self.model
        self.deals, self.deserters = 0, 0.0
        self.recent_falls *= np.exp(-1.0 / CASCADE_WEEKS)
        self.honoured *= AMNESTY_MEMORY
        self.broken *= AMNESTY_MEMORY
        control = model.layers["control"]
        forces = list(model.agents_by_type.get(AfghanForce, []))
        for force in forces:
            local = model.government.morale - LOCAL_CONTROL_DRAG * float(
                control[force.cell.coordinate]
            )
            force.recover(model.government.reinforcement, local)
        garrisons = [f for f in forces if f.post != Post.MOBILE]
        if not garrisons:
            self.hazard = {}
            return
        self._assess(garrisons)
        self._desert(garrisons)
        held = [g for g in garrisons if g.cell is not None]
        ratio = np.array([self.threat_ratio[g] for g in held])
        isolation = self.conditions["isolation"][[g.district for g in held]]
        model.government.consolidation.withdraw(held, ratio, isolation)
        self._negotiate([g for g in held if g.cell is not None])

    def _assess(self, garrisons: list[AfghanForce]) -> None:
        """Threat, isolation, supply, arrears and the deal hazard of every held garrison."""
        model = self.model
        idx = np.array([g.district for g in garrisons])
        cells = tuple(np.array([g.cell.coordinate for g in garrisons]).T)
        km = model.map.km_per_cell
        isolation = afghan_mean(model, model.layers["control"], ISOLATION_RADIUS_KM / km)[cells]
        threat = kernel_sum(fighting_strength(model), THREAT_RADIUS_KM, km)[cells]
        cascade = self.cascade_weights[idx] @ self.recent_falls
        if not model.params["mechanisms.surrender_cascade"]:
            cascade = np.zeros_like(cascade)
        self._resupply(idx, isolation)
        self._pay(idx, isolation)
        for name, values in (("threat", threat), ("isolation", isolation), ("cascade", cascade)):
            self.conditions[name][:] = np.nan
            self.conditions[name][idx] = values
        ratio = self._threat_ratio(garrisons, threat)
        hazard = self._deal_hazard(garrisons, idx, cells, ratio, isolation, cascade)
        self.hazard = dict(zip(garrisons, hazard.tolist(), strict=True))

    def _deal_hazard(
        self,
        garrisons: list[AfghanForce],
        idx: np.ndarray,
        cells: tuple[np.ndarray, np.ndarray],
        ratio: np.ndarray,
        isolation: np.ndarray,
        cascade: np.ndarray,
    ) -> np.ndarray:
        """The weekly hazard that each garrison negotiates its surrender (ODD 7.9, eq. 9.3)."""
        model = self.model
        if not model.params["mechanisms.surrender_deals"]:
            return np.zeros(len(garrisons))
        morale = np.array([g.morale for g in garrisons])
        exponent = (
            ISOLATION_EFFECT * isolation
            + SUPPLY_EFFECT * (1.0 - self.supply[idx])
            + ARREARS_EFFECT * self.arrears[idx]
            + MORALE_EFFECT * (REFERENCE_MORALE - morale)
            + CASCADE_EFFECT * cascade
            + ELDERS_EFFECT * (model.layers["support"][cells] - 0.5)
        )
        defected = model.government.brokers.district_defected()[idx]
        exponent += DEFECTION_EFFECT * defected
        protection = 1.0 - CAPITAL_PROTECTION * (capital_mask()[idx] & ~defected)
        campaign = model.leadership.campaign
        rate = model.params["surrender_deal_rate"] * campaign.offers * campaign.reach[idx]
        return rate * ratio * self.amnesty * np.exp(exponent) * protection

    def _threat_ratio(self, garrisons: list[AfghanForce], threat: np.ndarray) -> np.ndarray:
        """Each garrison's ``T / (T + THREAT_RATIO G)``, ``G`` its standing with air support."""
        model = self.model
        air = model.us.air_support / max(model.params["us_air_support"], 1e-9)
        air_force = model.logistics.air_force
        defence = np.array([standing(g.strength, air, air_force) for g in garrisons])
        ratio = threat / (threat + THREAT_RATIO * defence + 1e-9)
        self.threat_ratio = dict(zip(garrisons, ratio.tolist(), strict=True))
        return ratio

    def _resupply(self, idx: np.ndarray, isolation: np.ndarray) -> None:
        """Stocks run down by a week and are refilled by road (if connected) and by air."""
        logistics = self.model.logistics
        delivered = GROUND_RESUPPLY * logistics.ground * (1.0 - isolation)
        delivered += AIR_RESUPPLY * logistics.readiness * isolation
        self.supply[idx] = np.clip(self.supply[idx] + delivered - 1.0 / STOCK_WEEKS, 0.0, 1.0)

    def _pay(self, idx: np.ndarray, isolation: np.ndarray) -> None:
        """Pay arrives with a chance that falls with isolation; arrears grow when it does not.

        ``A <- (1 - p) (A + 1 / 4.33)``: the expected arrears, in months, when this week's pay
        arrives with probability ``p`` (cash moves by road and air).
        """
        params = self.model.params
        if not params["mechanisms.unpaid_salaries"]:
            return
        revenue = 1.0
        if params["mechanisms.customs_revenue"]:
            revenue -= CUSTOMS_PAY_LOSS * self.model.districts.customs_lost()
        arrives = PAY_RELIABILITY * revenue * (1.0 - isolation)
        self.arrears[idx] = (1.0 - arrives) * (self.arrears[idx] + 1.0 / WEEKS_PER_MONTH)

    def _desert(self, garrisons: list[AfghanForce]) -> None:
        """Deserters leave each garrison (a weekly outflow, ODD 7.9)."""
        if not self.model.params["mechanisms.desertion"]:
            return
        idx = np.array([g.district for g in garrisons])
        morale = np.array([g.morale for g in garrisons])
        isolation = self.conditions["isolation"][idx]
        by_arrears, by_morale, by_isolation = DESERTION_EFFECTS
        log_rate = (
            by_arrears * self.arrears[idx]
            + by_morale * (REFERENCE_MORALE - morale)
            + by_isolation * isolation
        )
        rate = np.minimum(1.0, DESERTION_BASE * np.exp(log_rate))
        for garrison, share in zip(garrisons, rate.tolist(), strict=True):
            leaving = garrison.strength * share
            garrison.strength -= leaving
            self.deserters += leaving
            if garrison.strength < 1.0:
                self.model.garrison_lost(garrison, "desertion")

    def _negotiate(self, garrisons: list[AfghanForce]) -> None:
        """Each garrison surrenders by a deal with probability ``1 - exp(-hazard)``."""
        hazard = np.array([self.hazard[g] for g in garrisons])
        draws = self.model.streams.surrender.random(len(garrisons))
        for garrison in (
            g for g, u, h in zip(garrisons, draws, hazard, strict=True) if u < -np.expm1(-h)
        ):
            self.model.garrison_lost(garrison, "deal")

    def record_fall(self, force: AfghanForce, kind: str) -> None:
        """A garrison fell: its neighbours hear of it; a surrender is honoured or broken."""
        self.recent_falls[force.district] += 1.0
        if kind == "deal":
            self.deals += 1
        if kind in BREAK_AFTER:
            if self.model.streams.surrender.random() < BREAK_AFTER[kind]:
                self.broken += 1.0
            else:
                self.honoured += 1.0


def fighting_strength(model: CeasefireModel) -> np.ndarray:
    """Fighters of the Taliban units in the field (fighting mode) per cell."""
    layer = np.zeros(model.map.shape)
    units = [u for u in model.agents_by_type.get(TalibanUnit, []) if u.mode == Mode.FIGHT]
    if units:
        xy = np.array([u.cell.coordinate for u in units])
        np.add.at(layer, (xy[:, 0], xy[:, 1]), [u.strength for u in units])
    return np.where(model.afghan, layer, 0.0)
