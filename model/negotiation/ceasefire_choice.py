"""Cease-fires as choices: holiday truces, the reduction in violence, open-ended cease-fires.

Each week, before the fighting, each side compares a pause of ``d`` days with fighting
(equation 16). In stake units a pause is worth, to the Taliban leadership,
``(d/7)(1 - delta) [H_T kappa_T - ((1 - w_H)(F_P - x) + w_H (F_H - x))] + psi d/7`` and to the
government ``(d/7)(1 - delta) [H_G kappa_G - (x - F_G) - (1 - tau) REGROUP]``: the cost of the
war plus what the pause brings against the ground the war is expected to gain. A side accepts
when that value plus its own uncertainty times a persistent private shock is positive; the
shock ``e(t) = LAMBDA e(t-1) + sqrt(1 - LAMBDA^2) u(t)`` keeps a marginal pause from starting
and breaking in alternate weeks. ``psi`` is the legitimacy value of a truce on the three days
of each Eid.

A permanent cease-fire seals the settlement: each side values the deal it gets against its war
value (:func:`settlement_sides`). The hardliners can veto an open-ended or permanent cease-fire
that is worth nothing to them, the more likely the more they weigh in the leadership
(:func:`vetoed`; Cunningham 2006). The reduction in violence stops the share of the fighting
the leadership controls (:func:`riv_compliance`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ceasefire.agents.sanctuary import ISLAMIC_YEAR_DAYS, RAMADAN_1442
from ceasefire.model.negotiation.bargaining import Range
from ceasefire.model.negotiation.beliefs import DISCOUNT, LAMBDA
from ceasefire.model.negotiation.trust import leadership_control

REGROUP = 0.02
"""The government's loss from a pause that an untrustworthy Taliban exploit (range 0-0.05)."""
EID_DAYS = 3
"""Days of each Eid truce."""
EID_AL_FITR = 30
"""Days from 1 Ramadan to 1 Shawwal (Eid al-Fitr: 13 May 2021)."""
EID_AL_ADHA = 98
"""Days from 1 Ramadan to 10 Dhu al-Hijja (Eid al-Adha: 20 July 2021)."""
WEEK_DAYS = 7
OPEN_ENDED = ("ceasefire", "permanent")
"""The kinds of pause that last until a side breaks them (the others expire)."""


def eid_days(first_day: dt.date) -> int:
    """Days of Eid al-Fitr or Eid al-Adha (three days each) in the week from ``first_day``."""
    days = 0
    for i in range(WEEK_DAYS):
        offset = ((first_day + dt.timedelta(days=i)) - RAMADAN_1442).days % ISLAMIC_YEAR_DAYS
        days += any(start <= offset < start + EID_DAYS for start in (EID_AL_FITR, EID_AL_ADHA))
    return days


@dataclass(frozen=True)
class Side:
    """One side's view of a pause this week, in stake units per week of war.

    Attributes:
        hurt: the bracketed term of equation 16 (cost less expected gain, less the risk).
        sd: the posterior standard deviation of ``hurt``.
    """

    hurt: float
    sd: float


def pause_value(side: Side, days: int, psi: float, shock: float, delta: float = DISCOUNT) -> float:
    """A side's value of a ``days``-day pause against fighting, with its private shock."""
    share = days / WEEK_DAYS
    return share * (1.0 - delta) * (side.hurt + side.sd * shock) + psi * share


def accepts(side: Side, days: int, psi: float, shock: float, delta: float = DISCOUNT) -> bool:
    """Whether a side accepts a pause of ``days`` days."""
    return pause_value(side, days, psi, shock, delta) > 0.0


def vetoed(
    hardliner_value: float, hardliner_weight: float, line: float, spread: float, shock: float
) -> bool:
    """Whether the hardliners veto a cease-fire (Cunningham 2006, veto players).

    They can when their weight in the leadership plus their unseen pull in the shura,
    ``spread`` (the setting ``hardliner_veto_spread``) times a persistent standard normal
    ``shock``, reaches the ``line`` (the setting ``hardliner_veto_weight``), and do when the
    cease-fire is worth nothing to them (``hardliner_value``, their own value of it in stake
    units, not positive). The shock moves with the sides' private shocks' memory, so a
    cease-fire is not vetoed and allowed in alternate weeks.
    """
    return hardliner_weight + spread * shock >= line and hardliner_value <= 0.0


def settlement_sides(range_: Range, sd_t: float, sd_g: float) -> tuple[Side, Side]:
    """The Taliban's and the government's values of a settlement against fighting on.

    The deal splits the self-enforcing part of the range at its midpoint: the Taliban get their
    war value (the range's lower bound) plus the commitment gap ``Gamma`` that keeps them from
    reneging plus half the width ``w``; the government the other half of the width. So the
    values are ``(S + Gamma) / 2`` and ``w / 2``. The war values count every cost of war,
    Pakistan's pressure included: a settlement ends the pressure, a pause does not.
    """
    return Side(0.5 * (range_.surplus + range_.gap), sd_t), Side(0.5 * range_.width, sd_g)


def riv_compliance(command: float, hardliner_weight: float) -> float:
    """Share of the fighting the reduction in violence stops: ``K (1 - w_H (1 - CONTROL_H))``.

    The leadership's command capacity ``K`` times its true control of its fighters
    (:func:`.trust.leadership_control`).
    """
    return command * leadership_control(hardliner_weight)


def next_shock(shock: float, draw: float, memory: float = LAMBDA) -> float:
    """The persistent private shock after one week (``draw`` standard normal)."""
    return memory * shock + float(np.sqrt(1.0 - memory**2)) * draw


@dataclass
class Ceasefire:
    """One pause: its kind, the week it began and the week it ended (``None``: in force).

    Attributes:
        start: first week of the pause.
        pause: its kind: ``truce``, ``riv``, ``ceasefire`` or ``permanent``.
        end: first week without it (``None`` while in force).
        ended_by: ``expiry``, ``taliban``, ``government`` or ``takeover`` (empty while in force).
    """

    start: int
    pause: str = "ceasefire"
    end: int | None = None
    ended_by: str = ""

    @property
    def open_ended(self) -> bool:
        """Whether it is an open-ended or permanent cease-fire (not a truce or the RIV)."""
        return self.pause in OPEN_ENDED

    def weeks(self, final_week: int) -> int:
        """Weeks in force by the end of ``final_week``."""
        return (self.end if self.end is not None else final_week + 1) - self.start
