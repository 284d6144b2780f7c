"""The patterns of the 2021 collapse (issue 13): the district tally and the order of the offensive.

References are the published counts of districts held by the Taliban in 2021 (the Long War
Journal's assessments and a US official's statement), collected with their sources in
``docs/dev/research/issue13/tallies.csv``, and the fall of the first provincial capital (Zaranj,
6 August 2021; ``capitals_fall.csv``). The model's districts are the 398 of
``model/data/districts.csv``; the references count 398-421, so shares are compared.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib.resources import files
from typing import NamedTuple

import pandas as pd

from ceasefire.batch.analysis.stats import mean_interval
from ceasefire.batch.validation.patterns import PatternCheck, collapse_weeks
from ceasefire.model.districts import load_border_crossings, load_districts

TALLY_TOLERANCE = 0.08
"""Accepted distance of the simulated share of districts from the published one (our choice:
the published denominators differ by up to 5 % and the LWJ misses recaptures)."""
FIRST_CAPITAL_WEEK = 26
"""Model week of 6 August 2021, when Zaranj, the first provincial capital, fell."""
FIRST_CAPITAL_TOLERANCE_WEEKS = 3
"""Accepted distance of the simulated first capital's fall from the historical one (our choice)."""
SHARE_AT_FIRST_CAPITAL = (224 / 421, 229 / 407)
"""Share of districts the Taliban held around Zaranj's fall: the Long War Journal's counts of 27
July (224 of 421) and 10 August 2021 (229 of 407), either side of 6 August."""
FIRST_CAPITAL_DATE = dt.date(2021, 8, 6)
"""Zaranj's fall, the first provincial capital's."""
CAPITALS_TO_KABUL_WEEKS = 9 / 7
"""Weeks from the first provincial capital's fall (Zaranj, 6 August 2021) to Kabul's (15 August):
the capitals fell in a rush at the end (``capitals_fall.csv``)."""
CAPITAL_ORDER_SOURCE = "model/data/capitals_fall.csv"
"""The day each provincial capital fell in 2021, one cited report per row."""
RUSH_TOLERANCE_WEEKS = 2.0
"""Accepted distance of the simulated interval from the historical one (our choice)."""


class Tally(NamedTuple):
    """A published count of districts held by the Taliban, in the model's week."""

    week: int
    taliban: int
    total: int
    source: str
    tuned: str = ""


TALLY_TUNING = "surrender_deal_rate, CONSOLIDATION_TRIGGER, WITHDRAWAL_RATE"
"""What the tallies after week 12 were tuned with (docs/validation.md, tuning table)."""
TALLIES = (
    Tally(12, 73, 407, "Long War Journal (Roggio), 1 May 2021", "initial state (18 %)"),
    Tally(18, 104, 399, "Long War Journal via Axios, 16 June 2021", TALLY_TUNING),
    Tally(23, 212, 419, "Gen. Milley, Pentagon briefing, 21 July 2021", TALLY_TUNING),
    Tally(24, 224, 421, "Long War Journal via RedState, 27 July 2021", TALLY_TUNING),
    Tally(26, 229, 407, "Long War Journal via Axios, 10 August 2021", TALLY_TUNING),
)
"""The references (``docs/dev/research/issue13/tallies.csv``); week 12's is the initial state
(set at week 0); the others are the ones ``surrender_deal_rate`` and the consolidation's
constants were tuned to (the fine map's mean tally was read in weeks 12-26)."""


def check_district_tally(steps: pd.DataFrame) -> list[PatternCheck]:
    """The share of districts the Taliban hold, week by week, against the published tallies."""
    n = len(load_districts())
    checks = []
    for tally in TALLIES:
        rows = steps[steps["step"] == tally.week]
        mean, low, high, runs = mean_interval(rows["districts_taliban"] / n)
        reference = tally.taliban / tally.total
        checks.append(
            PatternCheck(
                "District tally of 2021",
                f"share of the {n} districts held by the Taliban after week {tally.week}",
                mean,
                low,
                high,
                runs,
                f"{reference:.2f} ({tally.taliban} of {tally.total})",
                tally.source,
                f"within {TALLY_TOLERANCE:.2f} of the reference",
                bool(abs(mean - reference) <= TALLY_TOLERANCE),
                tally.tuned,
            )
        )
    return checks


def check_order_of_offensive(steps: pd.DataFrame) -> list[PatternCheck]:
    """Rural districts first, then the provincial capitals in a rush, then Kabul."""
    return [
        check_first_capital(steps),
        check_share_at_first_capital(steps),
        check_crossings_at_first_capital(steps),
        check_capitals_to_kabul(steps),
    ]


def check_capital_order(falls: pd.DataFrame) -> PatternCheck:
    """Whether the capitals fall in 2021's order: Spearman's rho over runs, above 0."""
    mean, low, high, n = mean_interval(capital_order_correlations(falls))
    runs = falls["run_id"].nunique()
    return PatternCheck(
        "Order of the offensive",
        "Spearman's rank correlation between the week each provincial capital fell and the "
        f"day it fell in 2021 (capitals still held rank last; {n} of {runs} runs lost one)",
        mean,
        low,
        high,
        n,
        "above 0 (1: 2021's order; the north and west first, Zaranj 6 August, the east and "
        "Kabul on 14-15 August)",
        CAPITAL_ORDER_SOURCE,
        "the interval lies above 0",
        bool(n > 1 and low > 0.0),
    )


@cache
def capitals_fall_2021() -> pd.Series:
    """The day each provincial capital fell in 2021, by ``district_id`` (a copy: do not edit)."""
    path = files("ceasefire.model") / "data" / "capitals_fall.csv"
    with path.open(encoding="utf-8") as fh:
        table = pd.read_csv(fh, parse_dates=["fell"])
    return table.set_index("district_id")["fell"]


def capital_order_correlations(falls: pd.DataFrame) -> pd.Series:
    """Per run that lost a capital: Spearman's rho between its order of the capitals and 2021's.

    ``falls`` is the runs' ``district_falls`` table. A capital the government still holds at
    the end of a run ranks after every capital that fell (tied with the others still held).
    """
    fell = capitals_fall_2021()
    capitals = falls[falls["district_id"].isin(fell.index)]
    weeks = capitals.pivot(index="district_id", columns="run_id", values="fall_step")
    weeks = weeks.astype(float)
    lost = weeks.notna().any()
    last = weeks.max().max() + 1.0 if lost.any() else 0.0
    ranked = weeks.loc[:, lost].fillna(last)
    return ranked.apply(lambda run: run.corr(fell[run.index].astype("int64"), method="spearman"))


def first_capital_weeks(steps: pd.DataFrame) -> pd.Series:
    """Per run: the week the first provincial capital fell (runs without one are left out)."""
    return steps[steps["capitals_taliban"] > 0].groupby("run_id")["step"].min()


def at_first_capital(steps: pd.DataFrame) -> pd.DataFrame:
    """Per run that lost a capital: its row of the week the first provincial capital fell."""
    return steps[steps["step"] == steps["run_id"].map(first_capital_weeks(steps))]


def _share_in_range(
    statistic: str, shares: pd.Series, bounds: tuple[float, float], reference: str, source: str
) -> PatternCheck:
    """An order-of-offensive check: the mean share within ``TALLY_TOLERANCE`` of ``bounds``."""
    mean, low, high, runs = mean_interval(shares)
    lo, hi = bounds
    return PatternCheck(
        "Order of the offensive",
        statistic,
        mean,
        low,
        high,
        runs,
        f"{lo:.2f}-{hi:.2f} ({reference})",
        source,
        f"within {TALLY_TOLERANCE:.2f} of the range",
        bool(runs > 0 and lo - TALLY_TOLERANCE <= mean <= hi + TALLY_TOLERANCE),
    )


def check_share_at_first_capital(steps: pd.DataFrame) -> PatternCheck:
    """The share of districts the Taliban held when the first provincial capital fell."""
    n = len(load_districts())
    return _share_in_range(
        f"share of the {n} districts held by the Taliban when the first provincial capital fell",
        at_first_capital(steps)["districts_taliban"] / n,
        SHARE_AT_FIRST_CAPITAL,
        "Long War Journal, 27 July and 10 August 2021",
        "docs/dev/research/issue13/tallies.csv",
    )


def crossings_taken_by(date: dt.date) -> tuple[int, int]:
    """Border crossings the Taliban had taken by ``date`` in 2021 (surely, and at most).

    The first count takes the crossings taken on or before ``date``; the second adds those
    whose later date is only an upper bound (``date_confidence`` low): they may have fallen
    earlier.
    """
    crossings = load_border_crossings()
    surely = sum(c.taken is not None and c.taken <= date for c in crossings)
    bounded = sum(
        c.taken is not None and c.taken > date and c.date_confidence == "low" for c in crossings
    )
    return surely, min(len(crossings), surely + bounded)


def check_crossings_at_first_capital(steps: pd.DataFrame) -> PatternCheck:
    """The share of the border crossings the Taliban held when the first capital fell."""
    total = len(load_border_crossings())
    surely, at_most = crossings_taken_by(FIRST_CAPITAL_DATE)
    return _share_in_range(
        f"share of the {total} border crossings held by the Taliban when the first provincial "
        "capital fell",
        at_first_capital(steps)["crossings_taliban"] / total,
        (surely / total, at_most / total),
        f"{surely} to {at_most} of {total} by 6 August 2021",
        "model/data/border_crossings.csv",
    )


def check_capitals_to_kabul(steps: pd.DataFrame) -> PatternCheck:
    """Weeks from the first provincial capital's fall to the government's collapse."""
    gap = (collapse_weeks(steps) - first_capital_weeks(steps)).dropna()
    mean, low, high, n = mean_interval(gap)
    runs = steps["run_id"].nunique()
    return PatternCheck(
        "Order of the offensive",
        f"weeks from the first provincial capital's fall to the collapse ({n} of {runs} runs "
        "had both)",
        mean,
        low,
        high,
        n,
        f"{CAPITALS_TO_KABUL_WEEKS:.1f} weeks (Zaranj 6 August, Kabul 15 August 2021)",
        "docs/dev/research/issue13/capitals_fall.csv",
        f"every run has both and the mean is within {RUSH_TOLERANCE_WEEKS:.0f} weeks of "
        f"{CAPITALS_TO_KABUL_WEEKS:.1f}",
        bool(n == runs and abs(mean - CAPITALS_TO_KABUL_WEEKS) <= RUSH_TOLERANCE_WEEKS),
    )


def check_first_capital(steps: pd.DataFrame) -> PatternCheck:
    """The week the first provincial capital fell, against Zaranj's fall (6 August 2021)."""
    mean, low, high, n = mean_interval(first_capital_weeks(steps))
    runs = steps["run_id"].nunique()
    return PatternCheck(
        "Order of the offensive",
        f"week the first provincial capital fell ({n} of {runs} runs lost one)",
        mean,
        low,
        high,
        n,
        f"week {FIRST_CAPITAL_WEEK} (Zaranj, 6 August 2021; rural districts and border "
        "crossings fell first)",
        "docs/dev/research/issue13/capitals_fall.csv",
        f"every run loses one and the mean is within {FIRST_CAPITAL_TOLERANCE_WEEKS} weeks of "
        f"week {FIRST_CAPITAL_WEEK}",
        bool(n == runs and abs(mean - FIRST_CAPITAL_WEEK) <= FIRST_CAPITAL_TOLERANCE_WEEKS),
    )
