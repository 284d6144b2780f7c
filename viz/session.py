"""One browser session's run: the model, the lock around it, and what the page reads from it.

The page never touches the model directly: it steps, sets levers and reads monitors, series
and map data through :class:`Session`, which holds a lock so that the play loop (a worker
thread) and the page's event handlers never see a model in the middle of a step.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.model.parameters import PARAMETERS, Parameter, ParameterError, validate
from ceasefire.model.scenarios import DEFAULT_STEPS, Scenario, load_scenario, presets
from ceasefire.model.simulation import build_model

LEVER_SPECS: tuple[Parameter, ...] = tuple(p for p in PARAMETERS if p.lever)
"""Levers: change live, applied from the next week."""
SETTING_SPECS: tuple[Parameter, ...] = tuple(p for p in PARAMETERS if not p.lever)
"""Reset-only settings: they shape the initial state."""
MAIN_SETTINGS = ("map", "taliban_fighters", "andsf_personnel")
"""Settings shown first (map resolution and initial forces); the others are folded away."""
DEFAULT_SCENARIO = "status_quo"
MONITOR_INTERVAL = 0.2
"""Seconds between monitor updates while playing (the map follows the render interval)."""
PLAY_PAUSE = 0.002
"""Seconds the play loop yields between steps, so that clicks and slider moves get through."""
SHOWN_TIMEOUT = 5.0
"""Longest wait of the play loop for the page to draw an update before it steps on."""
DISCONNECT_GRACE = 10.0
"""Seconds without a connected page after which the play loop pauses the run by itself."""
MAX_HORIZON = 1040
"""Longest run the dashboard plays (20 years)."""
PLAYING, PAUSED, ENDED = "playing", "paused", "ended"
"""The states of a session's run (see :attr:`Session.state`)."""
END_REASONS = {
    "horizon": "reached the horizon",
    "collapse": "the government collapsed",
}
"""Why a run ended, in words."""


class RunEnded(ParameterError):
    """A change refused because the run has ended (Reset, or raise the horizon)."""


@dataclass(frozen=True)
class RunConfig:
    """What a reset builds: a scenario preset, a seed and reset-only settings.

    Attributes:
        scenario: preset name (see ``ceasefire scenarios``).
        seed: random seed.
        settings: reset-only parameter overrides, as sorted ``(name, value)`` pairs.
    """

    scenario: str = DEFAULT_SCENARIO
    seed: int = 0
    settings: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def make(cls, scenario: str, seed: int, settings: dict[str, Any]) -> RunConfig:
        """A config from a settings mapping (values equal to the defaults are dropped)."""
        changed = {p.name: settings[p.name] for p in SETTING_SPECS if p.name in settings}
        kept = {name: value for name, value in changed.items() if value != _default(name)}
        return cls(scenario, seed, tuple(sorted(kept.items())))

    def setting(self, name: str) -> Any:
        """Value of a reset-only setting in this config."""
        return dict(self.settings).get(name, _default(name))


def _default(name: str) -> Any:
    return next(p.default for p in SETTING_SPECS if p.name == name)


@dataclass(frozen=True)
class Monitors:
    """The numbers shown at the top of the page, for the last simulated week.

    Fields of the week's flows (fatalities, casualties) are ``None`` before the first step.
    """

    week: int
    date: str
    fatalities: int | None
    civilian_casualties: int | None
    negotiation_progress: float
    ceasefire: bool
    pakistan_pressure: float
    taliban_control_share: float
    takeover: bool


@dataclass(frozen=True)
class Series:
    """Weekly series for the charts and the lever changes to mark on them."""

    step: np.ndarray
    fatalities: np.ndarray
    civilian_casualties: np.ndarray
    negotiation_progress: np.ndarray
    ceasefire: np.ndarray
    lever_changes: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Listener:
    """How the play loop reaches the page.

    Attributes:
        show: ``show(week, frame)`` asks the page to redraw (``frame``: the map and charts too).
        shown: set by the page once it has drawn an update.
        connected: whether a browser page is still connected to the session.
        stopped: called when the play loop has stopped (paused, ended or the page gone).
    """

    show: Callable[[int, bool], None] = lambda week, frame: None
    shown: threading.Event = field(default_factory=threading.Event)
    connected: Callable[[], bool] = lambda: True
    stopped: Callable[[], None] = lambda: None


class Session:
    """The run of one browser session, and the one state machine of play, pause, step and reset.

    The run is in one of three states (:attr:`state`): ``paused``, ``playing`` (one worker
    thread steps it) or ``ended`` (at the horizon or when the government collapsed; Reset, or a
    later horizon, starts it again). Play and Pause only flip what the user wants, at once and
    in the order the clicks arrive: the worker reads that flag before every week, so clicks
    faster than a week are coalesced and the last one wins, and never more than one worker runs.
    A pause takes effect after the week in progress (:attr:`stopping` until then).

    Args:
        config: what to build first.
    """

    def __init__(self, config: RunConfig | None = None) -> None:
        self.lock = threading.RLock()
        self._pending_lock = threading.Lock()
        self._control = threading.Lock()  # the play flag, the worker and the end of the run
        self._wake = threading.Event()  # interrupts the worker's waits on Pause
        self._want_play = False
        self._worker: threading.Thread | None = None
        self.listener = Listener()
        self.render_every = 1  # weeks between map and chart frames while playing (the page sets it)
        self.pending: dict[str, Any] = {}
        self.generation = 0
        self.uploaded: dict[str, Scenario] = {}  # scenario files uploaded in this session
        self.config = config or RunConfig()
        self.model = self._build(self.config)
        self.horizon = self.default_horizon()
        self.end_reason: str | None = None

    def scenarios(self) -> dict[str, Scenario]:
        """The presets and the scenario files uploaded in this session, by name."""
        return {**presets(), **self.uploaded}

    def scenario(self, name: str | None = None) -> Scenario:
        """Scenario ``name`` (default: the running one)."""
        name = self.config.scenario if name is None else name
        return self.uploaded[name] if name in self.uploaded else load_scenario(name)

    def add_scenario(self, scenario: Scenario) -> str:
        """Offer an uploaded scenario in this session; return its name (marked if a preset's)."""
        name = scenario.name if scenario.name not in presets() else f"{scenario.name} (uploaded)"
        self.uploaded[name] = scenario
        return name

    def _build(self, config: RunConfig) -> CeasefireModel:
        """The model of ``config`` at week 0, built the one way runs are built."""
        scenario = self.scenario(config.scenario)
        parameters = {**scenario.parameters, **dict(config.settings)}
        return build_model(parameters, config.seed, scenario.timeline)

    def default_horizon(self) -> int:
        """Weeks of the running scenario (as ``ceasefire run`` simulates it)."""
        return self.scenario().steps or DEFAULT_STEPS

    # ------------------------------------------------------------------ state machine
    @property
    def state(self) -> str:
        """``playing``, ``paused`` or ``ended``."""
        if self.end_reason is not None:
            return ENDED
        return PLAYING if self._want_play else PAUSED

    @property
    def stopping(self) -> bool:
        """Whether the run is paused or ended but the worker is still finishing a week."""
        return self.state != PLAYING and self.worker_alive

    @property
    def state_text(self) -> str:
        """The state for the page: ``paused`` only once no week is being simulated."""
        return f"{self.state} (finishing the week in progress)" if self.stopping else self.state

    def toggle(self) -> str:
        """Play if paused, pause if playing (nothing once ended); return the new state."""
        with self._control:
            if self.end_reason is None:
                self._want_play = not self._want_play
                if self._want_play and self._worker is None:
                    self._wake.clear()
                    self._worker = threading.Thread(
                        target=self._play, name=f"ceasefire-play-{id(self):x}", daemon=True
                    )
                    self._worker.start()
                elif not self._want_play:
                    self._wake.set()
        return self.state

    def pause(self, wait: bool = False) -> None:
        """Stop playing; with ``wait``, also wait for a week in progress to finish."""
        with self._control:
            self._want_play = False
            self._wake.set()
            worker = self._worker
        if wait and worker is not None and worker is not threading.current_thread():
            worker.join()

    def close(self) -> None:
        """The page is gone: stop the worker (and wait for it)."""
        self.pause(wait=True)

    @property
    def worker_alive(self) -> bool:
        """Whether a play loop thread is running."""
        worker = self._worker
        return worker is not None and worker.is_alive()

    def set_horizon(self, weeks: int) -> None:
        """Let the run end after ``weeks`` weeks (it ends now if it is there already).

        Raises:
            ParameterError: if ``weeks`` is not an integer from 1 to :data:`MAX_HORIZON`.
        """
        if isinstance(weeks, bool) or not isinstance(weeks, int) or not 1 <= weeks <= MAX_HORIZON:
            raise ParameterError(
                f"the horizon must be an integer week from 1 to {MAX_HORIZON}, got {weeks!r}"
            )
        with self._control:
            self.horizon = weeks
            self._check_end()

    def _check_end(self) -> None:
        """Set the end reason from the model (call with ``_control`` held)."""
        if self.model.takeover:
            self.end_reason = "collapse"
        elif self.model.steps >= self.horizon:
            self.end_reason = "horizon"
        else:
            self.end_reason = None
        if self.end_reason is not None:
            self._want_play = False
            self._wake.set()

    def reset(self, config: RunConfig) -> None:
        """Start a new run from ``config``; live lever changes of the old run are dropped."""
        self.pause(wait=True)
        model = self._build(config)  # outside the lock: the old run stays readable meanwhile
        with self.lock, self._pending_lock, self._control:
            self.config = config
            self.model = model
            self.pending = {}
            self.generation += 1
            self.horizon = self.default_horizon()
            self.end_reason = None

    @property
    def scenario_description(self) -> str:
        """One line describing the running scenario."""
        return self.scenario().description

    @property
    def week(self) -> int:
        """Weeks simulated so far (a week in progress is not counted)."""
        with self.lock:
            return len(self.model.rows)

    def step(self) -> int:
        """Simulate one week, unless the run has ended or is playing; return the week shown."""
        if self.state != PAUSED:
            return self.week
        return self._step()

    def _step(self) -> int:
        """Apply the pending lever changes, simulate one week; return the week simulated."""
        with self.lock:
            with self._pending_lock:
                pending, self.pending = self.pending, {}
            for name, value in pending.items():
                self.model.set_lever(name, value, source="live")
            self.model.step()
            with self._control:
                self._check_end()
            return self.model.steps

    def _play(self) -> None:
        """The worker: step until paused, ended or the page is gone, pacing the redraws."""
        last_update, last_seen = 0.0, time.monotonic()
        try:
            while True:
                with self._control:
                    if not self._want_play or self.end_reason is not None:
                        self._want_play = False
                        self._worker = None
                        return
                week = self._step()
                listener, now = self.listener, time.monotonic()
                if listener.connected():
                    last_seen = now
                elif now - last_seen > DISCONNECT_GRACE:
                    self.pause()
                frame = self.state != PLAYING or week % max(1, self.render_every) == 0
                if frame or now - last_update >= MONITOR_INTERVAL:
                    listener.shown.clear()
                    listener.show(week, frame)
                    self._wait_shown(listener.shown)
                    last_update = time.monotonic()
                self._wake.wait(PLAY_PAUSE)
        finally:
            with self._control:
                if self._worker is threading.current_thread():
                    self._worker, self._want_play = None, False
            self.listener.stopped()

    def _wait_shown(self, shown: threading.Event) -> None:
        """Wait until the page has drawn the update (or Pause, or :data:`SHOWN_TIMEOUT`)."""
        deadline = time.monotonic() + SHOWN_TIMEOUT
        while not shown.is_set() and not self._wake.is_set() and time.monotonic() < deadline:
            shown.wait(PLAY_PAUSE)

    # ------------------------------------------------------------------ levers
    def lever(self, name: str) -> Any:
        """Value of lever ``name`` for the next week (a pending change, else the current one)."""
        with self._pending_lock:
            if name in self.pending:
                return self.pending[name]
        return self.model.params[name]

    def set_lever(self, name: str, value: Any) -> None:
        """Change a lever from the next week on, without waiting for a running step.

        The change is applied just before the next step, where the model logs it with the
        first week it is in force (source ``live``); several moves of the same lever between
        two steps are one change.

        Raises:
            RunEnded: if the run has ended.
            ParameterError: if ``name`` is not a lever or ``value`` is not allowed.
        """
        value = validate({name: value}, levers_only=True)[name]
        if self.end_reason is not None:
            raise RunEnded(
                f"the run has ended ({END_REASONS[self.end_reason]}); the change was not "
                "applied: press Reset, or raise the horizon"
            )
        with self._pending_lock:
            self.pending[name] = value

    def previous_value(self, name: str) -> Any:
        """The value lever ``name`` had before its latest change to ``None`` (else its default).

        Unticking "US troops stay" restores this withdrawal week.
        """
        with self.lock:
            values = [self.model.initial_params[name]]
            values += [c[key] for c in self.model.lever_log if c["lever"] == name
                       for key in ("old", "new")]  # fmt: skip
        with self._pending_lock:
            values.append(self.pending.get(name))
        return next((v for v in reversed(values) if v is not None), _lever_default(name))

    def lever_changes(self) -> list[dict[str, Any]]:
        """Logged lever changes, then pending ones (source ``pending``, week = next week)."""
        with self.lock:
            logged = [dict(change) for change in self.model.lever_log]
            params, week = self.model.params, self.model.steps + 1
        with self._pending_lock:
            pending = [
                {"step": week, "lever": k, "old": params[k], "new": v, "source": "pending"}
                for k, v in self.pending.items()
                if v != params[k]
            ]
        return logged + pending

    # ------------------------------------------------------------------ reading
    def monitors(self) -> Monitors:
        """The monitors after the last simulated week (the initial state at week 0)."""
        with self.lock:
            model = self.model
            row = model.rows[-1] if model.rows else None
            return Monitors(
                week=model.steps,
                date=model.date.isoformat(),
                fatalities=row["fatalities"] if row else None,
                civilian_casualties=row["civilian_casualties"] if row else None,
                negotiation_progress=model.negotiation.progress,
                ceasefire=model.negotiation.in_ceasefire,
                pakistan_pressure=model.pakistan.pressure,
                taliban_control_share=model.taliban_control_share(),
                takeover=model.takeover,
            )

    def series(self) -> Series:
        """Weekly series so far and the lever changes (live and scheduled) with their weeks."""
        with self.lock:
            rows = list(self.model.rows)
            changes = [dict(change) for change in self.model.lever_log]

        def column(name: str) -> np.ndarray:
            return np.array([r[name] for r in rows], dtype=float)

        return Series(
            step=column("step"),
            fatalities=column("fatalities"),
            civilian_casualties=column("civilian_casualties"),
            negotiation_progress=column("negotiation_progress"),
            ceasefire=column("ceasefire"),
            lever_changes=changes,
        )


def _lever_default(name: str) -> Any:
    return next(p.default for p in LEVER_SPECS if p.name == name)
