"""Beliefs that learn from the battlefield, and the flow values they imply (ODD 7.13.1-7.13.2).

Each believer (the government, the Taliban's pragmatists, the Taliban's hardliners) holds a Beta
distribution over the weekly hazard that a government-held garrison falls, one for the war with
US air support (regime A) and one for the war without it (regime N). Each week with fighting the
regime in force learns from the garrisons that fell and held, one district each, with
forgetting (``LAMBDA``); its uncertainty is read with a design
effect for correlated falls that the run itself estimates (:class:`FallDispersion`: the weekly
falls' variance against the binomial variance, by the method of moments, floored at 1).
Slantchev (2003), Smith and Stam (2004): fighting reveals information and beliefs converge.

A belief projects the Taliban-controlled share forward: with ``q_k`` the hazard expected in week
``t + k``, ``s_k = 1 - (1 - x) prod_{j<k} (1 - q_j)``, and the side's normalised value of the war
going on is ``F = (1 - delta) sum_k delta^k s_k``. The war ends at the takeover share (the
projected share jumps to 1 from the first week it reaches it), and the war's costs run until
then: ``H = 1 - delta^{k*}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

DISCOUNT = 0.99
"""Weekly discount factor ``delta`` (a horizon of about 100 weeks; range 0.98-0.995)."""
HORIZON = 520
"""Weeks projected explicitly; a closed-form tail covers the rest."""
N_REF = 398.0
"""Districts, the unit of the beliefs' evidence: the model's 398 (LWJ counted 407 districts,
Milley 419 district centres); the priors' strength is counted in district-weeks."""
LAMBDA = 0.97
"""Weekly retention of evidence (a memory of about 33 weeks, one fighting season; 0.9-0.99)."""
BINOMIAL = 1.0
"""The floor of the design effect: garrisons that fall independently (binomial falls)."""
PRIOR_WEEKS_A = 8.0
"""Prior strength for the war with US air support, in weeks of evidence (range 2-26)."""
PRIOR_WEEKS_N = 2.0
"""Prior strength for the war without US air support, in weeks of evidence (range 1-8)."""
Q_A = 0.002
"""Prior weekly fall hazard with US air support (2020-21 district tallies; 0.0005-0.005)."""
Q_N = 0.03
"""Prior weekly fall hazard without US air support (realised 0.038 May-July 2021; 0.01-0.06)."""
NO_AIR_MULT_G = 1.5
"""How much faster a government of full faith expects garrisons to fall without US air (1-3)."""
US_EXIT_BELIEF_G = 0.1
"""The government's prior mean hazard that US troops leave, per year, with no date set (0.1-1)."""
DERIVATIVE_STEP = 1e-5
"""Step of the numerical derivative of a flow value with respect to a hazard."""


@dataclass
class Beta:
    """A Beta belief over a weekly hazard.

    Attributes:
        alpha: evidence of falls (garrison-weeks).
        beta: evidence of garrisons that held (garrison-weeks).
    """

    alpha: float
    beta: float

    @classmethod
    def from_mean(cls, mean: float, strength: float) -> Beta:
        """The Beta with ``mean`` and ``alpha + beta = strength``."""
        return cls(mean * strength, (1.0 - mean) * strength)

    @property
    def mean(self) -> float:
        """Posterior mean hazard."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def sd(self) -> float:
        """Posterior standard deviation of the hazard (independent garrisons)."""
        return self.deflated_sd(BINOMIAL)

    def deflated_sd(self, effect: float) -> float:
        """Posterior standard deviation with the concentration deflated by a design effect."""
        total = (self.alpha + self.beta) / effect
        mean = self.mean
        return float(np.sqrt(mean * (1.0 - mean) / (total + 1.0)))

    def update(self, held: float, lost: float, memory: float = LAMBDA) -> None:
        """Forget old evidence, add a week's: ``held`` garrisons at risk, ``lost`` of them fell.

        The evidence is counted in garrison-weeks; the design effect of the falls deflates it
        where the uncertainty is read (:meth:`deflated_sd`).
        """
        self.alpha = memory * self.alpha + lost
        self.beta = memory * self.beta + (held - lost)


@dataclass
class FallDispersion:
    """The design effect of the weekly garrison falls, estimated from the run (ODD 7.13.1).

    Method of moments with the beliefs' forgetting: with the weekly falls ``k_t`` of ``n_t``
    at risk, weights ``memory^age`` and the pooled hazard ``p = sum w k / sum w n``, the
    estimate is ``sum w (k - n p)^2 / sum w n p (1 - p)``, at least :data:`BINOMIAL` (and
    exactly that before two weeks, or while nothing fell). Falls in lumps (a populous garrison
    weighs many district-equivalents, cascades of surrenders) carry less information than as
    many independent garrisons: the estimate deflates the beliefs' concentration (prior and
    evidence alike, both counted in garrison-weeks) when their uncertainty is read.

    Attributes:
        sums: the weighted sums of ``k``, ``k^2``, ``n``, ``n^2`` and ``k n``.
        count: weeks counted.
        memory: the weekly retention.
    """

    sums: np.ndarray = field(default_factory=lambda: np.zeros(5))
    count: int = 0
    memory: float = LAMBDA

    def add(self, at_risk: float, lost: float) -> float:
        """Count a week's falls; the design effect with them."""
        week = np.array([lost, lost * lost, at_risk, at_risk * at_risk, lost * at_risk])
        self.sums = self.memory * self.sums + week
        self.count += 1
        return self.effect

    @property
    def effect(self) -> float:
        """The design effect, at least :data:`BINOMIAL`."""
        k, kk, n, nn, kn = self.sums
        if self.count < 2 or k <= 0.0 or n <= 0.0 or k >= n:
            return BINOMIAL
        p = k / n
        residual = kk - 2.0 * p * kn + p * p * nn  # sum w (k - n p)^2
        return float(max(BINOMIAL, residual / (n * p * (1.0 - p))))


@dataclass
class Believer:
    """One believer's two beliefs: the war with US air support (A) and without it (N)."""

    with_air: Beta
    without_air: Beta

    @classmethod
    def from_means(cls, q_a: float, q_n: float) -> Believer:
        """Priors of strength ``PRIOR_WEEKS * N_REF`` garrison-weeks around the given means."""
        return cls(
            Beta.from_mean(q_a, PRIOR_WEEKS_A * N_REF), Beta.from_mean(q_n, PRIOR_WEEKS_N * N_REF)
        )

    def regime(self, air: bool) -> Beta:
        """The belief about the regime with (``air``) or without US air support."""
        return self.with_air if air else self.without_air

    @property
    def means(self) -> tuple[float, float]:
        """Mean hazards with and without US air support."""
        return self.with_air.mean, self.without_air.mean

    def sds(self, effects: tuple[float, float] = (BINOMIAL, BINOMIAL)) -> tuple[float, float]:
        """Posterior standard deviations with and without US air support.

        Args:
            effects: the design effects of the falls with and without US air support.
        """
        return self.with_air.deflated_sd(effects[0]), self.without_air.deflated_sd(effects[1])


def prior_believers(hardliner_optimism: float, government_faith: float) -> dict[str, Believer]:
    """The three believers' priors (ODD 7.13.1): the sources of mutual optimism.

    With ``mechanisms.mutual_optimism`` off the model passes 0 and 0: every believer then
    holds the pragmatists' prior.

    Args:
        hardliner_optimism: relative rise of the hardliners' hazards.
        government_faith: how far the government expects the ANDSF to hold without US air as
            they do with it, 0 to 1 (0: the pragmatists' prior).
    """
    rise = 1.0 + hardliner_optimism
    government_n = government_faith * Q_A * NO_AIR_MULT_G + (1.0 - government_faith) * Q_N
    return {
        "government": Believer.from_means(Q_A, government_n),
        "pragmatists": Believer.from_means(Q_A, Q_N),
        "hardliners": Believer.from_means(Q_A * rise, Q_N * rise),
    }


@dataclass(frozen=True)
class Projection:
    """A side's projection of the war.

    Attributes:
        value: ``F``, the discounted flow of the Taliban-controlled share, 0 to 1.
        war_share: ``H``, the discounted share of the horizon that is still war, 0 to 1.
        path: ``V_k``, the flow value from week ``t + k`` on, for ``k = 0 .. HORIZON``.
        takeover_week: ``k*``, weeks until the projected takeover (``None``: beyond the horizon).
    """

    value: float
    war_share: float
    path: np.ndarray
    takeover_week: int | None


def project(
    share: float, hazards: np.ndarray, end_share: float, delta: float = DISCOUNT
) -> Projection:
    """Project the Taliban-controlled share under weekly fall hazards (equations 1, 1b, 2, 3).

    Args:
        share: the Taliban-controlled share now, ``x``.
        hazards: the hazard expected in weeks ``t, t + 1, ...``; the last value holds for ever.
        end_share: the takeover share (the war ends there; above 1 for no takeover).
        delta: the weekly discount factor.
    """
    weeks = len(hazards)
    survival = np.concatenate(([1.0], np.cumprod(1.0 - hazards)))
    shares = 1.0 - (1.0 - share) * survival
    reached = np.flatnonzero(shares >= end_share)
    takeover = int(reached[0]) if reached.size else None
    if takeover is not None:
        shares[takeover:] = 1.0
        tail = 1.0
    else:
        tail = 1.0 - (1.0 - share) * survival[-1] * (1.0 - delta) / (
            1.0 - delta * (1.0 - hazards[-1])
        )
    # V_k = (1 - delta) s_k + delta V_{k+1}, summed in closed form from the end.
    discount = delta ** np.arange(weeks + 1)
    flows = np.cumsum((discount[:weeks] * shares[:weeks])[::-1])[::-1]
    path = np.empty(weeks + 1)
    path[:weeks] = (1.0 - delta) * flows / discount[:weeks] + discount[weeks] / discount[
        :weeks
    ] * tail
    path[weeks] = tail
    war_share = 1.0 if takeover is None else 1.0 - delta**takeover
    return Projection(float(path[0]), float(war_share), path, takeover)


def hazard_path(means: tuple[float, float], air: np.ndarray) -> np.ndarray:
    """Weekly hazards ``a_k q_A + (1 - a_k) q_N`` under the expected air support ``a_k``."""
    q_a, q_n = means
    return air * q_a + (1.0 - air) * q_n


def value_sd(
    share: float,
    means: tuple[float, float],
    sds: tuple[float, float],
    air: np.ndarray,
    end_share: float,
    delta: float = DISCOUNT,
) -> float:
    """Posterior standard deviation of ``F`` (delta method over the two hazards)."""
    variance = 0.0
    for i, sd in enumerate(sds):
        up, down = list(means), list(means)
        up[i] += DERIVATIVE_STEP
        down[i] = max(0.0, down[i] - DERIVATIVE_STEP)
        high = project(share, hazard_path((up[0], up[1]), air), end_share, delta).value
        low = project(share, hazard_path((down[0], down[1]), air), end_share, delta).value
        variance += (sd * (high - low) / (up[i] - down[i])) ** 2
    return float(np.sqrt(variance))


def expected_air(
    schedule: np.ndarray | None, exit_hazard_per_year: float, weeks: int = HORIZON
) -> np.ndarray:
    """Air support expected in each coming week, relative to full.

    Args:
        schedule: the announced schedule (relative air support in weeks ``t + 1 ...``), or
            ``None`` when no withdrawal date is set.
        exit_hazard_per_year: with no date set, the believer's mean hazard that the US leaves.
        weeks: length of the projection.
    """
    if schedule is not None:
        return schedule
    return (1.0 - exit_hazard_per_year / 52.0) ** np.arange(1, weeks + 1)


def exit_hazard(prior_mean: float, weeks_stayed: int, learning: bool) -> float:
    """Mean US exit hazard per year: a Gamma prior worth one year, learned from each week stayed.

    Gamma-exponential conjugacy: shape ``prior_mean`` x 1 year, rate 1 year plus the exposure.
    """
    return prior_mean / (1.0 + weeks_stayed / 52.0) if learning else prior_mean
