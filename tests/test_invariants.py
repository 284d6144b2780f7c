"""Invariants that must hold over whole runs (coarse map, 60 weeks, several variants).

The runs come from the session-scoped ``traced_run`` fixture in ``conftest.py``, which checks
the agents after every step; the tests below assert on those checks and on the output rows.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import expected_columns as expected
import numpy as np
import pandas as pd
import pytest
from conftest import INVARIANT_STEPS, run_model

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.agents.civilian_community import CivilianCommunity
from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.batch.io.export import FRAMES, cells_frame, events_frame, steps_frame, week_months
from ceasefire.model.afpak_map import AFG, PAK
from ceasefire.model.ceasefire_model import START_DATE
from ceasefire.model.outputs import CELL_COLUMNS, EVENT_COLUMNS, STEP_COLUMNS, TABLES, names

SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


@pytest.fixture(scope="module")
def frames(traced_run):
    model = traced_run.model
    return steps_frame(model), events_frame(model), cells_frame(model)


@pytest.fixture(scope="module")
def table_frames(traced_run):
    """Every per-run table of the traced run, by name."""
    return {name: FRAMES[name](traced_run.model) for name in TABLES}


# =========================================================================== agents
def test_run_is_complete(traced_run):
    model = traced_run.model
    assert model.steps == INVARIANT_STEPS
    assert len(model.rows) == INVARIANT_STEPS
    assert len(traced_run.snapshots) == INVARIANT_STEPS


def test_strengths_never_negative_in_rows(traced_run):
    for row in traced_run.model.rows:
        for column in ("taliban_strength", "andsf_strength", "displaced"):
            assert row[column] >= 0, (row["step"], column)
        for column in (
            "violent_events",
            "fatalities",
            "civilian_casualties",
            "taliban_deaths",
            "andsf_deaths",
            "garrisons_lost",
            "spoiler_attacks",
        ):
            assert isinstance(row[column], int)
            assert row[column] >= 0, (row["step"], column)


def test_strengths_never_negative_in_agents(traced_run):
    for snap in traced_run.snapshots:
        if snap["n_units"]:
            assert snap["unit_strength"][0] >= 0, snap["step"]
        if snap["n_forces"]:
            assert snap["force_strength"][0] >= 0, snap["step"]
    model = traced_run.model
    assert all(u.strength >= 0 for u in model.agents_by_type.get(TalibanUnit, []))
    assert all(f.strength >= 0 for f in model.agents_by_type.get(AfghanForce, []))
    assert all(s.recruit_pool >= 0 for s in model.sanctuaries)
    assert (model.layers["recruit_pool"] >= 0).all()


def test_rows_match_agents(traced_run):
    """The strengths written each week are those of the agents at the end of that week."""
    for row, snap in zip(traced_run.model.rows, traced_run.snapshots, strict=True):
        assert row["step"] == snap["step"]
        assert row["taliban_strength"] == pytest.approx(snap["taliban_strength"], abs=0.01)
        assert row["andsf_strength"] == pytest.approx(snap["andsf_strength"], abs=0.01)


def test_taliban_units_on_legal_cells(traced_run):
    assert all(snap["units_off_legal"] == 0 for snap in traced_run.snapshots)
    model = traced_run.model
    for unit in model.agents_by_type.get(TalibanUnit, []):
        assert model.taliban_legal[unit.cell.coordinate]


def test_afghan_forces_on_afghan_cells(traced_run):
    assert all(snap["forces_off_afghan"] == 0 for snap in traced_run.snapshots)
    model = traced_run.model
    country = model.map.layers["country"]
    for force in model.agents_by_type.get(AfghanForce, []):
        assert country[force.cell.coordinate] == AFG
        assert model.government_legal[force.cell.coordinate]


def test_civilian_communities_on_populated_afghan_cells(traced_run):
    model = traced_run.model
    country = model.map.layers["country"]
    communities = list(model.agents_by_type[CivilianCommunity])
    assert len(communities) == int(model.populated.sum())
    cells = {c.cell.coordinate for c in communities}
    assert len(cells) == len(communities)  # one per cell
    for community in communities:
        assert country[community.cell.coordinate] == AFG
        assert 0.0 <= community.support <= 1.0
        assert community.population >= 0.0


def test_sanctuaries_in_pakistan(traced_run):
    assert all(snap["sanctuaries_off_pakistan"] == 0 for snap in traced_run.snapshots)
    model = traced_run.model
    country = model.map.layers["country"]
    sanctuaries = list(model.agents_by_type[Sanctuary])
    assert len(sanctuaries) == len(model.sanctuaries) == 6
    for sanctuary in sanctuaries:
        assert country[sanctuary.cell.coordinate] == PAK


def test_unit_and_force_states_in_unit_interval(traced_run):
    for snap in traced_run.snapshots:
        if snap["n_units"]:
            low, high = snap["unit_supply"]
            assert 0.0 <= low <= high <= 1.0, snap["step"]
            assert snap["unit_morale"][1] <= 1.0, snap["step"]
        if snap["n_forces"]:
            low, high = snap["force_morale"]
            assert 0.0 <= low <= high <= 1.0, snap["step"]
        low, high = snap["capacity"]
        assert 0.0 <= low <= high <= 1.0, snap["step"]


def test_layers_stay_in_range(traced_run):
    for snap in traced_run.snapshots:
        span = snap["layer_span"]
        for name in ("control", "support", "grievance"):
            assert 0.0 <= span[name][0] <= span[name][1] <= 1.0, (snap["step"], name)
        assert span["residents"][0] >= 0.0
        assert span["displaced"][0] >= 0.0


def afghan_war(events):
    """The events of the war in Afghanistan (all but the TTP's attacks in Pakistan)."""
    return events[events["initiator"] != "ttp"]


def test_population_is_conserved(traced_run):
    """Displacement moves people between residents and displaced; only deaths remove any."""
    events = afghan_war(events_frame(traced_run.model))
    killed = events.groupby("step")["deaths_civilians"].sum()
    for snap in traced_run.snapshots:
        dead = float(killed[killed.index <= snap["step"]].sum())
        assert snap["population"] + dead == pytest.approx(traced_run.initial_population, rel=1e-9)


def test_output_shares_in_unit_interval(traced_run):
    for row in traced_run.model.rows:
        for column in (
            "negotiation_progress",
            "pakistan_pressure",
            "taliban_control_share",
            "sanctuary_capacity",
            "taliban_posture",
            "command_capacity",
            "mean_fatigue",
            "pakistan_target",
            "us_credibility",
            "us_threat_credibility",
        ):
            assert 0.0 <= row[column] <= 1.0, (row["step"], column, row[column])
        for column in (
            "ceasefire",
            "us_troops_present",
            "taliban_takeover",
            "us_review",
            "us_paid",
        ):
            assert row[column] in (0, 1)


def test_takeover_is_absorbing(traced_run):
    flags = [row["taliban_takeover"] for row in traced_run.model.rows]
    assert flags == sorted(flags)
    if traced_run.name == "collapse":
        assert traced_run.model.takeover  # the takeover path is exercised
    if traced_run.model.takeover:
        assert flags[-1] == 1
        assert not list(traced_run.model.agents_by_type.get(AfghanForce, []))
        first = flags.index(1)
        assert all(row["andsf_strength"] == 0 for row in traced_run.model.rows[first:])


def test_troops_leave_after_withdrawal_week(traced_run):
    last = traced_run.model.initial_params["withdrawal_week"]
    for row in traced_run.model.rows:
        assert row["us_troops_present"] == int(last is None or row["step"] <= last)


# =========================================================================== events vs steps
def test_weekly_totals_equal_event_sums(traced_run, frames):
    steps, events, _ = frames
    events = afghan_war(events)
    by_step = events.groupby("step").agg(
        best=("best", "sum"),
        killed=("deaths_civilians", "sum"),
        injured=("civilians_injured", "sum"),
        count=("event_id", "count"),
        deaths_a=("deaths_a", "sum"),
        deaths_b=("deaths_b", "sum"),
    )
    by_step = by_step.reindex(steps["step"], fill_value=0)
    assert (by_step["best"].to_numpy() == steps["fatalities"].to_numpy()).all()
    assert (
        (by_step["killed"] + by_step["injured"]).to_numpy()
        == steps["civilian_casualties"].to_numpy()
    ).all()
    assert (by_step["count"].to_numpy() == steps["violent_events"].to_numpy()).all()
    assert steps["fatalities"].sum() > 0  # the run was not trivially quiet


def test_combatant_deaths_match_sides(frames):
    steps, events, _ = frames
    events = afghan_war(events)
    state_based = events[events["type_of_violence"] == 1]
    government_a = state_based["side_a"] == "Government of Afghanistan"
    assert government_a.all()
    by_step = state_based.groupby("step")[["deaths_a", "deaths_b"]].sum()
    by_step = by_step.reindex(steps["step"], fill_value=0)
    assert (by_step["deaths_a"].to_numpy() == steps["andsf_deaths"].to_numpy()).all()
    assert (by_step["deaths_b"].to_numpy() == steps["taliban_deaths"].to_numpy()).all()


def test_best_is_sum_of_deaths(frames):
    _, events, _ = frames
    total = (
        events["deaths_a"]
        + events["deaths_b"]
        + events["deaths_civilians"]
        + events["deaths_unknown"]
    )
    assert (events["best"] == total).all()
    assert (events[["deaths_a", "deaths_b", "deaths_civilians", "civilians_injured"]] >= 0).all(
        axis=None
    )
    assert ((events["best"] > 0) | (events["civilians_injured"] > 0)).all()  # no empty events


def test_one_sided_events_have_no_combatant_deaths(frames):
    _, events, _ = frames
    one_sided = events[events["type_of_violence"] == 3]
    assert (one_sided["deaths_a"] == 0).all()
    assert (one_sided["deaths_b"] == 0).all()
    assert (one_sided["side_b"] == "Civilians").all()


@pytest.mark.parametrize("kind", ["spoiler_attack", "complex_attack"])
def test_spoiler_and_complex_attacks_counted(frames, kind):
    steps, events, _ = frames
    recorded = events[events["event_kind"] == kind].groupby("step").size()
    recorded = recorded.reindex(steps["step"], fill_value=0).to_numpy()
    # An attack that hurts nobody leaves no event, so events can only be fewer.
    assert (recorded <= steps[f"{kind}s"].to_numpy()).all()


def test_event_ids_steps_and_dates(frames):
    steps, events, _ = frames
    assert events["event_id"].tolist() == list(range(1, len(events) + 1))
    assert events["step"].is_monotonic_increasing
    dates = dict(zip(steps["step"], steps["date"], strict=True))
    assert (events["date_start"] == events["step"].map(dates)).all()
    assert (events["run_id"] == 0).all()


def test_event_coordinates_match_country(traced_run, frames):
    _, events, _ = frames
    afpak = traced_run.model.map
    country = afpak.layers["country"]
    x = np.abs(afpak.lon[None, :] - events["longitude"].to_numpy()[:, None]).argmin(axis=1)
    y = np.abs(afpak.lat[None, :] - events["latitude"].to_numpy()[:, None]).argmin(axis=1)
    assert np.allclose(afpak.lon[x], events["longitude"], atol=1e-3)
    assert np.allclose(afpak.lat[y], events["latitude"], atol=1e-3)
    codes = np.where(events["country"] == "Afghanistan", AFG, PAK)
    assert (country[x, y] == codes).all()
    assert (afpak.priogrid_gid()[x, y] == events["priogrid_gid"]).all()


# =========================================================================== cells.csv
def test_cells_panel_is_complete(traced_run, frames):
    steps, _, cells = frames
    model = traced_run.model
    gids = np.unique(model.map.priogrid_gid()[model.afghan])
    months = np.unique(week_months(steps["step"], steps["date"])["month_id"])
    assert len(cells) == len(gids) * len(months)
    assert not cells.duplicated(["month_id", "priogrid_gid"]).any()
    assert set(cells["priogrid_gid"]) == set(gids)
    assert set(cells["month_id"]) == set(months)
    assert np.allclose(cells["ged_best"], cells["ged_best_sb"] + cells["ged_best_os"], atol=2e-6)
    assert (cells[["ged_best", "events"]] >= 0).all(axis=None)
    assert months.min() == (2021 - 1980) * 12 + 2
    days = cells.groupby("month_id")["days_covered"].first()
    assert days.sum() == 7 * len(steps) and days.between(1, 31).all()


def test_cells_totals_equal_events_in_panel_cells(frames):
    steps, events, cells = frames
    events = afghan_war(events)
    in_panel = events[events["priogrid_gid"].isin(set(cells["priogrid_gid"]))]
    assert cells["ged_best"].sum() == pytest.approx(in_panel["best"].sum(), abs=1e-3)
    assert cells["events"].sum() == pytest.approx(len(in_panel), abs=1e-3)
    sb = in_panel.loc[in_panel["type_of_violence"] == 1, "best"].sum()
    assert cells["ged_best_sb"].sum() == pytest.approx(sb, abs=1e-3)
    split = in_panel.merge(week_months(steps["step"], steps["date"]), on="step")
    per_month = (split["best"] * split["share"]).groupby(split["month_id"]).sum()
    expected = per_month.reindex(sorted(set(cells["month_id"])), fill_value=0).to_numpy()
    assert np.allclose(cells.groupby("month_id")["ged_best"].sum().to_numpy(), expected, atol=1e-3)


def test_cells_panel_without_events_is_all_zero():
    model = run_model({}, seed=1, steps=1)
    model.events.rows = []  # as if the week had been quiet
    cells = cells_frame(model)
    assert len(cells) == len(np.unique(model.map.priogrid_gid()[model.afghan]))
    assert (cells[["ged_best_sb", "ged_best_os", "ged_best", "events"]] == 0).all(axis=None)
    assert list(cells.columns) == names(CELL_COLUMNS)


def test_ttp_attacks_are_pakistani_and_counted(frames):
    steps, events, _ = frames
    ttp = events[events["initiator"] == "ttp"]
    assert (ttp["country"] == "Pakistan").all()
    assert ttp["admin1"].str.contains("Khyber|FATA").all()
    assert set(ttp["side_a"]) <= {"Government of Pakistan", "TTP"}
    assert set(ttp["side_b"]) <= {"TTP", "Civilians"}
    deaths = ttp.groupby("step")["best"].sum().reindex(steps["step"], fill_value=0)
    assert (deaths.to_numpy() == steps["ttp_deaths"].to_numpy()).all()
    recorded = ttp.groupby("step").size().reindex(steps["step"], fill_value=0)
    assert (recorded.to_numpy() <= steps["ttp_attacks"].to_numpy()).all()  # deadly ones recorded
    assert steps["ttp_attacks"].sum() > 0


def test_cells_totals_equal_events_totals(status_quo_run):
    """cells.csv is the panel of Afghanistan's cells: it holds every event of the Afghan war."""
    events, cells = afghan_war(events_frame(status_quo_run)), cells_frame(status_quo_run)
    assert cells["ged_best"].sum() == pytest.approx(events["best"].sum(), abs=1e-2)
    assert cells["events"].sum() == pytest.approx(len(events), abs=1e-2)


def test_no_government_violence_on_pakistani_soil(status_quo_run):
    events = events_frame(status_quo_run)
    government = events[events["initiator"] == "government"]
    assert (government["country"] == "Afghanistan").all()


# =========================================================================== schema
@pytest.mark.parametrize("table", list(TABLES))
def test_declared_names_are_snake_case_and_short(table):
    declared = names(TABLES[table])
    assert len(declared) == len(set(declared))
    for name in declared:
        assert SNAKE.fullmatch(name), name
        assert len(name) <= 32, name


def test_frame_columns_equal_declared_names(table_frames):
    assert list(table_frames["steps"].columns) == expected.STEPS
    assert list(table_frames["events"].columns) == expected.EVENTS
    assert list(table_frames["cells"].columns) == expected.CELLS
    assert list(table_frames["district_weeks"].columns) == expected.DISTRICT_WEEKS
    assert list(table_frames["district_falls"].columns) == expected.DISTRICT_FALLS


def test_a_district_falls_once_and_is_never_retaken(table_frames):
    weeks = table_frames["district_weeks"].sort_values(["district_id", "step"])
    taliban = weeks["holder"].eq("taliban").groupby(weeks["district_id"])
    assert taliban.apply(lambda held: held.is_monotonic_increasing).all()
    assert weeks.groupby("district_id")["fell"].sum().max() <= 1
    first = weeks[weeks["step"] == 1]
    assert (first["fall_kind"] == "initial").sum() == 72


def test_district_falls_is_the_chronology_of_district_weeks(table_frames):
    weeks, falls = table_frames["district_weeks"], table_frames["district_falls"]
    fell = weeks[weeks["fell"] == 1].set_index("district_id")
    lost = falls[falls["fall_step"] > 0].set_index("district_id")
    assert lost["fall_step"].sort_index().tolist() == fell["step"].sort_index().tolist()
    assert (lost["fall_date"] == fell.loc[lost.index, "date"]).all()
    assert (lost["fall_kind"] == fell.loc[lost.index, "fall_kind"]).all()
    last = weeks[weeks["step"] == weeks["step"].max()].set_index("district_id")["holder"]
    held = falls.set_index("district_id")["fall_step"].isna()
    assert (held == last.loc[held.index].eq("government")).all()
    assert (falls["fall_step"] == 0).sum() == 72 and len(falls) == 398


def test_rows_carry_exactly_the_declared_columns(traced_run):
    """A row key that is not declared would be dropped silently by the frame constructor."""
    declared = names(STEP_COLUMNS)
    for row in traced_run.model.rows:
        assert list(row) == declared
    for row in traced_run.model.events.rows:
        assert list(row) == names(EVENT_COLUMNS)


@pytest.mark.parametrize("table", list(TABLES))
def test_values_respect_declared_types(table_frames, table):
    frame = table_frames[table]
    assert len(frame) > 0
    for column in TABLES[table]:
        values = frame[column.name]
        if column.values:
            assert set(values.dropna()) <= set(column.values), column.name
        if column.type == "integer" and not values.isna().any():
            assert pd.api.types.is_integer_dtype(values), column.name
        if column.type == "number":
            assert pd.api.types.is_numeric_dtype(values) or values.isna().all(), column.name
        if column.type == "date":
            assert values.dropna().map(lambda v: dt.date.fromisoformat(v).isoformat() == v).all()
        if column.type == "boolean":
            assert set(values) <= {0, 1}, column.name


def test_dates_are_consecutive_iso_weeks(frames):
    steps, _, _ = frames
    assert steps["step"].tolist() == list(range(1, INVARIANT_STEPS + 1))
    dates = [dt.date.fromisoformat(d) for d in steps["date"]]
    assert dates[0] == START_DATE == dt.date(2021, 2, 12)
    assert all((b - a).days == 7 for a, b in itertools.pairwise(dates))
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in steps["date"])


def test_the_run_summary_has_a_reporter_for_every_declared_summary_column(traced_run):
    from ceasefire.model.observe import SUMMARY_REPORTERS, run_summary
    from ceasefire.model.outputs import SUMMARY_COLUMNS

    assert list(SUMMARY_REPORTERS) == names(SUMMARY_COLUMNS)
    summary = run_summary(traced_run.model)
    steps = traced_run.model.rows
    assert summary["total_civilian_casualties"] == sum(r["civilian_casualties"] for r in steps)
    assert summary["mean_weekly_fatalities"] == pytest.approx(
        sum(r["fatalities"] for r in steps) / len(steps)
    )
