"""Costs of war, the bargaining range with a commitment problem, and ripeness (ODD 7.13.3-7.13.5).

* Costs are counted in the model's units and converted to stake units by one price per side:
  ``kappa_i = c_i / (PRICE_i (1 - delta))``, with ``c_i`` the weekly losses as a share of the
  side's force at the start, averaged over the weeks of fighting with the beliefs' memory
  ``LAMBDA`` (about 33 weeks). A week-long pause adds no observation: during a cease-fire the
  sides weigh it against the war as they remember it over a season, not against the weeks
  just before it began.
* Fearon's (1995) range of deals the Taliban's share ``y`` of the stake can take, ``[max(0,
  W_T), min(1, 1 - W_G)]`` with the war values ``W_T = F_T - H_T kappa_T`` and ``W_G = 1 - F_G -
  H_G kappa_G``; its length is the surplus ``S`` (unclipped, the costs of war minus the
  optimism gap). A range clipped at 0 or 1 is a capitulation (a side's war is worth less than
  conceding the whole stake). Powell's (2006) commitment gap ``Gamma = max_k delta^k [W_T(t+k) -
  W_T(t)]^+``: the largest discounted rise of the Taliban's war value the government foresees.
  The width is ``w = S - Gamma`` and its openness ``O = Phi(w / sd_w)``, the probability under
  the sides' posterior uncertainty that a self-enforcing deal exists.
* Zartman's ripeness: a side hurts when its cost of a week of war exceeds the ground it expects
  the week to gain, ``R_T = Phi((H_T kappa_T - (F_T - x)) / sd_T)``, ``R_G = Phi((H_G kappa_G -
  (x - F_G)) / sd_G)``; mutual ripeness is ``R_T R_G``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from ceasefire.model.negotiation.beliefs import DISCOUNT, LAMBDA, Projection

CIVILIAN_WEIGHT = 0.5
"""Soldiers' deaths a civilian casualty is worth to the government (assumption; range 0-1)."""
MIN_SD = 1e-6
"""Floor of a standard deviation (a belief of no uncertainty makes a comparison a step)."""


def war_cost(weekly_cost: float, price: float, delta: float = DISCOUNT) -> float:
    """``kappa``: a weekly cost (share of the force) in stake units as a flow (equation 5)."""
    return weekly_cost / (price * (1.0 - delta))


@dataclass
class WarCosts:
    """The sides' weekly costs, as shares of their forces at the start, over the weeks of war.

    Each is the ``memory``-weighted mean of the weeks counted (weights ``memory^age``, ages in
    weeks counted): the counterfactual the sides hold of a week of war, also during a pause.

    Attributes:
        taliban: ``c_T``, fighters lost, detained, not recruited and commanders arrested.
        government: ``c_G``, soldiers lost, garrisons' personnel surrendered, civilian harm.
        taliban_pressure: the part of ``c_T`` Pakistan's pressure causes (detentions, recruits
            forgone, arrests): it goes on during a pause, and only a settlement ends it.
        weight: the sum of the weights of the weeks counted (0: none yet).
        memory: the weekly retention of a counted week.
    """

    taliban: float = 0.0
    government: float = 0.0
    taliban_pressure: float = 0.0
    weight: float = 0.0
    memory: float = LAMBDA

    @property
    def taliban_battle(self) -> float:
        """``c_T`` less the pressure costs: what a pause spares the Taliban."""
        return self.taliban - self.taliban_pressure

    def update(self, battle: float, pressure: float, government: float) -> None:
        """Count a week of fighting's costs (already shares of the forces at the start).

        The first week's costs are the whole mean (a warm start: the sides knew their losses
        before the model's first week).
        """
        self.weight = self.memory * self.weight + 1.0
        gain = 1.0 / self.weight
        self.taliban += gain * (battle + pressure - self.taliban)
        self.taliban_pressure += gain * (pressure - self.taliban_pressure)
        self.government += gain * (government - self.government)


def commitment_gap(government_view: Projection, kappa_t: float, delta: float = DISCOUNT) -> float:
    """``Gamma`` (equation 8): the Taliban's largest discounted future gain in war value.

    Args:
        government_view: the Taliban-controlled share as the government projects it.
        kappa_t: the Taliban's cost of war in stake units (it stops at the projected takeover).
        delta: the weekly discount factor.
    """
    path = government_view.path
    weeks = np.arange(len(path))
    takeover = government_view.takeover_week
    if takeover is None:
        war = np.ones(len(path))
    else:
        war = np.where(weeks < takeover, 1.0 - delta ** np.maximum(takeover - weeks, 0), 0.0)
    values = path - war * kappa_t
    gains = delta ** weeks[1:] * (values[1:] - values[0])
    return float(max(0.0, gains.max()))


@dataclass(frozen=True)
class Range:
    """The bargaining range of one week.

    Attributes:
        surplus: ``S``, the length of Fearon's range within the stake [0, 1] (stake units).
        gap: ``Gamma``, Powell's commitment gap.
        width: ``w = S - Gamma``.
        openness: ``O``, the probability that a self-enforcing deal exists.
        capitulation: whether a bound was clipped to the stake (a side would concede it all).
    """

    surplus: float
    gap: float
    width: float
    openness: float
    capitulation: bool = False


def bargaining_range(
    taliban: Projection,
    government: Projection,
    kappa_t: float,
    kappa_g: float,
    sd: float,
    gap: float,
) -> Range:
    """The range from the two sides' projections and costs (equations 7, 9, 10), within [0, 1]."""
    war_t = taliban.value - taliban.war_share * kappa_t
    war_g = 1.0 - government.value - government.war_share * kappa_g
    lower, upper = max(0.0, war_t), min(1.0, 1.0 - war_g)
    surplus = upper - lower
    width = surplus - gap
    openness = float(ndtr(width / max(sd, MIN_SD)))
    return Range(surplus, gap, width, openness, capitulation=war_t < 0.0 or war_g < 0.0)


def taliban_hurt(projection: Projection, share: float, kappa_t: float) -> float:
    """The Taliban's cost of a week of war less the ground it is expected to gain (stake units)."""
    return projection.war_share * kappa_t - (projection.value - share)


def government_hurt(projection: Projection, share: float, kappa_g: float) -> float:
    """The government's cost of a week of war less the ground it expects to gain."""
    return projection.war_share * kappa_g - (share - projection.value)


def ripeness(hurt_t: float, sd_t: float, hurt_g: float, sd_g: float) -> float:
    """Mutual ripeness ``R_T R_G`` (equation 11)."""
    return float(ndtr(hurt_t / max(sd_t, MIN_SD)) * ndtr(hurt_g / max(sd_g, MIN_SD)))
