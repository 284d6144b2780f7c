"""The dashboard driven in headless Chromium (Debian's ``chromium`` with Playwright).

One server for the module, started the way ``ceasefire viz`` starts it, with Solara's CDN
pointed at a dead address: every front-end file must come from the vendored folder, and a
failed ``/_solara/cdn/`` request or a JavaScript error fails the test. Screenshots are saved in
the pytest temporary directory.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import time
import zipfile
from collections.abc import Iterator

import expected_columns as expected
import pandas as pd
import psutil
import pytest
from playwright.sync_api import expect, sync_playwright

from ceasefire.viz import server

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Debian's chromium is not installed (apt-get install -y chromium; CI installs it)",
)
OFFLINE = {**server.NO_CDN, "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "false"}
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)  # a reset of the fine map can take seconds
FATF = "US backs Pakistan's exit from the FATF grey list"
"""The plain label of ``fatf_offer``, as the lever log shows it."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def dashboard() -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    address = server.url("127.0.0.1", port)
    process = server.start("127.0.0.1", port, {**os.environ, **OFFLINE})
    try:
        server.wait_until_ready(address, process)
        yield address, process
    finally:
        server.stop(process)


@pytest.fixture(scope="module")
def dashboard_url(dashboard) -> str:
    return dashboard[0]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(server.BROWSER_ARGS)
        )
        yield chromium
        chromium.close()


class Problems(list):
    """JavaScript errors and failed asset requests seen by a page."""

    def watch(self, page) -> None:
        page.on("pageerror", lambda error: self.append(f"pageerror: {error}"))
        page.on(
            "requestfailed",
            lambda r: "/_solara/cdn/" in r.url and self.append(f"request failed: {r.url}"),
        )
        page.on(
            "response",
            lambda r: "/_solara/cdn/" in r.url and r.status >= 400
            and self.append(f"HTTP {r.status}: {r.url}"),
        )  # fmt: skip


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def problems() -> Iterator[Problems]:
    found = Problems()
    yield found
    assert not found, found


def open_page(context, url: str, problems: Problems):
    page = context.new_page()
    problems.watch(page)
    page.goto(url)
    page.wait_for_selector(".monitor-week", timeout=60_000)
    page.wait_for_selector(".map-view canvas", timeout=TIMEOUT_MS)
    return page


@pytest.fixture
def page(context, dashboard_url, problems):
    return open_page(context, dashboard_url, problems)


def week(page) -> int:
    return int(re.search(r"\d+", page.inner_text(".monitor-week")).group())


def wait_week(page, expected: int) -> None:
    page.wait_for_function(
        "n => document.querySelector('.monitor-week').innerText.match(/\\d+/)[0] == String(n)",
        arg=expected,
        timeout=TIMEOUT_MS,
    )


def step(page, times: int = 1) -> None:
    start = week(page)
    for i in range(times):
        page.get_by_role("button", name="Step").click()
        wait_week(page, start + i + 1)


def open_panel(page, title: str) -> None:
    """Open a panel whose content is drawn when first opened (About, scenario files, ...)."""
    page.locator(".lazy-panel").get_by_text(title).click()


def download(page) -> zipfile.ZipFile:
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=re.compile("Download run")).click()
    return zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes()))


def table(archive: zipfile.ZipFile, name: str) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(archive.read(name)))


def test_page_loads_offline_and_steps(page, tmp_path_factory):
    assert week(page) == 0
    expect(page.locator(".monitor-date")).to_have_text("2021-02-05")  # the week before week 1
    step(page)
    expect(page.locator(".monitor-date")).to_have_text("2021-02-12")
    step(page)
    assert "Scenario: status_quo" in page.inner_text(".run-title")
    for monitor in ("date", "fatalities", "casualties", "progress", "ceasefire", "pressure"):
        assert page.inner_text(f".monitor-{monitor}")
    expect(page.locator(".monitor-date")).to_have_text("2021-02-19")
    page.get_by_role("button", name="Recent violence").click()
    page.wait_for_timeout(500)
    page.screenshot(path=tmp_path_factory.mktemp("screenshots") / "stepped.png", full_page=True)


def test_play_and_pause(page):
    page.get_by_role("button", name="Play").click()
    page.wait_for_function(
        "() => parseInt(document.querySelector('.monitor-week').innerText.match(/\\d+/)[0]) >= 3",
        timeout=TIMEOUT_MS,
    )
    page.get_by_role("button", name="Pause").click()
    page.get_by_role("button", name="Play").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_timeout(500)  # let a step in flight finish
    paused_at = week(page)
    page.wait_for_timeout(1000)
    assert week(page) == paused_at >= 3


def test_live_lever_is_used_on_the_next_step_and_downloaded(page, tmp_path_factory):
    step(page, 2)
    thumb = page.locator(".lever-fatf_offer [role=slider]")
    thumb.focus()
    thumb.press("End")  # to the maximum, 1.0
    expect(page.locator(".lever-fatf_offer .lever-value")).to_have_text("1.00 (full support)")
    page.get_by_text(f"week 3: {FATF} 0 → 1 (pending)").wait_for(timeout=TIMEOUT_MS)
    step(page)
    page.get_by_text(f"week 3: {FATF} 0 → 1 (live)").wait_for(timeout=TIMEOUT_MS)
    archive = download(page)
    steps = table(archive, "steps.csv")
    assert steps["fatf_offer"].tolist() == [0.0, 0.0, 1.0]
    changes = table(archive, "lever_changes.csv")
    assert changes.to_dict("records") == [
        {"step": 3, "lever": "fatf_offer", "old": 0.0, "new": 1.0, "source": "live"}
    ]
    record = json.loads(archive.read("run.json"))
    assert record["lever_changes"] == changes.to_dict("records")
    page.screenshot(path=tmp_path_factory.mktemp("screenshots") / "lever.png", full_page=True)


def test_download_has_the_tables_of_ceasefire_run(page):
    step(page)
    archive = download(page)
    assert set(archive.namelist()) == {
        "steps.csv", "events.csv", "cells.csv", "district_weeks.csv", "district_falls.csv",
        "run.json", "datapackage.json", "lever_changes.csv",
    }  # fmt: skip
    assert list(table(archive, "steps.csv").columns) == expected.STEPS
    assert list(table(archive, "events.csv").columns) == expected.EVENTS
    assert list(table(archive, "cells.csv").columns) == expected.CELLS
    assert list(table(archive, "district_weeks.csv").columns) == expected.DISTRICT_WEEKS
    assert list(table(archive, "district_falls.csv").columns) == expected.DISTRICT_FALLS
    assert json.loads(archive.read("run.json"))["scenario"] == "status_quo"


def reset_to_preset(page, label: str, name: str) -> None:
    """Choose the preset ``label`` (shown) and Reset; wait for the new run (``name``) at week 0."""
    page.locator(".v-select").first.click()
    page.get_by_role("option", name=label, exact=True).click()
    page.locator(".pending-reset").wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Reset").click()
    page.get_by_text(f"Scenario: {name}").wait_for(timeout=TIMEOUT_MS)
    wait_week(page, 0)


def test_preset_and_reset(page):
    step(page)
    reset_to_preset(page, "Stay", "stay")
    expect(page.get_by_label("US troops stay")).to_be_checked()
    expect(page.locator(".pending-reset")).to_have_count(0)


def test_seed_is_validated(page):
    seed = page.locator(".seed-input input")
    seed.fill("abc")
    page.get_by_text("Seed: 'abc' is not an integer").wait_for(timeout=TIMEOUT_MS)
    expect(page.get_by_role("button", name="Reset")).to_be_disabled()
    seed.fill("7")
    page.get_by_role("button", name="Reset").click()
    page.get_by_text("seed 7").wait_for(timeout=TIMEOUT_MS)


def test_two_tabs_have_their_own_runs(page, context, dashboard_url, problems):
    other = open_page(context, dashboard_url, problems)
    step(page, 2)
    other.wait_for_timeout(500)
    assert week(other) == 0
    step(other)
    assert week(page) == 2


# ------------------------------------------------------------------ the play state machine
def play_button(page):
    return page.locator(".play-button")


def stays_at(page, expected: int, seconds: float = 1.5) -> bool:
    page.wait_for_timeout(seconds * 1000)
    return week(page) == expected


def lever_log(page) -> list[str]:
    return page.locator(".lever-change").all_inner_texts()


def handled(page) -> None:
    """Wait until the server has handled every input sent so far (it handles them in order).

    A move of the redraw interval, sent after them, is handled after them: once the page shows
    it, they have been handled too, however slowly the server works.
    """
    slider = page.locator(".v-slider").first.locator("[role=slider]")  # "Redraw map every"
    label = page.get_by_text(re.compile(r"Redraw map every \d+ week"))
    weeks = int(re.search(r"\d+", label.inner_text()).group())
    slider.focus()
    slider.press("ArrowLeft" if weeks > 1 else "ArrowRight")
    page.get_by_text(f"Redraw map every {weeks - 1 if weeks > 1 else 2} week(s)").wait_for()


def test_fast_toggling_leaves_a_consistent_state(page):
    # the status quo's government falls in week 31 with seed 0: on a fast machine the toggling
    # plays that far and the run ends (Play disabled); the stay preset's falls in week 69
    reset_to_preset(page, "Stay", "stay")
    step(page)
    for _ in range(20):  # an even number of clicks: the run ends up paused
        play_button(page).click()
        page.wait_for_timeout(60)
    handled(page)
    # "paused" once the week in progress, if any, is over (until then "pausing")
    expect(page.locator(".run-state")).to_have_text("State: paused")
    paused_at = week(page)
    expect(play_button(page)).to_have_text("Play")
    expect(page.get_by_role("button", name="Step")).to_be_enabled()
    expect(page.get_by_role("button", name="Reset")).to_be_enabled()
    # a lever move is applied and shown
    thumb = page.locator(".lever-fatf_offer [role=slider]")
    thumb.focus()
    thumb.press("End")
    expect(page.locator(".lever-fatf_offer .lever-value")).to_have_text("1.00 (full support)")
    expect(page.locator(".lever-change").last).to_have_text(
        f"week {paused_at + 1}: {FATF} 0 → 1 (pending)"
    )
    page.get_by_label("US troops stay").uncheck()
    withdrawal = "Last week with US troops in Afghanistan"
    page.get_by_text(f"week {paused_at + 1}: {withdrawal} none → 28 (pending)").wait_for()
    step(page)
    page.get_by_text(f"week {paused_at + 1}: {FATF} 0 → 1 (live)").wait_for()
    assert stays_at(page, paused_at + 1, 0.5)


def server_cpu_seconds(process: subprocess.Popen) -> float:
    parent = psutil.Process(process.pid)
    times = [p.cpu_times() for p in [parent, *parent.children(recursive=True)]]
    return sum(t.user + t.system for t in times)


def test_closed_tab_stops_the_servers_play_loop(context, dashboard, problems):
    address, process = dashboard
    page = open_page(context, address, problems)
    reset_to_preset(page, "Stay", "stay")  # a run that does not end while toggling (see above)
    for _ in range(21):  # fast toggling, ending on Play
        play_button(page).click()
        page.wait_for_timeout(60)
    page.wait_for_function(
        "() => parseInt(document.querySelector('.monitor-week').innerText.match(/\\d+/)[0]) >= 3",
        timeout=TIMEOUT_MS,
    )
    page.close()
    # the loop stops (at once on a tab close, or after DISCONNECT_GRACE without a page)
    deadline = time.monotonic() + 40
    while True:
        before = server_cpu_seconds(process)
        time.sleep(1.0)
        used = server_cpu_seconds(process) - before
        if used < 0.15:
            break
        assert time.monotonic() < deadline, f"the server still uses {used:.2f} s of CPU per s"


def test_run_ends_at_the_horizon_and_shows_its_summary(page):
    horizon = page.locator(".horizon-input input")
    horizon.fill("3")
    horizon.press("Enter")
    play_button(page).click()
    page.locator(".run-ended").wait_for(timeout=TIMEOUT_MS)
    expect(page.locator(".run-ended")).to_contain_text("Run ended at week 3: reached the horizon")
    expect(page.locator(".summary-item").first).to_be_visible()
    card, last = (
        page.locator(sel).bounding_box() for sel in (".run-ended", ".summary-item >> nth=-1")
    )
    assert last["y"] + last["height"] <= card["y"] + card["height"]  # inside its card, not hidden
    summary = page.locator(".run-ended")  # plain labels, not the codebook's phrasing
    expect(summary).to_contain_text("Fatalities (mean per week): ")
    expect(summary).to_contain_text("First cease-fire: none")
    expect(summary).to_contain_text("Government collapsed: no")
    expect(summary).not_to_contain_text("Sum of")
    assert stays_at(page, 3, 1.0)
    expect(play_button(page)).to_be_disabled()
    expect(page.get_by_role("button", name="Step")).to_be_disabled()
    thumb = page.locator(".lever-sst_threat [role=slider]")
    thumb.focus()
    thumb.press("End")
    expect(page.locator(".lever-refused")).to_contain_text("the run has ended")
    expect(page.locator(".lever-sst_threat .lever-value")).to_have_text("0.00 (no threat)")
    horizon.fill("4")  # a later horizon goes on
    horizon.press("Enter")
    expect(page.locator(".run-ended")).to_have_count(0)
    step(page)
    page.locator(".run-ended").wait_for(timeout=TIMEOUT_MS)


def drag(page, selector: str, fraction_from: float, fraction_to: float, moves: int) -> None:
    box = page.locator(f"{selector} .v-slider-track").bounding_box()
    y = box["y"] + box["height"] / 2
    x0 = box["x"] + box["width"] * fraction_from
    x1 = box["x"] + box["width"] * fraction_to
    page.mouse.move(x0, y)
    page.mouse.down()
    for i in range(1, moves + 1):
        page.mouse.move(x0 + (x1 - x0) * i / moves, y)
        page.wait_for_timeout(100)
    page.mouse.up()


def test_dragging_a_slider_while_playing_is_one_change(page):
    # under the status quo the government falls within about 30 weeks, 2-3 s of playing on a
    # quiet machine, and the run ends (Play disabled, lever moves refused) before the drag is
    # over; with US troops staying it lasts about 70 weeks
    reset_to_preset(page, "Stay", "stay")
    play_button(page).click()
    wait_week(page, 2)
    drag(page, ".lever-sst_threat", 0.0, 0.8, 10)  # about a second
    page.wait_for_timeout(1500)
    play_button(page).click()
    expect(play_button(page)).to_have_text("Play")
    changes = [c for c in lever_log(page) if "state-sponsor-of-terrorism" in c]
    assert len(changes) == 1, changes


def test_unticking_us_troops_stay_restores_the_previous_week(page):
    thumb = page.locator(".lever-withdrawal_week [role=slider]")
    thumb.focus()
    thumb.press("ArrowRight")
    thumb.press("ArrowRight")
    expect(page.locator(".lever-withdrawal_week .lever-value")).to_have_text("week 30")
    step(page)
    page.get_by_label("US troops stay").check()
    expect(page.locator(".lever-withdrawal_week .lever-value")).to_have_text("US troops stay")
    step(page)
    page.get_by_label("US troops stay").uncheck()
    expect(page.locator(".lever-withdrawal_week .lever-value")).to_have_text("week 30")


def test_download_name_matches_the_weeks_it_holds(page):
    play_button(page).click()
    wait_week(page, 2)
    expect(page.get_by_role("button", name="Download run (when stopped)")).to_be_disabled()
    play_button(page).click()
    expect(play_button(page)).to_have_text("Play")
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=re.compile("Download run")).click()
    weeks = int(re.search(r"week(\d+)\.zip", info.value.suggested_filename).group(1))
    archive = zipfile.ZipFile(io.BytesIO(info.value.path().read_bytes()))
    assert len(table(archive, "steps.csv")) == weeks == week(page)


def test_reload_asks_before_throwing_away_a_run(context, dashboard_url, problems):
    page = open_page(context, dashboard_url, problems)
    dialogs = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    step(page)
    page.close(run_before_unload=True)
    page.wait_for_timeout(1000)
    assert dialogs == ["beforeunload"]
    assert week(page) == 1  # the run is still there


# ------------------------------------------------------------------ for analysts
def test_levers_have_plain_labels_groups_and_tooltips(page):
    levers = page.locator(".lever-group").all_inner_texts()
    assert levers == [
        "US offers", "US threats", "Pakistan's constraints", "The Taliban", "The withdrawal"
    ]  # fmt: skip
    title = page.locator(".lever-fatf_offer .lever-title")
    expect(title).to_have_text("US backs Pakistan's exit from the FATF grey list")
    title.hover()
    tip = page.locator(".v-tooltip.v-overlay--active")
    expect(tip).to_contain_text("0 = no support, 1 = full support")
    expect(tip).not_to_contain_text("unit")
    page.locator(".monitor-tile-fatalities").hover()
    expect(tip).to_contain_text("UCDP GED 2020")
    expect(page.get_by_role("button", name="Population")).to_be_visible()
    expect(page.locator(".about-model")).to_have_count(0)  # drawn when first opened
    open_panel(page, "About this model")
    expect(page.locator(".about-model")).to_contain_text("How to start")
    open_panel(page, "About this model")  # closed, then opened again: still there
    open_panel(page, "About this model")
    expect(page.locator(".about-model")).to_contain_text("How to start")


# ------------------------------------------------------------------ interactive charts
def chart(page, key: str):
    return page.locator(f".chart-{key} .vega-embed")


def chart_eval(page, key: str, script: str):
    """Evaluate ``script`` (a function of the chart's Vega view) in the page."""
    chart(page, key).locator("canvas").wait_for()
    return page.locator(f".chart-{key} .vega-chart > div").evaluate(
        f"el => ({script})(el.vegaView)"
    )


def test_charts_show_values_on_hover_and_keep_their_zoom(page):
    step(page, 3)
    page.wait_for_function(
        "() => document.querySelector('.chart-violence .vega-chart > div').vegaView"
        ".data('series').length == 3"
    )
    x, y = chart_eval(
        page,
        "violence",
        "v => { const r = v.data('series')[1]; const [ox, oy] = v.origin(); const p = v.padding();"
        " return [p.left + ox + v.scale('x')(r.step), p.top + oy + v.scale('y')(r.fatalities)]; }",
    )
    chart(page, "violence").scroll_into_view_if_needed()
    box = chart(page, "violence").locator("canvas").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("week")
    expect(tooltip).to_contain_text("2")
    before = chart_eval(page, "violence", "v => v.scale('x').domain()")
    page.mouse.wheel(0, -300)  # zoom in on the weeks
    page.wait_for_timeout(300)
    zoomed = chart_eval(page, "violence", "v => v.scale('x').domain()")
    assert zoomed[1] - zoomed[0] < before[1] - before[0]
    step(page)  # a new frame keeps the zoom
    page.wait_for_function(
        "() => document.querySelector('.chart-violence .vega-chart > div').vegaView"
        ".data('series').length == 4"
    )
    assert chart_eval(page, "violence", "v => v.scale('x').domain()") == zoomed
    progress = chart_eval(page, "trajectory", "v => v.scale('x').domain()")
    assert progress[1] < 0.5  # the trajectory's axis fits the data, not 0 to 1


def test_each_chart_exports_png_and_csv(page, tmp_path):
    step(page, 2)
    chart(page, "progress").locator("summary").click()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        chart(page, "progress").get_by_text("Save as PNG").click()
    png = tmp_path / "progress.png"
    info.value.save_as(png)
    assert png.read_bytes().startswith(b"\x89PNG")
    assert info.value.suggested_filename == "ceasefire-status_quo-seed0-progress.png"
    for key, column in (("violence", "fatalities"), ("progress", "negotiation_progress"),
                        ("trajectory", "negotiation_progress")):  # fmt: skip
        with page.expect_download(timeout=TIMEOUT_MS) as info:
            page.locator(f".csv-{key}").get_by_role("button").click()
        data = pd.read_csv(info.value.path())
        assert data["step"].tolist() == [1, 2] and column in data.columns
        assert info.value.suggested_filename == f"ceasefire-status_quo-seed0-{key}.csv"


# ------------------------------------------------------------------ the map
MAP = ".map-view .vega-chart > div"
UNIT_POSITION = """el => {
  const v = el.vegaView, points = v.data('points');
  const alone = p => points.filter(q => q.lon === p.lon && q.lat === p.lat).length === 1;
  const unit = points.filter(p => p.kind === 'Taliban units' && alone(p))
    .sort((a, b) => b.size - a.size)[0];
  const [ox, oy] = v.origin(), pad = v.padding();
  return [pad.left + ox + v.scale('x')(unit.lon), pad.top + oy + v.scale('y')(unit.lat),
          unit.strength];
}"""


EMPTY_CELL = """el => {
  const v = el.vegaView, grid = el.vegaGrid;
  const points = v.data('points'), far = 2 * grid.res;
  for (let at = 0; at < grid.province.length; at++) {
    const code = grid.province[at];
    if (code < 1 || code > 34) continue;  // Afghan provinces
    const lon = grid.lon0 + Math.floor(at / grid.height) * grid.res;
    const lat = grid.lat0 + (at % grid.height) * grid.res;
    if (points.every(p => Math.abs(p.lon - lon) > far || Math.abs(p.lat - lat) > far)) {
      const [ox, oy] = v.origin(), pad = v.padding();
      return [pad.left + ox + v.scale('x')(lon), pad.top + oy + v.scale('y')(lat),
              grid.names[code]];
    }
  }
}"""


def hover_map(page, x: float, y: float):
    """Move the pointer to ``x``, ``y`` (pixels in the map's canvas); return the tooltip."""
    box = page.locator(".map-view canvas").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_be_visible()
    return tooltip


def test_map_shows_units_and_cells_on_hover(page):
    step(page)
    page.wait_for_function(  # drawn, and sized to the map's aspect
        f"() => document.querySelector('{MAP}')?.drawn?.raster[0].title.startsWith('Week 1 ')"
    )
    page.locator(".map-view").scroll_into_view_if_needed()
    x, y, fighters = page.locator(MAP).evaluate(UNIT_POSITION)
    tooltip = hover_map(page, x, y)
    expect(tooltip).to_contain_text("Taliban units")
    expect(tooltip).to_contain_text(f"fighters{fighters}")
    expect(tooltip).to_contain_text("fatigue (0-1)")
    expect(tooltip).to_contain_text("fighting / recovering / hiding")
    # an Afghan cell without markers nearby: its province, control and population
    x, y, province = page.locator(MAP).evaluate(EMPTY_CELL)
    tooltip = hover_map(page, x, y)
    expect(tooltip).to_contain_text(province)
    expect(tooltip).to_contain_text("Taliban control (0-1)")
    expect(tooltip).to_contain_text("civilians per km²")


def test_the_map_is_not_redrawn_from_scratch_when_the_run_ends(page):
    horizon = page.locator(".horizon-input input")
    horizon.fill("2")
    horizon.press("Enter")
    step(page)
    page.locator(MAP).evaluate("el => { el.marked = true; }")  # kept only if not remounted
    step(page)
    page.locator(".run-ended").wait_for()
    assert page.locator(MAP).evaluate("el => el.marked === true")


def test_map_is_drawn_at_the_screens_pixel_ratio(browser, dashboard_url, problems):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, device_scale_factor=2)
    try:
        page = open_page(context, dashboard_url, problems)
        size = page.locator(".map-view canvas").evaluate(
            "c => [c.width, c.height, c.clientWidth, c.clientHeight, window.devicePixelRatio]"
        )
        width, height, css_width, css_height, ratio = size
        assert ratio == 2 and css_width > 400
        assert (width, height) == (2 * css_width, 2 * css_height)
    finally:
        context.close()


# ------------------------------------------------------------------ scenarios in and out
def test_downloaded_scenario_replays_the_dashboard_run(page, tmp_path):
    from ceasefire.batch import main

    step(page)
    thumb = page.locator(".lever-fatf_offer [role=slider]")
    thumb.focus()
    thumb.press("PageUp")
    step(page, 2)
    open_panel(page, "Scenario files")
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.get_by_role("button", name=re.compile("Download scenario")).click()
    assert info.value.suggested_filename == "status_quo_seed0_week3.toml"
    scenario = tmp_path / info.value.suggested_filename
    info.value.save_as(scenario)
    assert "fatf_offer" in scenario.read_text()
    out = tmp_path / "replay"
    assert main(["run", "--scenario", str(scenario), "--seed", "0", "--out", str(out)]) == 0
    replayed = pd.read_csv(out / "steps.csv")
    pd.testing.assert_frame_equal(replayed, table(download(page), "steps.csv"))


def test_upload_a_scenario_file(page, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[parameters]\nsst_threat = 3\n")
    expect(page.locator(".scenario-upload")).to_have_count(0)  # drawn when first opened
    open_panel(page, "Scenario files")
    page.locator(".scenario-upload input").set_input_files(bad)
    expect(page.locator(".upload-error")).to_have_text(
        "scenario file 'bad.toml': parameter 'sst_threat': 3 is not allowed; use a number 0..1"
    )
    good = tmp_path / "mine.toml"
    good.write_text(
        'name = "mine"\nbase = "status_quo"\ndescription = "my plan"\nsteps = 5\n'
        "[parameters]\nsst_threat = 0.3\n"
    )
    page.locator(".scenario-upload input").set_input_files(good)
    expect(page.locator(".upload-ok")).to_contain_text("Loaded scenario 'mine'")
    expect(page.locator(".run-title")).to_contain_text("Scenario: mine")
    expect(page.locator(".lever-sst_threat .lever-value")).to_have_text("0.30")
    expect(page.locator(".horizon-input input")).to_have_value("5")


# ------------------------------------------------------------------ uncertainty
def test_replications_of_a_baseline_and_the_session(page):
    page.locator(".setting-map").get_by_role("button", name="coarse").click()
    page.locator(".pending-reset").wait_for(timeout=TIMEOUT_MS)  # the server has the choice
    page.get_by_role("button", name="Reset").click()
    expect(page.locator(".run-title")).to_contain_text("map coarse")
    horizon = page.locator(".horizon-input input")
    horizon.fill("6")
    horizon.press("Enter")
    thumb = page.locator(".lever-sst_threat [role=slider]")
    thumb.focus()
    thumb.press("End")
    step(page)
    expect(page.locator(".replications-count")).to_have_count(0)  # drawn when first opened
    open_panel(page, "Uncertainty: replications")
    slider = page.locator(".replications-count [role=slider]")
    slider.focus()
    slider.press("Home")  # 2 replications
    page.get_by_role("button", name="Run 2 replications").click()
    expect(page.locator(".replication-progress")).to_have_text("4 of 4 runs", timeout=120_000)
    rows = page.locator(".replication-table")
    expect(rows).to_contain_text("A: status_quo (A)")  # the table follows the last run
    expect(rows).to_contain_text("B: status_quo_seed0_week1")
    expect(page.locator(".difference-chart")).to_be_visible()
    # the difference is a Vega-Lite chart: hover values, the export menu, its data as CSV
    difference = page.locator(".difference-chart .vega-chart > div")
    difference.locator("canvas").wait_for()
    assert difference.evaluate("el => el.vegaView.data('difference').length") == 6
    x, y = difference.evaluate(
        "el => { const v = el.vegaView, r = v.data('difference')[2], [ox, oy] = v.origin();"
        " const p = v.padding(); return [p.left + ox + v.scale('x')(r.step),"
        " p.top + oy + v.scale('y')(r.mean)]; }"
    )
    difference.scroll_into_view_if_needed()
    box = difference.locator("canvas").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    expect(page.locator("#vg-tooltip-element")).to_contain_text("B - A (mean)")
    page.mouse.move(0, 0)
    page.locator(".difference-chart summary").click()
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.locator(".difference-chart").get_by_text("Save as PNG").click()
    assert info.value.suggested_filename == "ceasefire-replications-difference.png"
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        page.locator(".csv-difference").get_by_role("button").click()
    assert pd.read_csv(info.value.path())["step"].tolist() == [1, 2, 3, 4, 5, 6]
    # A and B side by side, on the same axes, each with its own runs
    views = {}
    for letter in "ab":
        view = page.locator(f".ab-{letter} .vega-chart > div")
        view.locator("canvas").wait_for()
        views[letter] = view.evaluate(
            "el => [[...new Set(el.vegaView.data('bands').map(r => r.scenario))],"
            " el.getBoundingClientRect().toJSON()]"
        )
    (a_names, a_box), (b_names, b_box) = views["a"], views["b"]
    assert a_names == ["status_quo (A)"] and b_names == ["status_quo_seed0_week1"]
    assert a_box["x"] + a_box["width"] <= b_box["x"] and abs(a_box["y"] - b_box["y"]) < 2


# ------------------------------------------------------------------ layout
def test_layout_for_a_laptop_and_stacked_on_a_narrow_window(browser, dashboard_url, problems):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = open_page(context, dashboard_url, problems)
        levers = page.locator(".dash-levers").bounding_box()
        charts = page.locator(".dash-charts").bounding_box()
        assert levers["x"] + levers["width"] <= charts["x"]  # side by side
        track = page.locator(".lever-fatf_offer .v-slider-track").bounding_box()
        assert track["width"] >= 150
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        expect(page.get_by_text("This website runs on")).to_have_count(0)
        page.set_viewport_size({"width": 900, "height": 900})
        page.wait_for_timeout(500)
        levers = page.locator(".dash-levers").bounding_box()
        charts = page.locator(".dash-charts").bounding_box()
        assert charts["y"] >= levers["y"] + levers["height"]  # stacked
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()


CSV_OVERFLOW = """el => {
  const chart = el.closest('.dash-chart').getBoundingClientRect();
  const box = el.getBoundingClientRect(), content = el.querySelector('.v-btn__content');
  return {inside: box.left >= chart.left - 0.5 && box.right <= chart.right + 0.5,
          clipped: content.scrollWidth > content.clientWidth + 0.5
                   || el.scrollWidth > el.clientWidth + 0.5};
}"""
"""Whether a chart's CSV button lies inside its chart's column and shows its whole label."""


def test_chart_csv_buttons_fit_at_1366_and_name_their_chart(browser, dashboard_url, problems):
    from ceasefire.viz.charts import CHARTS

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        page = open_page(context, dashboard_url, problems)
        fits = {key: page.locator(f".csv-{key}").get_by_role("button").evaluate(CSV_OVERFLOW)
                for key in CHARTS}  # fmt: skip
        assert fits == {key: {"inside": True, "clipped": False} for key in CHARTS}
        for key, title in CHARTS.items():
            page.locator(f".csv-{key}").get_by_role("button").hover()
            expect(page.locator(".v-tooltip.v-overlay--active")).to_contain_text(title)
            page.mouse.move(0, 0)
    finally:
        context.close()
