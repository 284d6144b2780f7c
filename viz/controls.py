"""The dashboard's run controls: Step, Play/Pause, the horizon, the downloads and uploads.

The state machine behind them (playing, paused, ended) is :class:`~ceasefire.viz.session.Session`;
these components only send it clicks and show its state.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import solara

from ceasefire.model.parameters import ParameterError
from ceasefire.model.scenarios import Scenario
from ceasefire.viz.download import run_filename, run_zip
from ceasefire.viz.scenario_file import (
    read_upload,
    scenario_filename,
    scenario_toml,
    session_scenario,
)
from ceasefire.viz.session import ENDED, MAX_HORIZON, PAUSED, PLAYING, RunConfig, Session

# ---------------------------------------------------------------------------------- run
UNLOAD_GUARD = Path(__file__).with_name("unload_guard.vue")


@solara.component_vue(str(UNLOAD_GUARD))
def UnloadGuard(dirty: bool) -> None:
    """Makes the browser ask before a reload or close throws away a run (``dirty``)."""


def page_connected() -> Callable[[], bool]:
    """Whether the browser page of the current Solara session is still connected.

    Outside a server (``solara.render`` in tests) the page always counts as connected.
    """
    from solara.server import kernel_context

    try:
        context = kernel_context.get_current_context()
    except Exception:
        return lambda: True
    return lambda: (
        not context.closed_event.is_set()
        and (kernel_context.PageStatus.CONNECTED in context.page_status.values())
    )


@solara.component
def RunControls(
    session: Session, state: str, week: int, horizon: int, refresh: Callable[[], None]
) -> None:
    """Step, Play/Pause, the horizon, the redraw interval and the download.

    ``week`` (the weeks simulated) names the download; it and ``horizon`` are passed in so that
    the controls redraw when they change (reacton compares the arguments).
    """
    horizon_error, set_horizon_error = solara.use_state("")
    render_every = solara.use_reactive(session.render_every)

    def step() -> None:
        session.step()
        refresh()

    def toggle() -> None:
        session.toggle()
        refresh()

    def set_horizon(text: str) -> None:
        try:
            session.set_horizon(parse_week(text))
        except ParameterError as error:
            set_horizon_error(str(error))
        else:
            set_horizon_error("")
        refresh()

    def set_every(weeks: int) -> None:
        session.render_every = weeks
        render_every.set(weeks)

    with solara.Row():
        solara.Button("Step", on_click=step, disabled=state != PAUSED)
        solara.Button(
            "Pause" if state == PLAYING else "Play",
            color="primary",
            on_click=toggle,
            disabled=state == ENDED,
            classes=["play-button"],
        )
    solara.InputText(
        f"Stop at week (1-{MAX_HORIZON})",
        value=str(horizon),
        on_value=set_horizon,
        classes=["horizon-input"],
    ).key(f"horizon-{session.generation}-{horizon}")  # a new run shows its own horizon
    if horizon_error:
        solara.Text(horizon_error, classes=["horizon-error"], style={"color": "#b00020"})
    solara.SliderInt(
        f"Redraw map every {render_every.value} week(s)",
        value=render_every.value,
        on_value=set_every,
        min=1,
        max=20,
    )
    if state == PLAYING:
        solara.Button("Download run (when stopped)", disabled=True, classes=["download-run"])
    else:
        solara.FileDownload(
            lambda: run_zip(session),
            filename=run_filename(session, week),
            label="Download run (CSV files, zip)",
        )


SCENARIO_UPLOAD = Path(__file__).with_name("scenario_upload.vue")


@solara.component_vue(str(SCENARIO_UPLOAD))
def ScenarioUpload(label: str, event_file: Callable[[dict], None]) -> None:
    """A file input for a scenario ``.toml``; calls ``event_file({name, text})``."""


def current_scenario(session: Session) -> Scenario:
    """The session as one scenario (see :func:`~ceasefire.viz.scenario_file.session_scenario`)."""
    with session.lock:
        config = session.config
        return session_scenario(
            session.scenario(), dict(config.settings), session.model, config.seed
        )


def session_toml(session: Session) -> bytes:
    """The session as a scenario file (see :mod:`ceasefire.viz.scenario_file`)."""
    return scenario_toml(current_scenario(session), session.config.seed).encode()


@solara.component
def ScenarioFiles(
    session: Session, state: str, week: int, on_reset: Callable[[RunConfig], None]
) -> None:
    """Download the session as a scenario file; upload one (checked as ``ceasefire run`` does).

    ``week`` (the weeks simulated) names the download, and redraws the panel when it changes.
    """
    message, set_message = solara.use_state(("", False))

    def uploaded(file: dict) -> None:
        try:
            scenario = read_upload(str(file.get("name", "")), str(file.get("text", "")).encode())
        except ParameterError as error:
            set_message((str(error), True))
            return
        name = session.add_scenario(scenario)
        config = session.config
        on_reset(RunConfig.make(name, config.seed, dict(config.settings)))
        set_message((f"Loaded scenario '{name}' (seed {config.seed}).", False))

    config = session.config
    if state == PLAYING:
        solara.Button("Download scenario (when stopped)", disabled=True)
    else:
        solara.FileDownload(
            lambda: session_toml(session),
            filename=scenario_filename(session.scenario(), config.seed, week),
            label="Download scenario (.toml for ceasefire run)",
        )
    ScenarioUpload(label="Upload a scenario file (.toml)", event_file=uploaded)
    text, error = message
    if text:
        solara.Text(
            text,
            classes=["upload-error" if error else "upload-ok"],
            style={"color": "#b00020" if error else "#1b5e20", "font-size": "12px"},
        )


def parse_week(text: str) -> int:
    """The horizon typed in the page: an integer week (else :meth:`Session.set_horizon` refuses).

    Raises:
        ParameterError: if ``text`` is not an integer.
    """
    try:
        return int(text.strip())
    except ValueError:
        raise ParameterError(
            f"the horizon must be an integer week from 1 to {MAX_HORIZON}, got {text.strip()!r}"
        ) from None
