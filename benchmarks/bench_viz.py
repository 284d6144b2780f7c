"""Dashboard speed and memory: steps per second while playing, time to a usable page, memory.

Starts the dashboard server (offline, as ``ceasefire viz`` does), drives the page in headless
Chromium (Debian's ``chromium``), presses Play and counts the weeks the page shows and the map
frames that reach the browser over a fixed time, on the default (fine) map. The browser, the
server and the model share the machine's cores, as they would on an analyst's laptop.

It also times a fresh page until Step is usable (a click that advances the week), and measures
the server's resident memory with idle sessions open (``--tabs`` of them, each after one week)
and after they are closed.

With ``--against PYTHON`` (the interpreter of another checkout, e.g. ``main``'s
``.venv/bin/python``) the same measurements are made on that checkout's dashboard too, each
right after this one's, and the ratios printed: on a shared machine only the ratio of two
things measured together means much.

Usage::

    .venv/bin/python benchmarks/bench_viz.py [--seconds 20] [--port 8790] [--against PYTHON]
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

import psutil
from playwright.sync_api import sync_playwright

from ceasefire.viz import server

MAP = ".map-view canvas, .map-image"
"""The map: a Vega canvas, or the PNG image of dashboards before the interactive map."""
COUNT_FRAMES = """() => {
  window.__frames = 0;
  const image = document.querySelector('.map-image');  // a PNG map: each frame is a new URL
  if (!image) {  // the Vega map counts the frames it has drawn
    const map = document.querySelector('.map-view .vega-chart > div');
    const start = map.frames;
    setInterval(() => { window.__frames = map.frames - start; }, 10);
    return;
  }
  let last = image.src;
  setInterval(() => {
    if (image.src !== last) { window.__frames++; last = image.src; }
  }, 10);
}"""
"""Counts the map frames the browser draws."""


def shown_week(page) -> int:
    return int(re.search(r"\d+", page.inner_text(".monitor-week")).group())


def measure(browser, url: str, every: int, seconds: float) -> tuple[float, float]:
    """Steps and map frames per second while playing with the map redrawn every ``every``."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(MAP, timeout=60_000)
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
        page.wait_for_selector(MAP, timeout=60_000)
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
    warm.wait_for_selector(MAP, timeout=60_000)
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


@dataclass
class Result:
    """One dashboard's measurements."""

    usable: float
    every_1: tuple[float, float]
    every_10: tuple[float, float]
    memory: tuple[float, float, float, float]

    def lines(self, tabs: int) -> list[str]:
        before, per_session, closed, again = self.memory
        return [
            f"redraw every step:     {self.every_1[0]:.2f} steps/s "
            f"({self.every_1[1]:.2f} map frames/s)",
            f"redraw every 10 steps: {self.every_10[0]:.2f} steps/s "
            f"({self.every_10[1]:.2f} map frames/s)",
            f"ratio (every 10 / every step): {self.every_10[0] / self.every_1[0]:.2f}",
            f"usable page (Step shows week 1): {self.usable:.2f} s",
            f"server memory: {before:.0f} MB, {per_session:.1f} MB per idle session "
            f"({tabs} open), {closed:.0f} MB after closing them, {again:.0f} MB after "
            f"opening and closing {tabs} more",
        ]


def start(python: str, port: int) -> tuple[str, subprocess.Popen]:
    """A dashboard server run by ``python`` (offline, as ``ceasefire viz`` starts it)."""
    url = server.url("127.0.0.1", port)
    offline = {**os.environ, **server.NO_CDN}
    command = [python, *server.server_command("127.0.0.1", port)[1:]]
    process = subprocess.Popen(command, env=server.server_env(offline))
    server.wait_until_ready(url, process)
    return url, process


def measure_all(browser, servers: dict, seconds: float, tabs: int) -> dict[str, Result]:
    """Each measurement on each server in turn (so that the load is about the same for both)."""
    usable = {name: usable_page_seconds(browser, url) for name, (url, _) in servers.items()}
    every_1 = {name: measure(browser, url, 1, seconds) for name, (url, _) in servers.items()}
    every_10 = {name: measure(browser, url, 10, seconds) for name, (url, _) in servers.items()}
    memory = {
        name: measure_memory(browser, url, process, tabs)
        for name, (url, process) in servers.items()
    }
    return {name: Result(usable[name], every_1[name], every_10[name], memory[name])
            for name in servers}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="measuring time per mode")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--tabs", type=int, default=5, help="idle sessions for the memory test")
    parser.add_argument(
        "--against", metavar="PYTHON", help="also measure the dashboard this interpreter runs"
    )
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt-get install -y chromium)")
    if args.against and not shutil.which(args.against):
        sys.exit(f"--against: {args.against!r} is not an executable Python interpreter")
    pythons = {"this": sys.executable, **({"against": args.against} if args.against else {})}
    servers: dict[str, tuple[str, subprocess.Popen]] = {}
    try:
        for offset, (name, python) in enumerate(pythons.items()):
            servers[name] = start(python, args.port + offset)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=list(server.BROWSER_ARGS)
            )
            results = measure_all(browser, servers, args.seconds, args.tabs)
            browser.close()
    finally:
        for _, process in servers.values():
            server.stop(process)
    print(f"cores: {os.cpu_count()}, load {os.getloadavg()[0]:.1f}, default (fine) map, "
          f"{args.seconds:g} s per mode")  # fmt: skip
    for name, result in results.items():
        print(f"{name} ({pythons[name]}):")
        print("\n".join(f"  {line}" for line in result.lines(args.tabs)))
    if "against" in results:
        this, other = results["this"], results["against"]
        print("ratios, this / against:")
        ratios = {
            "steps/s redrawing every step": (this.every_1[0], other.every_1[0]),
            "steps/s redrawing every 10 steps": (this.every_10[0], other.every_10[0]),
            "usable page time": (this.usable, other.usable),
            "memory per idle session": (this.memory[1], other.memory[1]),
        }
        for label, (mine, theirs) in ratios.items():
            print(f"  {label}: " + (f"{mine / theirs:.2f}" if theirs > 0 else "n/a (0 against)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
