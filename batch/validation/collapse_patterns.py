"""The patterns of the 2021 collapse (issue 13): the district tally and the first capital.

References are the published counts of districts held by the Taliban in 2021 (the Long War
Journal's assessments and a US official's statement), collected with their sources in
``docs/dev/research/issue13/tallies.csv``, and the fall of the first provincial capital (Zaranj,
6 August 2021; ``capitals_fall.csv``). The model's districts are the 398 of
``model/data/districts.csv``; the references count 398-421, so shares are compared.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from ceasefire.batch.analysis.stats import mean_interval
from ceasefire.batch.validation.patterns import PatternCheck
from ceasefire.model.districts import load_districts

TALLY_TOLERANCE = 0.08
"""Accepted distance of the simulated share of districts from the published one (our choice:
the published denominators differ by up to 5 % and the LWJ misses recaptures)."""
FIRST_CAPITAL_WEEK = 26
"""Model week of 6 August 2021, when Zaranj, the first provincial capital, fell."""
FIRST_CAPITAL_TOLERANCE_WEEKS = 3
"""Accepted distance of the simulated first capital's fall from the historical one (our choice)."""


class Tally(NamedTuple):
    """A published count of districts held by the Taliban, in the model's week."""

    week: int
    taliban: int
    total: int
    source: str
    tuned: str = ""


TALLIES = (
    Tally(12, 73, 407, "Long War Journal (Roggio), 1 May 2021", "initial state (18 %)"),
    Tally(18, 104, 399, "Long War Journal via Axios, 16 June 2021"),
    Tally(23, 212, 419, "Gen. Milley, Pentagon briefing, 21 July 2021", "surrender_deal_rate"),
    Tally(24, 224, 421, "Long War Journal via RedState, 27 July 2021"),
    Tally(26, 229, 407, "Long War Journal via Axios, 10 August 2021"),
)
"""The references (``docs/dev/research/issue13/tallies.csv``); week 12's is the initial state
(set at week 0), week 23's the one ``surrender_deal_rate`` was tuned to."""


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


def check_first_capital(steps: pd.DataFrame) -> PatternCheck:
    """The week the first provincial capital fell, against Zaranj's fall (6 August 2021)."""
    lost = steps[steps["capitals_taliban"] > 0].groupby("run_id")["step"].min()
    mean, low, high, n = mean_interval(lost)
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
