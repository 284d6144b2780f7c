"""The hardliners as a faction: their weight in the leadership and their attacks (ODD 7.13.8).

The hardliners' standing is their case in the leadership's own numbers, the share of what a week
of war brings that is gain rather than cost, ``sigma_H = (F_T - x) / ((F_T - x) + H_T kappa_T)``.
The standing is read from faction-neutral numbers (the pragmatists' projection), so that the
weight does not feed its own optimism. The weight moves towards the target ``h + h (1 - h)
tanh(log(m) / 2)`` with the multiplier ``m = (C_H / C_H0) / (C_P / C_P0) [odds(sigma_t) /
odds(sigma_1)]^WEIGHT_ELASTICITY``, normalised at the first assessed standing ``sigma_1``
(design eq. 14: ``w_H = h`` at the start), with ``h`` the ``hardliner_share`` setting and ``C``
each faction's commanders (now and at the start): battlefield success raises it, costs and the
arrest of hardliners in the sanctuaries lower it. The target is the first-order move of the
logit by ``log m`` (slope ``h (1 - h)``), bounded by tanh: it lies between ``h^2`` and ``h (2 -
h)`` and is continuous in ``h`` (version 2's odds form jumped from 0 at ``h = 0`` to about 0.2
at ``h = 0.01``). The weight follows the target by partial adjustment of its logit with the
beliefs' memory ``LAMBDA``: factional balance shifts slowly, through commanders and shuras
(Staniland 2014; Giustozzi 2019). Spoiler attacks come at the rate ``SPOILER_RATE w_H K_H (pi +
PI_BASE)``, with ``K_H`` the hardliners' own command capacity and ``pi`` the agenda progress.
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit, logit

from ceasefire.model.negotiation.beliefs import LAMBDA

SPOILER_RATE = 0.6
"""Weekly rate of high-profile spoiler attacks at full hardliner weight and progress 0.8."""
PI_BASE = 0.2
"""Progress-independent part of the spoiler rate (kept from version 1; range 0.1-0.5)."""
EXPOSURE_P = 0.3
"""Share of pragmatist commanders living in the sanctuaries (the political office sits in
Doha; range 0.1-0.8). The hardliners' share is the setting ``hardliner_exposure``: whether
pressure lowers the hardliners' weight rests on it against this one."""
WEIGHT_ELASTICITY = 1.0
"""Elasticity ``epsilon`` of the hardliners' odds in the odds of their standing (assumption)."""
STANDING_CLIP = (0.01, 0.99)
"""Bounds of the standing (a guard against infinite odds, not a calibration)."""


def standing(gain: float, cost: float) -> float:
    """``sigma_H``: the share of a week of war's value that is gain rather than cost."""
    gain, cost = max(gain, 0.0), max(cost, 0.0)
    if gain + cost <= 0.0:
        return 0.5
    return float(np.clip(gain / (gain + cost), *STANDING_CLIP))


def hardliner_weight(
    share: float, commanders: np.ndarray, start: np.ndarray, sigma: float, sigma_start: float
) -> float:
    """The target of ``w_H`` from the setting ``share``, the factions' commanders and standing.

    Args:
        share: ``hardliner_share``, the weight at the start.
        commanders: hardliner and pragmatist commanders now.
        start: hardliner and pragmatist commanders at the start.
        sigma: the hardliners' standing now.
        sigma_start: their standing at the first assessment (where the target is ``share``).
    """
    if share <= 0.0 or share >= 1.0:
        return float(share)
    relative = (commanders[0] / start[0]) / max(commanders[1] / start[1], 1e-9)
    standing_odds = (sigma / (1.0 - sigma)) / (sigma_start / (1.0 - sigma_start))
    multiplier = relative * standing_odds**WEIGHT_ELASTICITY
    # tanh(log(m) / 2) = (m - 1) / (m + 1): the logit's first-order move, bounded, so a faction
    # of share 0.001 weighs at most 0.002 (continuous in the share)
    return float(share + share * (1.0 - share) * (multiplier - 1.0) / (multiplier + 1.0))


def adjust_weight(previous: float, target: float, memory: float = LAMBDA) -> float:
    """Partial adjustment: ``logit w(t) = memory logit w(t - 1) + (1 - memory) logit target``."""
    if previous <= 0.0 or previous >= 1.0 or target <= 0.0 or target >= 1.0:
        return float(target)
    return float(expit(memory * logit(previous) + (1.0 - memory) * logit(target)))


def spoiler_rate(weight: float, capacity: float, progress: float) -> float:
    """Expected spoiler attacks this week (equation 15)."""
    return SPOILER_RATE * weight * capacity * (progress + PI_BASE)
