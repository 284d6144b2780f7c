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
from ceasefire.model.parameters import PARAMETERS, Parameter, validate
from ceasefire.model.scenarios import load_scenario, presets, scenario_model

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


class Session:
    """The run of one browser session.

    Args:
        config: what to build first.
    """

    def __init__(self, config: RunConfig | None = None) -> None:
        self.lock = threading.RLock()
        self._pending_lock = threading.Lock()
        self.pending: dict[str, Any] = {}
        self.generation = 0
        self.config = config or RunConfig()
        self.model = self._build(self.config)

    @staticmethod
    def _build(config: RunConfig) -> CeasefireModel:
        scenario = load_scenario(config.scenario)
        return scenario_model(scenario, dict(config.settings), seed=config.seed)

    def reset(self, config: RunConfig) -> None:
        """Start a new run from ``config``; live lever changes of the old run are dropped."""
        model = self._build(config)  # outside the lock: the old run stays readable meanwhile
        with self.lock, self._pending_lock:
            self.config = config
            self.model = model
            self.pending = {}
            self.generation += 1

    @property
    def scenario_description(self) -> str:
        """One line describing the running scenario."""
        return presets()[self.config.scenario].description

    @property
    def week(self) -> int:
        """Weeks simulated so far."""
        return self.model.steps

    def step(self) -> int:
        """Apply the pending lever changes, simulate one week; return the week simulated."""
        with self.lock:
            with self._pending_lock:
                pending, self.pending = self.pending, {}
            for name, value in pending.items():
                self.model.set_lever(name, value, source="live")
            self.model.step()
            return self.model.steps

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
            ParameterError: if ``name`` is not a lever or ``value`` is not allowed.
        """
        value = validate({name: value}, levers_only=True)[name]
        with self._pending_lock:
            self.pending[name] = value

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


def play(
    session: Session,
    cancel: threading.Event,
    render_every: Callable[[], int],
    show: Callable[[int, bool], None],
    shown: threading.Event,
) -> None:
    """Step ``session`` until ``cancel`` is set, pacing what the page redraws.

    ``show(week, frame)`` asks the page to update: the map and charts (``frame=True``) every
    ``render_every()`` weeks, only the monitors at most every :data:`MONITOR_INTERVAL` seconds
    in between. The page sets ``shown`` once it has drawn an update, and the loop waits for it
    (at most :data:`SHOWN_TIMEOUT` seconds) before the next step, so that a slow browser or
    redraw slows the run down instead of piling up updates nobody sees.
    """
    last_update = 0.0
    while not cancel.is_set():
        week = session.step()
        frame = week % max(1, render_every()) == 0
        if frame or time.monotonic() - last_update >= MONITOR_INTERVAL:
            shown.clear()
            show(week, frame)
            deadline = time.monotonic() + SHOWN_TIMEOUT
            while not shown.is_set() and time.monotonic() < deadline:
                if cancel.wait(PLAY_PAUSE):
                    return
            last_update = time.monotonic()
        cancel.wait(PLAY_PAUSE)
