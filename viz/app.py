"""The Ceasefire dashboard page (Solara): one live model per browser session.

Start it with ``ceasefire viz``. The left column holds the run controls, the reset-only settings
(scenario preset, seed, map resolution, initial forces) and the live levers; the right column
the monitors, the map and the charts. The map and charts are redrawn every *N* weeks while
playing (the render interval), the monitors a few times a second.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import reacton.ipyvue as vue
import reacton.ipyvuetify as rv
import solara
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ceasefire.batch.analysis.style import DIFFERENCE, DIFFERENCE_BAND, ZERO_LINE
from ceasefire.model.negotiation import CEASEFIRE_THRESHOLD
from ceasefire.model.observe import run_summary
from ceasefire.model.outputs import SUMMARY_COLUMNS
from ceasefire.model.parameters import AUTO, GROUPS, Parameter, ParameterError, parse_seed
from ceasefire.model.scenarios import Scenario, presets
from ceasefire.model.takeover import TAKEOVER_CONTROL_SHARE
from ceasefire.viz.charts import ChartRenderer, change_label
from ceasefire.viz.download import run_filename, run_zip
from ceasefire.viz.map_view import LAYERS, MapRenderer, map_frame, png_bytes
from ceasefire.viz.replications import MAX_REPLICATIONS, Replicated, ReplicationRunner
from ceasefire.viz.scenario_file import (
    read_upload,
    scenario_filename,
    scenario_toml,
    session_scenario,
)
from ceasefire.viz.session import (
    END_REASONS,
    ENDED,
    LEVER_SPECS,
    MAIN_SETTINGS,
    MAX_HORIZON,
    PAUSED,
    PLAYING,
    SETTING_SPECS,
    Listener,
    Monitors,
    RunConfig,
    Session,
)

WEEK_SLIDER_MAX = 156
"""Last week on the withdrawal slider (three years); 'US troops stay' covers the rest."""
SHOWN_CHANGES = 8
"""Lever changes listed under the map (the latest ones)."""

UCDP_WEEKLY_FATALITIES_2020 = 380.0
"""Fatalities per week in Afghanistan in 2020 in UCDP GED (a reference point for the monitor)."""


LEVER_GROUPS = tuple(g for g in GROUPS if any(p.group == g for p in LEVER_SPECS))
"""Groups of the live levers, in the registry's order."""
MONITOR_HELP = {
    "week": "Weeks simulated; week 1 begins on 12 February 2021 (the article's date).",
    "date": "First day of the week shown (week 0 is the initial state).",
    "fatalities": "People killed in the week. Reference: UCDP GED 2020, about "
    f"{UCDP_WEEKLY_FATALITIES_2020:.0f} fatalities a week in Afghanistan.",
    "casualties": "Civilians killed or wounded in the week. Reference: UNAMA 2020, 8,820 "
    "civilian casualties (about 170 a week).",
    "progress": "Progress of the talks, 0 (none) to 1 (a settlement); a cease-fire can begin "
    f"above {CEASEFIRE_THRESHOLD:g}.",
    "ceasefire": "Whether a cease-fire is in force, or the government has collapsed.",
    "pressure": "Pakistan's pressure on the sanctuaries, 0 (none) to 1 (full crackdown).",
    "control": "Share of Afghanistan's people in cells the Taliban control; the government "
    f"collapses at {TAKEOVER_CONTROL_SHARE:.0%}.",
}
"""Tooltips of the monitors, with their reference points."""


def preset_title(name: str) -> str:
    """A preset's name for people: ``status_quo`` -> ``Status quo``."""
    return name.replace("_", " ").capitalize()


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
            with solara.Tooltip(MONITOR_HELP[key]):
                with solara.Column(
                    gap="0px",
                    classes=[f"monitor-tile-{key}"],
                    style={
                        "border": "1px solid #ddd",
                        "border-radius": "4px",
                        "padding": "4px 8px",
                    },
                ):
                    solara.Text(label, style={"font-size": "11px", "color": "#555"})
                    solara.Text(value, classes=[f"monitor-{key}"], style={"font-size": "17px"})


# ---------------------------------------------------------------------------------- levers
def _scaled(spec: Parameter, value: float) -> str:
    """A lever's value as text, with the meaning of the range's ends there (``1.00, full``)."""
    ends = {spec.low: spec.low_means, spec.high: spec.high_means}
    meaning = ends.get(value, "")
    return f"{value:.2f}" + (f" ({meaning})" if meaning else "")


@solara.component
def ReleaseSlider(
    name: str,
    shown: str,
    value: float,
    on_commit: Callable[[float], None],
    low: float,
    high: float,
    step: float,
    disabled: bool = False,
    integer: bool = False,
) -> None:
    """A slider whose value is applied when the handle is released, not while it is dragged.

    ``shown`` is the value as text, above the track (class ``lever-value``); ``name`` the
    parameter, for the slider's class (``slider-<name>``).

    Keyboard moves (no drag) apply at once. Until then the handle keeps its place even when
    the page redraws; a change from elsewhere (a reset, a scheduled change) moves it.
    """
    draft, set_draft = solara.use_state(value)
    dragging = solara.use_ref(False)
    cast = int if integer else float

    def follow() -> None:
        if not dragging.current:
            set_draft(value)

    solara.use_effect(follow, dependencies=[value])

    def moved(new: float) -> None:
        set_draft(cast(new))
        if not dragging.current:
            on_commit(cast(new))

    def started(*_: Any) -> None:
        dragging.current = True

    def released(widget: Any, event: str, data: Any) -> None:
        dragging.current = False
        on_commit(cast(data if isinstance(data, int | float) else widget.v_model))

    solara.Text(shown, classes=["lever-value"], style={"font-size": "12px", "color": "#555"})
    slider = rv.Slider(
        v_model=draft, on_v_model=moved, min=low, max=high, step=step, thumb_label=True,
        hide_details=True, disabled=disabled, density="compact", class_=f"slider-{name}",
    )  # fmt: skip
    vue.use_event(slider, "start", started)
    vue.use_event(slider, "end", released)


@solara.component
def LeverControl(
    session: Session, spec: Parameter, value: Any, on_change: Callable[[], None]
) -> None:
    """One live lever: a slider (plus 'auto' or 'US troops stay' where the lever allows it).

    ``value`` is the lever's value for the next week (passed in so that the control redraws
    when it changes: by a move, a scheduled change or a reset). A refused move (the run has
    ended) is shown under the lever and the control returns to the value in force.
    """
    refusal, set_refusal = solara.use_state("")

    def set_value(new: Any) -> None:
        try:
            session.set_lever(spec.name, new)
        except ParameterError as error:
            set_refusal(str(error))
        else:
            set_refusal("")
        on_change()

    with solara.Column(gap="0px", classes=[f"lever-{spec.name}"], style={"margin-bottom": "8px"}):
        with solara.Tooltip(spec.explain()):
            solara.Text(
                spec.title, classes=["lever-title"], style={"font-size": "13px", "color": "#000"}
            )
        if spec.widget.control == "week":
            WeekLever(spec, value, set_value, lambda: session.previous_value(spec.name))
        elif spec.widget.control == "pressure":
            in_force = round(session.monitors().pakistan_pressure * 20) / 20
            PressureLever(spec, value, in_force, set_value)
        else:
            ReleaseSlider(
                spec.name, _scaled(spec, value), float(value), set_value, spec.low, spec.high,
                spec.widget.step,
            )  # fmt: skip
        if refusal:
            solara.Text(refusal, classes=["lever-refused"], style={"color": "#b00020"})


@solara.component
def WeekLever(
    spec: Parameter,
    value: int | None,
    set_value: Callable[[Any], None],
    previous: Callable[[], int],
) -> None:
    """The withdrawal week: a slider of weeks, or 'US troops stay' (``none``).

    Unticking 'US troops stay' restores the week in force before it was ticked (``previous``).
    """
    stay = value is None
    solara.Checkbox(
        label="US troops stay",
        value=stay,
        on_value=lambda s: set_value(None if s else previous()),
    )
    ReleaseSlider(
        spec.name,
        "US troops stay" if stay else f"week {value}",
        0 if stay else int(value),
        set_value,
        int(spec.low),
        max(WEEK_SLIDER_MAX, 0 if stay else int(value)),
        1,
        disabled=stay,
        integer=True,
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
    ReleaseSlider(
        spec.name,
        f"auto (now {in_force:.2f})" if auto else _scaled(spec, value),
        in_force if auto else float(value),
        set_value,
        spec.low,
        spec.high,
        spec.widget.step,
        disabled=auto,
    )


# ---------------------------------------------------------------------------------- settings
@solara.component
def SettingControl(spec: Parameter, settings: solara.Reactive[dict[str, Any]]) -> None:
    """One reset-only setting (applied by Reset)."""
    value = settings.value[spec.name]

    def set_value(new: Any) -> None:
        settings.set({**settings.value, spec.name: spec.coerce(new)})

    with solara.Column(gap="0px", classes=[f"setting-{spec.name}"]):
        with solara.Tooltip(spec.explain()):
            solara.Text(spec.title, style={"font-size": "13px"})
        widget = spec.widget
        if widget.control == "toggle":
            solara.ToggleButtonsSingle(value=value, values=list(spec.choices), on_value=set_value)
        elif widget.control == "checkbox":
            solara.Checkbox(label="on", value=bool(value), on_value=set_value)
        elif widget.integer:
            solara.SliderInt(
                f"{value:,}", value=int(value), min=int(spec.low), max=int(spec.high),
                step=int(widget.step), on_value=set_value,
            )  # fmt: skip
        else:
            solara.SliderFloat(
                f"{value:g}", value=float(value), min=spec.low, max=spec.high,
                step=widget.step, on_value=set_value,
            )  # fmt: skip


@solara.component
def ResetPanel(
    current: RunConfig, scenarios: dict[str, Scenario], on_reset: Callable[[RunConfig], None]
) -> None:
    """Scenario (a preset or an uploaded file), seed and reset-only settings, applied by Reset.

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
    titles = {preset_title(name): name for name in scenarios}
    solara.Select(
        "Scenario preset",
        values=list(titles),
        value=preset_title(scenario.value),
        on_value=lambda title: scenario.set(titles[title]),
    )
    solara.Text(scenarios[scenario.value].description, style={"font-size": "12px"})
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
    more = solara.use_reactive(False)
    solara.Switch(label="More settings", value=more)
    if more.value:  # drawn only when shown: every control on the page costs in each frame
        for spec in SETTING_SPECS:
            if spec.name not in MAIN_SETTINGS:
                SettingControl(spec, settings)
    if config is not None and config != current:
        solara.Text("Changed: press Reset to apply.", classes=["pending-reset"])
    solara.Button(
        "Reset",
        color="primary",
        disabled=config is None,
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
def ChartsView(
    session: Session, generation: int, version: int, replicated: Replicated | None = None
) -> None:
    """The three charts, redrawn with the map (with the replications' bands once there)."""
    renderer = solara.use_memo(ChartRenderer, dependencies=[generation])
    bands = replicated.bands if replicated is not None else None
    png = solara.use_memo(
        lambda: renderer.render(session.series(), bands),
        dependencies=[generation, version, replicated],
    )
    solara.Image(png, width="100%", classes=["charts-image"])


# ---------------------------------------------------------------------------------- uncertainty
def comparison_markdown(table: pd.DataFrame) -> str:
    """The comparison table (``ceasefire compare``'s) as a Markdown table with 95% intervals."""

    def interval(row: pd.Series, column: str, digits: int) -> str:
        low, high = row[f"{column}_low"], row[f"{column}_high"]
        bounds = "" if pd.isna(low) else f" [{low:,.{digits}f}, {high:,.{digits}f}]"
        return f"{row[column]:,.{digits}f}{bounds}"

    lines = [
        "| scenario | runs | mean weekly fatalities | civilian casualties per run "
        "| progress at the end | cease-fire within 52 weeks | fatalities vs A |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, (_, row) in zip("AB", table.iterrows(), strict=False):
        lines.append(
            f"| {label}: {row['scenario']} | {row['runs']} "
            f"| {interval(row, 'mean_weekly_fatalities', 0)} "
            f"| {interval(row, 'total_civilian_casualties', 0)} "
            f"| {interval(row, 'final_negotiation_progress', 2)} "
            f"| {interval(row, 'ceasefire_within_52', 2)} "
            f"| {interval(row, 'fatalities_vs_first', 0)} |"
        )
    return "\n".join(lines)


def difference_png(difference: pd.DataFrame, names: tuple[str, str]) -> bytes:
    """Chart of the paired weekly difference in fatalities, B - A, with its 95% interval."""
    figure = Figure(figsize=(6, 2.4), dpi=80)
    canvas = FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    ax.fill_between(difference["step"], difference["low"], difference["high"],
                    color=DIFFERENCE_BAND, alpha=0.5, lw=0, label="95% interval")  # fmt: skip
    ax.plot(difference["step"], difference["mean"], color=DIFFERENCE, lw=1.2, label="mean")
    ax.axhline(0.0, color=ZERO_LINE, lw=0.6)
    ax.set(xlabel="week", ylabel="people per week")
    ax.set_title(f"Fatalities per week, B ({names[1]}) minus A ({names[0]})", fontsize=9)
    ax.legend(fontsize=7, loc="upper left")
    ax.tick_params(labelsize=7)
    figure.tight_layout()
    canvas.draw()
    return png_bytes(canvas)


@solara.component
def UncertaintyPanel(session: Session, runner: ReplicationRunner, tick: int) -> None:
    """Replications of A (a baseline) and B (this session) with the same seeds, in a pool.

    ``tick`` changes with the runner's progress (it redraws the panel).
    """
    reps = solara.use_reactive(10)
    own = f"{preset_title(session.config.scenario)} without the live changes"
    choices = {own: None, **{preset_title(n): n for n in presets()}}
    baseline = solara.use_reactive(own)
    problem, set_problem = solara.use_state("")

    def start() -> None:
        name = choices[baseline.value]
        base = session.scenario() if name is None else session.scenario(name)
        settings = dict(session.config.settings)
        a = Scenario(f"{base.name} (A)", base.description, {**base.parameters, **settings},
                     base.timeline)  # fmt: skip
        try:
            runner.start(a, current_scenario(session), reps.value, session.horizon,
                         session.config.seed)  # fmt: skip
        except ValueError as error:
            set_problem(str(error))

    solara.Text(
        "A = the baseline, B = this session (its settings and live changes so far), run to the "
        "horizon with the same seeds; the charts show their 10-90% bands.",
        style={"font-size": "12px"},
    )
    with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
        solara.Select("Baseline (A)", values=list(choices), value=baseline)
        with solara.Column(classes=["replications-count"], style={"min-width": "220px"}):
            solara.SliderInt(f"Replications: {reps.value}", value=reps, min=2, max=MAX_REPLICATIONS)
        solara.Button(
            f"Run {reps.value} replications",
            on_click=start,
            disabled=runner.running,
            color="primary",
            classes=["run-replications"],
        )
        if runner.running:
            solara.Button("Cancel", on_click=runner.cancel)
    if problem:
        solara.Text(problem, style={"color": "#b00020"})
    if runner.total:
        solara.ProgressLinear(value=100 * runner.done / runner.total)
        solara.Text(
            f"{runner.done} of {runner.total} runs"
            + (f" · {runner.error}" if runner.error else ""),
            classes=["replication-progress"],
            style={"font-size": "12px"},
        )
    result = runner.result
    if result is not None:
        with solara.Column(classes=["replication-table"]):
            solara.Markdown(comparison_markdown(result.table))
        DifferenceChart(result)


@solara.component
def DifferenceChart(result: Replicated) -> None:
    """The paired difference B - A, drawn once per batch of replications."""
    png = solara.use_memo(lambda: difference_png(result.difference, result.names), [result])
    solara.Image(png, classes=["difference-chart"])


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


def summary_items(session: Session) -> list[tuple[str, str]]:
    """``(description, value)`` of the run's summary, as ``run.json`` records it."""
    with session.lock:
        summary = run_summary(session.model)

    def show(value: Any) -> str:
        if value is None:
            return "-"
        return f"{value:,.3g}" if isinstance(value, float) else f"{value:,}"

    return [(c.description, show(summary[c.name])) for c in SUMMARY_COLUMNS]


@solara.component
def RunSummary(session: Session, week: int) -> None:
    """The end of a run: why it ended and its summary (the ``summary`` of ``run.json``)."""
    reason = END_REASONS[session.end_reason]
    title = f"Run ended at week {week}: {reason}"
    with solara.Card(title, classes=["run-ended"], style={"flex-shrink": "0"}):
        for label, value in summary_items(session):
            solara.Text(
                f"{label}: {value}",
                classes=["summary-item"],
                style={"font-size": "12px", "display": "block"},
            )
        solara.Text(
            "Press Reset for a new run, or raise 'Stop at week' to go on.",
            style={"font-size": "12px", "font-style": "italic"},
        )


ABOUT = """
**Ceasefire** is an agent-based model of Taliban violence in Afghanistan under external
pressure. Taliban units, Afghan government forces, civilian communities and Pakistani
sanctuaries act on the real Af-Pak map, week by week from February 2021, while you set the
levers of Adam Weinstein's article *What Will It Take for Pakistan to Pressure the Taliban Into
a Cease-Fire?* ([Lawfare, 12 February 2021](https://www.lawfaremedia.org/search?q=What+Will+It+Take+for+Pakistan+to+Pressure+the+Taliban)):
US offers and threats to Pakistan, Pakistan's constraints and pressure, the Taliban's
hardliners and the US withdrawal.

**How to start.** Pick a scenario preset and press Reset, then Play (or Step a week at a time).
Move a lever at any time: it applies from the next week, is listed beside the map and marked on
the charts. A run stops at its horizon ('Stop at week') or when the government collapses, and
shows its summary. *Download run* gives the same files as `ceasefire run`.

**Read more.** The model description (ODD protocol): `docs/ODD.md`; how it compares with the
data: `docs/validation.md`; columns of the downloads: `docs/codebook.md` (in the project's
repository and source distribution).
"""
"""Text of the 'About this model' panel."""


@solara.component
def AboutPanel() -> None:
    """What the model is, the article, how to start, and where to read more."""
    with solara.Details("About this model"):
        with solara.Column(classes=["about-model"]):
            solara.Markdown(ABOUT)


# ---------------------------------------------------------------------------------- page
LAYOUT_CSS = """
.dash-layout { flex-wrap: wrap; align-items: flex-start; gap: 12px; }
.dash-levers { flex: 0 0 330px; max-width: 330px; }
.dash-views { flex: 1 1 600px; min-width: 0; }
.dash-views > * { flex-shrink: 0; }
.dash-map-row { flex-wrap: wrap; align-items: flex-start; }
.dash-map { flex: 3 1 480px; min-width: 0; }
.dash-log { flex: 1 1 180px; min-width: 160px; }
.dash-views img { max-width: 100%; height: auto; }
@media (max-width: 1000px) {
  .dash-levers, .dash-views { flex: 1 1 100%; max-width: 100%; }
}
"""
"""The page layout: levers beside the views on a laptop (1366 px), stacked below 1000 px."""


@solara.component
def LiveViews(
    session: Session,
    state: str,
    tick: int,
    replicated: Replicated | None,
    on_stop: Callable[[], None],
) -> None:
    """What the play loop redraws: the monitors, the run's end, the map, the log and the charts.

    Only this part of the page is redrawn while playing (the levers and panels are not, which
    keeps a frame cheap). ``tick`` changes when the page redraws after a click (a step, a
    reset, a lever move); ``on_stop`` redraws the page when the play loop stops by itself.
    """
    # (monitor updates, week of the last map/chart frame), both set by the play loop
    beat, set_beat = solara.use_state((0, 0))
    layer = solara.use_reactive("control")
    shown = solara.use_memo(lambda: session.listener.shown, dependencies=[])
    solara.use_effect(shown.set, dependencies=[beat])  # the play loop waits for this

    def show(week: int, frame: bool = True) -> None:
        set_beat(lambda b: (b[0] + 1, week if frame else b[1]))

    connected = solara.use_memo(page_connected, dependencies=[])
    session.listener = Listener(show, shown, connected, on_stop)
    generation, version = session.generation, (beat[1], tick)
    monitors = session.monitors()
    MonitorBar(monitors)
    if state == ENDED:
        RunSummary(session, monitors.week)
    with solara.Row(classes=["dash-map-row"]):
        with solara.Column(classes=["dash-map"]):
            with solara.ToggleButtonsSingle(value=layer):
                for key, spec in LAYERS.items():
                    solara.Button(spec.title, value=key)
            MapView(session, generation, version, layer.value)
        with solara.Column(classes=["dash-log"]):
            LeverLog(session.lever_changes())
    ChartsView(session, generation, version, replicated)


@solara.component
def Page() -> None:
    """The dashboard (one :class:`Session` per browser session)."""
    session = solara.use_memo(Session, dependencies=[])
    tick, set_tick = solara.use_state(0)  # bumped by clicks and when the play loop stops
    replication_tick, set_replication_tick = solara.use_state(0)
    replicator = solara.use_memo(
        lambda: ReplicationRunner(lambda: set_replication_tick(lambda n: n + 1)), dependencies=[]
    )

    def refresh() -> None:
        set_tick(lambda n: n + 1)

    def closed() -> None:  # the page is gone: stop playing and replicating
        session.close()
        replicator.cancel()

    solara.use_effect(lambda: closed, dependencies=[])

    def reset(config: RunConfig) -> None:
        session.reset(config)
        refresh()

    solara.Title("Ceasefire dashboard")
    solara.Style(LAYOUT_CSS)
    state, week, generation = session.state, session.week, session.generation
    UnloadGuard(dirty=week > 0)
    with solara.Row(classes=["dash-layout"]):
        with solara.Column(classes=["dash-levers"]):
            with solara.Card("Run"):
                RunControls(session, state, week, session.horizon, refresh)
            with solara.Card("Live levers (from the next week)"):
                for group in LEVER_GROUPS:
                    solara.Text(group, classes=["lever-group"], style={"font-weight": "bold"})
                    for spec in (p for p in LEVER_SPECS if p.group == group):
                        LeverControl(session, spec, session.lever(spec.name), on_change=refresh)
            with solara.Card("Scenario and settings (on Reset)"):
                ResetPanel(session.config, session.scenarios(), reset).key(f"reset-{generation}")
            with solara.Card("Scenario files"):
                ScenarioFiles(session, state, week, reset)
        with solara.Column(classes=["dash-views"]):
            config = session.config
            solara.Text(
                f"Scenario: {config.scenario} · seed {config.seed} · "
                f"map {config.setting('map')} — {session.scenario_description}",
                classes=["run-title"],
            )
            solara.Text(f"State: {state}", classes=["run-state"], style={"font-size": "12px"})
            AboutPanel()
            LiveViews(session, state, tick, replicator.result, refresh)
            with solara.Card("Uncertainty: replications of A and B"):
                UncertaintyPanel(session, replicator, replication_tick)
