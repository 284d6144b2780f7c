"""The dashboard's input widgets: live levers and reset-only settings, from the registry.

Every lever and setting is drawn from its :class:`~ceasefire.model.parameters.Parameter`:
its plain label (``title``), its help (the tooltip, ``explain()``), its group and what its
range's ends mean. Sliders apply on release (:func:`ReleaseSlider`); the reset-only settings
apply when Reset is pressed (:func:`ResetPanel`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reacton.ipyvue as vue
import reacton.ipyvuetify as rv
import solara

from ceasefire.model.parameters import AUTO, GROUPS, Parameter, ParameterError, parse_seed
from ceasefire.model.scenarios import Scenario
from ceasefire.viz.session import LEVER_SPECS, MAIN_SETTINGS, SETTING_SPECS, RunConfig, Session

WEEK_SLIDER_MAX = 156
"""Last week on the withdrawal slider (three years); 'US troops stay' covers the rest."""

LEVER_GROUPS = tuple(g for g in GROUPS if any(p.group == g for p in LEVER_SPECS))
"""Groups of the live levers, in the registry's order."""


def preset_title(name: str) -> str:
    """A preset's name for people: ``status_quo`` -> ``Status quo``."""
    return name.replace("_", " ").capitalize()


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
