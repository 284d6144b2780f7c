"""Negotiation progress between the Taliban and Kabul, and the cease-fire.

Progress ``pi`` in [0, 1] moves each week by

    d pi = RATE * ripeness * range_open * (1 - pi)          (talks advance)
           - DECAY * (1 - range_open) * pi                   (talks stall and erode)
           - SPOILER_SETBACK * spoilers * pi                 (spoiler attacks)

* Ripeness (Zartman 2001): a *mutually hurting stalemate*, the geometric mean of the two
  sides' pain times a stalemate term that falls as the war's momentum (the trend in Taliban
  control) grows. Sanctuary pressure adds to the Taliban's pain (Salehyan 2007).
* Bargaining range (Fearon 1995; Powell 2006): a settlement both prefer to war exists when
  the sum of the sides' expected war payoffs falls short of 1 by their costs of fighting:
  width = cost_T + cost_G - (p_T + p_G - 1), with optimism making ``p_T + p_G > 1``; and it
  closes when a large shift of power is expected (the US withdrawal), the commitment problem.
* Spoilers (Kydd and Walter 2002): high-profile attacks by hardliners set talks back.

A cease-fire starts when progress passes ``CEASEFIRE_THRESHOLD`` and the Taliban's condition
is met (US troops gone, or Pakistani pressure strong enough to override the hardliners), and
collapses with a weekly probability that rises with spoiler attacks and falling progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ceasefire.model.ceasefire_model import CeasefireModel
    from ceasefire.model.war_trends import WarTrends

RATE = 0.08
"""Weekly share of the remaining agenda agreed at full ripeness and an open range."""
DECAY = 0.01
"""Weekly share of progress lost while the bargaining range is shut."""
SPOILER_SETBACK = 0.08
"""Share of progress lost per spoiler attack."""
CEASEFIRE_THRESHOLD = 0.7
"""Progress at which a cease-fire can begin."""
COLLAPSE_THRESHOLD = 0.5
"""Progress below which a cease-fire in force is at high risk of collapse."""
MOMENTUM_SCALE = 0.03
"""Change in the Taliban-controlled share over 8 weeks at which the stalemate term is 1/e."""
RANGE_SOFTNESS = 0.1
"""Width of the logistic that turns the bargaining range's width into its openness."""
SHIFT_WEIGHT = 1.5
"""Weight of the expected power shift in the range's width (the commitment problem)."""
BASE_BREAKDOWN_HAZARD = 0.01
"""Weekly probability that a cease-fire breaks down with no spoiler attack."""
SPOILER_BREAKDOWN_HAZARD = 0.1
"""Added weekly breakdown probability per spoiler attack."""
LOW_PROGRESS_BREAKDOWN_HAZARD = 0.3
"""Added weekly breakdown probability while progress is below ``COLLAPSE_THRESHOLD``."""
TALIBAN_LOSS_SCALE = 0.005
"""Taliban weekly deaths per fighter at which their pain from losses is 1 - 1/e."""
GOVERNMENT_LOSS_SCALE = 0.002
"""ANDSF weekly deaths per soldier at which the government's pain is 1 - 1/e."""
HARDLINER_OPTIMISM = 0.3
"""Rise in the Taliban's belief in victory per unit of hardliner share."""
WITHDRAWAL_OPTIMISM = 0.3
"""Rise in the Taliban's belief in victory when air support will be gone in ``LOOKAHEAD_WEEKS``."""
AIR_SUPPORT_FAITH = 0.2
"""Rise in the government's belief in victory at full US air support."""
LOOKAHEAD_WEEKS = 26
"""How far ahead both sides foresee the withdrawal's effect on air support."""
CONDITION_PRESSURE_GAIN = 2.0
"""Pakistani pressure times this, times the moderates' share, is the chance the Taliban accept a
cease-fire while US troops remain."""
HELD_WEEKS = 26
"""A cease-fire that lasts at least this many weeks counts as held (a cease-fire still in force
at the end of a run counts only if it has already lasted that long)."""


@dataclass(frozen=True)
class WarState:
    """What the negotiators observe in one week.

    Attributes:
        taliban_pain: Taliban losses and sanctuary squeeze, 0 to 1.
        government_pain: ANDSF losses, 0 to 1.
        momentum: change in the Taliban-controlled population share over recent weeks.
        taliban_win_belief: the Taliban's estimate of their chance of winning, 0 to 1.
        government_win_belief: the government's estimate of its chance of winning, 0 to 1.
        power_shift: expected fall in government strength from the withdrawal, 0 to 1.
        spoiler_attacks: high-profile attacks by hardliners this week.
        taliban_condition: how far the Taliban's condition for a cease-fire is met, 0 to 1.
    """

    taliban_pain: float
    government_pain: float
    momentum: float
    taliban_win_belief: float
    government_win_belief: float
    power_shift: float
    spoiler_attacks: int
    taliban_condition: float


@dataclass
class Ceasefire:
    """One cease-fire episode: the week it began and the week it collapsed (``None`` if held)."""

    start: int
    end: int | None = None


@dataclass
class Negotiation:
    """Negotiation progress and the cease-fire record.

    Attributes:
        progress: negotiation progress, 0 to 1.
        episodes: every cease-fire that began, in order.
        ripeness: last computed mutually hurting stalemate, 0 to 1.
        range_open: last computed openness of the bargaining range, 0 to 1.
    """

    progress: float
    episodes: list[Ceasefire] = field(default_factory=list)
    ripeness: float = 0.0
    range_open: float = 0.0

    @property
    def in_ceasefire(self) -> bool:
        """Whether a cease-fire is in force."""
        return bool(self.episodes) and self.episodes[-1].end is None

    def update(self, week: int, state: WarState, rng: np.random.Generator) -> None:
        """Advance talks by one week and start or end a cease-fire."""
        stalemate = float(np.exp(-((state.momentum / MOMENTUM_SCALE) ** 2)))
        self.ripeness = float(np.sqrt(state.taliban_pain * state.government_pain)) * stalemate
        optimism = state.taliban_win_belief + state.government_win_belief - 1.0
        width = (
            state.taliban_pain + state.government_pain - optimism - SHIFT_WEIGHT * state.power_shift
        )
        self.range_open = float(1.0 / (1.0 + np.exp(-width / RANGE_SOFTNESS)))
        pi = self.progress
        pi += RATE * self.ripeness * self.range_open * (1.0 - pi)
        pi -= DECAY * (1.0 - self.range_open) * pi + SPOILER_SETBACK * state.spoiler_attacks * pi
        self.progress = float(np.clip(pi, 0.0, 1.0))
        self._update_ceasefire(week, state, rng)

    def _update_ceasefire(self, week: int, state: WarState, rng: np.random.Generator) -> None:
        if self.in_ceasefire:
            hazard = BASE_BREAKDOWN_HAZARD + SPOILER_BREAKDOWN_HAZARD * state.spoiler_attacks
            if self.progress < COLLAPSE_THRESHOLD:
                hazard += LOW_PROGRESS_BREAKDOWN_HAZARD
            if rng.random() < min(1.0, hazard):
                self.episodes[-1].end = week
        elif self.progress >= CEASEFIRE_THRESHOLD and rng.random() < state.taliban_condition:
            self.episodes.append(Ceasefire(start=week))

    def first_ceasefire_week(self) -> int | None:
        """Week in which the first cease-fire began, or ``None``."""
        return self.episodes[0].start if self.episodes else None

    def held(self, final_week: int) -> bool:
        """Whether some cease-fire lasted at least ``HELD_WEEKS`` weeks by ``final_week``."""
        return any(
            (e.end if e.end is not None else final_week + 1) - e.start >= HELD_WEEKS
            for e in self.episodes
        )


def war_state(model: CeasefireModel, trends: WarTrends, spoiler_attacks: int) -> WarState:
    """What the negotiators observe this week.

    Args:
        model: the model (its actors and levers).
        trends: the war's smoothed trends, already updated with this week.
        spoiler_attacks: hardliners' high-profile attacks this week.
    """
    share = trends.share_history[-1]
    full_air = max(model.params["us_air_support"], 1e-9)
    air_now = model.us.air_support / full_air
    air_later = model.us.air_support_at(model.steps + LOOKAHEAD_WEEKS) / full_air
    hardliners = model.params["hardliner_share"]
    # Until issue 12 rebuilds the talks, Pakistani pressure enters them directly (the squeeze on
    # the sanctuaries in the Taliban's pain, and its push for a cease-fire): switch
    # ``mechanisms.negotiation_pressure``.
    direct = model.params["mechanisms.negotiation_pressure"]
    pressure = model.pakistan.pressure if direct else 0.0
    squeeze = 1.0 - model.sanctuary_capacity() if direct else 0.0
    return WarState(
        taliban_pain=float(1 - np.exp(-trends.loss_rates[0] / TALIBAN_LOSS_SCALE - squeeze)),
        government_pain=float(1 - np.exp(-trends.loss_rates[1] / GOVERNMENT_LOSS_SCALE)),
        momentum=trends.momentum,
        taliban_win_belief=min(
            1.0, share + HARDLINER_OPTIMISM * hardliners + WITHDRAWAL_OPTIMISM * (1 - air_later)
        ),
        government_win_belief=min(1.0, 1 - share + AIR_SUPPORT_FAITH * air_now),
        power_shift=max(0.0, air_now - air_later),
        spoiler_attacks=spoiler_attacks,
        taliban_condition=1.0
        if not model.us.troops_present
        else min(1.0, CONDITION_PRESSURE_GAIN * pressure * (1 - hardliners)),
    )
