"""The live map: one persistent matplotlib figure per run, redrawn in place.

Static parts (outlines, the Durand Line, cities, legend) are drawn once; each frame only swaps
the background raster, the civilian density and the marker positions, then encodes a PNG with
fast compression. Colours are the Okabe-Ito palette, and each agent type also has its own marker
shape, so the map reads without colour vision.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.colors import LogNorm, Normalize
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image

from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.batch.analysis.style import (
    CIVILIANS,
    GOVERNMENT,
    NO_DATA,
    OUTLINE,
    PROVINCE_OUTLINE,
    SANCTUARY,
    TALIBAN,
)
from ceasefire.model.afpak_map import AfPakMap
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.viz.outlines import outlines


@dataclass(frozen=True)
class Layer:
    """A selectable background layer."""

    title: str
    label: str
    cmap: str
    norm: Normalize
    alpha: float = 0.85


LAYERS: dict[str, Layer] = {
    "control": Layer(
        "Control", "Control (0 government, 1 Taliban)", "BrBG_r", Normalize(0.0, 1.0), 0.7
    ),
    "population": Layer(
        "Population", "Civilians per km² (residents and displaced)", "Greys", LogNorm(1.0, 3e3)
    ),
    "terrain": Layer("Terrain", "Elevation (m)", "cividis", Normalize(0.0, 6000.0), 0.5),
    "violence": Layer(
        "Recent violence",
        "Recent violence (deaths, decaying weekly)",
        "YlOrBr",
        LogNorm(0.5, 100.0),
    ),
}
"""Background layers by key; the selector shows their titles, the colour bar their labels."""
CIVILIAN_LEVELS = (25.0, 100.0, 400.0)
"""People per km² at which the civilian density contours are drawn."""
CITY_MIN_POPULATION = 400_000
"""Cities labelled on the map."""
FIGURE_SIZE = (8.0, 6.2)
"""Inches; with the default 80 dpi the map is 640 x 496 pixels."""
AXES_RECT = (0.06, 0.16, 0.92, 0.79)
COLORBAR_RECT = (0.25, 0.07, 0.5, 0.025)


@dataclass(frozen=True)
class MapFrame:
    """What one map frame shows, copied from the model (``[x, y]`` arrays)."""

    week: int
    date: str
    background: np.ndarray
    civilians_per_km2: np.ndarray
    taliban: np.ndarray
    government: np.ndarray
    sanctuaries: np.ndarray


def map_frame(model: CeasefireModel, layer: str) -> MapFrame:
    """Copy what the map shows from ``model`` (call it while holding the session's lock)."""
    layers = model.layers
    people = (layers["residents"] + layers["displaced"]) / model.cell_area_km2
    background = {
        "control": lambda: np.ma.masked_where(~model.afghan, layers["control"]),
        "population": lambda: np.ma.masked_less(people, 1.0),
        "terrain": lambda: model.map.layers["elevation_m"],
        "violence": lambda: np.ma.masked_less(layers["violence"], 0.5),
    }[layer]()
    sanctuaries = [
        (*s.cell.coordinate, s.capacity * s.base_capacity)
        for s in model.agents_by_type.get(Sanctuary, [])
    ]
    return MapFrame(
        week=model.steps,
        date=model.date.isoformat(),
        background=np.ma.array(background, copy=True),
        civilians_per_km2=people.copy(),
        taliban=layers["taliban_presence"].copy(),
        government=layers["government_presence"].copy(),
        sanctuaries=np.array(sanctuaries, dtype=float).reshape(-1, 3),
    )


def _marker_sizes(strength: np.ndarray) -> np.ndarray:
    """Marker area (points²) for the summed strength in a cell."""
    return np.clip(0.7 * np.sqrt(strength), 5.0, 90.0)


class MapRenderer:
    """A persistent figure of one map; :meth:`render` returns PNG bytes of a frame.

    Everything static (axes, ticks, colour bar) is drawn once per background layer and cached;
    the outlines and city names are drawn once into a transparent image; a frame restores the
    cache and draws only the dynamic artists over it (blitting).

    Args:
        afpak: the run's map (fixes the extent and the grid).
        dpi: resolution of the PNG (see :data:`FIGURE_SIZE`).
    """

    def __init__(self, afpak: AfPakMap, dpi: int = 80) -> None:
        self.afpak = afpak
        half = afpak.res_deg / 2
        self.lon, self.lat = afpak.lon, afpak.lat
        self.extent = (
            self.lon[0] - half, self.lon[-1] + half, self.lat[0] - half, self.lat[-1] + half
        )  # fmt: skip
        self.figure = Figure(figsize=FIGURE_SIZE, dpi=dpi)
        self.canvas = FigureCanvasAgg(self.figure)
        ax = self._map_axes(self.figure)
        ax.set_facecolor(NO_DATA)
        ax.tick_params(labelsize=7)
        self.ax = ax
        empty = np.ma.masked_all(afpak.shape[::-1])
        self.background = ax.imshow(
            empty, origin="lower", extent=self.extent, interpolation="nearest", zorder=1,
            aspect=ax.get_aspect(),  # imshow would reset it to 1
        )  # fmt: skip
        self.overlay = self.figure.figimage(self._draw_overlay(dpi), origin="upper", zorder=3)
        self.civilians = ax.contour(np.zeros((2, 2)), levels=[1.0])  # replaced every frame
        style = {"edgecolors": OUTLINE, "linewidths": 0.4, "zorder": 5}
        nowhere = np.zeros((0, 2))
        self.taliban = ax.scatter(nowhere[:, 0], nowhere[:, 1], marker="^", c=TALIBAN, **style)
        self.government = ax.scatter(
            nowhere[:, 0], nowhere[:, 1], marker="s", c=GOVERNMENT, **style
        )
        self.sanctuaries = ax.scatter(
            nowhere[:, 0], nowhere[:, 1], marker="D", c=SANCTUARY, **style
        )
        civilians = f"Civilians per km²: {', '.join(f'{v:g}' for v in CIVILIAN_LEVELS)}"
        self.legend = ax.legend(
            handles=[
                Line2D([], [], marker="^", ls="", mfc=TALIBAN, mec=OUTLINE, label="Taliban units"),
                Line2D(
                    [],
                    [],
                    marker="s",
                    ls="",
                    mfc=GOVERNMENT,
                    mec=OUTLINE,
                    label="Government forces",
                ),
                Line2D(
                    [], [], marker="D", ls="", mfc=SANCTUARY, mec=OUTLINE, label="Sanctuaries (PK)"
                ),
                Line2D([], [], color=CIVILIANS, lw=1.0, label=civilians),
                Line2D([], [], color=OUTLINE, lw=2.4, label="Durand Line"),
            ],
            loc="upper left",
            fontsize=7,
            framealpha=0.9,
        )
        ax.text(0.99, 0.01, "marker size: fighters or personnel in the cell",
                transform=ax.transAxes, ha="right", va="bottom", fontsize=6)  # fmt: skip
        colorbar_ax = self.figure.add_axes(COLORBAR_RECT)
        self.colorbar = self.figure.colorbar(
            self.background, cax=colorbar_ax, orientation="horizontal"
        )
        self.colorbar_ax = colorbar_ax
        self.title = ax.set_title("", fontsize=10)
        for artist in self._dynamic():
            artist.set_animated(True)
        self.layer: str | None = None
        self.static = None
        self._lock = threading.Lock()  # the play loop and a click may both ask for a frame

    def _map_axes(self, figure: Figure):
        ax = figure.add_axes(AXES_RECT)
        ax.set_xlim(self.extent[:2])
        ax.set_ylim(self.extent[2:])
        ax.set_aspect(1 / np.cos(np.radians(self.lat.mean())))
        return ax

    def _draw_overlay(self, dpi: int) -> np.ndarray:
        """Outlines and city names, drawn once as a transparent image the size of the figure."""
        figure = Figure(figsize=FIGURE_SIZE, dpi=dpi)
        figure.patch.set_alpha(0.0)
        canvas = FigureCanvasAgg(figure)
        ax = self._map_axes(figure)
        ax.set_axis_off()
        lines = outlines()
        ax.add_collection(LineCollection(lines.provinces, colors=PROVINCE_OUTLINE, lw=0.4))
        ax.add_collection(LineCollection(lines.borders, colors=OUTLINE, linewidths=0.9))
        ax.add_collection(LineCollection(lines.durand, colors=OUTLINE, lw=2.4, capstyle="round"))
        for city in self.afpak.cities:
            if city.population >= CITY_MIN_POPULATION:
                lon, lat = self.lon[city.x], self.lat[city.y]
                ax.plot(lon, lat, "o", ms=2.5, color=OUTLINE)
                ax.annotate(city.name, (lon, lat), xytext=(3, 2), textcoords="offset points",
                            fontsize=7)  # fmt: skip
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()

    def _dynamic(self) -> list:
        """Artists redrawn every frame, in drawing order, over the cached static figure."""
        return [
            self.background, self.overlay, self.civilians, self.taliban, self.government,
            self.sanctuaries, self.legend, self.title,
        ]  # fmt: skip

    def _points(self, strength: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x, y = np.nonzero(strength > 0)
        return np.column_stack([self.lon[x], self.lat[y]]), strength[x, y]

    def _set_layer(self, name: str) -> None:
        layer = LAYERS[name]
        self.background.set_cmap(layer.cmap)
        self.background.set_norm(layer.norm)
        self.background.set_alpha(layer.alpha)
        self.colorbar.update_normal(self.background)
        self.colorbar_ax.set_title(layer.label, fontsize=8)
        self.colorbar_ax.tick_params(labelsize=7)
        self.layer = name
        self.canvas.draw()  # everything but the dynamic artists
        self.static = self.canvas.copy_from_bbox(self.figure.bbox)

    def render(self, frame: MapFrame, layer: str) -> bytes:
        """Draw ``frame`` on background ``layer``; return the PNG bytes."""
        with self._lock:
            return self._render(frame, layer)

    def _render(self, frame: MapFrame, layer: str) -> bytes:
        if layer != self.layer:
            self._set_layer(layer)
        self.background.set_data(frame.background.T)
        self.civilians.remove()
        self.civilians = self.ax.contour(
            self.lon, self.lat, frame.civilians_per_km2.T, levels=CIVILIAN_LEVELS,
            colors=CIVILIANS, linewidths=(0.5, 0.9, 1.4), zorder=4, animated=True,
        )  # fmt: skip
        for scatter, strength in (
            (self.taliban, frame.taliban),
            (self.government, frame.government),
        ):
            points, values = self._points(strength)
            scatter.set_offsets(points)
            scatter.set_sizes(_marker_sizes(values))
        x, y = frame.sanctuaries[:, 0].astype(int), frame.sanctuaries[:, 1].astype(int)
        self.sanctuaries.set_offsets(np.column_stack([self.lon[x], self.lat[y]]))
        self.sanctuaries.set_sizes(30.0 + 120.0 * frame.sanctuaries[:, 2])
        self.title.set_text(f"Week {frame.week} ({frame.date})")
        self.canvas.restore_region(self.static)
        for artist in self._dynamic():
            self.figure.draw_artist(artist)
        return png_bytes(self.canvas)


def png_bytes(canvas: FigureCanvasAgg) -> bytes:
    """Encode a drawn canvas as PNG with fast compression (level 1)."""
    buffer = io.BytesIO()
    Image.fromarray(np.asarray(canvas.buffer_rgba())).save(buffer, "png", compress_level=1)
    return buffer.getvalue()
