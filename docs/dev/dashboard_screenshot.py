"""Take the README's dashboard screenshot (``docs/img/dashboard.png``) in headless Chromium.

The page is driven the way the browser tests drive it (``tests/test_viz_browser.py``: Debian's
``chromium`` through Playwright, the server started as ``ceasefire viz`` starts it, every
front-end file from the vendored folder): a 1366 x 768 window, the status quo on the fine map
with US support for Pakistan's exit from the FATF grey list raised to 0.8 after week 2, played
to a horizon of 20 weeks, and the pointer over the largest Taliban unit on the map, whose
tooltip shows. The image is the top of the page: the window is made ``--height`` pixels high
for it (the layout follows the width only).

Usage::

    .venv/bin/python docs/dev/dashboard_screenshot.py [--out docs/img/dashboard.png]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from ceasefire.viz import server

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1366, 768
"""The window (a laptop)."""
HORIZON = 20
"""Weeks played."""
FATF_FROM = 2
"""Weeks before US support for the FATF exit is raised (to 0.8)."""
TIMEOUT_MS = 120_000
LARGEST_UNIT = """el => {
  const v = el.vegaView, points = v.data('points');
  const alone = p => points.filter(q => q.lon === p.lon && q.lat === p.lat).length === 1;
  const unit = points.filter(p => p.kind === 'Taliban units' && alone(p))
    .sort((a, b) => b.size - a.size)[0];
  const [ox, oy] = v.origin(), pad = v.padding();
  return [pad.left + ox + v.scale('x')(unit.lon), pad.top + oy + v.scale('y')(unit.lat)];
}"""
"""Where the largest Taliban unit alone in its cell is drawn, in the map canvas's pixels."""


def drive(page: Page, url: str) -> None:
    """Open the page, raise the FATF lever after a few weeks and play to the horizon."""
    page.goto(url)
    page.wait_for_selector(".map-view canvas", timeout=TIMEOUT_MS)
    horizon = page.locator(".horizon-input input")
    horizon.fill(str(HORIZON))
    horizon.press("Enter")
    for shown in range(1, FATF_FROM + 1):
        page.get_by_role("button", name="Step").click()
        page.wait_for_function(
            "n => document.querySelector('.monitor-week').innerText.includes(String(n))",
            arg=shown,
            timeout=TIMEOUT_MS,
        )
    thumb = page.locator(".lever-fatf_offer [role=slider]")
    thumb.focus()
    thumb.press("End")
    for _ in range(4):  # 1.0 to 0.8 in steps of 0.05
        thumb.press("ArrowLeft")
    page.locator(".lever-fatf_offer .lever-value").get_by_text("0.80").wait_for()
    page.locator(".play-button").click()
    page.locator(".run-ended").wait_for(timeout=TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('.map-view .vega-chart > div')?.drawn?.raster[0]"
        f".title.startsWith('Week {HORIZON} ')",
        timeout=TIMEOUT_MS,
    )


def hover_largest_unit(page: Page) -> None:
    """Show the tooltip of the largest Taliban unit on the map."""
    chart = page.locator(".map-view .vega-chart > div")
    x, y = chart.evaluate(LARGEST_UNIT)
    box = page.locator(".map-view canvas").bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.locator("#vg-tooltip-element").get_by_text("Taliban units").wait_for()


def main() -> int:
    """Start a server, drive a page and write the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "dashboard.png")
    parser.add_argument("--height", type=int, default=1700, help="pixels of the page kept")
    parser.add_argument("--port", type=int, default=8796)
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("needs Debian's chromium (apt-get install -y chromium)")
    url = server.url("127.0.0.1", args.port)
    process = server.start("127.0.0.1", args.port, {**os.environ, **server.NO_CDN})
    try:
        server.wait_until_ready(url, process)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=list(server.BROWSER_ARGS)
            )
            page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
            drive(page, url)
            page.evaluate("document.activeElement?.blur()")  # no lever tooltip
            page.set_viewport_size({"width": WIDTH, "height": args.height})
            page.wait_for_timeout(1000)  # the map follows the new window
            hover_largest_unit(page)
            page.screenshot(path=args.out)
            browser.close()
    finally:
        server.stop(process)
    print(f"wrote {args.out} (week {HORIZON}, {WIDTH} x {args.height} px)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
