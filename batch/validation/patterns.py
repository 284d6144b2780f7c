"""The patterns the model is checked against (pattern-oriented modelling, Grimm et al. 2005).

Each ``check_*`` function takes the tables of replicated runs (``steps.csv``, ``events.csv``)
and returns :class:`PatternCheck` rows: the statistic, its mean over replications with a 95%
t interval, the real-world value with its source, the tolerance and whether it is met. The
figures and the report are built from these results (:mod:`ceasefire.batch.validation.run`); nothing
here runs the model.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ceasefire.batch.analysis.stats import mean_interval
from ceasefire.model.afpak_map import AFG, AfPakMap

DAYS_PER_WEEK = 7.0
WEEKS_PER_YEAR = 365.25 / DAYS_PER_WEEK

POWER_LAW_TARGET = 2.5
"""Exponent of the event-severity tail reported for insurgencies (Bohorquez et al. 2009)."""
POWER_LAW_TOLERANCE = 0.5
"""Accepted distance of the mean fitted exponent from the target (our choice)."""
LR_SIGNIFICANCE = 0.1
"""p-value below which a likelihood-ratio comparison counts as decisive (Clauset et al. 2009)."""

SUMMER_AUTUMN = (6, 7, 8, 9, 10, 11)
WINTER = (12, 1, 2)

UNAMA_H1_2021 = 5183
"""Civilian casualties (killed and injured) UNAMA counted from 1 January to 30 June 2021."""
UNAMA_H1_2021_WEEKS = 181 / DAYS_PER_WEEK
UNAMA_ANNUAL = {2019: 10392, 2020: 8820}
"""Civilian casualties per year (UNAMA 2020, 2021a)."""
SCALE_TOLERANCE = 0.25
"""Accepted relative distance from UNAMA's first-half-2021 weekly rate (our choice)."""
SCALE_LAST_WEEK = 20
"""Last model week inside the first half of 2021 (week 20 ends on 2 July 2021)."""

UNAMA_REGIONS = {
    "south": ("Helmand", "Kandahar", "Nimruz", "Uruzgan", "Zabul"),
    "south-east": ("Ghazni", "Khost", "Paktia", "Paktika"),
    "east": ("Kunar", "Laghman", "Nangarhar", "Nuristan"),
}
"""UNAMA's southern, south-eastern and eastern regions (provinces as named on the map)."""
KABUL_FELL_WEEK = 27
"""Model week of 15 August 2021, when the Taliban entered Kabul (week 1 = 12 February 2021)."""
COLLAPSE_TOLERANCE_WEEKS = 8
"""Accepted distance of the simulated collapse from the historical one (our choice)."""
TTP_RISE_2021 = 87 / 47
"""TTP attacks in Pakistan in 2021 over 2020: 87 attacks by the TTP in 2021, about 47 in 2020
(PIPS Pakistan Security Reports 2020 and 2021; docs/dev/research/issue11/sources.md)."""
TTP_RISE_TOLERANCE = 0.25
"""Accepted relative distance of the simulated rise from the recorded one (our choice, as for
civilian harm)."""
LAST_WEEK_OF_2021 = 46
"""Last model week in 2021 (week 46 begins on 24 December 2021)."""
BORDER_BELT_KM = 100.0
"""Width of the belt along the Durand Line counted as 'near the border'."""


@dataclass(frozen=True)
class PatternCheck:
    """One simulated statistic compared with the real world.

    Attributes:
        pattern: the pattern it belongs to.
        statistic: what is measured, with its unit.
        mean: mean over replications.
        low: lower bound of the 95% t interval over replications.
        high: upper bound.
        runs: number of replications.
        reference: the real-world value or expectation.
        source: where the reference comes from.
        tolerance: the rule that decides ``passed``.
        passed: whether the rule holds; ``None`` for descriptive rows.
        tuned: the parameter tuned to this pattern, or empty if none was.
        map: the map the runs were made on (``fine`` or ``coarse``).
    """

    pattern: str
    statistic: str
    mean: float
    low: float
    high: float
    runs: int
    reference: str
    source: str
    tolerance: str
    passed: bool | None
    tuned: str = ""
    map: str = "fine"


def war_weeks(steps: pd.DataFrame) -> pd.DataFrame:
    """The weeks before the government collapsed (all weeks of runs without a collapse)."""
    end = steps["run_id"].map(collapse_weeks(steps)).fillna(np.inf)
    return steps[steps["step"] < end]


# ------------------------------------------------------------------------- event severity
def fit_event_sizes(deaths: Sequence[int]) -> dict[str, float]:
    """Maximum-likelihood power-law fit of event sizes with an estimated ``x_min``.

    Uses the ``powerlaw`` package (Alstott et al. 2014), which implements Clauset, Shalizi and
    Newman (2009): ``x_min`` minimises the Kolmogorov-Smirnov distance, the exponent is the
    discrete maximum-likelihood estimate above it. The power law is compared with a lognormal
    and a stretched exponential by normalised log-likelihood ratios (``R > 0`` favours the
    power law; ``p`` is the significance of the sign).

    Args:
        deaths: deaths per event (events with no deaths are ignored).

    Returns:
        ``alpha``, ``xmin``, ``tail_events`` and ``R``/``p`` for each alternative.
    """
    import powerlaw  # imported here: it is slow to import and only ``validate`` needs it

    data = np.asarray(deaths, dtype=float)
    data = data[data >= 1]
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        fit = powerlaw.Fit(data, discrete=True, verbose=False)
        result = {
            "alpha": float(fit.power_law.alpha),
            "xmin": float(fit.power_law.xmin),
            "tail_events": int((data >= fit.power_law.xmin).sum()),
        }
        for name, label in (("lognormal", "lognormal"), ("stretched_exponential", "stretched")):
            ratio, p = fit.distribution_compare("power_law", name, normalized_ratio=True)
            result |= {f"r_{label}": float(ratio), f"p_{label}": float(p)}
    return result


def event_size_fits(events: pd.DataFrame, map_name: str = "fine") -> pd.DataFrame:
    """One power-law fit per run (column ``best`` = deaths per event) of the runs on a map."""
    by_run = events.groupby("run_id", sort=True)
    rows = [
        {"map": map_name, "run_id": run, **fit_event_sizes(group["best"])} for run, group in by_run
    ]
    return pd.DataFrame(rows)


def decisively_worse(fits: pd.DataFrame, alternative: str) -> pd.Series:
    """Per run: whether the power law is decisively worse than ``alternative``.

    That is a negative log-likelihood ratio (``R < 0``) that is significant
    (``p <`` :data:`LR_SIGNIFICANCE`).

    Args:
        fits: the per-run fits of :func:`event_size_fits`.
        alternative: ``lognormal`` or ``stretched`` (the column suffix of the fits).
    """
    return (fits[f"r_{alternative}"] < 0) & (fits[f"p_{alternative}"] < LR_SIGNIFICANCE)


def check_event_severity(fits: pd.DataFrame) -> list[PatternCheck]:
    """The fitted exponent near 2.5, and the power law against the alternatives."""
    pattern = "Event severity: heavy tail"
    mean, low, high, n = mean_interval(fits["alpha"])
    rows = [
        PatternCheck(
            pattern,
            "power-law exponent alpha of deaths per event (MLE, x_min estimated)",
            mean,
            low,
            high,
            n,
            "about 2.5 for insurgencies including Afghanistan",
            "Bohorquez et al. 2009; Clauset, Young and Gleditsch 2007",
            f"mean within {POWER_LAW_TARGET} +/- {POWER_LAW_TOLERANCE}",
            bool(abs(mean - POWER_LAW_TARGET) <= POWER_LAW_TOLERANCE),
        ),
        _describe(pattern, "estimated x_min (deaths)", fits["xmin"]),
    ]
    for label, name in (("lognormal", "lognormal"), ("stretched", "stretched exponential")):
        worse = decisively_worse(fits, label)
        mean, low, high, n = mean_interval(fits[f"r_{label}"])
        rows.append(
            PatternCheck(
                pattern,
                f"normalised log-likelihood ratio, power law vs {name} "
                f"(> 0 favours the power law; {int(worse.sum())} of {n} runs decisively < 0)",
                mean,
                low,
                high,
                n,
                "real event sizes: a power law is not rejected in favour of the alternative",
                "Clauset, Shalizi and Newman 2009; Bohorquez et al. 2009",
                f"the power law is decisively worse (R < 0, p < {LR_SIGNIFICANCE}) "
                "in at most half of the runs",
                bool(worse.sum() <= n / 2),
            )
        )
    return rows


# ------------------------------------------------------------------------- fighting season
def monthly_profile(steps: pd.DataFrame) -> pd.DataFrame:
    """Mean weekly fatalities by calendar month during the war, with 95% intervals over runs."""
    war = war_weeks(steps).assign(month=lambda f: pd.to_datetime(f["date"]).dt.month)
    per_run = war.groupby(["run_id", "month"])["fatalities"].mean().unstack("month")
    rows = []
    for month in range(1, 13):
        values = per_run[month] if month in per_run else pd.Series(dtype=float)
        mean, low, high, n = mean_interval(values)
        rows.append(
            {"month": month, "fatalities": mean, "fatalities_low": low, "fatalities_high": high,
             "runs": n}
        )  # fmt: skip
    return pd.DataFrame(rows)


def season_ratios(steps: pd.DataFrame) -> pd.Series:
    """Per run: mean weekly fatalities in June-November over December-February (war weeks)."""
    war = war_weeks(steps).assign(month=lambda f: pd.to_datetime(f["date"]).dt.month)
    busy = war[war["month"].isin(SUMMER_AUTUMN)].groupby("run_id")["fatalities"].mean()
    quiet = war[war["month"].isin(WINTER)].groupby("run_id")["fatalities"].mean()
    return (busy / quiet).replace([np.inf, -np.inf], np.nan).dropna()


def check_fighting_season(steps: pd.DataFrame, scenario: str) -> PatternCheck:
    """Summer and autumn above winter: the ratio's interval lies above 1."""
    mean, low, high, n = mean_interval(season_ratios(steps))
    return PatternCheck(
        "Fighting season",
        f"mean weekly fatalities June-November / December-February ({scenario}, war weeks)",
        mean,
        low,
        high,
        n,
        "more violence in summer and autumn than in winter",
        "design brief; UNAMA and UCDP monthly series 2009-2020 (qualitative)",
        "95% interval above 1",
        bool(n >= 2 and low > 1),
        tuned="seasonality (0.4 -> 0.7, version 1; kept in version 2); the season's mechanisms "
        "were added after this check failed (docs/ODD.md 7.17)",
    )


# ------------------------------------------------------------------------- scale of civilian harm
def check_civilian_scale(steps: pd.DataFrame) -> list[PatternCheck]:
    """Civilian casualties per week in February-June 2021 against UNAMA's first half of 2021."""
    weekly = UNAMA_H1_2021 / UNAMA_H1_2021_WEEKS
    early = steps[steps["step"] <= SCALE_LAST_WEEK]
    mean, low, high, n = mean_interval(early.groupby("run_id")["civilian_casualties"].mean())
    band = (weekly * (1 - SCALE_TOLERANCE), weekly * (1 + SCALE_TOLERANCE))
    first_year = steps[steps["step"] <= round(WEEKS_PER_YEAR)]
    annual = ", ".join(f"{year}: {count:,}" for year, count in UNAMA_ANNUAL.items())
    return [
        PatternCheck(
            "Scale of civilian harm",
            f"civilian casualties (killed and injured) per week, weeks 1-{SCALE_LAST_WEEK} "
            "(12 Feb - 2 Jul 2021)",
            mean,
            low,
            high,
            n,
            f"{weekly:.0f} per week (5,183 in January-June 2021)",
            "UNAMA 2021b (mid-year report 2021)",
            f"mean within {band[0]:.0f}-{band[1]:.0f} per week (+/- {SCALE_TOLERANCE:.0%})",
            bool(band[0] <= mean <= band[1]),
        ),
        _describe(
            "Scale of civilian harm",
            "civilian casualties in the first 52 weeks (Feb 2021 - Feb 2022)",
            first_year.groupby("run_id")["civilian_casualties"].sum(),
            reference=f"UNAMA per year, {annual}",
            source="UNAMA 2020, 2021a",
        ),
    ]


# ------------------------------------------------------------------------- TTP
def check_ttp_rise(steps: pd.DataFrame, start_rate: float) -> PatternCheck:
    """TTP attacks in Pakistan from February to December 2021 against the start's rate (2020's).

    Args:
        steps: ``steps.csv`` of the status-quo runs.
        start_rate: the TTP's weekly attacks at the start of a run, calibrated on 2020.
    """
    year = steps[steps["step"] <= LAST_WEEK_OF_2021]
    ratios = year.groupby("run_id")["ttp_attacks"].mean() / start_rate
    mean, low, high, n = mean_interval(ratios)
    band = (TTP_RISE_2021 * (1 - TTP_RISE_TOLERANCE), TTP_RISE_2021 * (1 + TTP_RISE_TOLERANCE))
    return PatternCheck(
        "Blowback in Pakistan",
        f"TTP attacks per week in weeks 1-{LAST_WEEK_OF_2021} (12 Feb - 30 Dec 2021) over "
        f"the 2020 rate of the start ({start_rate:g} a week)",
        mean,
        low,
        high,
        n,
        f"{TTP_RISE_2021:.2f} (87 TTP attacks in 2021, about 47 in 2020)",
        "PIPS, Pakistan Security Reports 2020 and 2021",
        f"mean within {band[0]:.2f}-{band[1]:.2f} (+/- {TTP_RISE_TOLERANCE:.0%})",
        bool(band[0] <= mean <= band[1]),
        tuned="HAVEN (set to be of this order, not fitted)",
    )


# ------------------------------------------------------------------------- collapse
def collapse_weeks(steps: pd.DataFrame) -> pd.Series:
    """Per run: the week the government collapsed (runs without a collapse are left out)."""
    return steps[steps["taliban_takeover"] == 1].groupby("run_id")["step"].min()


def check_collapse_timing(steps: pd.DataFrame) -> PatternCheck:
    """The status quo's government collapse against the fall of Kabul."""
    weeks = collapse_weeks(steps)
    mean, low, high, n = mean_interval(weeks)
    runs = steps["run_id"].nunique()
    return PatternCheck(
        "Timing of the collapse",
        f"week of the government's collapse ({n} of {runs} runs collapsed)",
        mean,
        low,
        high,
        n,
        f"week {KABUL_FELL_WEEK} (the Taliban entered Kabul on 15 August 2021)",
        "historical record (not a pattern of the design brief)",
        f"every run collapses and the mean is within {COLLAPSE_TOLERANCE_WEEKS} weeks of "
        f"week {KABUL_FELL_WEEK}",
        bool(n == runs and abs(mean - KABUL_FELL_WEEK) <= COLLAPSE_TOLERANCE_WEEKS),
        tuned="the bandwagon (a mechanism added after this check failed, issue 13)",
    )


# ------------------------------------------------------------------------- geography
def event_cells(events: pd.DataFrame, afpak: AfPakMap) -> tuple[np.ndarray, np.ndarray]:
    """Grid coordinates ``(x, y)`` of the events (from their cell-centre coordinates)."""
    x = np.rint((events["longitude"].to_numpy() - afpak.lon[0]) / afpak.res_deg).astype(int)
    y = np.rint((events["latitude"].to_numpy() - afpak.lat[0]) / afpak.res_deg).astype(int)
    return x, y


def region_masks(afpak: AfPakMap) -> dict[str, np.ndarray]:
    """Afghan cells of the south, south-east and east, and within the border belt."""
    codes = {name: code for code, name in afpak.admin1_names.items()}
    provinces = [codes[name] for names in UNAMA_REGIONS.values() for name in names]
    afghan = afpak.layers["country"] == AFG
    return {
        "south, south-east and east": afghan & np.isin(afpak.layers["admin1"], provinces),
        f"within {BORDER_BELT_KM:.0f} km of the Durand Line": afghan
        & (afpak.layers["dist_durand_km"] <= BORDER_BELT_KM),
    }


def fatality_shares(events: pd.DataFrame, afpak: AfPakMap) -> pd.DataFrame:
    """Per run and region: share of Afghan fatalities that fell in the region."""
    afghan = events[events["country"] == "Afghanistan"]
    x, y = event_cells(afghan, afpak)
    rows = []
    for region, mask in region_masks(afpak).items():
        inside = afghan["best"].where(mask[x, y], 0)
        shares = inside.groupby(afghan["run_id"]).sum() / afghan.groupby("run_id")["best"].sum()
        rows += [{"run_id": run, "region": region, "share": s} for run, s in shares.items()]
    return pd.DataFrame(rows, columns=["run_id", "region", "share"])


def check_geography(events: pd.DataFrame, afpak: AfPakMap) -> list[PatternCheck]:
    """Fatalities concentrated in the south and east and near the border, beyond population."""
    shares = fatality_shares(events, afpak)
    population = afpak.layers["population"] * (afpak.layers["country"] == AFG)
    checks = []
    for region, mask in region_masks(afpak).items():
        people = float(population[mask].sum() / population.sum())
        mean, low, high, n = mean_interval(shares.loc[shares["region"] == region, "share"])
        checks.append(
            PatternCheck(
                "Geography",
                f"share of Afghan fatalities {region}",
                mean,
                low,
                high,
                n,
                "violence concentrated in the south and east, near the border",
                "design brief; UNAMA regional breakdowns 2019-2021 (qualitative)",
                f"95% interval above the region's population share ({people:.2f})",
                bool(n >= 2 and low > people),
            )
        )
    return checks


def province_fatalities(events: pd.DataFrame, runs: int) -> pd.Series:
    """Mean fatalities per run by Afghan province (``admin1``)."""
    afghan = events[events["country"] == "Afghanistan"]
    return afghan.groupby("admin1")["best"].sum().div(max(runs, 1)).sort_values(ascending=False)


# ------------------------------------------------------------------------- helpers
def _describe(
    pattern: str, statistic: str, values: Iterable[float], reference: str = "", source: str = ""
) -> PatternCheck:
    """A descriptive row: reported with its interval, no pass or fail."""
    mean, low, high, n = mean_interval(values)
    return PatternCheck(pattern, statistic, mean, low, high, n, reference, source, "", None)
