"""The Ceasefire dashboard page (Solara): one live model per browser session.

Start it with ``ceasefire viz``. The left column holds the run controls, the reset-only settings
(scenario preset, seed, map resolution, initial forces) and the live levers; the right column
the monitors, the map and the charts. The map and charts are redrawn every *N* weeks while
playing (the render interval), the monitors a few times a second.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import solara

from ceasefire.batch.seeds import parse_seed
from ceasefire.model.parameters import AUTO, Parameter
from ceasefire.model.scenarios import presets
from ceasefire.viz.charts import ChartRenderer, change_label
from ceasefire.viz.download import run_filename, run_zip
from ceasefire.viz.map_view import LAYERS, MapRenderer, map_frame
from ceasefire.viz.session import (
    LEVER_SPECS,
    MAIN_SETTINGS,
    SETTING_SPECS,
    Monitors,
    RunConfig,
    Session,
    play,
)

WEEK_SLIDER_MAX = 156
"""Last week on the withdrawal slider (three years); 'US troops stay' covers the rest."""
SHOWN_CHANGES = 8
"""Lever changes listed under the map (the latest ones)."""


def _describe(spec: Parameter) -> str:
    return f"{spec.description} (unit: {spec.unit}; {spec.allowed()}; default {spec.default})"


# ---------------------------------------------------------------------------------- monitors
def monitor_items(m: Monitors) -> list[tuple[str, str, str]]:
    """``(key, label, value)`` of each monitor, formatted for display."""

    def count(value: int | None) -> str:
        return "-" if value is None else f"{value:,}"

    ceasefire = "in force" if m.ceasefire else "none"
    return [
        ("week", "Week", f"Week {m.week}"),
        ("date", "Date", m.date),
        ("fatalities", "Fatalities this week", count(m.fatalities)),
        ("casualties", "Civilian casualties this week", count(m.civilian_casualties)),
        ("progress", "Negotiation progress", f"{m.negotiation_progress:.3f}"),
        ("ceasefire", "Cease-fire", "government collapsed" if m.takeover else ceasefire),
        ("pressure", "Pakistan's pressure", f"{m.pakistan_pressure:.2f}"),
        ("control", "Taliban-controlled population", f"{m.taliban_control_share:.1%}"),
    ]


@solara.component
def MonitorBar(monitors: Monitors) -> None:
    """The monitors in one row of small tiles."""
    with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
        for key, label, value in monitor_items(monitors):
            with solara.Column(
                gap="0px",
                style={"border": "1px solid #ddd", "border-radius": "4px", "padding": "4px 8px"},
            ):
                solara.Text(label, style={"font-size": "11px", "color": "#555"})
                solara.Text(value, classes=[f"monitor-{key}"], style={"font-size": "17px"})


# ---------------------------------------------------------------------------------- levers
@solara.component
def LeverControl(
    session: Session, spec: Parameter, value: Any, on_change: Callable[[], None]
) -> None:
    """One live lever: a slider (plus 'auto' or 'US troops stay' where the lever allows it).

    ``value`` is the lever's value for the next week (passed in so that the control redraws
    when it changes: by a move, a scheduled change or a reset).
    """

    def set_value(new: Any) -> None:
        session.set_lever(spec.name, new)
        on_change()

    with solara.Tooltip(_describe(spec)):
        with solara.Column(gap="0px", classes=[f"lever-{spec.name}"]):
            if spec.kind == "week":
                WeekLever(spec, value, set_value)
            elif spec.kind == "pressure":
                in_force = round(session.monitors().pakistan_pressure * 20) / 20
                PressureLever(spec, value, in_force, set_value)
            else:
                solara.SliderFloat(
                    f"{spec.name}: {value:.2f}", value=float(value), min=spec.low,
                    max=spec.high, step=0.05, on_value=set_value,
                )  # fmt: skip


@solara.component
def WeekLever(spec: Parameter, value: int | None, set_value: Callable[[Any], None]) -> None:
    """The withdrawal week: a slider of weeks, or 'US troops stay' (``none``)."""
    stay = value is None
    solara.Checkbox(
        label="US troops stay",
        value=stay,
        on_value=lambda s: set_value(None if s else spec.default),
    )
    solara.SliderInt(
        f"{spec.name}: {'none' if stay else value}",
        value=0 if stay else int(value),
        min=int(spec.low),
        max=max(WEEK_SLIDER_MAX, 0 if stay else int(value)),
        on_value=set_value,
        disabled=stay,
    )


@solara.component
def PressureLever(
    spec: Parameter, value: Any, in_force: float, set_value: Callable[[Any], None]
) -> None:
    """Pakistan's pressure: 'auto' (Pakistan decides) or a fixed level.

    Fixing it starts from ``in_force``, the pressure Pakistan chose last (to the slider's step).
    """
    auto = value == AUTO
    solara.Checkbox(
        label="Pakistan decides its pressure (auto)",
        value=auto,
        on_value=lambda a: set_value(AUTO if a else in_force),
    )
    solara.SliderFloat(
        f"{spec.name}: {AUTO if auto else f'{value:.2f}'}",
        value=in_force if auto else float(value),
        min=spec.low,
        max=spec.high,
        step=0.05,
        on_value=set_value,
        disabled=auto,
    )


# ---------------------------------------------------------------------------------- settings
@solara.component
def SettingControl(spec: Parameter, settings: solara.Reactive[dict[str, Any]]) -> None:
    """One reset-only setting (applied by Reset)."""
    value = settings.value[spec.name]

    def set_value(new: Any) -> None:
        settings.set({**settings.value, spec.name: spec.coerce(new)})

    with solara.Tooltip(_describe(spec)):
        with solara.Column(gap="0px"):
            if spec.kind == "choice":
                solara.Text(f"{spec.name} (map resolution)", style={"font-size": "12px"})
                solara.ToggleButtonsSingle(
                    value=value, values=list(spec.choices), on_value=set_value
                )
            elif spec.kind == "int":
                solara.SliderInt(
                    f"{spec.name}: {value:,}", value=int(value), min=int(spec.low),
                    max=int(spec.high), step=1000, on_value=set_value,
                )  # fmt: skip
            else:
                solara.SliderFloat(
                    f"{spec.name}: {value:g}", value=float(value), min=spec.low,
                    max=spec.high, step=(spec.high - spec.low) / 100, on_value=set_value,
                )  # fmt: skip


@solara.component
def ResetPanel(
    current: RunConfig, on_reset: Callable[[RunConfig], None], disabled: bool = False
) -> None:
    """Scenario preset, seed and reset-only settings, applied by the Reset button.

    ``current`` is the config of the running model; the panel says when its choices differ.
    """
    scenario = solara.use_reactive(current.scenario)
    seed_text = solara.use_reactive(str(current.seed))
    settings = solara.use_reactive({p.name: current.setting(p.name) for p in SETTING_SPECS})
    try:
        seed, seed_error = parse_seed(seed_text.value.strip()), None
    except ValueError as error:
        seed, seed_error = None, f"Seed: {error}"
    config = None if seed is None else RunConfig.make(scenario.value, seed, settings.value)
    solara.Select("Scenario preset", values=list(presets()), value=scenario)
    solara.Text(presets()[scenario.value].description, style={"font-size": "12px"})
    solara.InputText(
        "Seed (integer)",
        value=seed_text,
        continuous_update=True,
        error=seed_error or False,
        message=seed_error,
        classes=["seed-input"],
    )
    for spec in SETTING_SPECS:
        if spec.name in MAIN_SETTINGS:
            SettingControl(spec, settings)
    with solara.Details("More settings"):
        for spec in SETTING_SPECS:
            if spec.name not in MAIN_SETTINGS:
                SettingControl(spec, settings)
    if config is not None and config != current:
        solara.Text("Changed: press Reset to apply.", classes=["pending-reset"])
    solara.Button(
        "Reset",
        color="primary",
        disabled=config is None or disabled,
        on_click=lambda: on_reset(config),
    )


# ---------------------------------------------------------------------------------- views
@solara.component
def MapView(session: Session, generation: int, version: int, layer: str) -> None:
    """The map image, redrawn when the frame version, the run or the layer changes."""
    renderer = solara.use_memo(lambda: MapRenderer(session.model.map), dependencies=[generation])

    def draw() -> bytes:
        with session.lock:
            frame = map_frame(session.model, layer)
        return renderer.render(frame, layer)

    png = solara.use_memo(draw, dependencies=[generation, version, layer])
    solara.Image(png, width="100%", classes=["map-image"])


@solara.component
def ChartsView(session: Session, generation: int, version: int) -> None:
    """The three charts, redrawn with the map."""
    renderer = solara.use_memo(ChartRenderer, dependencies=[generation])
    png = solara.use_memo(
        lambda: renderer.render(session.series()), dependencies=[generation, version]
    )
    solara.Image(png, width="100%", classes=["charts-image"])


@solara.component
def LeverLog(changes: list[dict[str, Any]]) -> None:
    """The latest lever changes with the week they took (or take) effect."""
    solara.Text("Lever changes", style={"font-weight": "bold"})
    if not changes:
        solara.Text("none yet", style={"font-size": "12px"})
    for change in changes[-SHOWN_CHANGES:]:
        solara.Text(
            f"week {change['step']}: {change_label(change)} ({change['source']})",
            classes=["lever-change"],
            style={"font-size": "12px"},
        )


# ---------------------------------------------------------------------------------- page
@solara.component
def Player(
    session: Session,
    render_every: int,
    show: Callable[[int, bool], None],
    shown: threading.Event,
) -> None:
    """Steps the run in a worker thread while it is on the page (that is, while playing)."""
    every = solara.use_ref(render_every)
    every.current = render_every  # read by the running loop: a new interval applies at once

    def loop(cancel: threading.Event) -> None:
        play(session, cancel, lambda: every.current, show, shown)

    player = solara.use_thread(loop, dependencies=[session.generation], intrusive_cancel=False)
    if player.error is not None:
        solara.Error(f"The run stopped: {player.error!r}", classes=["play-error"])


@solara.component
def Page() -> None:
    """The dashboard (one :class:`Session` per browser session)."""
    session = solara.use_memo(Session, dependencies=[])
    # (run generation, week shown by the monitors, week of the last map/chart frame)
    view, set_view = solara.use_state((session.generation, 0, 0))
    playing = solara.use_reactive(False)
    render_every = solara.use_reactive(1)
    layer = solara.use_reactive("control")
    generation, _, version = view
    _, set_edits = solara.use_state(0)  # bumped by lever moves, to show the pending values
    shown = solara.use_memo(threading.Event, dependencies=[])
    solara.use_effect(shown.set, dependencies=[view])  # the play loop waits for this

    def show(week: int, frame: bool = True) -> None:
        set_view(lambda v: (session.generation, week, week if frame else v[2]))

    def step() -> None:
        show(session.step())

    def reset(config: RunConfig) -> None:
        playing.set(False)
        session.reset(config)
        show(0)

    solara.Title("Ceasefire dashboard")
    monitors = session.monitors()
    with solara.Columns([1, 3]):
        with solara.Column():
            with solara.Card("Run"):
                with solara.Row():
                    solara.Button("Step", on_click=step, disabled=playing.value)
                    solara.Button(
                        "Pause" if playing.value else "Play",
                        color="primary",
                        on_click=lambda: playing.set(not playing.value),
                    )
                solara.SliderInt(
                    f"Redraw map every {render_every.value} week(s)",
                    value=render_every,
                    min=1,
                    max=20,
                )
                solara.FileDownload(
                    lambda: run_zip(session),
                    filename=run_filename(session),
                    label="Download run (CSV files, zip)",
                )
            with solara.Card("Live levers (from the next week)"):
                for spec in LEVER_SPECS:
                    LeverControl(
                        session,
                        spec,
                        session.lever(spec.name),
                        on_change=lambda: set_edits(lambda n: n + 1),
                    )
            with solara.Card("Scenario and settings (on Reset)"):
                ResetPanel(session.config, reset, disabled=playing.value)
        with solara.Column():
            config = session.config
            solara.Text(
                f"Scenario: {config.scenario} · seed {config.seed} · "
                f"map {config.setting('map')} — {session.scenario_description}",
                classes=["run-title"],
            )
            MonitorBar(monitors)
            if playing.value:
                Player(session, render_every.value, show, shown)
            with solara.Row():
                with solara.Column(style={"flex": "3"}):
                    solara.ToggleButtonsSingle(value=layer, values=list(LAYERS))
                    MapView(session, generation, version, layer.value)
                with solara.Column(style={"flex": "1"}):
                    LeverLog(session.lever_changes())
            ChartsView(session, generation, version)
