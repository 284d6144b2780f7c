"""Dashboard speed: steps per second while playing, redrawing every week and every 10 weeks.

Starts the dashboard server (offline, as ``ceasefire viz`` does), drives the page in headless
Chromium (Debian's ``chromium``), presses Play and counts the weeks the page shows and the map
frames that reach the browser over a fixed time, on the default (fine) map. The browser, the
server and the model share the machine's cores, as they would on an analyst's laptop.

Usage::

    .venv/bin/python benchmarks/bench_viz.py [--seconds 20] [--port 8790]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time

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
    page.evaluate(COUNT_FRAMES)
    page.get_by_role("button", name="Play").click()
    time.sleep(3)  # warm-up
    week0, frames0, t0 = shown_week(page), page.evaluate("window.__frames"), time.monotonic()
    time.sleep(seconds)
    week1, frames1, t1 = shown_week(page), page.evaluate("window.__frames"), time.monotonic()
    page.get_by_role("button", name="Pause").click()
    page.close()
    return (week1 - week0) / (t1 - t0), (frames1 - frames0) / (t1 - t0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measuring time per mode")
    parser.add_argument("--port", type=int, default=8790)
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
            every_1 = measure(browser, url, 1, args.seconds)
            every_10 = measure(browser, url, 10, args.seconds)
            browser.close()
    finally:
        server.stop(process)
    print(f"cores: {os.cpu_count()}, default (fine) map, {args.seconds:g} s per mode")
    print(f"redraw every step:     {every_1[0]:.2f} steps/s ({every_1[1]:.2f} map frames/s)")
    print(f"redraw every 10 steps: {every_10[0]:.2f} steps/s ({every_10[1]:.2f} map frames/s)")
    print(f"ratio (every 10 / every step): {every_10[0] / every_1[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
