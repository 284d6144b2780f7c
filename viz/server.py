"""Starting the dashboard server: ``solara run`` in a child process, offline.

The child gets ``SOLARA_ASSETS_PROXY_CACHE_DIR`` pointing at the vendored front-end files
(``viz/assets/cdn``) so that the page never needs the internet; Solara reads that variable
when its settings module is imported, which is why the server runs in its own process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping

from ceasefire.viz.vendor_assets import ASSETS_DIR

APP = "ceasefire.viz.app"
"""Module of the dashboard page."""
BROWSER_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)  # fmt: skip
"""Flags of the headless Chromium (Debian's) that drives the page: the browser tests, the
benchmark and the README screenshot."""
NO_CDN = {"SOLARA_ASSETS_CDN": "http://127.0.0.1:9/npm/"}
"""Environment that points Solara's CDN at a dead address: every front-end file must come from
the vendored folder, and a missing one fails at once instead of being fetched."""
CULL_TIMEOUT = "60s"
"""How long a session outlives its page when the browser went away without closing it (a
crash, a lost connection); Solara's default keeps it 24 hours. A closed tab frees it at once."""


def server_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment of the server process: ``base`` (default ``os.environ``) made offline.

    The vendored assets are always used; usage telemetry and Solara's banner are off and a
    session without a page is freed after :data:`CULL_TIMEOUT`, unless ``base`` says
    otherwise; Solara's warning about session cookies over plain http is silenced.
    """
    env = dict(os.environ if base is None else base)
    env["SOLARA_ASSETS_PROXY_CACHE_DIR"] = str(ASSETS_DIR)
    env.setdefault("SOLARA_TELEMETRY_MIXPANEL_ENABLE", "false")
    env.setdefault("SOLARA_THEME_SHOW_BANNER", "false")  # it would sit over the charts
    env.setdefault("SOLARA_KERNEL_CULL_TIMEOUT", CULL_TIMEOUT)
    # plain-http dashboards on 127.0.0.1 are the normal case here, not a misconfiguration
    env.setdefault("PYTHONWARNINGS", "ignore:Cookies with samesite=none require https")
    return env


def server_command(host: str, port: int) -> list[str]:
    """The ``solara run`` command line of the dashboard."""
    return [
        sys.executable, "-m", "solara", "run", APP,
        "--host", host, "--port", str(port),
        "--production", "--no-open", "--log-level", "warning",
    ]  # fmt: skip


def check_port(host: str, port: int) -> None:
    """Fail if ``port`` on ``host`` cannot be listened on (busy, or not allowed).

    Raises:
        OSError: with the reason.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, port))


def url(host: str, port: int) -> str:
    """Address of the dashboard."""
    return f"http://{host}:{port}/"


def start(host: str, port: int, env: Mapping[str, str] | None = None) -> subprocess.Popen:
    """Start the server process (it runs until terminated)."""
    return subprocess.Popen(server_command(host, port), env=server_env(env))


def wait_until_ready(address: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    """Wait until ``address`` answers HTTP 200.

    Raises:
        RuntimeError: if the process exits or ``timeout`` seconds pass first.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(address, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the dashboard server did not answer at {address} in {timeout:g} s")


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    """Terminate the server process (kill it if it does not exit within ``timeout``)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
