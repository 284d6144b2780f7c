"""The live map: an interactive Vega-Lite chart, sharp at the screen's pixel ratio, with hover.

The chosen background layer (control, population, terrain or recent violence) is coloured here
and sent as a small image of one pixel per cell, which Vega draws scaled without smoothing; the
province outlines, borders, the Durand Line and the cities are static datasets of the spec; the
Taliban units, the government forces and the sanctuaries are points whose tooltips give their
strength (and the units' modes, fatigue and morale). Hovering a cell shows its control,
population, recent violence, elevation and province (read in the browser from the frame's
packed cell values, see :func:`packed` and ``viz/vega_chart.vue``). Vega draws on a canvas at
``devicePixelRatio``.

A frame sends only its data (the image, the cells' values and the points), so a redraw is
cheap and keeps the zoom. Colours are the Okabe-Ito palette, and each agent type also has its
own marker shape, so the map reads without colour vision.
"""

from __future__ import annotations

import base64
import functools
import io
import json
from dataclasses import dataclass
from typing import Any

import altair as alt
import matplotlib
import numpy as np
from matplotlib.colors import LogNorm, Normalize, to_hex, to_rgb
from PIL import Image

from ceasefire.agents.afghan_force import AfghanForce
from ceasefire.agents.sanctuary import Sanctuary
from ceasefire.agents.taliban_unit import MODES, TalibanUnit
from ceasefire.batch.analysis.style import (
    GOVERNMENT,
    NO_DATA,
    OUTLINE,
    PROVINCE_OUTLINE,
    SANCTUARY,
    TALIBAN,
)
from ceasefire.model.afpak_map import AfPakMap, load_map
from ceasefire.model.ceasefire_model import CeasefireModel
from ceasefire.viz.outlines import outlines, polylines


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
"""Background layers by key; the selector shows their titles, the colour legend their labels."""
CITY_MIN_POPULATION = 400_000
"""Cities labelled on the map."""
MAP_WIDTH = 620
"""Pixels of the map's plot area before the page sizes it (its width follows the page and its
height the map's aspect: ``usermeta.aspect``, kept by ``viz/vega_chart.vue``)."""
KINDS = {
    "Taliban units": (TALIBAN, "triangle-up"),
    "Government forces": (GOVERNMENT, "square"),
    "Sanctuaries (PK)": (SANCTUARY, "diamond"),
}
"""Point kinds in the legend, with their colour and shape."""
LINES = {
    "Durand Line": (OUTLINE, 2.4),
    "Border": (OUTLINE, 0.9),
    "Province": (PROVINCE_OUTLINE, 0.4),
}
"""Outline kinds in the legend, with their colour and width (pixels)."""
TIPS = {
    "Taliban units": {
        "fighters": "strength",
        "units": "count",
        "fighting / recovering / hiding": "modes",
        "fatigue (0-1)": "fatigue",
        "morale (0-1)": "morale",
    },
    "Government forces": {
        "personnel": "strength",
        "forces": "count",
        "posts": "posts",
        "morale (0-1)": "morale",
    },
    "Sanctuaries (PK)": {"name": "name", "capacity (0-1)": "capacity"},
}
"""Each point kind's tooltip: its lines (label: field of the point's row)."""
RASTER, POINTS = "raster", "points"
"""Names of the datasets a frame sends (see :func:`map_values`)."""
LEGEND_STOPS = 9
"""Colours sampled from a layer's colour map for its legend."""


# ---------------------------------------------------------------------------------- frames
@dataclass(frozen=True)
class MapFrame:
    """What one map frame shows, copied from the model (``[x, y]`` arrays; points as rows)."""

    week: int
    date: str
    control: np.ndarray
    people_per_km2: np.ndarray
    violence: np.ndarray
    points: list[dict[str, Any]]


def map_frame(model: CeasefireModel) -> MapFrame:
    """Copy what the map shows from ``model`` (call it while holding the session's lock)."""
    layers = model.layers
    control = np.where(model.afghan, layers["control"], np.nan)
    return MapFrame(
        week=model.steps,
        date=model.date.isoformat(),
        control=control,
        people_per_km2=(layers["residents"] + layers["displaced"]) / model.cell_area_km2,
        violence=layers["violence"].copy(),
        points=_points(model),
    )


def _where(afpak: AfPakMap, x: int, y: int) -> dict[str, float]:
    return {"lon": round(float(afpak.lon[x]), 4), "lat": round(float(afpak.lat[y]), 4)}


def marker_sizes(strength: np.ndarray) -> np.ndarray:
    """Marker areas (pixels²) for the summed strength in cells."""
    return np.round(np.clip(1.2 * np.sqrt(strength), 8.0, 150.0), 1)


def _cell_sums(afpak: AfPakMap, agents: list, fields: dict[str, np.ndarray]) -> dict:
    """Per occupied cell: where, agent count, summed strength and strength-weighted means.

    ``fields`` holds one array per agent of the values to average (e.g. fatigue).
    """
    height = afpak.shape[1]
    cells = np.array([a.cell.coordinate for a in agents], dtype=int).reshape(-1, 2)
    strength = np.array([a.strength for a in agents], dtype=float)
    occupied, group = np.unique(cells[:, 0] * height + cells[:, 1], return_inverse=True)
    total = np.bincount(group, weights=strength)
    means = {
        name: np.round(np.bincount(group, weights=values * strength) / total, 2)
        for name, values in fields.items()
    }
    return {
        "x": occupied // height, "y": occupied % height, "group": group, "strength": total,
        "count": np.bincount(group), **means,
    }  # fmt: skip


def _rows(afpak: AfPakMap, kind: str, sums: dict, **columns: list) -> list[dict[str, Any]]:
    """The points of one kind: where, size, strength, count, means and ``columns``."""
    means = {name: sums[name].tolist() for name in ("fatigue", "morale") if name in sums}
    values = {
        "lon": np.round(afpak.lon[sums["x"]], 4).tolist(),
        "lat": np.round(afpak.lat[sums["y"]], 4).tolist(),
        "size": marker_sizes(sums["strength"]).tolist(),
        "strength": np.round(sums["strength"]).astype(int).tolist(),
        "count": sums["count"].tolist(),
        **means,
        **columns,
    }
    names = list(values)
    rows = zip(*values.values(), strict=True)
    return [{"kind": kind, **dict(zip(names, row, strict=True))} for row in rows]


def _taliban(afpak: AfPakMap, units: list[TalibanUnit]) -> list[dict[str, Any]]:
    units = [u for u in units if u.strength > 0]
    if not units:
        return []
    fatigue = np.array([u.fatigue for u in units])
    morale = np.array([u.morale for u in units])
    sums = _cell_sums(afpak, units, {"fatigue": fatigue, "morale": morale})
    mode = np.array([int(u.mode) for u in units])
    cells = len(sums["count"])
    counts = [np.bincount(sums["group"][mode == m], minlength=cells) for m in MODES]
    modes = [" / ".join(map(str, row)) for row in zip(*(c.tolist() for c in counts), strict=True)]
    return _rows(afpak, "Taliban units", sums, modes=modes)


def _government(afpak: AfPakMap, forces: list[AfghanForce]) -> list[dict[str, Any]]:
    forces = [f for f in forces if f.strength > 0]
    if not forces:
        return []
    sums = _cell_sums(afpak, forces, {"morale": np.array([f.morale for f in forces])})
    posts: list[set[str]] = [set() for _ in sums["count"]]
    for force, group in zip(forces, sums["group"].tolist(), strict=True):
        posts[group].add(str(force.post))
    return _rows(afpak, "Government forces", sums, posts=[", ".join(sorted(p)) for p in posts])


def _points(model: CeasefireModel) -> list[dict[str, Any]]:
    """One point per cell with Taliban units, per cell with government forces, per sanctuary."""
    afpak, types = model.map, model.agents_by_type
    rows = _taliban(afpak, list(types.get(TalibanUnit, [])))
    rows += _government(afpak, list(types.get(AfghanForce, [])))
    for sanctuary in types.get(Sanctuary, []):
        share = sanctuary.capacity * sanctuary.base_capacity
        rows.append({
            "kind": "Sanctuaries (PK)", **_where(afpak, *sanctuary.cell.coordinate),
            "size": round(30.0 + 120.0 * share, 1), "name": sanctuary.name,
            "capacity": round(sanctuary.capacity, 2),
        })  # fmt: skip
    return rows


def tooltip_expression() -> str:
    """The Vega expression of a point's tooltip: a table of :data:`TIPS` for its kind."""

    def table(kind: str) -> str:
        lines = ", ".join(
            f"{json.dumps(label)}: datum.{field}" for label, field in TIPS[kind].items()
        )
        return f"{{title: datum.kind, {lines}}}"

    *first, last = TIPS
    tests = "".join(f'datum["kind"] === {json.dumps(kind)} ? {table(kind)} : ' for kind in first)
    return tests + table(last)


def background(frame: MapFrame, afpak: AfPakMap, layer: str) -> np.ma.MaskedArray:
    """The values of background ``layer`` (``[x, y]``), masked where there is nothing to show."""
    values = {
        "control": lambda: np.ma.masked_invalid(frame.control),
        "population": lambda: np.ma.masked_less(frame.people_per_km2, 1.0),
        "terrain": lambda: np.ma.masked_array(afpak.layers["elevation_m"]),
        "violence": lambda: np.ma.masked_less(frame.violence, 0.5),
    }
    return values[layer]()


def _colours(layer: str, values: np.ndarray) -> np.ndarray:
    """RGB (0-1) of ``values`` on ``layer``'s colour map, blended over the no-data colour."""
    spec = LAYERS[layer]
    rgb = matplotlib.colormaps[spec.cmap](np.clip(spec.norm(values), 0.0, 1.0))[..., :3]
    return spec.alpha * rgb + (1.0 - spec.alpha) * np.array(to_rgb(NO_DATA))


def raster_url(values: np.ma.MaskedArray, layer: str) -> str:
    """``values`` (``[x, y]``) as a PNG data URL of one pixel per cell, north up."""
    filled = np.ma.filled(values.astype(float), np.nan)
    rgb = _colours(layer, np.nan_to_num(filled, nan=1.0))
    rgb[np.ma.getmaskarray(values) | np.isnan(filled)] = to_rgb(NO_DATA)
    pixels = (np.transpose(rgb, (1, 0, 2))[::-1] * 255).round().astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels, "RGB").save(buffer, "png", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


PACKING = {"control": (100.0, "u1"), "people": (1.0, "<u2"), "violence": (10.0, "<u2")}
"""How each cell value is packed for the browser: scale (value x scale, rounded) and dtype."""


def packed(values: np.ndarray, name: str) -> dict[str, Any]:
    """An ``[x, y]`` array packed for the browser (index ``x * height + y``).

    Rounded to its scale in :data:`PACKING` as unsigned integers (the largest one, ``none``,
    stands for no value), in base64: a few kilobytes a frame instead of a long JSON list, read
    only when the pointer is over a cell (``viz/vega_chart.vue``).
    """
    scale, dtype = PACKING[name]
    none = np.iinfo(np.dtype(dtype)).max
    flat = np.asarray(values, dtype=float).ravel() * scale
    ints = np.where(np.isnan(flat), none, np.clip(np.round(flat), 0, none - 1))
    data = base64.b64encode(ints.astype(dtype).tobytes()).decode("ascii")
    return {"scale": scale, "bytes": np.dtype(dtype).itemsize, "none": int(none), "data": data}


def map_values(frame: MapFrame, afpak: AfPakMap, layer: str) -> dict[str, list]:
    """The datasets of one map frame: the background image with the cells' values, the points."""
    half = afpak.res_deg / 2
    raster = {
        "url": raster_url(background(frame, afpak, layer), layer),
        "lon0": float(afpak.lon[0] - half),
        "lon1": float(afpak.lon[-1] + half),
        "lat0": float(afpak.lat[0] - half),
        "lat1": float(afpak.lat[-1] + half),
        "title": f"Week {frame.week} ({frame.date})",
        "control": packed(frame.control, "control"),
        "people": packed(frame.people_per_km2, "people"),
        "violence": packed(frame.violence, "violence"),
    }
    return {RASTER: [raster], POINTS: frame.points}


# ---------------------------------------------------------------------------------- spec
def _outline_rows() -> list[dict[str, Any]]:
    """The static lines, a row per polyline: ``line``, ``kind`` and its ``lon``, ``lat`` lists."""
    lines, rows = outlines(), []
    kinds = {"Durand Line": lines.durand, "Border": lines.borders, "Province": lines.provinces}
    for kind, segments in kinds.items():
        for line in polylines(segments):
            lon, lat = np.round(line, 3).T.tolist()
            rows.append({"line": len(rows), "kind": kind, "lon": lon, "lat": lat})
    return rows


def _grid(afpak: AfPakMap) -> dict[str, Any]:
    """What the browser needs to name the cell under the pointer (see ``viz/vega_chart.vue``)."""
    width, height = afpak.shape
    return {
        "lon0": float(afpak.lon[0]),
        "lat0": float(afpak.lat[0]),
        "res": afpak.res_deg,
        "width": width,
        "height": height,
        "province": afpak.layers["admin1"].astype(int).ravel().tolist(),
        "names": {str(code): name for code, name in afpak.admin1_names.items()},
        "elevation": afpak.layers["elevation_m"].round().astype(int).ravel().tolist(),
    }


def _legend_scale(layer: str) -> alt.Scale:
    """The colour scale of ``layer``'s legend, sampled from the colours of the image."""
    norm = LAYERS[layer].norm
    kind = "log" if isinstance(norm, LogNorm) else "linear"
    stops = norm.inverse(np.linspace(0.0, 1.0, LEGEND_STOPS))
    colours = [to_hex(c) for c in _colours(layer, np.asarray(stops))]
    return alt.Scale(type=kind, domain=[norm.vmin, norm.vmax], range=colours, interpolate="rgb")


@functools.cache
def map_spec(resolution: str, layer: str) -> dict[str, Any]:
    """The map's Vega-Lite spec for a map ``resolution`` and background ``layer`` (built once).

    Static parts (outlines, cities, the grid for the cell tooltip) are in the spec; a frame
    sends the datasets of :func:`map_values`.
    """
    afpak = load_map(resolution)
    half = afpak.res_deg / 2
    lon = alt.Scale(domain=[afpak.lon[0] - half, afpak.lon[-1] + half], nice=False, zero=False)
    lat = alt.Scale(domain=[afpak.lat[0] - half, afpak.lat[-1] + half], nice=False, zero=False)
    x = alt.X("lon:Q", title="longitude (°E)", scale=lon)
    y = alt.Y("lat:Q", title="latitude (°N)", scale=lat)
    image = (
        alt.Chart(alt.Data(name=RASTER))
        .mark_image(smooth=False, aspect=False, tooltip=True, clip=True)
        .encode(
            url="url:N",
            x=alt.X("lon0:Q", scale=lon, title="longitude (°E)"),
            x2="lon1:Q",
            y=alt.Y("lat1:Q", scale=lat, title="latitude (°N)"),
            y2="lat0:Q",
        )
    )
    legend = (  # draws nothing: it carries the background's colour legend
        alt.Chart(alt.Data(name="legend"))
        .mark_point(opacity=0)
        .encode(
            x=x,
            y=y,
            fill=alt.Fill(
                "value:Q",
                title=LAYERS[layer].label,
                scale=_legend_scale(layer),
                legend=alt.Legend(orient="bottom", gradientLength=180),
            ),
        )
    )
    line_scale = alt.Scale(domain=list(LINES), range=[c for c, _ in LINES.values()])
    width_scale = alt.Scale(domain=list(LINES), range=[w for _, w in LINES.values()])
    lines = (
        alt.Chart(alt.Data(name="outlines"))
        .transform_flatten(["lon", "lat"])
        .transform_window(order="row_number()", groupby=["line"])
        .mark_line(strokeCap="round", clip=True)
        .encode(
            x=x,
            y=y,
            detail="line:N",
            order="order:Q",
            stroke=alt.Stroke(
                "kind:N", title=None, scale=line_scale, legend=alt.Legend(orient="bottom")
            ),
            strokeWidth=alt.StrokeWidth("kind:N", scale=width_scale, legend=None),
        )
    )
    cities = [
        {"city": c.name, **_where(afpak, c.x, c.y)}
        for c in afpak.cities
        if c.population >= CITY_MIN_POPULATION
    ]
    city_base = alt.Chart(alt.Data(name="cities")).encode(x=x, y=y, tooltip=["city:N"])
    city_dots = city_base.mark_circle(size=12, color=OUTLINE, opacity=1, clip=True)
    city_names = city_base.mark_text(
        align="left", dx=4, dy=-4, fontSize=10, color=OUTLINE, clip=True
    )
    kind = alt.Scale(domain=list(KINDS), range=[c for c, _ in KINDS.values()])
    shape = alt.Scale(domain=list(KINDS), range=[s for _, s in KINDS.values()])
    zoom = alt.selection_interval(bind="scales")
    points = (
        alt.Chart(alt.Data(name=POINTS))
        .mark_point(
            filled=True,
            stroke=OUTLINE,
            strokeWidth=0.5,
            opacity=1,
            clip=True,
            tooltip=alt.ExprRef(tooltip_expression()),
        )
        .encode(
            x=x,
            y=y,
            color=alt.Color("kind:N", title=None, scale=kind, legend=alt.Legend(orient="top")),
            shape=alt.Shape("kind:N", title=None, scale=shape, legend=alt.Legend(orient="top")),
            size=alt.Size("size:Q", scale=None),
        )
        .add_params(zoom)
    )
    chart = alt.layer(image, legend, lines, city_dots, city_names.encode(text="city:N"), points)
    width, height = afpak.shape
    aspect = (width / height) * np.cos(np.radians(afpak.lat.mean()))
    spec = (
        chart.properties(width="container", height=round(MAP_WIDTH / aspect))
        .configure_legend(labelFontSize=11, titleFontSize=11)
        .configure_axis(labelFontSize=10, titleFontSize=11)
        .to_dict(validate=False)
    )
    spec["title"] = {
        "text": {"expr": f"length(data('{RASTER}')) ? data('{RASTER}')[0].title : ''"},
        "subtitle": "marker size: fighters or personnel in the cell; hover for values",
        "fontSize": 13,
    }
    spec["datasets"] = {  # static data added here: Altair would copy it deeply, taking a second
        "legend": [{"value": LAYERS[layer].norm.vmin, **_where(afpak, 0, 0)}],
        "outlines": _outline_rows(),
        "cities": cities,
        RASTER: [],
        POINTS: [],
    }
    spec["usermeta"] = {"aspect": aspect, "cells": _grid(afpak)}
    return spec


@functools.cache
def map_spec_text(resolution: str, layer: str) -> str:
    """:func:`map_spec` as JSON text (built once), as the page sends it to the browser.

    The spec holds the outlines' tens of thousands of numbers: as text, Solara neither walks
    nor re-encodes it for each page and the browser does not make every number reactive.
    """
    return json.dumps(map_spec(resolution, layer), separators=(",", ":"))
