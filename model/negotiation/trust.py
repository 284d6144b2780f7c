"""The government's trust in the Taliban leadership (Kydd and Walter 2002; ODD 7.13.7).

Trust ``tau`` is the government's probability that the leadership keeps deals. It observes the
week's spoiler attacks ``n`` and updates by Bayes with Poisson likelihoods: a leadership that
does not keep deals lets attacks happen at the expected spoiler rate ``lambda_u``; one that
does suppresses what it controls, ``lambda_k = (1 - control) lambda_u``. The more the
government believes the leadership controls its fighters, the more an attack lowers trust.

The leadership has a latent type, drawn once per run with probability ``TRUST_PRIOR``: one
that keeps deals restrains the spoilers it controls, so the attacks come at ``mu_S (1 -
control*)`` with its true control ``control* = 1 - w_H (1 - CONTROL_H)``; one that does not
lets them come at ``mu_S`` (Kydd and Walter 2002, 2006: the moderates' type shapes the violence
the target sees). The government's two hypotheses are then the two ways the data are
generated, and its trust converges to the truth.
"""

from __future__ import annotations

import numpy as np

TRUST_PRIOR = 0.3
"""The government's trust in February 2021 (Afghan intelligence chief, Jan 2021; 0.1-0.5)."""
CONTROL_PRIOR = 0.75
"""The government's belief that the leadership controls its fighters (the Feb 2020 reduction
in violence cut incidents by about 75 %; range 0.5-0.9)."""
CONTROL_H = 0.8
"""Share of the hardliners' attacks a leadership that keeps deals restrains (design 10: the
2020 RIV's 75 % against the 80 % target; range 0.6-1)."""
CONTROL_MAX = 0.9
"""Upper bound of the government's belief in control (at 1, one attack sets trust to 0)."""
BREAK_LIKELIHOOD = 0.5
"""Likelihood ratio of a Taliban break of a cease-fire under "keeps deals" (assumption; 0.2-0.8)."""


def update_trust(trust: float, attacks: int, expected_rate: float, control: float) -> float:
    """Trust after a week with ``attacks`` spoiler attacks (equation 13)."""
    kept = (1.0 - control) * expected_rate
    # Likelihood ratio L_k / L_u of n Poisson events: ((1 - control))^n exp(lambda_u - lambda_k).
    ratio = (1.0 - control) ** attacks * np.exp(expected_rate - kept)
    return float(trust * ratio / (trust * ratio + 1.0 - trust))


def leadership_control(weight: float) -> float:
    """``control* = 1 - w_H (1 - CONTROL_H)``: the leadership's true control of its fighters."""
    return 1.0 - weight * (1.0 - CONTROL_H)


def restrained_rate(rate: float, keeps_deals: bool, control: float) -> float:
    """The true spoiler rate: a leadership that keeps deals suppresses what it controls."""
    return rate * (1.0 - control) if keeps_deals else rate


def observed_control(fatalities: float, before: list[float]) -> float | None:
    """The fall of violence in a pause against the four weeks before, 0 to ``CONTROL_MAX``.

    ``None``: no data.
    """
    if not before or np.mean(before) <= 0.0:
        return None
    return float(np.clip(1.0 - fatalities / np.mean(before), 0.0, CONTROL_MAX))
