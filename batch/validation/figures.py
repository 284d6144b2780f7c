"""Figures of the validation report (PNG, matplotlib's object API, colour-blind-safe colours)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ceasefire.batch.analysis import style
from ceasefire.batch.analysis.charts import error_bars
from ceasefire.batch.io import files
from ceasefire.batch.validation import contrasts as lever_responses
from ceasefire.batch.validation import patterns
from ceasefire.model.afpak_map import AFG, AfPakMap

if TYPE_CHECKING:
    from ceasefire.batch.validation.run import Results

MONTHS = "JFMAMJJASOND"


def figures(results: Results, afpak: AfPakMap, folder: Path) -> dict[str, Path]:
    """Draw every figure of the report into ``folder``; returns their paths by name."""
    drawers = {
        "event_sizes": lambda axes: event_sizes(
            axes, results.events, results.fits[results.fits["map"] == "fine"]
        ),
        "fighting_season": lambda axes: fighting_season(axes, results.season_steps, results.steps),
        "civilian_scale": lambda axes: civilian_scale(axes, results.steps),
        "geography": lambda axes: geography(axes, results.events, afpak, results.settings.reps),
        "lever_effects": lambda axes: lever_effects(axes, results.effects),
    }
    paths = {name: _save(draw, folder / f"{name}.png") for name, draw in drawers.items()}
    runs = {"status quo": results.steps, "stay": results.season_steps}
    paths["negotiation_runs"] = _save(
        lambda figure: negotiation_runs(figure, runs), folder / "negotiation_runs.png", True
    )
    return paths


def _save(draw, path: Path, whole: bool = False) -> Path:
    """Draw on one axes (or, ``whole``, on the figure: a taller one for panels) and save."""
    figure = Figure(figsize=(10, 11) if whole else (8, 5.5), dpi=110)
    FigureCanvasAgg(figure)
    draw(figure if whole else figure.add_subplot())
    figure.tight_layout()
    return files.write_with(path, lambda temporary: figure.savefig(temporary, format="png"))


def event_sizes(axes, events: pd.DataFrame, fits: pd.DataFrame) -> None:
    """Complementary CDF of deaths per event (all runs pooled) and the mean fitted power law."""
    deaths = np.sort(events.loc[events["best"] >= 1, "best"].to_numpy())
    ccdf = 1.0 - np.arange(deaths.size) / deaths.size
    axes.loglog(deaths, ccdf, ".", ms=3, color=style.SIMULATED, label="simulated events (all runs)")
    alpha, xmin = float(fits["alpha"].mean()), float(fits["xmin"].median())
    tail = np.linspace(xmin, deaths.max(), 50)
    start = float((deaths >= xmin).mean())
    axes.loglog(
        tail,
        start * (tail / xmin) ** (1 - alpha),
        color=style.REFERENCE,
        label=f"power law, alpha = {alpha:.2f} (mean of per-run fits), x_min = {xmin:g}",
    )
    axes.loglog(
        tail,
        start * (tail / xmin) ** (1 - patterns.POWER_LAW_TARGET),
        "--",
        color=style.TARGET,
        label=f"alpha = {patterns.POWER_LAW_TARGET} (Bohorquez et al. 2009)",
    )
    axes.set_xlabel("deaths per event")
    axes.set_ylabel("P(deaths >= x)")
    axes.set_title("Event severity, status quo")
    axes.legend(fontsize="small")


def fighting_season(axes, season_steps: pd.DataFrame, steps: pd.DataFrame) -> None:
    """Mean weekly fatalities by calendar month during the war, with 95% intervals."""
    for frame, label, colour, shift in (
        (season_steps, "stay (war through the winters)", style.SIMULATED, -0.1),
        (steps, "status quo (before the collapse)", style.REFERENCE, 0.1),
    ):
        profile = patterns.monthly_profile(frame).dropna(subset=["fatalities"])
        mean, low, high = (profile[f"fatalities{end}"] for end in ("", "_low", "_high"))
        axes.errorbar(
            profile["month"] + shift,
            mean,
            yerr=error_bars(mean, low, high),
            fmt="o-",
            color=colour,
            capsize=2,
            label=label,
        )
    for month in patterns.WINTER:
        axes.axvspan(month - 0.5, month + 0.5, color=style.TARGET, alpha=0.1, lw=0)
    axes.set_xticks(range(1, 13), list(MONTHS))
    axes.set_xlabel("month (winter shaded)")
    axes.set_ylabel("fatalities per week (people)")
    axes.set_title("Fighting season: monthly profile, mean and 95% interval over runs")
    axes.legend(fontsize="small")


def civilian_scale(axes, steps: pd.DataFrame) -> None:
    """Weekly civilian casualties over time (mean and 95% band) against UNAMA's weekly rates."""
    weekly = steps.groupby("step")["civilian_casualties"]
    mean, low, high = weekly.mean(), weekly.quantile(0.025), weekly.quantile(0.975)
    axes.fill_between(
        mean.index, low, high, color=style.SIMULATED, alpha=0.2, label="2.5-97.5% of runs"
    )
    axes.plot(mean.index, mean, color=style.SIMULATED, label="mean over runs (status quo)")
    rates = {f"UNAMA {year}": count / patterns.WEEKS_PER_YEAR for year, count in
             patterns.UNAMA_ANNUAL.items()}  # fmt: skip
    rates["UNAMA Jan-Jun 2021"] = patterns.UNAMA_H1_2021 / patterns.UNAMA_H1_2021_WEEKS
    for (label, rate), line in zip(rates.items(), (":", "-.", "--"), strict=True):
        axes.axhline(rate, ls=line, color=style.REFERENCE, label=f"{label}: {rate:.0f} per week")
    axes.axvline(patterns.SCALE_LAST_WEEK, color=style.TARGET, lw=0.8)
    axes.set_xlabel("week (1 = 12 February 2021)")
    axes.set_ylabel("civilian casualties per week (killed and injured)")
    axes.set_title("Scale of civilian harm")
    axes.legend(fontsize="small")


def geography(axes, events: pd.DataFrame, afpak: AfPakMap, runs: int) -> None:
    """Mean fatalities per run by Afghan province, with the Durand Line."""
    by_province = patterns.province_fatalities(events, runs)
    codes = {name: code for code, name in afpak.admin1_names.items()}
    values = np.full(afpak.shape, np.nan)
    for name, deaths in by_province.items():
        values[afpak.layers["admin1"] == codes[name]] = deaths
    values[afpak.layers["country"] != AFG] = np.nan
    extent = (afpak.lon[0], afpak.lon[-1], afpak.lat[0], afpak.lat[-1])
    image = axes.imshow(values.T, origin="lower", extent=extent, cmap="viridis")
    axes.contour(afpak.lon, afpak.lat, afpak.layers["admin1"].T, levels=np.arange(0.5, 35),
                 colors=style.OUTLINE_ON_DATA, linewidths=0.3)  # fmt: skip
    axes.contour(
        afpak.lon, afpak.lat, afpak.layers["durand"].T, levels=[0.5], colors=style.REFERENCE
    )
    axes.figure.colorbar(image, ax=axes, label="fatalities per run (status quo)")
    axes.set_xlabel("longitude")
    axes.set_ylabel("latitude")
    axes.set_title("Where the status quo's fatalities fall (Durand Line in orange)")


def lever_effects(axes, effects: pd.DataFrame) -> None:
    """Paired effects of each contrast on fatalities per week of war, with 95% intervals."""
    rows = effects[effects["measure"] == lever_responses.WAR_MEASURE].reset_index(drop=True)
    y = np.arange(len(rows))[::-1]
    colour = rows["verdict"].map({"as expected": style.AS_EXPECTED, "opposite": style.OPPOSITE})
    colour = colour.fillna(style.UNCLEAR)
    axes.errorbar(
        rows["effect"],
        y,
        xerr=error_bars(rows["effect"], rows["effect_low"], rows["effect_high"]),
        fmt="none",
        ecolor=style.UNCLEAR,
        capsize=2,
    )
    axes.scatter(rows["effect"], y, c=colour, zorder=3)
    axes.axvline(0, color=style.ZERO_LINE, lw=0.8)
    axes.set_yticks(y, rows["contrast"], fontsize="x-small")
    axes.set_xlabel(
        f"change in {lever_responses.MEASURES[lever_responses.WAR_MEASURE]} (high - low, paired)"
    )
    axes.set_title(
        "Lever responses, 95% intervals\n(green: as expected, orange: opposite, grey: unclear)"
    )


NEGOTIATION_RUNS = 3
"""Runs of each scenario drawn in the figure of the talks over time."""
NEGOTIATION_PANELS = (
    (("taliban_fall_belief", "government_fall_belief"), "believed weekly fall hazard"),
    (("range_width",), "width of the bargaining range"),
    (("range_open",), "probability the range is open"),
    (("agenda_items",), "agenda items agreed (of 6)"),
    (("hardliner_weight",), "hardliners' weight"),
)
"""Rows of the figure: steps.csv columns drawn together, and the row's axis label."""


def negotiation_runs(figure: Figure, runs: dict[str, pd.DataFrame]) -> None:
    """The talks over time in a few runs per scenario (columns), weeks of a pause shaded.

    Rows are :data:`NEGOTIATION_PANELS`; colours are runs; of two columns in a row the first
    (the Taliban's belief) is solid, the second (the government's) dashed.
    """
    axes = figure.subplots(len(NEGOTIATION_PANELS), len(runs), sharex="col", squeeze=False)
    for column, (scenario, steps) in enumerate(runs.items()):
        chosen = sorted(steps["run_id"].unique())[:NEGOTIATION_RUNS]
        for row, (measures, label) in enumerate(NEGOTIATION_PANELS):
            ax = axes[row][column]
            for i, run_id in enumerate(chosen):
                run = steps[steps["run_id"] == run_id]
                color = style.CATEGORIES[i % len(style.CATEGORIES)]
                _shade_pauses(ax, run, color)
                for measure, line in zip(measures, ("-", "--"), strict=False):
                    ax.plot(run["step"], run[measure], ls=line, lw=1, color=color)
            ax.set_ylabel(label, fontsize=7)
            ax.tick_params(labelsize=7)
        axes[0][column].set_title(
            f"{scenario}: {len(chosen)} runs (colours); pauses shaded", fontsize=9
        )
        axes[-1][column].set_xlabel("week (1 = 12 February 2021)", fontsize=8)
    figure.suptitle(
        "The talks over time: beliefs (solid Taliban, dashed government), range, agenda, "
        "hardliners",
        fontsize=10,
    )


def _shade_pauses(ax, run: pd.DataFrame, color: str) -> None:
    """Shade the weeks of a run in which a truce or cease-fire was in force."""
    paused = run["pause_kind"].astype("string").fillna("").ne("")
    for step in run.loc[paused, "step"]:
        ax.axvspan(step - 0.5, step + 0.5, color=color, alpha=0.18, lw=0)
