"""The text of ``docs/validation.md``; every number in it comes from ``ceasefire validate``."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ceasefire.batch.analysis.sensitivity import imprecise, precision_warning
from ceasefire.batch.validation import collapse_patterns, patterns
from ceasefire.batch.validation import contrasts as lever_responses
from ceasefire.batch.validation.figures import NEGOTIATION_RUNS
from ceasefire.batch.validation.shock import AFTER_WEEKS, SHOCK_CITY, SHOCK_WEEK

if TYPE_CHECKING:
    from ceasefire.batch.validation.run import Results

VALIDATE_RERUN = "validate with a larger --sobol-samples"
"""The advice when Sobol' indices are imprecise (in the report, and on stderr)."""

TUNING = (
    (
        "seasonality",
        "0.4 -> 0.7 (version 1)",
        "Fighting season",
        "Tuned in version 1, when it was the amplitude of a seasonal multiplier of the "
        "campaign: with 0.4 the ratio of summer-autumn to winter fatalities in the `stay` runs "
        "was about 1.06, 0.7 gave about 1.27. In version 2 there is no multiplier: "
        "`seasonality` scales the fatigue of units in winter on high ground, and the fighting "
        "season comes from mechanisms between agents (docs/ODD.md 7.5, 7.12, 7.17). The "
        "value was kept, not re-tuned; the check is still not independent of that choice.",
    ),
    (
        "`mechanisms.part_time_fighters`, `mechanisms.harvest_tax`, `mechanisms.winter_passes`",
        "added in version 2 (issue 11)",
        "Fighting season",
        "Added because the check failed (ratio 0.82, peak in March): part-time fighters go "
        "home for the harvest and the winter, a harvest tax resupplies units, snow closes high "
        "ground. Their constants (docs/ODD.md 8.2) were set from sources and first estimates "
        "and not adjusted to the ratio, but the mechanisms were chosen, and the harvest tax "
        "added, after looking at why the season failed, so the check is not independent "
        "evidence for them.",
    ),
    (
        "`surrender_deal_rate`, `CONSOLIDATION_TRIGGER`, `WITHDRAWAL_RATE`",
        "0.02, 0.08, 0.6 (issue 13, with the consolidation)",
        "District tally of 2021 (weeks 18 and 23)",
        "Set together by looking at the fine map's mean tally in weeks 12, 18, 21, 24 and 26 "
        "of six status quo runs (seeds 1-6) against 0.18, 0.26, 0.50, 0.53 and 0.56: "
        "0.02/0.08/0.6 gave 0.20, 0.27, 0.43, 0.54, 0.60 (withdrawal rates 1-2 overshot late "
        "July; without the consolidation, 0.02 leaves the tally flat at 0.31 in week 24 and "
        "0.06 gives 0.39 in week 18). So both tally checks are tuned. Before the "
        "consolidation (0.06 alone): fine-map status quo runs at 0.005-0.03 a week (five runs "
        "each, issue 13's first "
        "version), then 0.035, and at 0.05, 0.06 and 0.07 once the initial state followed the "
        "Long War Journal's map by province: 0.06 gave 0.49 (0.47-0.51, ten runs) of the 398 "
        "districts Taliban-held in week 23 against Milley's 212-213 of 419 (21 July 2021). "
        "The collapse week and the first capital were also looked at during that exploration "
        "(and the brokers' handover made to need a threat at the capital, and a loyal capital "
        "to make no deal of its own), so they are not clean out-of-sample tests.",
    ),
    (
        "the bandwagon (`mechanisms.bandwagon`)",
        "a mechanism, implicit weight 1 (issue 13)",
        "Timing of the collapse",
        "Added after the collapse-week check failed (week 41.8 against 27 at commit 4725e4e); "
        "with it the fine map passes (33.5). A broker's seen threat is max(local threat "
        "ratio, national picture), with no separate constant: the national picture enters "
        "at weight 1, an assumption. The capitals' order, which it also moved, still fails.",
    ),
    (
        "`model/data/province_control.csv`",
        "72 districts (issue 13)",
        "District tally of 2021 (week 12)",
        "The districts held by the Taliban at the start, province by province from the Long "
        "War Journal's map of May 2021 (72 in all; 73 of 407 on 1 May 2021): an initial "
        "condition, so week 12's check mostly measures how many districts fall in "
        "February-April.",
    ),
)
"""Parameters tuned to a pattern: (parameter, change, pattern, how)."""

NOT_TUNED = (
    "Nothing else was tuned to these patterns. The event-size exponent, the scale of civilian "
    "harm and the geography come from constants set by hand when the mechanisms were written "
    "(docs/ODD.md 8.2: first estimates with the orders of magnitude of UNAMA and UCDP in mind, "
    "not fitted). `INJURED_PER_KILLED` was set from UNAMA's 2020 ratio of injured to killed, so "
    "the split of casualties into killed and injured is an input, not a result."
)


def render(results: Results, images: dict[str, Path], origin: dict[str, Any]) -> str:
    """The whole report as Markdown.

    Args:
        results: the checks, runs and indices.
        images: the figures, as paths relative to the report.
        origin: provenance recorded when the runs started (``metadata.json``).
    """
    sections = [
        _header(results, origin),
        _summary(results.checks),
        _event_severity(results, images),
        _season(results, images),
        _scale(results, images),
        _geography(results, images),
        _collapse(),
        _blowback(),
        _levers(results, images),
        _negotiation(results, images),
        _sensitivity(results, images),
        _tuning(),
        _limits(),
    ]
    return "\n\n".join(section.strip() for section in sections) + "\n"


def _header(results: Results, origin: dict[str, Any]) -> str:
    shown = [Path(origin["command"][0]).name, *origin["command"][1:]]
    git = origin["git"]
    commit = f"{git['commit']}{' (uncommitted changes)' if git['dirty'] else ''}"
    s = results.settings
    return f"""
# Validation report

Generated by `{" ".join(shown)}` — do not edit by hand; rerun the command.
Ceasefire {origin["version"]}, git commit {commit}, Python {origin["python"]}.
Settings: {s.reps} replications per scenario and contrast arm, {s.steps} weeks per run
({s.season_steps} for the fighting season), Sobol' base sample {s.sobol_samples}, root seed
{s.seed}. Replication seeds come from `numpy.random.SeedSequence({s.seed}).spawn`; every
scenario and contrast arm uses the same seeds, so contrasts are paired. Intervals are 95%
Student t intervals over replications unless stated otherwise.

The patterns come from the design brief (`docs/dev/design-brief.md`; pattern-oriented
modelling, Grimm et al. 2005). A tolerance is our choice where the source gives none; it is
stated next to each result. A pattern marked *tuned* was used to set a parameter and is not
independent evidence (see the tuning record).
"""


def _summary(checks: list[patterns.PatternCheck]) -> str:
    verdicts = [c for c in checks if c.passed is not None]
    passed = sum(c.passed for c in verdicts)
    lines = [
        "## Summary",
        "",
        f"{passed} of {len(verdicts)} checks pass.",
        "",
        "| pattern | map | statistic | simulated (95% interval) | runs | reference | tolerance "
        "| result |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for c in checks:
        result = "-" if c.passed is None else ("pass" if c.passed else "**fail**")
        if c.tuned:
            result += f" (tuned: {c.tuned})"
        reference = f"{c.reference} ({c.source})" if c.source else c.reference
        lines.append(
            f"| {c.pattern} | {c.map} | {c.statistic} | {_interval(c.mean, c.low, c.high)} | "
            f"{c.runs} | {reference} | {c.tolerance} | {result} |"
        )
    return "\n".join(lines)


def _event_severity(results: Results, images: dict[str, Path]) -> str:
    fits = results.fits[results.fits["map"] == "fine"]
    coarse = results.fits[results.fits["map"] == "coarse"]
    worse = int(patterns.decisively_worse(fits, "lognormal").sum())
    coarse_worse = int(patterns.decisively_worse(coarse, "lognormal").sum())
    return f"""
## 1. Event severity

Deaths per event (UCDP `best`) of the status-quo runs, one fit per run with the `powerlaw`
package (Alstott et al. 2014): `x_min` by minimum Kolmogorov-Smirnov distance, then the discrete
maximum-likelihood exponent above it (Clauset, Shalizi and Newman 2009). Per run on the fine
map: alpha {_range(fits["alpha"])}, x_min {_range(fits["xmin"], ".0f")},
{_range(fits["tail_events"], ".0f")} events in the tail; the power law is decisively worse than a
lognormal in {worse} of {len(fits)} runs (on the coarse map: alpha {_range(coarse["alpha"])},
{coarse_worse} of {len(coarse)} runs). The tail comes from the size of the attacking groups,
which coalesce in proportion to their size and scatter after attacking (docs/ODD.md 7.6); the
exponent moves with the two assumed rates of that balance, so it is an assumption to calibrate,
not a finding. Real data also contain mass-casualty bombings by a few attackers, which the model
does not generate.

![Event severity]({images["event_sizes"]})
"""


def _season(results: Results, images: dict[str, Path]) -> str:
    profile = patterns.monthly_profile(results.season_steps)
    peak = profile.loc[profile["fatalities"].idxmax()]
    trough = profile.loc[profile["fatalities"].idxmin()]
    collapse = _range(patterns.collapse_weeks(results.steps), ".0f")
    return f"""
## 2. Fighting season

The status quo cannot show a fighting season: the government collapses in its first autumn
(weeks {collapse}) and violence then nearly stops, so no
winter of war is simulated. The seasonal pattern was observed while the war went on with
foreign troops present, so it is checked in the `stay` scenario (US troops stay; otherwise the
status quo's levers) over {results.settings.season_steps} weeks, using only weeks before any
collapse. The highest month is {_month(peak["month"])} ({peak["fatalities"]:.0f} deaths a week),
the lowest {_month(trough["month"])} ({trough["fatalities"]:.0f}). The model has no seasonal
multiplier: the season comes from part-time fighters who go home for the harvest and the
winter, the harvest tax, snow that closes high ground, winter fatigue on high ground and the
madrassa recess around Ramadan (docs/ODD.md 7.5, 7.12, 7.17).

![Fighting season]({images["fighting_season"]})
"""


def _scale(results: Results, images: dict[str, Path]) -> str:
    return f"""
## 3. Scale of civilian harm

Scaling from model to people: one to one. A Taliban unit's strength is a number of fighters, a
garrison's a number of personnel, a civilian community's population a number of residents (the
map's population proxy sums to 38.0 million in Afghanistan), and every death or injury in the
event log is one person. No factor is applied. UNAMA counts only verified cases and calls its
figures a minimum, so a model somewhat above UNAMA is not a contradiction; far below would be.
Weeks 1-{patterns.SCALE_LAST_WEEK} are compared with UNAMA's first half of 2021 because the
government collapses soon afterwards, in the model as in August 2021; a full model year cannot
be compared with UNAMA's 2019 and 2020 years of ongoing war and is shown for information only.

![Civilian harm]({images["civilian_scale"]})
"""


def _geography(results: Results, images: dict[str, Path]) -> str:
    provinces = patterns.province_fatalities(results.events, results.settings.reps)
    share = provinces / provinces.sum()
    top = ", ".join(f"{name} {value:.0%}" for name, value in share.head(6).items())
    regions = "; ".join(
        f"{name}: {', '.join(members)}" for name, members in patterns.UNAMA_REGIONS.items()
    )
    return f"""
## 4. Geography

Share of the status quo's Afghan fatalities by province (largest six): {top}. UNAMA's regions
used: {regions}. The population shares the tolerances compare with come from the map's
population layer. Sanctuaries (Quetta, Chaman, Miranshah, Wana, Peshawar, Parachinar) lie
along the Durand Line; events in Pakistan are not counted here.

![Geography]({images["geography"]})
"""


def _collapse() -> str:
    return f"""
## 5. Timing of the collapse, the district tally and the order of the offensive

In the status quo the Afghan government should fall before the last US soldier leaves (week
28), as Kabul did on 15 August 2021 (week {patterns.KABUL_FELL_WEEK}). The government falls when
its provincial power-brokers and then the palace give up (docs/ODD.md 7.20); garrisons fall by
assault, by surrender deals through elders and by their brokers' handovers (7.9, 7.14). The
district tally checks the Taliban-held share of the 398 districts against the published counts
of 2021 ({_tally_sources()}); the order of the offensive, the week the first provincial capital
fell (Zaranj, 6 August 2021, week {collapse_patterns.FIRST_CAPITAL_WEEK}). The tolerances
({patterns.COLLAPSE_TOLERANCE_WEEKS} weeks, {collapse_patterns.TALLY_TOLERANCE:.2f} of the
share, {collapse_patterns.FIRST_CAPITAL_TOLERANCE_WEEKS} weeks) are our choice; the tally's week 23
is the one `surrender_deal_rate` was tuned to (section 10). Two more statistics test the order
of the offensive: the share of districts the Taliban held when the first capital fell (in 2021
about half: the countryside first) and the weeks from the first capital to Kabul (in 2021,
{collapse_patterns.CAPITALS_TO_KABUL_WEEKS:.1f}: the capitals fell in a rush at the end). The
collapse, the tally and the order are checked on both maps (the rows marked *coarse*): the
model's districts are the same 398 on both, and its hazards use distances in km, so the patterns
should not depend on the cell size; where a coarse row differs from its fine row, the cell size
still matters.
"""


def _tally_sources() -> str:
    return "; ".join(f"week {t.week}: {t.source}" for t in collapse_patterns.TALLIES)


def _blowback() -> str:
    return f"""
## 6. Blowback in Pakistan

The TTP's attacks in Pakistan's north-west are the cost Pakistan weighs against pressing the
Afghan Taliban (docs/ODD.md 7.15). They start at the 2020 rate and rise when the Afghan Taliban
win (a safe haven next door). PIPS counted 87 TTP attacks in 2021 and about 47 in 2020, a rise
of {patterns.TTP_RISE_2021 - 1:.0%}; the check compares the status quo's weeks
1-{patterns.LAST_WEEK_OF_2021} (February to December 2021) with the start's rate. `HAVEN` was
set to be of this order, so the check is not independent evidence for it; what it tests is
whether the timing of the Taliban's gains in the runs gives the rise within the year.
"""


def _levers(results: Results, images: dict[str, Path]) -> str:
    effects = results.effects
    lines = [
        "## 7. Lever responses",
        "",
        "Each lever moved from a low to a high value, everything else as in the status quo "
        "(plus the stated context), with the same seeds in both arms. Effects are paired "
        "differences `high - low` with 95% t intervals. The expected sign comes from the "
        "article's claims (docs/ODD.md 1.2); *as expected* / *opposite* mean the interval "
        "excludes zero on that side. "
        f"Fatalities are measured over weeks 1-{lever_responses.EARLY_WEEKS}, while every arm "
        "is still at war, and over the whole run, which also counts how long the war lasts.",
        "",
        "| contrast (claim) | " + " | ".join(lever_responses.MEASURES.values()) + " |",
        "| --- |" + " --- |" * len(lever_responses.MEASURES),
    ]
    for (label, claim), group in effects.groupby(["contrast", "claim"], sort=False):
        cells = [_effect_cell(row) for _, row in group.iterrows()]
        lines.append(f"| {label} ({claim}) | " + " | ".join(cells) + " |")
    emergent = effects[effects["basis"] == "emergent"]["verdict"].value_counts()
    built_in = effects[effects["basis"] != "emergent"]["verdict"].value_counts()
    windows = "; ".join(
        f"{lever_responses.MEASURES[measure]}: {_signs(effects, measure)}"
        for measure in lever_responses.STEP_MEASURES
    )
    lines += [
        "",
        "Each effect on Pakistan's pressure is marked by where its sign comes from (column "
        "`basis` of `lever_effects.csv`): *by construction* (a term of Pakistan's utility has "
        "that sign), *ratio of constants* (two hand-set constants decide it), *assumption* (a "
        "parameter sets it). Those are read-outs of the model's assumptions, not evidence. "
        "Effects on violence and the talks run through the agents (*emergent*).",
        "",
        f"Of the {int(emergent.sum() - emergent.get('', 0))} expected emergent signs: "
        f"{emergent.get('as expected', 0)} as expected, {emergent.get('opposite', 0)} opposite, "
        f"{emergent.get('no clear effect', 0)} without a clear effect. The "
        f"{int(built_in.sum() - built_in.get('', 0))} signs of Pakistan's response that follow "
        f"from its utility: {built_in.get('as expected', 0)} as built in, "
        f"{built_in.get('no clear effect', 0)} without a clear effect. The answer depends on "
        f"the window over which violence is measured ({windows}): the fighting season moves "
        "the effect of the sanctuaries into the second half of the year, so weeks 1-"
        f"{lever_responses.EARLY_WEEKS} are an assumption, not a neutral choice.",
        "",
        f"![Lever responses]({images['lever_effects']})",
    ]
    return "\n".join(lines)


def _negotiation(results: Results, images: dict[str, Path]) -> str:
    """Section 8: the talks over time in a few runs, and their response to a lost capital."""
    shock = results.shock
    runs = {"status quo": results.steps, "stay": results.season_steps}
    lines = [
        "## 8. Negotiation",
        "",
        f"![The talks over time]({images['negotiation_runs']})",
        "",
        *[_runs_reading(name, steps) for name, steps in runs.items()],
        "",
        "Progress should respond to the battlefield within a run (docs/ODD.md 7.13): a sudden "
        f"loss should move both sides' beliefs. In {int(shock['n'].max())} pairs of status-quo "
        f"runs with the same seeds, {SHOCK_CITY}'s garrison is removed before week "
        f"{SHOCK_WEEK} in one run of each pair, through the model's own path for a lost "
        "garrison (the Taliban take the cell; batch/validation/shock.py). The table gives the "
        f"mean difference, fall minus no fall, over weeks {SHOCK_WEEK}-"
        f"{SHOCK_WEEK + AFTER_WEEKS - 1}, with 95% t intervals over the pairs.",
        "",
        "| measure | difference after the fall (95% interval) |",
        "| --- | --- |",
    ]
    lines += [
        f"| `{row.measure}` | {_interval(row.mean, row.mean_low, row.mean_high)} |"
        for row in shock.itertuples()
    ]
    return "\n".join([*lines, "", _shock_reading(shock)])


def _runs_reading(scenario: str, steps: pd.DataFrame) -> str:
    """What the figure shows of one scenario's drawn runs, computed from their weeks."""
    chosen = sorted(steps["run_id"].unique())[:NEGOTIATION_RUNS]
    drawn = steps[steps["run_id"].isin(chosen)]
    paused = drawn["pause_kind"].astype("string").fillna("").ne("")
    return (
        f"- {scenario} ({len(chosen)} runs, {len(drawn)} run-weeks): the Taliban's believed fall "
        f"hazard ranges {_range(drawn['taliban_fall_belief'], '.4f')}, the range is open "
        f"(range_open > 0.5) in {(drawn['range_open'] > 0.5).sum()} run-weeks, at most "
        f"{int(drawn['agenda_items'].max())} agenda items are agreed, the hardliners' weight "
        f"ranges {_range(drawn['hardliner_weight'])}, and a pause is in force in "
        f"{int(paused.sum())} run-weeks."
    )


def _shock_reading(shock: pd.DataFrame) -> str:
    """Which measures the fall moved (interval clear of zero), and which way."""
    moved = shock[(shock["mean_low"] > 0) | (shock["mean_high"] < 0)]
    if moved.empty:
        return "No measure's interval is clear of zero: the fall did not move the talks."
    parts = [f"`{r.measure}` {'rose' if r.mean > 0 else 'fell'}" for r in moved.itertuples()]
    still = [f"`{m}`" for m in shock["measure"] if m not in set(moved["measure"])]
    text = f"After the fall, {', '.join(parts)} (intervals clear of zero)"
    return text + (f"; the intervals of {', '.join(still)} include zero." if still else ".")


def _signs(effects: pd.DataFrame, measure: str) -> str:
    """How many of a measure's expected signs came out as expected, e.g. ``3 of 7 as expected``."""
    rows = effects[(effects["measure"] == measure) & (effects["verdict"] != "")]
    return f"{int((rows['verdict'] == 'as expected').sum())} of {len(rows)} as expected"


def _sensitivity(results: Results, images: dict[str, Path]) -> str:
    table = results.sensitivity
    if table is None:
        return "## 9. Sensitivity\n\nSkipped (`--sobol-samples 0`)."
    runs = results.sensitivity_runs
    began = int(runs["ceasefire_began"].sum())
    table = table.assign(imprecise=imprecise("sobol", table))
    value = {
        key: table.pivot(index="parameter", columns="output", values=key)
        for key in ("st", "st_conf", "s1", "imprecise")
    }
    outputs = list(value["st"].columns)
    order = value["st"].max(axis=1).sort_values(ascending=False).index
    leaders = "; ".join(
        f"{output}: `{value['st'][output].idxmax()}`"
        for output in outputs
        if value["st"][output].notna().any()
    )
    lines = [
        "## 9. Sensitivity",
        "",
        f"Sobol' indices (SALib, Saltelli sampling, base sample {results.settings.sobol_samples}:"
        f" {len(runs)} runs, one replication per point) over every lever with Pakistan choosing "
        "its pressure (`batch/sweep/specs/sensitivity.toml`; a fixed `pakistan_pressure` would "
        "override the Pakistan-side levers, so its effect is the last contrast of section 7). "
        "Replication noise is part of the output variance, so first-order indices sum to well "
        f"under 1 when chance matters. A cease-fire began in {began} of {len(runs)} runs; the "
        "indices of so rare an outcome are imprecise, as their 95% bootstrap half-widths show. "
        "Cells: total-order index +/- half-width (first-order index); *imprecise* where a 95% "
        f"interval is wider than the indices' range 0..1. Largest total-order index: {leaders}.",
        *_imprecision(table, results.settings.sobol_samples),
        "",
        "| lever | " + " | ".join(outputs) + " |",
        "| --- |" + " --- |" * len(outputs),
    ]
    for name in order:
        cells = [
            _index_cell(*(value[k].at[name, o] for k in ("st", "st_conf", "s1", "imprecise")))
            for o in outputs
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"![Sobol indices]({images['sensitivity']})"]
    return "\n".join(lines)


def _imprecision(table: pd.DataFrame, samples: int) -> list[str]:
    """A warning paragraph when some indices are imprecise (none otherwise)."""
    warning = precision_warning("sobol", table, samples, VALIDATE_RERUN)
    return [] if warning is None else ["", f"**Warning:** {warning}."]


def _tuning() -> str:
    lines = [
        "## 10. Tuning record",
        "",
        "| parameter | change | pattern | how |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| `{p}` | {change} | {pattern} | {how} |" for p, change, pattern, how in TUNING]
    return "\n".join([*lines, "", NOT_TUNED])


def _limits() -> str:
    return """
## 11. What this report does not show

- The checks are against stylised facts and published totals, not against event data: no
  UCDP GED or ACLED series is compared cell by cell (the outputs are shaped to make that
  possible).
- One scenario (the status quo) is checked; the others share its mechanisms and constants.
- The lever responses partly restate assumptions: the article's claims about Pakistan are
  built into its decision rule (docs/ODD.md 1.2). What is tested is whether they carry through
  sanctuaries, fighting and bargaining to violence and talks.
- After a government collapse the model has no violence to speak of (docs/ODD.md 10), which
  shapes every whole-run measure.
"""


# --------------------------------------------------------------------------- formatting
def _interval(mean: float, low: float, high: float) -> str:
    if mean is None or math.isnan(mean):
        return "-"
    if math.isnan(low):
        return _number(mean)
    return f"{_number(mean)} ({_number(low)} to {_number(high)})"


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def _range(values: pd.Series, spec: str = ".2f") -> str:
    return f"{values.min():{spec}}-{values.max():{spec}}" if len(values) else "-"


def _index_cell(total: float, half_width: float, first: float, vague: bool) -> str:
    if math.isnan(total):
        return "constant"
    cell = f"{total:.2f} +/- {half_width:.2f} ({first:.2f})"
    return f"{cell} *imprecise*" if vague else cell


def _effect_cell(row: pd.Series) -> str:
    text = _interval(row["effect"], row["effect_low"], row["effect_high"])
    return f"{text} *{row['verdict']}*" if row["verdict"] else text


def _month(number: float) -> str:
    return ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec").split()[int(number) - 1]
