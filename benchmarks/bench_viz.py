"""Dashboard speed and memory: steps per second while playing, time to a usable page, memory.

Starts the dashboard server (offline, as ``ceasefire viz`` does), drives the page in headless
Chromium (Debian's ``chromium``), presses Play and counts the weeks the page shows and the map
frames that reach the browser over a fixed time, on the default (fine) map. The browser, the
server and the model share the machine's cores, as they would on an analyst's laptop.

It also times a fresh page until Step is usable (a click that advances the week), and measures
the server's resident memory with idle sessions open (``--tabs`` of them, each after one week)
and after they are closed.

Usage::

    .venv/bin/python benchmarks/bench_viz.py [--seconds 20] [--port 8790]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import sys
import time

import psutil
from playwright.sync_api import sync_playwright

from ceasefire.viz import server

LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
COUNT_FRAMES = """() => {
  window.__frames = 0;
  let last = document.querySelector('.map-image').src;
  setInterval(() => {
    const src = document.querySelector('.map-image').src;
    if (src !== last) { window.__frames++; last = src; }
  }, 10);
}"""
"""Counts map images the browser receives (each frame is a new blob URL)."""


def shown_week(page) -> int:
    return int(re.search(r"\d+", page.inner_text(".monitor-week")).group())


def measure(browser, url: str, every: int, seconds: float) -> tuple[float, float]:
    """Steps and map frames per second while playing with the map redrawn every ``every``."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(".map-image", timeout=60_000)
    slider = page.locator(".v-slider").first.locator("[role=slider]")  # "Redraw map every"
    slider.focus()
    slider.press("Home")
    for _ in range(every - 1):
        slider.press("ArrowRight")
    page.get_by_text(f"Redraw map every {every} week(s)").wait_for()
    horizon = page.locator(".horizon-input input")  # play past the scenario's 130 weeks
    horizon.fill("1040")
    horizon.press("Enter")
    page.evaluate(COUNT_FRAMES)
    page.locator(".play-button").click()
    time.sleep(3)  # warm-up
    week0, frames0, t0 = shown_week(page), page.evaluate("window.__frames"), time.monotonic()
    # until the time is up or the run ends (the government collapses: the war phase is over)
    while time.monotonic() - t0 < seconds and not page.locator(".run-ended").count():
        time.sleep(0.5)
    week1, frames1, t1 = shown_week(page), page.evaluate("window.__frames"), time.monotonic()
    if not page.locator(".run-ended").count():
        page.locator(".play-button").click()
    page.close()
    return (week1 - week0) / (t1 - t0), (frames1 - frames0) / (t1 - t0)


def usable_page_seconds(browser, url: str) -> float:
    """Seconds from navigation until a click on Step shows week 1."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    start = time.monotonic()
    page.goto(url)
    page.get_by_role("button", name="Step").click(timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('.monitor-week')?.innerText.includes('1')", timeout=60_000
    )
    seconds = time.monotonic() - start
    page.close()
    return seconds


def rss_mb(process) -> float:
    """Resident memory of the server process and its children, in MB."""
    parent = psutil.Process(process.pid)
    return sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)]) / 1e6


def settle(process, seconds: float = 8.0) -> float:
    """Server memory after ``seconds`` (its garbage collection after closed sessions)."""
    time.sleep(seconds)
    gc.collect()
    return rss_mb(process)


def open_idle_tabs(browser, url: str, tabs: int) -> list:
    """``tabs`` pages, each after one week (an idle session with a run)."""
    pages = []
    for _ in range(tabs):
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(url)
        page.get_by_role("button", name="Step").click(timeout=60_000)
        page.wait_for_selector(".map-image", timeout=60_000)
        pages.append(page)
    return pages


def measure_memory(browser, url: str, process, tabs: int) -> tuple[float, float, float, float]:
    """Server memory in MB: before any session, per idle session (``tabs`` open), after closing
    them, and after opening and closing as many again.

    Python keeps freed memory for reuse rather than returning all of it to the system, so the
    last figure is the test of release: it stays near the third if closed sessions are freed.
    """
    warm = browser.new_page()
    warm.goto(url)
    warm.wait_for_selector(".map-image", timeout=60_000)
    warm.close()
    before = settle(process)
    pages = open_idle_tabs(browser, url, tabs)
    opened = settle(process)
    for page in pages:
        page.close()
    closed = settle(process, 75.0)  # pages closed without unload: freed after CULL_TIMEOUT
    for page in open_idle_tabs(browser, url, tabs):
        page.close()
    again = settle(process, 75.0)
    return before, (opened - before) / tabs, closed, again


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measuring time per mode")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--tabs", type=int, default=5, help="idle sessions for the memory test")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt-get install -y chromium)")
    url = server.url("127.0.0.1", args.port)
    offline = {**os.environ, "SOLARA_ASSETS_CDN": "http://127.0.0.1:9/npm/"}
    process = server.start("127.0.0.1", args.port, offline)
    try:
        server.wait_until_ready(url, process)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=LAUNCH_ARGS)
            usable = usable_page_seconds(browser, url)
            every_1 = measure(browser, url, 1, args.seconds)
            every_10 = measure(browser, url, 10, args.seconds)
            memory = measure_memory(browser, url, process, args.tabs)
            browser.close()
    finally:
        server.stop(process)
    print(f"cores: {os.cpu_count()}, default (fine) map, {args.seconds:g} s per mode")
    print(f"redraw every step:     {every_1[0]:.2f} steps/s ({every_1[1]:.2f} map frames/s)")
    print(f"redraw every 10 steps: {every_10[0]:.2f} steps/s ({every_10[1]:.2f} map frames/s)")
    print(f"ratio (every 10 / every step): {every_10[0] / every_1[0]:.2f}")
    print(f"usable page (Step shows week 1): {usable:.2f} s")
    before, per_session, closed, again = memory
    print(f"server memory: {before:.0f} MB, {per_session:.1f} MB per idle session "
          f"({args.tabs} open), {closed:.0f} MB after closing them, {again:.0f} MB after "
          f"opening and closing {args.tabs} more")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
