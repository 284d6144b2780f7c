"""The Pakistani Taliban (Tehrik-i-Taliban Pakistan, TTP): the blowback Islamabad fears.

Islamabad says it has not pressed the Afghan Taliban harder for fear that they would "turn their
guns on Pakistan by partnering with ... the Pakistani Taliban" (Weinstein 2021). The TTP is a
non-spatial actor with ``fighters`` whose attacks in Pakistan's north-west (Khyber Pakhtunkhwa
and its former tribal areas) are Poisson with mean

    mu = TTP_ATTACKS_PER_WEEK * (fighters / TTP_FIGHTERS) * (1 + ALLIANCE * p) * haven

* ``ALLIANCE``: the Afghan Taliban retaliate through the TTP when Pakistan squeezes their
  sanctuaries (``p``, Pakistan's pressure);
* ``haven = (1 + HAVEN * s) / (1 + HAVEN * s0)``: a winning Afghan Taliban (``s``, their share of
  Afghanistan's population; ``s0`` at the start) gives the TTP a safe haven next door, which
  also swells its ranks (the TTP's attacks rose after August 2021);
* Pakistani counter-terrorism wears the TTP down at ``CT_ATTRITION`` per week against recruits
  that grow with the haven.

Each attack is an event in ``events.csv`` (country Pakistan, UCDP type 1, Government of Pakistan
against TTP; type 3 when only civilians die). The attacks are the cost that ``blowback_fear``
weights in Pakistan's choice (:mod:`ceasefire.model.pakistan`), which also expects its pressure
to slow the Taliban's gains and so the haven (``mechanisms.haven_foresight``). They are not part
of the Afghan totals of ``steps.csv`` (``fatalities``, ``civilian_casualties``), which count the
war in Afghanistan.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from mesa import Agent

from ceasefire.model.afpak_map import PAK

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel

TTP_FIGHTERS = 4000.0
"""TTP fighters at the start (UN Monitoring Team, 28th report, S/2021/655, July 2021: 2,500 to
6,000 TTP fighters in Afghanistan; range 2,500-6,000)."""
TTP_ATTACKS_PER_WEEK = 1.3
"""TTP attacks a week at the start, with no pressure (PIPS: 67 attacks by the TTP and its
affiliates in 2020; sources in docs/dev/research/issue11/sources.md; range 1-2)."""
TTP_DEATHS_PER_ATTACK = 1.8
"""Mean deaths per TTP attack (PIPS 2021: 158 deaths in 87 TTP attacks; range 1.5-2.5)."""
TTP_CIVILIAN_SHARE = 0.4
"""Share of the deaths of TTP attacks that are civilians (assumed; range 0.2-0.6)."""
SECURITY_SHARE = 0.6
"""Share of the combatant deaths of TTP attacks that are Pakistani security forces (assumed)."""
ALLIANCE = 0.0
"""Rise in TTP attacks at full pressure on the Afghan Taliban. No evidence for it: the TTP surged
in 2021 while Pakistan's pressure was low, and the UN reported Taliban-TTP frictions; default 0,
range 0-0.5 (an assumption to sweep)."""
BELIEVED_ALLIANCE = 1.0
"""Rise in TTP attacks that Islamabad says full pressure would bring (its stated fear: the Afghan
Taliban "could turn their guns on Pakistan"; assumed doubling). ``blowback_fear`` weights what
Pakistan believes, not what the TTP does."""
HAVEN = 1.5
"""Rise in TTP attacks and recruits when the Afghan Taliban hold the whole country, relative to
none (TTP attacks rose by 84% from 2020 to 2021 as the Taliban won; range 0.5-3)."""
CT_ATTRITION = 0.01
"""Weekly share of TTP fighters lost to Pakistani counter-terrorism (assumed; range 0.005-0.03)."""
TTP_AREAS = (102, 103)
"""Admin-1 codes of the TTP's areas on the map: Khyber Pakhtunkhwa (settled districts) and the
former tribal areas (78 of the TTP's 87 attacks of 2021 were in Khyber Pakhtunkhwa)."""


class PakistaniTaliban(Agent):
    """The TTP: fighters, and weekly attacks in Pakistan's north-west.

    Attributes:
        fighters: TTP fighters.
        attacks: TTP attacks this week.
    """

    def __init__(self, model: CeasefireModel) -> None:
        super().__init__(model)
        self.fighters = TTP_FIGHTERS
        self.attacks = 0
        self.initial_share = model.taliban_control_share()
        layers = model.map.layers
        area = np.isin(layers["admin1"], TTP_AREAS) & (layers["country"] == PAK)
        self.cells = np.argwhere(area & (layers["population"] > 0))
        weight = layers["population"][self.cells[:, 0], self.cells[:, 1]]
        self.cell_weights = weight / weight.sum()

    @property
    def active(self) -> bool:
        """Whether the TTP process runs (switch ``mechanisms.ttp_blowback``)."""
        return bool(self.model.params["mechanisms.ttp_blowback"])

    def haven(self, share: float) -> float:
        """How much a Taliban-held Afghanistan (population share ``share``) helps the TTP."""
        return (1.0 + HAVEN * share) / (1.0 + HAVEN * self.initial_share)

    reference_attacks = TTP_ATTACKS_PER_WEEK
    """Weekly attacks at the start with no pressure (the yardstick of Pakistan's blowback cost)."""

    def _scale(self, share: float) -> float:
        return TTP_ATTACKS_PER_WEEK * self.fighters / TTP_FIGHTERS * self.haven(share)

    def expected_attacks(self, pressure: float, share: float) -> float:
        """Expected weekly attacks at Pakistani pressure ``pressure``."""
        return self._scale(share) * (1.0 + ALLIANCE * pressure) if self.active else 0.0

    def feared_attacks(self, pressure: np.ndarray) -> np.ndarray:
        """The weekly attacks Islamabad believes each pressure would bring (0 when switched off)."""
        if not self.active:
            return np.zeros_like(pressure)
        share = self.model.share_history[-1] * self.believed_gains(pressure)
        return self._scale(share) * (1.0 + BELIEVED_ALLIANCE * pressure)

    def believed_gains(self, pressure: np.ndarray) -> np.ndarray:
        """The share of the Taliban's hold that Islamabad expects to remain under each pressure.

        With ``mechanisms.haven_foresight`` Pakistan expects its pressure to cut the Taliban's
        hold on Afghanistan in the proportion it believes it cuts their violence
        (``pakistan_belief_effect``), and with it the haven the TTP would have; off, it expects
        the Taliban to hold what they hold whatever it does.
        """
        params = self.model.params
        if not params["mechanisms.haven_foresight"]:
            return np.ones_like(pressure)
        return 1.0 - params["pakistan_belief_effect"] * pressure

    def update(self, pressure: float, share: float) -> None:
        """Grow or shrink, then attack; record each attack as an event."""
        self.attacks = 0
        if not self.active:
            return
        recruits = CT_ATTRITION * TTP_FIGHTERS * self.haven(share)
        self.fighters += recruits - CT_ATTRITION * self.fighters
        rng = self.model.streams.ttp
        self.attacks = int(rng.poisson(self.expected_attacks(pressure, share)))
        model = self.model
        for i in rng.choice(len(self.cells), size=self.attacks, p=self.cell_weights):
            deaths = int(rng.poisson(TTP_DEATHS_PER_ATTACK))
            civilians = int(rng.binomial(deaths, TTP_CIVILIAN_SHARE))
            security = int(rng.binomial(deaths - civilians, SECURITY_SHARE))
            losses = (security, deaths - civilians - security, civilians)
            cell = (int(self.cells[i, 0]), int(self.cells[i, 1]))
            model.events.record_ttp(model.steps, model.date, cell, *losses)
