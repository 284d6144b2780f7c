"""Dashboard speed and memory: steps per second while playing, time to a usable page, memory.

Starts the dashboard server (offline, as ``ceasefire viz`` does), drives the page in headless
Chromium (Debian's ``chromium``), presses Play and counts the weeks the page shows and the map
frames that reach the browser, on the default (fine) map. The browser, the server and the model
share the machine's cores, as they would on an analyst's laptop.

Every preset's run ends when the government collapses (the dashboard stops there), within a
year of the start: the benchmark plays ``--scenario`` (default ``stay``, whose war lasts
longest) from week 0 to its end, again and again, until ``--seconds`` of playing are done, and
prints the scenario, the weeks played and how the runs ended.

It also times a fresh page until Step is usable (a click that advances the week), and measures
the server's resident memory over ``--rounds`` of opening ``--tabs`` idle sessions (each after
one week) and closing them: memory that levels off over the rounds is the allocator keeping
freed memory, memory that grows by the same amount each round is a leak.

With ``--against PYTHON`` (the interpreter of another checkout, e.g. ``main``'s
``.venv/bin/python``) the same measurements are made on that checkout's dashboard too, each
right after this one's, and the ratios printed: on a shared machine only the ratio of two
things measured together means much.

Usage::

    .venv/bin/python benchmarks/bench_viz.py [--seconds 20] [--tabs 5] [--rounds 4]
        [--scenario stay] [--port 8790] [--against PYTHON]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field

import psutil
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from ceasefire.viz import server
from ceasefire.viz.session import DEFAULT_SCENARIO, MAX_HORIZON
from ceasefire.viz.widgets import preset_title

MAP = ".map-view canvas, .map-image"
"""The map: a Vega canvas, or the PNG image of dashboards before the interactive map."""
COUNT_FRAMES = """() => {
  window.__frames = 0;
  const image = document.querySelector('.map-image');  // a PNG map: each frame is a new URL
  if (!image) {  // the Vega map counts the frames it has drawn (from 0 when it is embedded)
    let map = null, last = 0;
    setInterval(() => {
      const now = document.querySelector('.map-view .vega-chart > div');
      if (now !== map) { map = now; last = now ? now.frames || 0 : 0; return; }
      if (!map) return;
      const frames = map.frames || 0;
      window.__frames += frames >= last ? frames - last : frames;
      last = frames;
    }, 10);
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


@dataclass
class Played:
    """What a speed measurement played: runs of one scenario from week 0 to their end."""

    scenario: str
    every: int
    runs: int = 0
    weeks: int = 0
    frames: int = 0
    seconds: float = 0.0
    ends: list[str] = field(default_factory=list)

    @property
    def steps_per_second(self) -> float | None:
        return self.weeks / self.seconds if self.weeks and self.seconds > 0 else None

    @property
    def frames_per_second(self) -> float | None:
        return self.frames / self.seconds if self.weeks and self.seconds > 0 else None

    def line(self) -> str:
        label = f"redraw every {self.every} step{'s' if self.every > 1 else ''}:"
        if self.steps_per_second is None:
            return f"{label:23}n/a: no week was played ({self.runs} runs of {self.scenario})"
        ends = ", ".join(sorted(set(self.ends)))
        return (
            f"{label:23}{self.steps_per_second:.2f} steps/s "
            f"({self.frames_per_second:.2f} map frames/s): {self.weeks} weeks in "
            f"{self.seconds:.1f} s, {self.runs} run(s) of {self.scenario} from week 0 ({ends})"
        )


def choose_scenario(page, scenario: str) -> None:
    """Reset the page's run to preset ``scenario`` (seed 0, default settings)."""
    page.locator(".v-select").first.click()
    page.get_by_role("option", name=preset_title(scenario), exact=True).click()
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function(
        "name => document.querySelector('.run-title')?.innerText.startsWith(name)",
        arg=f"Scenario: {scenario} ·",
        timeout=60_000,
    )


def set_horizon(page, weeks: int) -> None:
    horizon = page.locator(".horizon-input input")
    horizon.fill(str(weeks))
    horizon.press("Enter")


def measure(browser, url: str, every: int, seconds: float, scenario: str) -> Played:
    """Weeks and map frames per second while playing with the map redrawn every ``every``.

    Plays ``scenario`` from week 0 until the run ends (the government collapses: every preset
    ends so, the war phase is over), resets and plays it again, until ``seconds`` of playing
    are done; only the time spent playing counts. A run cut by the time limit counts the weeks
    it played.
    """
    played = Played(scenario, every)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url)
    page.wait_for_selector(MAP, timeout=60_000)
    if scenario != DEFAULT_SCENARIO:
        choose_scenario(page, scenario)
    slider = page.locator(".v-slider").first.locator("[role=slider]")  # "Redraw map every"
    slider.focus()
    slider.press("Home")
    for _ in range(every - 1):
        slider.press("ArrowRight")
    page.get_by_text(f"Redraw map every {every} week(s)").wait_for()
    page.evaluate(COUNT_FRAMES)
    while played.seconds < seconds:
        if played.runs:  # the same scenario and seed again, from week 0
            page.get_by_role("button", name="Reset").click()
            page.locator(".run-ended").wait_for(state="detached", timeout=60_000)
        set_horizon(page, MAX_HORIZON)  # play to the run's own end (the horizon resets too)
        week0, frames0 = shown_week(page), page.evaluate("window.__frames")
        page.locator(".play-button").click()
        t0 = time.monotonic()
        try:
            page.locator(".run-ended").wait_for(timeout=(seconds - played.seconds) * 1000)
            ended = True
        except PlaywrightTimeout:  # time is up in the middle of a run
            ended = False
        t1 = time.monotonic()
        week1, frames1 = shown_week(page), page.evaluate("window.__frames")
        if ended:
            played.ends.append(page.inner_text(".run-ended").splitlines()[0].lower())
        else:  # the last run: closing the page stops it
            played.ends.append(f"the last cut at week {week1} by the time limit")
        played.runs += 1
        played.weeks += week1 - week0
        played.frames += frames1 - frames0
        played.seconds += t1 - t0
    page.close()
    return played


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


def settle(process, seconds: float) -> float:
    """Server memory after ``seconds`` (for closed sessions to be freed, or pages to go idle)."""
    time.sleep(seconds)
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


@dataclass
class Memory:
    """Server memory in MB: before any idle session, and per round of opening and closing them.

    Python and the C allocator keep freed memory for reuse rather than returning it to the
    system, so the resident memory after closing sessions is a high-water mark: the test of
    release is that it levels off over the rounds (a leak grows by about the same each round),
    and an idle session's cost is what its opening adds once the memory has levelled off.
    """

    tabs: int
    before: float
    opened: list[float] = field(default_factory=list)
    closed: list[float] = field(default_factory=list)

    @property
    def per_session(self) -> list[float]:
        """Per round: (memory with the tabs open - memory before opening them) / tabs."""
        starts = [self.before, *self.closed[:-1]]
        return [(o - b) / self.tabs for o, b in zip(self.opened, starts, strict=True)]

    @property
    def growth_last_round(self) -> float | None:
        """Closed-session memory gained in the last round (about 0 once levelled off)."""
        return self.closed[-1] - self.closed[-2] if len(self.closed) >= 2 else None

    def lines(self) -> list[str]:
        sessions = ", ".join(f"{mb:.1f}" for mb in self.per_session)
        closed = ", ".join(f"{mb:.0f}" for mb in self.closed)
        growth = self.growth_last_round
        last = "n/a (one round)" if growth is None else f"{growth:+.1f} MB"
        return [
            f"server memory: {self.before:.0f} MB after one page; per idle session "
            f"({self.tabs} open) by round: {sessions} MB",
            f"  after closing them, by round: {closed} MB; gained in the last round: {last} "
            "(a leak would gain about the same every round)",
        ]


def measure_memory(browser, url: str, process, tabs: int, rounds: int) -> Memory:
    """Server memory before idle sessions, then over ``rounds`` of opening and closing ``tabs``.

    A page closed by the browser closes its session at once (without its page Solara would
    cull it after ``CULL_TIMEOUT``); a few seconds are left for that and for the garbage
    collection that follows.
    """
    warm = browser.new_page()
    warm.goto(url)
    warm.wait_for_selector(MAP, timeout=60_000)
    warm.close()
    memory = Memory(tabs, settle(process, 10.0))
    for _ in range(rounds):
        pages = open_idle_tabs(browser, url, tabs)
        memory.opened.append(settle(process, 5.0))
        for page in pages:
            page.close()
        memory.closed.append(settle(process, 15.0))
    return memory


@dataclass
class Result:
    """One dashboard's measurements."""

    usable: float
    every_1: Played
    every_10: Played
    memory: Memory

    def lines(self) -> list[str]:
        fast, slow = self.every_10.steps_per_second, self.every_1.steps_per_second
        ratio = f"{fast / slow:.2f}" if fast and slow else "n/a (a mode played no week)"
        return [
            self.every_1.line(),
            self.every_10.line(),
            f"ratio (every 10 / every step): {ratio}",
            f"usable page (Step shows week 1): {self.usable:.2f} s",
            *self.memory.lines(),
        ]


def start(python: str, port: int) -> tuple[str, subprocess.Popen]:
    """A dashboard server run by ``python`` (offline, as ``ceasefire viz`` starts it)."""
    url = server.url("127.0.0.1", port)
    offline = {**os.environ, **server.NO_CDN}
    command = [python, *server.server_command("127.0.0.1", port)[1:]]
    process = subprocess.Popen(command, env=server.server_env(offline))
    server.wait_until_ready(url, process)
    return url, process


def measure_all(browser, servers: dict, args: argparse.Namespace) -> dict[str, Result]:
    """Each measurement on each server in turn (so that the load is about the same for both)."""
    usable = {name: usable_page_seconds(browser, url) for name, (url, _) in servers.items()}
    every_1, every_10 = (
        {name: measure(browser, url, every, args.seconds, args.scenario)
         for name, (url, _) in servers.items()}
        for every in (1, 10)
    )  # fmt: skip
    memory = {
        name: measure_memory(browser, url, process, args.tabs, args.rounds)
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
        "--rounds", type=int, default=4, help="rounds of opening and closing the idle sessions"
    )
    parser.add_argument(
        "--scenario",
        default="stay",
        help="preset played from week 0 to its end (default: stay, whose war lasts longest)",
    )
    parser.add_argument(
        "--against", metavar="PYTHON", help="also measure the dashboard this interpreter runs"
    )
    args = parser.parse_args()
    if args.rounds < 1 or args.tabs < 1 or args.seconds <= 0:
        parser.error("--rounds and --tabs must be at least 1 and --seconds positive")
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt-get install -y chromium)")
    if args.against and not shutil.which(args.against):
        sys.exit(f"--against: {args.against!r} is not an executable Python interpreter")
    pythons = {"this": sys.executable, **({"against": args.against} if args.against else {})}
    servers: dict[str, tuple[str, subprocess.Popen]] = {}
    load_before = os.getloadavg()[0]
    try:
        for offset, (name, python) in enumerate(pythons.items()):
            servers[name] = start(python, args.port + offset)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=list(server.BROWSER_ARGS)
            )
            results = measure_all(browser, servers, args)
            browser.close()
    finally:
        for _, process in servers.values():
            server.stop(process)
    print(f"cores: {os.cpu_count()}, load {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after, default (fine) map, seed 0, "
          f"{args.seconds:g} s of playing per mode")  # fmt: skip
    for name, result in results.items():
        print(f"{name} ({pythons[name]}):")
        print("\n".join(f"  {line}" for line in result.lines()))
    if "against" in results:
        this, other = results["this"], results["against"]
        print("ratios, this / against:")
        ratios = {
            "steps/s redrawing every step": (
                this.every_1.steps_per_second,
                other.every_1.steps_per_second,
            ),
            "steps/s redrawing every 10 steps": (
                this.every_10.steps_per_second,
                other.every_10.steps_per_second,
            ),
            "usable page time": (this.usable, other.usable),
            "memory after closing the sessions (last round)": (
                this.memory.closed[-1],
                other.memory.closed[-1],
            ),
        }
        for label, (mine, theirs) in ratios.items():
            known = mine is not None and theirs is not None and theirs > 0
            print(f"  {label}: " + (f"{mine / theirs:.2f}" if known else "n/a"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
