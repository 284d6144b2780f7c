"""The Ceasefire dashboard page (Solara): one live model per browser session.

Start it with ``ceasefire viz``. The left column holds the run controls, the reset-only settings
(scenario preset, seed, map resolution, initial forces) and the live levers; the right column
the monitors, the map and the charts. The map and charts are redrawn every *N* weeks while
playing (the render interval), the monitors a few times a second.

This module lays the page out; its parts live in modules of their own: the levers and settings
(:mod:`~ceasefire.viz.widgets`), the run controls and files (:mod:`~ceasefire.viz.controls`),
the monitors, log and summary (:mod:`~ceasefire.viz.panels`), the replications
(:mod:`~ceasefire.viz.uncertainty`), the run itself (:mod:`~ceasefire.viz.session`), and the
map and charts (:mod:`~ceasefire.viz.map_view`, :mod:`~ceasefire.viz.charts`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import solara

from ceasefire.batch.io.export import csv_text
from ceasefire.model.targets import target_kernel
from ceasefire.viz.charts import (
    CHARTS,
    CsvButton,
    VegaChart,
    chart_specs,
    chart_table,
    chart_values,
)
from ceasefire.viz.controls import RunControls, ScenarioFiles, UnloadGuard, page_connected
from ceasefire.viz.lazy import LazyPanel
from ceasefire.viz.map_view import LAYERS, map_frame, map_spec_text, map_values
from ceasefire.viz.panels import AboutPanel, LeverLog, MonitorBar, RunSummary
from ceasefire.viz.replications import Replicated, ReplicationRunner
from ceasefire.viz.session import ENDED, LEVER_SPECS, Listener, RunConfig, Session
from ceasefire.viz.uncertainty import UncertaintyPanel
from ceasefire.viz.widgets import LEVER_GROUPS, LeverControl, ResetPanel


def warm_caches() -> None:
    """Build what the first page and its first week need (cached per server process).

    The chart and map specs are drawn on the first page; the campaign targets' kernel (a
    distance table of district centres by cells, about 0.2 s to build) is needed by the first
    week anyone simulates, i.e. by the first click on Step.
    """
    resolution = RunConfig().setting("map")
    chart_specs()
    map_spec_text(resolution, "control")
    target_kernel(resolution)


# started when the server imports the page, so that the first page need not wait for them
threading.Thread(target=warm_caches, name="ceasefire-warm-caches", daemon=True).start()


# ---------------------------------------------------------------------------------- views
@solara.component
def MapView(session: Session, generation: int, version: int, layer: str) -> None:
    """The interactive map, redrawn when the frame version, the run or the layer changes."""
    resolution = session.model.map.resolution
    spec = solara.use_memo(
        lambda: map_spec_text(resolution, layer), dependencies=[resolution, layer]
    )

    def frame() -> str:  # JSON text: the browser does not make a large frame reactive
        with session.lock:
            model = session.model
            frame = map_frame(model)
        return json.dumps(map_values(frame, model.map, layer), separators=(",", ":"))

    values = solara.use_memo(frame, dependencies=[generation, version, layer])
    name = f"ceasefire-{session.config.scenario}-seed{session.config.seed}-map"
    with solara.Column(classes=["map-view"]):
        VegaChart(spec=spec, values=values, name=name)


@solara.component
def ChartsView(
    session: Session, generation: int, version: int, replicated: Replicated | None = None
) -> None:
    """The three charts, redrawn with the map (with the replications' bands once there).

    On a fresh page they are embedded after the map has drawn, once the browser is idle.

    Each has its menu (PNG or SVG, from Vega) and a CSV download of its data (a short button
    whose tooltip names the chart).
    """
    specs = solara.use_memo(chart_specs, dependencies=[])
    bands = replicated.bands if replicated is not None else None
    values = solara.use_memo(
        lambda: chart_values(session.series(), bands),
        dependencies=[generation, version, replicated],
    )
    name = f"{session.config.scenario}-seed{session.config.seed}"
    with solara.Row(classes=["dash-charts"]):
        for key in CHARTS:
            with solara.Column(classes=["dash-chart", f"chart-{key}"], gap="0px"):
                VegaChart(
                    spec=specs[key], values=values[key], name=f"ceasefire-{name}-{key}", defer=True
                )
                with solara.Row(classes=[f"csv-{key}"]):
                    solara.FileDownload(
                        lambda key=key: csv_text(chart_table(key, session.series(), bands)),
                        filename=f"ceasefire-{name}-{key}.csv",
                        children=[CsvButton(CHARTS[key])],
                    )


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
.map-view { width: 100%; }
.dash-charts { flex-wrap: wrap; gap: 8px; width: 100%; }
.dash-chart { flex: 1 1 300px; min-width: 280px; }
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
    with solara.Column(classes=["run-summary-slot"]):  # always there: the map is not remounted
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
            with LazyPanel("Scenario files (download, upload)", classes=["files-panel"]):
                ScenarioFiles(session, state, week, reset)
        with solara.Column(classes=["dash-views"]):
            config = session.config
            solara.Text(
                f"Scenario: {config.scenario} · seed {config.seed} · "
                f"map {config.setting('map')} — {session.scenario_description}",
                classes=["run-title"],
            )
            solara.Text(
                f"State: {session.state_text}", classes=["run-state"], style={"font-size": "12px"}
            )
            AboutPanel()
            LiveViews(session, state, tick, replicator.result, refresh)
            with LazyPanel("Uncertainty: replications of A and B", classes=["replications-panel"]):
                UncertaintyPanel(session, replicator, replication_tick)
