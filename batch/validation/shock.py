"""A sudden shift of the battlefield: a provincial capital falls to the Taliban at a given week.

The model has no lever that forces a fall, so the validation's shock experiment intervenes
between two weeks, through the model's own path for a lost garrison
(:meth:`CeasefireModel.garrison_lost`, as :mod:`ceasefire.model.combat` calls it when a
garrison is overrun or surrenders): the garrison of the city's provincial capital is removed and
the Taliban take its district. The talks count garrisons lost since their last update
(``garrison_falls``), so they see the loss in the shock week. The fall happens before that
week's events start, so the week's ``garrisons_lost`` in steps.csv does not count it.

:func:`shock_differences` runs paired arms (same seeds and parameters, one with the fall) and
reports, per measure, the mean difference after the shock with a 95% t interval over
replications.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.batch.analysis.stats import mean_interval
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.parameters import ParameterError
from ceasefire.model.timeline import PolicyTimeline

SHOCK_CITY = "Kunduz"
"""The provincial capital that falls in the validation's shock (it fell on 8 August 2021)."""
SHOCK_WEEK = 10
"""The week in which it falls (mid-April 2021, before the withdrawal)."""
AFTER_WEEKS = 8
"""Weeks from the shock week over which the response is averaged."""
SHOCK_MEASURES = (
    "taliban_fall_belief",
    "government_fall_belief",
    "range_width",
    "range_open",
    "agenda_items",
    "hardliner_weight",
)
"""steps.csv columns whose response to the fall is reported (names from model/outputs.py)."""


def capital_garrisons(model: CeasefireModel, city: str) -> list[AfghanForce]:
    """The garrisons still holding the provincial capital in whose province ``city`` lies.

    Raises:
        ParameterError: naming the Afghan cities of the map when ``city`` is not one of them.
    """
    found = next((c for c in model.afghan_cities if c.name == city), None)
    if found is None:
        names = ", ".join(sorted(c.name for c in model.afghan_cities))
        raise ParameterError(f"unknown city '{city}': the Afghan cities of this map are {names}")
    province = model.map.admin1_names[int(model.map.layers["admin1"][found.x, found.y])]
    return model.government.brokers.capital_garrisons(province)


def take_capital(model: CeasefireModel, city: str) -> int:
    """The city's garrisons fall now, through the model's own path; returns how many fell."""
    garrisons = capital_garrisons(model, city)
    for force in garrisons:
        model.garrison_lost(force, "shock")
    return len(garrisons)


def run_arm(
    parameters: Mapping[str, Any],
    seed: int,
    steps: int,
    fall: tuple[int, str] | None,
    timeline: PolicyTimeline | None = None,
) -> pd.DataFrame:
    """One run's weekly measures, the city of ``fall = (week, city)`` falling before that week.

    Returns:
        One row per week (``step`` 1..steps) with the :data:`SHOCK_MEASURES`.
    """
    model = CeasefireModel(dict(parameters), rng=seed, timeline=timeline)
    rows = []
    for step in range(1, steps + 1):
        if fall is not None and step == fall[0]:
            take_capital(model, fall[1])
        model.step()
        frame = model.datacollector.get_model_vars_dataframe().iloc[-1]
        rows.append({"step": step} | {m: float(frame[m]) for m in SHOCK_MEASURES})
    return pd.DataFrame(rows)


def shock_differences(
    parameters: Mapping[str, Any],
    seeds: Iterable[int],
    week: int,
    city: str,
    after: int,
    timeline: PolicyTimeline | None = None,
) -> pd.DataFrame:
    """Mean difference (fall minus no fall) over the ``after`` weeks from the shock week.

    Each seed runs both arms with the same parameters; the difference of a replication is the
    mean over weeks ``week .. week + after - 1`` of the shocked run minus the unshocked one.

    Returns:
        One row per measure: ``measure``, ``n``, ``mean``, ``mean_low``, ``mean_high`` (95% t
        interval over replications).
    """
    window = slice(week - 1, week - 1 + after)
    steps = week + after - 1
    per_seed = []
    for seed in seeds:
        shocked = run_arm(parameters, seed, steps, (week, city), timeline).iloc[window]
        control = run_arm(parameters, seed, steps, None, timeline).iloc[window]
        per_seed.append((shocked - control)[list(SHOCK_MEASURES)].mean())
    differences = pd.DataFrame(per_seed)
    rows = []
    for measure in SHOCK_MEASURES:
        mean, low, high, n = mean_interval(differences[measure])
        rows.append({"measure": measure, "n": n, "mean": mean, "mean_low": low, "mean_high": high})
    return pd.DataFrame(rows)
