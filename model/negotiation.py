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

import numpy as np

RATE = 0.08
DECAY = 0.01
SPOILER_SETBACK = 0.08
CEASEFIRE_THRESHOLD = 0.7
COLLAPSE_THRESHOLD = 0.5
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
        stalemate = float(np.exp(-((state.momentum / 0.03) ** 2)))
        self.ripeness = float(np.sqrt(state.taliban_pain * state.government_pain)) * stalemate
        optimism = state.taliban_win_belief + state.government_win_belief - 1.0
        width = state.taliban_pain + state.government_pain - optimism - 1.5 * state.power_shift
        self.range_open = float(1.0 / (1.0 + np.exp(-width / 0.1)))
        pi = self.progress
        pi += RATE * self.ripeness * self.range_open * (1.0 - pi)
        pi -= DECAY * (1.0 - self.range_open) * pi + SPOILER_SETBACK * state.spoiler_attacks * pi
        self.progress = float(np.clip(pi, 0.0, 1.0))
        self._update_ceasefire(week, state, rng)

    def _update_ceasefire(self, week: int, state: WarState, rng: np.random.Generator) -> None:
        if self.in_ceasefire:
            hazard = 0.01 + 0.1 * state.spoiler_attacks
            if self.progress < COLLAPSE_THRESHOLD:
                hazard += 0.3
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
