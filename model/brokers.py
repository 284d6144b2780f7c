"""The government's power-brokers and the palace: a political collapse (``docs/ODD.md`` 7.20).

The Islamic Republic fell when the men whose word made its garrisons fight or hand over (the
governors, strongmen and elders of each province, and in the end the president's circle) made
their own arrangements: capitals fell "without a fight", through "an agreement through tribal
elders" or a "pact" (Zaranj, Sharana, Herat, August 2021), and the president left Kabul on
15 August before the last US soldier. Each province has one broker and the palace one more;
each defects on a smooth Granovetter (1978) threshold of what he sees: the share of his
province's districts lost, the brokers who have already gone and the capitals lost, and the US
withdrawal announcement. Thresholds differ between brokers and are drawn afresh in every run.
A broker's defection hands over his capital (most of the time) and raises the deal hazard of
his districts; the government's cohesion, the weighted share of brokers still loyal, sets the
ANDSF's national morale and reinforcement; the government falls when the palace defects.

Switch ``elite_cascade`` off and no broker defects: the government falls when Kabul's
garrison falls. With ``standing_deals`` a defected broker's deal stands: each week after he
defects he hands over his capital with the chance he had on the day (off: one chance, on the
day he defects).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy.special import expit

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.model.districts import capital_mask, load_districts

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

THRESHOLD_MEAN = 0.45
"""Mean threshold of a provincial broker, in shares of what he sees (range 0.3-0.6: capitals
began to change hands with about half the districts lost, LWJ 10 Aug 2021; assumed)."""
THRESHOLD_SD = 0.15
"""Standard deviation of the brokers' thresholds (range 0.05-0.25: Ismail Khan fought for
Herat, Atta and Dostum fled, Uruzgan's officials surrendered; assumed)."""
PALACE_THRESHOLD = 0.55
"""The palace's threshold on the national picture (range 0.4-0.8: Kabul was surrounded by
fallen provinces, 25-28 of 34 capitals lost by 15 Aug; assumed)."""
THRESHOLD_SOFTNESS = 0.02
"""Width of the smooth step of the defection hazard around a threshold (range 0.01-0.05)."""
DEFECTION_RATE = 0.7
"""Weekly defection hazard of a broker well above his threshold (range 0.3-2: Herat's city was
entered on 12 Aug and its officials surrendered on 13 Aug)."""
NATIONAL_WEIGHT = 0.5
"""Weight of the national picture against the province's own losses (range 0.2-0.8; assumed)."""
US_WEIGHT = 0.15
"""Weight of the US withdrawal announcement in what a broker sees (range 0-0.3: SIGAR 2022, it
"fundamentally changed the behaviors of ... the Ghani administration"; assumed)."""
ANNOUNCE_LEAD_WEEKS = 19
"""Weeks between the withdrawal's announcement and the last week of US troops (Biden's speech,
14 April 2021, to the end of August)."""
HANDOVER = 0.8
"""Chance that a defecting broker hands over his provincial capital (range 0.5-1; most
capitals fell without a fight or by a handover, Kandahar and Lashkar Gah after weeks)."""
PALACE_PROVINCE = "Kabul"
"""The province whose capital the palace holds: Kabul falls with the government."""
MORALE_RANGE = (0.2, 0.75)
"""The ANDSF's national morale under a broken and under a whole government (ranges 0.1-0.3 and
0.6-0.9; assumed)."""


class PowerBrokers:
    """One broker per province and the palace, loyal or defected.

    Attributes:
        provinces: the 34 province names, in order.
        weight: each province's share of Afghanistan's population.
        threshold: each broker's threshold, drawn per run.
        loyal: each broker's loyalty (defection is for good).
        palace_loyal: whether the president's circle is still in Kabul.
        defection_week: week each broker defected (-1 while loyal).
    """

    def __init__(self, model: CeasefireModel) -> None:
        self.model = model
        districts = load_districts()
        self.provinces = sorted({d.province for d in districts})
        index = {p: i for i, p in enumerate(self.provinces)}
        self.province_of = np.array([index[d.province] for d in districts])
        population = np.zeros(len(self.provinces))
        layer = model.map.district
        people = np.where(layer >= 0, model.map.layers["population"], 0.0)
        np.add.at(population, self.province_of[layer[layer >= 0]], people[layer >= 0])
        self.weight = population / population.sum()
        self.threshold = _draw_thresholds(model.streams.politics, len(self.provinces))
        self.loyal = np.ones(len(self.provinces), dtype=bool)
        self.palace_loyal = True
        self.defection_week = np.full(len(self.provinces), -1, dtype=np.int64)

    @property
    def cohesion(self) -> float:
        """The population-weighted share of provincial brokers still loyal, 0 to 1."""
        return float(self.weight @ self.loyal)

    @property
    def morale(self) -> float:
        """The ANDSF's national morale that the government's cohesion supports."""
        low, high = MORALE_RANGE
        return low + (high - low) * self.cohesion

    def district_defected(self) -> np.ndarray:
        """Boolean per district: its province's broker has defected."""
        return ~self.loyal[self.province_of]

    def seen(self, week: int) -> tuple[np.ndarray, float]:
        """What each provincial broker and the palace see in ``week``, in shares (ODD 7.20).

        A broker sees the share of his province's districts lost since the start (of those the
        government then held: the districts the Taliban had held for years were the status quo
        he lived with), the national picture (the weighted share of brokers gone and the share
        of capitals lost, averaged) and the US announcement; the palace the national picture
        and the announcement.
        """
        record = self.model.districts
        lost = record.fall_week > 0  # since the start: the status quo he had lived with
        at_start = record.fall_week != 0
        n = len(self.provinces)
        lost_b = np.bincount(self.province_of, weights=lost, minlength=n)
        lost_b /= np.maximum(np.bincount(self.province_of, weights=at_start, minlength=n), 1)
        national = self.national_picture()
        announced = US_WEIGHT * self._announced(week)
        brokers = (1.0 - NATIONAL_WEIGHT) * lost_b + NATIONAL_WEIGHT * national + announced
        return brokers, national + announced

    def national_picture(self) -> float:
        """The weighted share of brokers gone and the share of capitals lost, averaged, 0-1."""
        capitals = (self.model.districts.fall_week > 0)[capital_mask()].mean()
        return float(0.5 * (self.weight @ ~self.loyal) + 0.5 * capitals)

    def update(self, week: int) -> None:
        """Brokers above their thresholds defect; the palace last (the government falls)."""
        model = self.model
        if model.takeover or not model.params["mechanisms.elite_cascade"]:
            return
        brokers, palace = self.seen(week)
        n = len(self.provinces)
        hazard = DEFECTION_RATE * expit((brokers - self.threshold) / THRESHOLD_SOFTNESS)
        hazard *= self.threat_at_capitals()
        draws = model.streams.politics.random(2 * n + 1)
        standing = np.flatnonzero(~self.loyal)  # brokers who defected in earlier weeks
        for b in np.flatnonzero(self.loyal & (draws[:n] < -np.expm1(-hazard))):
            self._defect(int(b), week, draws[n + b])
        if model.params["mechanisms.standing_deals"]:
            self._keep_deals(standing)
        palace_hazard = DEFECTION_RATE * expit((palace - PALACE_THRESHOLD) / THRESHOLD_SOFTNESS)
        if draws[-1] < -np.expm1(-palace_hazard):
            self.palace_loyal = False

    def _keep_deals(self, brokers: np.ndarray) -> None:
        """The brokers who defected in earlier weeks try their handover again (one draw each)."""
        draws = self.model.streams.politics.random(brokers.size)
        for broker, draw in zip(brokers, draws, strict=True):
            self._hand_over(int(broker), draw)

    def threat_at_capitals(self) -> np.ndarray:
        """Per broker, the threat he sees at his capital (1 once the capital is lost).

        A broker defects by making his deal with the force that can take his city, so his
        hazard is scaled by the threat ratio at it (:class:`.Garrisons`, ``T / (T +
        THREAT_RATIO G)``), and with the bandwagon by at least the national picture.
        """
        ratio = np.ones(len(self.provinces))
        for force, value in self.model.garrisons.threat_ratio.items():
            if force.cell is not None and capital_mask()[force.district]:
                ratio[self.province_of[force.district]] = value
        return np.maximum(ratio, self.bandwagon_floor())

    def seen_threat(self, ratio: float) -> float:
        """The threat a broker sees at a capital with threat ratio ``ratio``, 0 to 1."""
        return max(ratio, self.bandwagon_floor())

    def bandwagon_floor(self) -> float:
        """The least threat a broker sees at his capital, 0 to 1.

        With the bandwagon, the national picture times ``bandwagon_weight`` (at most 1): as the
        state goes he makes his deal whether or not the Taliban are massed at his gates (ODD
        7.20); 0 without it.
        """
        params = self.model.params
        if not params["mechanisms.bandwagon"]:
            return 0.0
        return min(1.0, params["bandwagon_weight"] * self.national_picture())

    def _defect(self, broker: int, week: int, draw: float) -> None:
        """A broker defects, and hands over his capital if the Taliban are at its gates.

        A broker makes his deal with the force that can take the city, and it must want the
        city now (:meth:`_hand_over`). Otherwise the capital's garrison fights on, without his
        protection; with ``standing_deals`` his deal stands, and he tries again every week.
        """
        self.loyal[broker] = False
        self.defection_week[broker] = week
        self._hand_over(broker, draw)

    def _hand_over(self, broker: int, draw: float) -> None:
        """A defected broker hands over his capital's garrisons if ``draw`` falls below the chance.

        The chance is ``HANDOVER`` times the Taliban's readiness to take deals at the city
        (:attr:`.Campaign.offers` times :attr:`.Campaign.city_initiative`) times the threat
        he sees at it (:meth:`seen_threat`); Kabul is the palace's, and falls with it.
        """
        if self.provinces[broker] == PALACE_PROVINCE:
            return  # Kabul is the palace's: it falls with the government
        ratio = self.model.garrisons.threat_ratio
        campaign = self.model.leadership.campaign
        offers = campaign.offers * campaign.city_initiative
        for force in self.capital_garrisons(self.provinces[broker]):
            if draw < HANDOVER * offers * self.seen_threat(ratio.get(force, 0.0)):
                self.model.garrison_lost(force, "defection")

    def capital_garrisons(self, province: str) -> list[AfghanForce]:
        """The garrisons still holding the capital of ``province``."""
        capital, index = capital_mask(), self.provinces.index(province)
        return [
            f
            for f in self.model.agents_by_type.get(AfghanForce, [])
            if f.district >= 0 and capital[f.district] and self.province_of[f.district] == index
        ]

    def _announced(self, week: int) -> float:
        """1 from the week the US announces its withdrawal (none while it stays), else 0."""
        last = self.model.params["withdrawal_week"]
        return float(last is not None and week >= last - ANNOUNCE_LEAD_WEEKS)


def _draw_thresholds(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` thresholds from a Beta with mean ``THRESHOLD_MEAN`` and sd ``THRESHOLD_SD``."""
    mean, var = THRESHOLD_MEAN, THRESHOLD_SD**2
    strength = mean * (1.0 - mean) / var - 1.0
    return rng.beta(mean * strength, (1.0 - mean) * strength, size=n)
