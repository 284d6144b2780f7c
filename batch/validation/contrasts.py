"""Lever responses: each lever moved from a low to a high value with paired seeds.

Every contrast runs both arms with the same replication seeds (common random numbers), so its
effects are paired differences, replication by replication, with 95% t intervals. The expected
sign of each effect comes from the design brief (``docs/dev/design-brief.md``: the article's
claims); whether the model agrees is what the contrast reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ceasefire.batch.analysis.stats import mean_interval, paired_differences
from ceasefire.batch.sweep.tasks import DesignPoint
from ceasefire.model.scenarios import Scenario

EARLY_WEEKS = 26
"""Weeks over which ``early_fatalities`` is measured: all arms are still at war."""

WAR_MEASURE = "war_fatalities"
"""Mean weekly fatalities over the weeks before any collapse: the intensity of the war whatever
its length, and whatever window the effect falls in (the fighting season moves it)."""
STEP_MEASURES = ("early_fatalities", WAR_MEASURE)
"""Measures computed from ``steps.csv``, not read from the runs table."""
MEASURES: dict[str, str] = {
    "mean_pakistan_pressure": "Pakistani pressure (mean, 0-1)",
    "early_fatalities": f"fatalities per week, weeks 1-{EARLY_WEEKS}",
    WAR_MEASURE: "fatalities per week of war (weeks before any collapse)",
    "mean_weekly_fatalities": "fatalities per week, whole run",
    "final_negotiation_progress": "negotiation progress at the end (0-1)",
    "ceasefire_began": "probability of a cease-fire",
    "taliban_takeover": "probability of a government collapse",
}
"""The effects reported for every contrast (columns of the runs table)."""


@dataclass(frozen=True)
class Contrast:
    """A lever moved from ``low`` to ``high``, everything else as in the base scenario.

    Attributes:
        lever: the parameter moved.
        low: its value in the first arm.
        high: its value in the second arm.
        claim: the claim tested, with its hypothesis id (``docs/ODD.md`` 1.2).
        expected: expected sign of ``high - low`` per measure (+1 or -1).
        context: other parameters set in both arms (to make the lever matter).
        basis: where the sign of the lever's effect on Pakistan's pressure comes from:
            ``by construction`` (a term of Pakistan's utility has that sign), ``ratio of
            constants`` (two hand-set constants decide it), ``emergent`` (it runs through the
            battlefield, Washington's noisy reviews or Pakistan's credibility belief) or
            ``assumption`` (a parameter sets it). Effects on violence and on the talks are
            always emergent: they run through the agents.
    """

    lever: str
    low: Any
    high: Any
    claim: str
    expected: dict[str, int]
    context: dict[str, Any] = field(default_factory=dict)
    basis: str = "emergent"

    @property
    def label(self) -> str:
        """Short name: ``lever low -> high`` and the context, if any."""
        context = ", ".join(f"{k}={_show(v)}" for k, v in self.context.items())
        return f"{self.lever} {_show(self.low)} -> {_show(self.high)}" + (
            f" ({context})" if context else ""
        )

    def arms(self, base: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Parameters of the low and the high arm, starting from ``base``."""
        return (
            {**base, **self.context, self.lever: self.low},
            {**base, **self.context, self.lever: self.high},
        )


LESS_VIOLENCE = {"mean_pakistan_pressure": +1, "early_fatalities": -1}
PRESSABLE = {
    "pakistan_belief_effect": 0.6,
    "india_restraint": 0.8,
    "fatf_offer": 1.0,
    "csf_release": 1.0,
    "conditionality": 1.0,
}
"""A Pakistan that believes its pressure can show results, offered conditional rewards: the
context in which a lever's effect on Pakistan's choice can show in both directions (with
Islamabad's stated belief, ``pakistan_belief_effect`` 0.1, no lever moves it at all)."""


def _pressable(**changes: Any) -> dict[str, Any]:
    """:data:`PRESSABLE` without the lever being moved, with ``changes``."""
    return {k: v for k, v in {**PRESSABLE, **changes}.items() if v is not None}


MORE_VIOLENCE = {"mean_pakistan_pressure": -1, "early_fatalities": +1}
CONTRASTS: tuple[Contrast, ...] = (
    Contrast(
        "fatf_offer",
        0.0,
        1.0,
        "H1 conditional FATF support raises pressure",
        LESS_VIOLENCE,
        _pressable(fatf_offer=None),
        "by construction",
    ),
    Contrast(
        "conditionality",
        0.0,
        1.0,
        "H2 rewards with no strings are free-ridden",
        LESS_VIOLENCE,
        _pressable(conditionality=None),
        "by construction",
    ),
    Contrast(
        "india_restraint",
        0.0,
        1.0,
        "H3 India kept at arm's length",
        LESS_VIOLENCE,
        _pressable(india_restraint=None),
        "by construction",
    ),
    Contrast(
        "sst_threat",
        0.0,
        0.3,
        "H4 a designation threat helps up to a point",
        LESS_VIOLENCE,
        _pressable(),
        "ratio of constants",
    ),
    Contrast(
        "sst_threat",
        0.3,
        1.0,
        "H4 maximum pressure makes Islamabad dig in",
        MORE_VIOLENCE,
        _pressable(),
        "ratio of constants",
    ),
    Contrast(
        "pakistan_belief_effect",
        0.1,
        0.6,
        "Assumption: a Pakistan that believes it can deliver results responds to offers",
        LESS_VIOLENCE,
        _pressable(pakistan_belief_effect=None),
        "assumption",
    ),
    Contrast(
        "csf_release",
        0.0,
        1.0,
        "H5 CSF money on results helps a little",
        LESS_VIOLENCE,
        _pressable(csf_release=None),
        "by construction",
    ),
    Contrast(
        "withdrawal_week",
        28,
        None,
        "H7/H9 staying lowers Pakistani pressure; leaving helps the Taliban",
        {"mean_pakistan_pressure": -1, "taliban_takeover": -1},
        _pressable(),
        "by construction",
    ),
    Contrast(
        "blowback_fear",
        0.0,
        1.0,
        "H10 fear of TTP blowback holds back",
        MORE_VIOLENCE,
        _pressable(),
        "by construction",
    ),
    Contrast(
        "establishment_sympathy",
        0.0,
        1.0,
        "H10 establishment sympathy holds Pakistan back",
        MORE_VIOLENCE,
        _pressable(),
        "by construction",
    ),
    Contrast(
        "hardliner_share",
        0.0,
        1.0,
        "H11 hardliners fight and resist talks",
        {"early_fatalities": +1, "final_negotiation_progress": -1},
    ),
    Contrast(
        "pakistan_pressure",
        0.0,
        1.0,
        "H12 pressure on the sanctuaries lowers violence",
        {"early_fatalities": -1, "final_negotiation_progress": +1},
    ),
)
"""The contrasts of the validation report: every lever of the design brief."""


def arm_parameters(scenario: Scenario, contrasts: tuple[Contrast, ...]) -> list[dict[str, Any]]:
    """The distinct arms of all contrasts, in order of first appearance.

    Arms with the same parameters (the status quo is the low arm of several contrasts) run once.
    """
    arms: list[dict[str, Any]] = []
    for contrast in contrasts:
        for arm in contrast.arms(scenario.parameters):
            if arm not in arms:
                arms.append(arm)
    return arms


def arm_points(scenario: Scenario, contrasts: tuple[Contrast, ...]) -> list[DesignPoint]:
    """The design points of the contrasts: one per distinct arm (:func:`arm_parameters`).

    Run them with :func:`ceasefire.batch.sweep.tasks.build_tasks`: replication ``r`` then has
    the same seed in every arm.
    """
    return [DesignPoint.of(scenario, arm) for arm in arm_parameters(scenario, contrasts)]


def run_measures(
    runs: pd.DataFrame, steps: pd.DataFrame, names: Iterable[str] = MEASURES
) -> pd.DataFrame:
    """Measures of every successful run, indexed by ``(design_point, replication)``.

    Args:
        runs: the runs table.
        steps: the steps table of the same runs.
        names: runs-table columns, ``early_fatalities`` (mean weekly fatalities over weeks 1 to
            ``EARLY_WEEKS``) and ``war_fatalities`` (over the weeks before any collapse), both
            from ``steps``.
    """
    names = list(names)
    ok = runs[runs["status"] == "ok"].set_index("run_id")
    early = steps[steps["step"] <= EARLY_WEEKS].groupby("run_id")["fatalities"].mean()
    war = steps[steps["taliban_takeover"] == 0].groupby("run_id")["fatalities"].mean()
    measures = ok[[m for m in names if m not in STEP_MEASURES]]
    measures = measures.assign(early_fatalities=early, **{WAR_MEASURE: war})
    measures = measures.join(ok[["design_point", "replication"]])
    return measures.set_index(["design_point", "replication"])[names].astype(float)


def effects(
    scenario: Scenario, contrasts: tuple[Contrast, ...], runs: pd.DataFrame, steps: pd.DataFrame
) -> pd.DataFrame:
    """Paired effects ``high - low`` of every contrast on every measure, with verdicts.

    The verdict is ``as expected`` when the 95% interval excludes zero on the expected side,
    ``opposite`` when it excludes zero on the other side, ``no clear effect`` otherwise, and
    empty where the brief expects nothing.
    """
    measures = run_measures(runs, steps)
    arms = arm_parameters(scenario, contrasts)
    rows = []
    for contrast in contrasts:
        low, high = (measures.loc[arms.index(arm)] for arm in contrast.arms(scenario.parameters))
        difference = paired_differences(high, low)
        for measure in MEASURES:
            mean, lo, hi, n = mean_interval(difference[measure])
            sign = expected_sign(contrast, measure)
            rows.append(
                {
                    "contrast": contrast.label,
                    "claim": contrast.claim,
                    "measure": measure,
                    "low_arm": float(low[measure].mean()),
                    "high_arm": float(high[measure].mean()),
                    "effect": mean,
                    "effect_low": lo,
                    "effect_high": hi,
                    "pairs": n,
                    "expected_sign": sign,
                    "verdict": verdict(sign, lo, hi),
                    "basis": contrast.basis if measure == "mean_pakistan_pressure" else "emergent",
                }
            )
    return pd.DataFrame(rows)


def expected_sign(contrast: Contrast, measure: str) -> int | None:
    """The sign the article expects; a sign on violence holds for both fatality windows."""
    if measure == WAR_MEASURE:
        return contrast.expected.get(measure, contrast.expected.get("early_fatalities"))
    return contrast.expected.get(measure)


def verdict(sign: int | None, low: float, high: float) -> str:
    """Compare an interval of an effect with its expected sign (see :func:`effects`)."""
    if sign is None:
        return ""
    if np.isnan(low) or low <= 0 <= high:
        return "no clear effect"
    return "as expected" if (low > 0) == (sign > 0) else "opposite"


def _show(value: Any) -> str:
    return "none" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
