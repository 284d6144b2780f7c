"""The dashboard's parts without a browser: session, play loop, renderers, download, page."""

from __future__ import annotations

import base64
import collections
import gc
import io
import itertools
import json
import socket
import threading
import weakref
import zipfile

import expected_columns as expected
import ipyvuetify as v
import numpy as np
import pandas as pd
import pytest
import solara
from PIL import Image

from ceasefire.agents.taliban_unit import TalibanUnit
from ceasefire.batch import main
from ceasefire.batch.io.export import FRAMES
from ceasefire.model import (
    LEVERS,
    ParameterError,
    Scenario,
    load_scenario,
    parse_seed,
    scenario_model,
)
from ceasefire.viz import app, server, vendor_assets
from ceasefire.viz.app import Page
from ceasefire.viz.charts import (
    CHARTS,
    ab_spec,
    change_label,
    chart_specs,
    chart_table,
    chart_values,
    difference_spec,
    runs,
)
from ceasefire.viz.controls import current_scenario, session_toml
from ceasefire.viz.download import run_filename, run_zip
from ceasefire.viz.map_view import (
    LAYERS,
    TIPS,
    map_frame,
    map_spec,
    map_values,
    tooltip_expression,
)
from ceasefire.viz.outlines import outlines, polylines
from ceasefire.viz.panels import monitor_items
from ceasefire.viz.replications import BAND_COLUMNS, Bands, ReplicationRunner
from ceasefire.viz.scenario_file import live_timeline, read_upload
from ceasefire.viz.session import (
    ENDED,
    LEVER_SPECS,
    PAUSED,
    PLAYING,
    SETTING_SPECS,
    Listener,
    RunConfig,
    RunEnded,
    Session,
)
from ceasefire.viz.uncertainty import comparison_markdown

COARSE = RunConfig.make("status_quo", 0, {"map": "coarse"})
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def session() -> Session:
    return Session(COARSE)


# ------------------------------------------------------------------ session
def test_levers_and_settings_partition_the_parameters():
    assert tuple(p.name for p in LEVER_SPECS) == LEVERS
    assert not {p.name for p in SETTING_SPECS} & set(LEVERS)


def test_run_config_keeps_only_changed_settings():
    config = RunConfig.make("stay", 3, {"map": "coarse", "taliban_fighters": 60000})
    assert config.settings == (("map", "coarse"),)
    assert config.setting("taliban_fighters") == 60000
    assert RunConfig.make("status_quo", 0, {}) == RunConfig()


def test_session_builds_the_model_as_ceasefire_run_does(session):
    reference = scenario_model(load_scenario("status_quo"), {"map": "coarse"}, seed=0)
    for _ in range(3):
        session.step()
        reference.step()
    assert session.model.rows == reference.rows


def test_lever_change_is_logged_with_its_week_and_used_on_the_next_step(session):
    session.step()
    session.set_lever("fatf_offer", 0.4)
    session.set_lever("fatf_offer", 0.8)  # two moves before a step are one change
    assert session.lever("fatf_offer") == 0.8
    assert session.model.params["fatf_offer"] == 0.0  # not before the next step
    assert session.lever_changes()[-1]["source"] == "pending"
    assert session.step() == 2
    assert session.model.rows[-1]["fatf_offer"] == 0.8
    assert session.model.rows[0]["fatf_offer"] == 0.0
    assert session.lever_changes() == [
        {"step": 2, "lever": "fatf_offer", "old": 0.0, "new": 0.8, "source": "live"}
    ]


def test_bad_lever_values_are_refused(session):
    with pytest.raises(ParameterError):
        session.set_lever("fatf_offer", 2.0)
    with pytest.raises(ParameterError):
        session.set_lever("map", "coarse")  # a reset-only setting
    assert session.pending == {}


def test_reset_starts_a_new_run_of_the_chosen_preset(session):
    session.set_lever("sst_threat", 0.5)
    session.step()
    session.reset(RunConfig.make("stay", 5, {"map": "coarse"}))
    assert (session.week, session.generation, session.model.seed) == (0, 1, 5)
    assert session.lever("withdrawal_week") is None
    assert session.lever_changes() == []
    assert "stay" in session.scenario_description.lower()


def test_monitors_before_and_after_a_step(session):
    before = session.monitors()
    assert (before.week, before.fatalities, before.date) == (0, None, "2021-02-05")
    session.step()
    after = session.monitors()
    assert after.date == "2021-02-12" == session.model.rows[0]["date"]
    row = session.model.rows[-1]
    assert after.fatalities == row["fatalities"]
    assert after.civilian_casualties == row["civilian_casualties"]
    assert after.taliban_control_share == pytest.approx(row["taliban_control_share"], abs=1e-6)
    labels = dict((key, value) for key, _, value in monitor_items(after))
    assert labels["week"] == "Week 1"
    assert labels["fatalities"] == f"{row['fatalities']:,}"


def test_play_loop_paces_updates_and_stops_on_pause(session):
    updates, stopped = [], threading.Event()

    def show(week: int, frame: bool) -> None:
        updates.append((week, frame))
        if week >= 6 and session.state == PLAYING:
            session.pause()
        session.listener.shown.set()  # the page has drawn it
        if session.state != PLAYING:
            stopped.set()

    session.render_every = 3
    session.listener = Listener(show)
    assert session.toggle() == PLAYING
    assert stopped.wait(30)
    session.close()
    assert not session.worker_alive
    frames = [week for week, frame in updates if frame]
    assert frames[:2] == [3, 6] and session.week == 6
    assert session.state == PAUSED


def test_clicks_are_coalesced_and_one_worker_runs(session):
    threads = set()
    session.listener = Listener(lambda week, frame: threads.add(threading.current_thread()))
    for _ in range(21):
        session.toggle()
    assert session.state == PLAYING
    for _ in range(40):
        session.toggle()  # 61 clicks in all: playing
    session.pause(wait=True)
    assert session.state == PAUSED and not session.worker_alive
    paused_at = session.week
    assert session.step() == paused_at + 1  # Step works again, on the same run
    assert len(threads) <= 1


def test_a_pause_shows_until_the_week_in_progress_is_over(session):
    started, release = threading.Event(), threading.Event()
    simulate = session.model.step

    def slow_step() -> None:
        started.set()
        assert release.wait(30)
        simulate()

    session.model.step = slow_step
    session.toggle()
    assert started.wait(30)
    session.toggle()  # Pause while a week is being simulated
    assert session.state == PAUSED and session.stopping
    assert session.state_text == "paused (finishing the week in progress)"
    release.set()
    session.pause(wait=True)
    assert not session.stopping and session.state_text == "paused"
    assert session.week == 1


def test_step_is_refused_while_playing_or_ended(session):
    session.set_horizon(1)
    assert session.state == PAUSED
    assert session.step() == 1
    assert (session.state, session.end_reason) == (ENDED, "horizon")
    assert session.step() == 1
    assert session.toggle() == ENDED and not session.worker_alive
    with pytest.raises(RunEnded, match="the run has ended"):
        session.set_lever("fatf_offer", 1.0)
    session.set_horizon(2)
    assert session.state == PAUSED


def test_run_ends_when_the_government_collapses(session):
    session.step()
    session.model.takeover = True  # as _check_takeover sets it
    session.step()  # the collapse is seen after the week in which it happened
    assert session.end_reason == "collapse"
    with pytest.raises(ParameterError, match="the horizon must be an integer week"):
        session.set_horizon(0)


def model_refs(model) -> list[weakref.ref]:
    """Weak references to a model and to its grid's cell class (which holds the map layers)."""
    return [weakref.ref(model), weakref.ref(model.grid.cell_klass)]


def test_models_of_a_reset_and_of_a_closed_session_are_freed():
    session = Session(COARSE)
    session.step()
    refs = model_refs(session.model)
    session.reset(COARSE)  # the old run's model goes
    session.toggle()  # and a session closed while playing goes too
    refs += model_refs(session.model)
    session.close()
    del session
    gc.collect()
    gc.collect()  # the grid's cell class is released by the model's finalizer in the first
    assert [ref() for ref in refs] == [None] * len(refs)


def test_the_session_of_a_closed_page_is_freed(monkeypatch):
    sessions: list[weakref.ref] = []

    def recorded(config: RunConfig | None = None) -> Session:
        made = Session(COARSE)
        sessions.extend([weakref.ref(made), *model_refs(made.model)])
        return made

    monkeypatch.setattr(app, "Session", recorded)
    # without a kernel (a test), Solara keeps every widget's comm in a global debugging registry
    monkeypatch.setattr(solara.comm, "orphan_comm_stacks", weakref.WeakKeyDictionary())
    container, rc = solara.render(Page(), handle_error=False)
    rc.find(v.Btn, children=["Step"]).widget.click()
    rc.close()  # as Solara closes a page's render context (the Page's effect closes the session)
    del container, rc
    gc.collect()
    gc.collect()  # the grid's cell class is released by the model's finalizer in the first
    assert len(sessions) == 3
    assert [ref() for ref in sessions] == [None] * len(sessions)


def test_the_default_horizon_is_the_scenarios(session):
    assert session.horizon == 130
    session.horizon = 5
    session.reset(COARSE)
    assert session.horizon == 130


def test_unticking_us_troops_stay_restores_the_previous_week(session):
    session.set_lever("withdrawal_week", 40)
    session.step()
    session.set_lever("withdrawal_week", None)
    assert session.previous_value("withdrawal_week") == 40
    session.step()
    assert session.previous_value("withdrawal_week") == 40
    stay = Session(RunConfig.make("stay", 0, {"map": "coarse"}))
    assert stay.previous_value("withdrawal_week") == 28  # never set: the default


def test_seed_parser():
    assert parse_seed("42") == 42
    with pytest.raises(ValueError, match="'abc' is not an integer"):
        parse_seed("abc")
    with pytest.raises(ValueError, match="between 0 and 2\\*\\*53 - 1"):
        parse_seed("-1")


# ------------------------------------------------------------------ renderers
def test_outlines_have_provinces_borders_and_the_durand_line():
    lines = outlines()
    assert len(lines.provinces) > 1000 and len(lines.durand) > 100
    # the Durand Line lies between Afghanistan and Pakistan: east of 60.9 E and south of 37.1 N
    assert lines.durand[..., 0].min() > 60.8 and lines.durand[..., 1].max() < 37.2


def test_outlines_join_into_polylines_that_keep_every_segment():
    lines = outlines()
    for segments in (lines.provinces, lines.borders, lines.durand):
        joined = polylines(segments)
        assert sum(len(line) - 1 for line in joined) == len(segments)
        assert len(joined) < len(segments) / 10  # a few paths, not thousands of segments
        points = [map(tuple, line.tolist()) for line in joined]
        drawn = {frozenset(pair) for line in points for pair in itertools.pairwise(line)}
        assert drawn == {frozenset(map(tuple, segment)) for segment in segments.tolist()}


def test_map_is_a_vega_lite_spec_fed_by_a_cell_image_and_points(session):
    import altair as alt

    session.step()
    model = session.model
    width, height = model.map.shape
    frame = map_frame(model)
    urls = set()
    for layer in LAYERS:
        spec = map_spec(model.map.resolution, layer)
        alt.LayerChart.from_dict(spec)  # raises on a spec Vega-Lite 5 does not accept
        assert len(spec["usermeta"]["cells"]["province"]) == width * height
        values = map_values(frame, model.map, layer)
        (raster,) = values["raster"]
        png = base64.b64decode(raster["url"].removeprefix("data:image/png;base64,"))
        assert png.startswith(PNG)
        assert Image.open(io.BytesIO(png)).size == (width, height)  # one pixel per cell
        urls.add(raster["url"])
    assert len(urls) == len(LAYERS)
    kinds = collections.Counter(point["kind"] for point in frame.points)
    assert kinds["Sanctuaries (PK)"] == 6
    taliban = [p for p in frame.points if p["kind"] == "Taliban units"]
    assert sum(p["strength"] for p in taliban) == pytest.approx(model.taliban_strength(), rel=1e-3)
    assert sum(p["count"] for p in taliban) == sum(
        u.strength > 0 for u in model.agents_by_type[TalibanUnit]
    )
    # the cells' values, packed: control in hundredths, none outside Afghanistan
    control = raster["control"]
    cells = np.frombuffer(base64.b64decode(control["data"]), dtype=np.uint8)
    assert len(cells) == width * height and control["scale"] == 100
    x, y = next(iter(model.agents_by_type[TalibanUnit])).cell.coordinate
    assert cells[x * height + y] == round(100 * float(model.layers["control"][x, y]))
    assert (cells == control["none"]).sum() == (~model.afghan).sum()


def test_point_tooltips_are_tables_of_the_points_fields():
    expression = tooltip_expression()
    for lines in TIPS.values():
        table = ", ".join(f"{json.dumps(label)}: datum.{field}" for label, field in lines.items())
        assert f"{{title: datum.kind, {table}}}" in expression


def test_charts_are_vega_lite_specs_fed_by_named_datasets(session):
    import altair as alt

    session.set_lever("csf_release", 0.5)
    for _ in range(3):
        session.step()
    specs = chart_specs()
    assert set(specs) == set(CHARTS)
    for spec in specs.values():
        alt.LayerChart.from_dict(spec)  # raises on a spec Vega-Lite 5 does not accept
    alt.VConcatChart.from_dict(ab_spec("A: status quo", "#777777", 500.0))
    assert set(specs["progress"]["datasets"]) == {"series", "changes", "ceasefires", "bands"}
    values = chart_values(session.series())["progress"]
    assert [row["step"] for row in values["series"]] == [1, 2, 3]
    label = "Coalition Support Fund money released to Pakistan 0 → 0.5"
    assert values["changes"] == [{"step": 1, "change": label}]
    assert values["series"][0]["change"] == label and values["series"][1]["change"] == ""
    table = chart_table("violence", session.series())
    assert list(table.columns) == ["step", "fatalities", "civilian_casualties", "change"]
    assert change_label({"lever": "withdrawal_week", "old": 28, "new": None}) == (
        "Last week with US troops in Afghanistan 28 → none"
    )


def test_chart_data_holds_the_replication_bands(session):
    session.step()
    session.step()
    steps = np.array([1.0, 2.0])
    band = Bands(steps, *({c: np.array([v, v + 1]) for c in BAND_COLUMNS} for v in (5, 1, 9)))
    values = chart_values(session.series(), {"A": band})["violence"]
    assert {(r["scenario"], r["column"]) for r in values["bands"]} == {
        ("A", "fatalities"), ("A", "negotiation_progress"),
    }  # fmt: skip
    table = chart_table("violence", session.series(), {"A": band})
    assert table["A low"].tolist() == [1.0, 2.0] and table["A high"].tolist() == [9.0, 10.0]


def test_runs_of_flagged_weeks():
    weeks = pd.Series([1, 2, 3, 4, 5, 6]).to_numpy()
    flags = pd.Series([0, 1, 1, 0, 1, 0]).to_numpy() > 0
    assert runs(weeks, flags) == [(2.0, 3.0), (5.0, 5.0)]


# ------------------------------------------------------------------ download
def test_download_has_the_files_of_ceasefire_run_and_the_lever_log(session, tmp_path):
    session.set_lever("pakistan_pressure", 1.0)
    session.step()
    session.step()
    archive = zipfile.ZipFile(io.BytesIO(run_zip(session)))
    assert main(["run", "--set", "map=coarse", "--steps", "2", "--out", str(tmp_path)]) == 0
    for name in FRAMES:
        downloaded = pd.read_csv(io.BytesIO(archive.read(f"{name}.csv")))
        written = pd.read_csv(tmp_path / f"{name}.csv")
        assert list(downloaded.columns) == list(written.columns)
    assert list(pd.read_csv(io.BytesIO(archive.read("steps.csv"))).columns) == expected.STEPS
    assert list(pd.read_csv(io.BytesIO(archive.read("events.csv"))).columns) == expected.EVENTS
    assert list(pd.read_csv(io.BytesIO(archive.read("cells.csv"))).columns) == expected.CELLS
    weeks = pd.read_csv(io.BytesIO(archive.read("district_weeks.csv")))
    assert list(weeks.columns) == expected.DISTRICT_WEEKS
    changes = pd.read_csv(io.BytesIO(archive.read("lever_changes.csv")))
    assert list(changes.columns) == expected.LEVER_CHANGES
    assert changes.to_dict("records") == [
        {"step": 1, "lever": "pakistan_pressure", "old": "auto", "new": 1.0, "source": "live"}
    ]
    package = json.loads(archive.read("datapackage.json"))
    assert [r["path"] for r in package["resources"]] == [
        "steps.csv", "events.csv", "cells.csv", "district_weeks.csv", "district_falls.csv",
        "lever_changes.csv",
    ]  # fmt: skip
    record = json.loads(archive.read("run.json"))
    assert record["steps"] == 2 and record["command"] == ["ceasefire", "viz"]
    assert record["lever_changes"][0]["new"] == 1.0
    assert run_filename(session, session.week) == "ceasefire-status_quo-seed0-week2.zip"


def test_download_of_a_run_not_yet_started(session):
    archive = zipfile.ZipFile(io.BytesIO(run_zip(session)))
    assert pd.read_csv(io.BytesIO(archive.read("steps.csv"))).empty


# ------------------------------------------------------------------ page
def test_page_renders_and_steps_without_a_browser():
    _, rc = solara.render(Page(), handle_error=False)
    try:
        rc.find(v.Btn, children=["Step"]).widget.click()
        assert rc.find(v.Html, class_="monitor-week").widget.children == ["Week 1"]
        rc.find(v.Slider, class_="slider-fatf_offer").widget.v_model = 1.0
        values = [w.children[0] for w in rc.find(v.Html, class_="lever-value").widgets]
        assert "1.00 (full support)" in values
    finally:
        rc.close()


# ------------------------------------------------------------------ assets and server
def test_vendored_assets_match_what_the_installed_solara_requests():
    assert vendor_assets.missing_files() == [], "run: python -m ceasefire.viz.vendor_assets"
    for package in vendor_assets.packages():
        marker_file = vendor_assets.ASSETS_DIR / package.spec / vendor_assets.MARKER
        marker = json.loads(marker_file.read_text())
        assert marker["spec"] == package.spec


def test_the_dashboards_chart_loads_only_vendored_files():
    import re

    from ceasefire.viz.charts import VEGA_CHART

    urls = re.findall(r"\$\{cdn\}/([^`]+)`", VEGA_CHART.read_text())
    assert len(urls) == 3
    for url in urls:
        assert (vendor_assets.ASSETS_DIR / url).is_file(), url


def test_vendored_assets_are_small():
    size = sum(p.stat().st_size for p in vendor_assets.ASSETS_DIR.rglob("*") if p.is_file())
    assert size < 10e6
    assert not list(vendor_assets.ASSETS_DIR.rglob("*.map"))


def test_server_environment_is_offline():
    env = server.server_env({"PATH": "/bin"})
    assert env["SOLARA_ASSETS_PROXY_CACHE_DIR"] == str(vendor_assets.ASSETS_DIR)
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "false"
    assert env["SOLARA_THEME_SHOW_BANNER"] == "false"
    assert env["SOLARA_KERNEL_CULL_TIMEOUT"] == server.CULL_TIMEOUT == "60s"
    assert server.server_command("127.0.0.1", 8765)[2:5] == ["solara", "run", "ceasefire.viz.app"]


def test_viz_refuses_a_bad_or_busy_port(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["viz", "--port", "70000"])
    assert exit_info.value.code == 2
    assert "must be between 1 and 65535" in capsys.readouterr().err
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert main(["viz", "--port", str(busy.getsockname()[1])]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ceasefire: error: cannot listen on 127.0.0.1:") and err.count("\n") == 1


def test_viz_command_prints_its_address_and_stops_quietly_on_ctrl_c():
    import os
    import signal
    import subprocess
    import sys

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "ceasefire.batch.cli.main", "viz", "--port", str(port)]
    # A terminal delivers Ctrl-C to a process whose SIGINT is not ignored; a test run started in
    # the background (nohup, `&` in a script) ignores it, and children inherit that: undo it.
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = ""
        while "Ceasefire dashboard" not in line:
            line = process.stdout.readline()
            assert line or process.poll() is None, process.stderr.read()
        assert f"http://127.0.0.1:{port}/" in line
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        assert process.wait(timeout=30) == 130
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# ------------------------------------------------------------------ scenario files
def replay(toml_text: str, tmp_path, seed: int = 0) -> pd.DataFrame:
    path = tmp_path / "session.toml"
    path.write_text(toml_text)
    out = tmp_path / "replay"
    assert main(["run", "--scenario", str(path), "--seed", str(seed), "--out", str(out)]) == 0
    return pd.read_csv(out / "steps.csv")


def dashboard_steps(session: Session) -> pd.DataFrame:
    archive = zipfile.ZipFile(io.BytesIO(run_zip(session)))
    return pd.read_csv(io.BytesIO(archive.read("steps.csv")))


def test_session_scenario_file_replays_the_run_exactly(session, tmp_path):
    session.step()
    session.set_lever("fatf_offer", 0.8500000000000001)  # what a slider sends
    session.set_lever("pakistan_pressure", 0.4)
    session.step()
    session.set_lever("withdrawal_week", None)
    session.step()
    session.set_lever("pakistan_pressure", "auto")
    session.step()
    text = session_toml(session).decode()
    assert "# Replay it: ceasefire run --scenario status_quo_seed0_week4.toml --seed 0" in text
    pd.testing.assert_frame_equal(replay(text, tmp_path), dashboard_steps(session))


def test_an_uploaded_scenario_with_a_timeline_replays_too(tmp_path):
    upload = b'name = "mine"\nbase = "status_quo"\n[parameters]\nmap = "coarse"\n' + (
        b"[[timeline]]\nweek = 2\nset = { sst_threat = 0.6 }\n"
    )
    session = Session(COARSE)
    name = session.add_scenario(read_upload("mine.toml", upload))
    session.reset(RunConfig.make(name, 3, {"map": "coarse"}))
    session.set_lever("sst_threat", 0.2)
    session.step()
    session.step()  # the scenario's own change in week 2
    session.set_lever("csf_release", 1.0)
    session.step()
    steps = dashboard_steps(session)
    assert steps["sst_threat"].tolist() == [0.2, 0.6, 0.6]
    pd.testing.assert_frame_equal(replay(session_toml(session).decode(), tmp_path, 3), steps)


def test_live_timeline_drops_changes_the_scenario_overrode():
    log = [
        {"step": 2, "lever": "sst_threat", "old": 0.0, "new": 0.3, "source": "live"},
        {"step": 2, "lever": "sst_threat", "old": 0.3, "new": 0.6, "source": "timeline"},
        {"step": 3, "lever": "withdrawal_week", "old": 28, "new": None, "source": "live"},
    ]
    assert live_timeline(log) == [(3, {"withdrawal_week": None})]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"", "'notes.txt' is not a scenario file; upload a .toml scenario file"),
        (
            "bad.toml",
            b"[parameters]\nfatf_offer = 2\n",
            "scenario file 'bad.toml': parameter 'fatf_offer': 2 is not allowed; use a number 0..1",
        ),
        ("broken.toml", b"steps = [", "scenario file 'broken.toml' is not valid TOML"),
    ],
)
def test_uploads_are_checked_with_the_clis_messages(name, data, message):
    with pytest.raises(ParameterError) as error:
        read_upload(name, data)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


# ------------------------------------------------------------------ replications
def test_replications_compare_a_baseline_and_the_session_with_common_seeds(session):
    session.set_lever("sst_threat", 0.9)
    session.step()
    current = current_scenario(session)
    base = session.scenario()
    baseline = Scenario("baseline", "", {**base.parameters, "map": "coarse"}, base.timeline)
    updates = []
    runner = ReplicationRunner(lambda: updates.append(runner.done), workers=1)
    runner.start(baseline, current, 3, 6, 0)
    runner.cancel(wait=False)  # a cancel before the first run ends the batch early
    runner._thread.join()
    assert runner.result is None and runner.error == "cancelled"
    runner = ReplicationRunner(lambda: updates.append(runner.done), workers=1)
    runner.start(baseline, current, 3, 6, 0)
    runner._thread.join()
    result = runner.result
    assert runner.error is None and (runner.done, runner.total) == (6, 6)
    assert list(result.table["scenario"]) == ["baseline", current.name]
    assert list(result.table["runs"]) == [3, 3]
    band = result.bands[current.name]
    assert list(band.step) == [1, 2, 3, 4, 5, 6]
    assert (band.low["fatalities"] <= band.high["fatalities"]).all()
    # week 1 has the same levers in both (the threat starts in week 1 of B): paired difference
    assert result.difference["step"].tolist() == [1, 2, 3, 4, 5, 6]
    # the same statistics as ceasefire compare
    vs_first = result.table.loc[1, "fatalities_vs_first"]
    means = result.table["mean_weekly_fatalities"]
    assert vs_first == pytest.approx(means[1] - means[0])
    markdown = comparison_markdown(result.table)
    assert markdown.count("\n") == 3 and "| A: baseline | 3 |" in markdown
    assert chart_values(session.series(), result.bands)["violence"]["bands"]
    import altair as alt

    # the difference is a Vega-Lite chart like the others, fed by its dataset, hover values on
    spec = difference_spec(result.names)
    alt.LayerChart.from_dict(spec)  # raises on a spec Vega-Lite 5 does not accept
    assert spec["datasets"] == {"difference": []}
    tips = [t["field"] for layer in spec["layer"] for sub in layer.get("layer", [layer])
            for t in sub.get("encoding", {}).get("tooltip", [])]  # fmt: skip
    assert {"step", "mean", "low", "high"} <= set(tips)
    assert list(result.difference.columns) == ["step", "mean", "low", "high"]


def test_mechanism_switches_are_reset_only_checkboxes():
    """Every mechanism switch is a reset-only setting that the settings panel can show."""
    import ipyvuetify
    import solara

    from ceasefire.viz.widgets import SETTING_SPECS, SettingControl

    switches = [p for p in SETTING_SPECS if p.kind == "switch"]
    assert switches and all(not p.lever for p in switches)
    settings = solara.reactive({p.name: p.default for p in SETTING_SPECS})
    for spec in switches:
        _, rc = solara.render(SettingControl(spec, settings), handle_error=False)
        checkbox = rc.find(ipyvuetify.Checkbox).widget
        assert checkbox.v_model is True
        checkbox.v_model = False
        assert settings.value[spec.name] is False


def test_the_summary_panel_shows_plain_labels_declared_with_the_columns(session):
    """Each summary line has the plain label of its column in ``model/outputs.py``: no raw
    column names or codebook phrasing ("Sum of ...", "1 if ...", "empty = none")."""
    from ceasefire.model.outputs import SUMMARY_COLUMNS
    from ceasefire.viz.panels import summary_items

    session.step()
    items = summary_items(session)
    assert [label for label, _ in items] == [c.label for c in SUMMARY_COLUMNS]
    for label, value in items:
        assert label and "_" not in label and not label.startswith(("Sum of", "1 if"))
        assert "empty" not in label and value != "-"
    shown = dict(items)
    assert shown["Government collapsed"] == "no"
    assert shown["First cease-fire"] == "none"
    assert shown["Civilian casualties (total)"].replace(",", "").isdigit()


def test_summary_values_read_as_words():
    """Missing weeks read ``none``, weeks ``week N``, indicators yes/no, counts with commas."""
    from ceasefire.model.outputs import SUMMARY_COLUMNS
    from ceasefire.viz.panels import summary_value

    by_name = {c.name: c for c in SUMMARY_COLUMNS}
    assert summary_value(by_name["weeks_to_ceasefire"], None) == "none"
    assert summary_value(by_name["weeks_to_ceasefire"], 34) == "week 34"
    assert summary_value(by_name["taliban_takeover"], True) == "yes"
    assert summary_value(by_name["total_civilian_casualties"], 2625) == "2,625"


def test_summary_values_keep_their_decimals_and_never_use_exponents():
    """Shares read with two decimals (0.00 beside 0.71), counts per week never as 1.23e+03."""
    from ceasefire.model.outputs import SUMMARY_COLUMNS
    from ceasefire.viz.panels import summary_value

    by_name = {c.name: c for c in SUMMARY_COLUMNS}
    pressure, deaths = by_name["mean_pakistan_pressure"], by_name["mean_weekly_fatalities"]
    assert summary_value(pressure, 0.0) == "0.00"
    assert summary_value(pressure, 0.714) == "0.71"
    assert summary_value(deaths, 1234.5) == "1,234"
    assert summary_value(deaths, 91.14) == "91.1"
    assert summary_value(by_name["taliban_takeover"], True) == "yes"
