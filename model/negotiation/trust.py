"""The government's trust in the Taliban leadership (Kydd and Walter 2002; ODD 7.13.7).

Trust ``tau`` is the government's probability that the leadership keeps deals. It observes the
week's spoiler attacks ``n`` and updates by Bayes with Poisson likelihoods: a leadership that
does not keep deals lets attacks happen at the expected spoiler rate ``lambda_u``; one that
does suppresses what it controls, ``lambda_k = (1 - control) lambda_u``. The more the
government believes the leadership controls its fighters, the more an attack lowers trust.
"""

from __future__ import annotations

import numpy as np

TRUST_PRIOR = 0.3
"""The government's trust in February 2021 (Afghan intelligence chief, Jan 2021; 0.1-0.5)."""
CONTROL_PRIOR = 0.75
"""The government's belief that the leadership controls its fighters (the Feb 2020 reduction
in violence cut incidents by about 75 %; range 0.5-0.9)."""
BREAK_LIKELIHOOD = 0.5
"""Likelihood ratio of a Taliban break of a cease-fire under "keeps deals" (assumption; 0.2-0.8)."""


def update_trust(trust: float, attacks: int, expected_rate: float, control: float) -> float:
    """Trust after a week with ``attacks`` spoiler attacks (equation 13)."""
    kept = (1.0 - control) * expected_rate
    # Likelihood ratio L_k / L_u of n Poisson events: ((1 - control))^n exp(lambda_u - lambda_k).
    ratio = (1.0 - control) ** attacks * np.exp(expected_rate - kept)
    return float(trust * ratio / (trust * ratio + 1.0 - trust))


def observed_control(fatalities: float, before: list[float]) -> float | None:
    """The fall of violence in a pause against the four weeks before, 0 to 1 (``None``: no data)."""
    if not before or np.mean(before) <= 0.0:
        return None
    return float(np.clip(1.0 - fatalities / np.mean(before), 0.0, 1.0))
