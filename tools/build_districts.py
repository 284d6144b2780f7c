r"""Build the package's district tables from the research table and the district polygons.

Writes, into ``model/data``:

- ``districts.csv``: the slim district table (design-v2-collapse.md 2.1) with each centre's
  cell on the fine and the coarse map and the snap distance (rule of 2.2);
- ``district_cells_fine.csv``, ``district_cells_coarse.csv``: ``x, y, district_id`` of every
  Afghan cell (2.3): the district whose polygon contains the cell centre, else the polygon with
  the largest overlap with the cell.

Inputs: ``docs/dev/research/issue13/district_centres.csv`` (398 districts, built by
``tools/build_district_centres.py``) and the geoBoundaries AFG ADM2 shapefile (AFG-ADM2-17698898;
sha256 in ``model/data/districts.PROVENANCE.md``). The cell geometry comes from the package's own
map loader (:func:`ceasefire.model.afpak_map.load_map`), so the build and the model agree.

Build-time only dependencies (the package reads the CSVs with the standard library):
shapely >= 2 and pyshp >= 2, installed into the project venv by hand::

    .venv/bin/pip install shapely pyshp
    .venv/bin/python tools/build_districts.py --shapefile \
        /work/research/issue13/sources/geoBoundaries-AFG-ADM2/geoBoundaries-AFG-ADM2.shp

The border crossings are a table of their own, ``model/data/border_crossings.csv`` (from
``docs/dev/research/issue13/border_crossings.csv``, joined on ``district_id``), not a column of
the district table.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from pathlib import Path

import numpy as np
import shapefile
from shapely import STRtree
from shapely.geometry import Point, box, shape
from shapely.validation import make_valid

from ceasefire.model.afpak_map import AFG, AfPakMap, load_map

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = ROOT / "docs" / "dev" / "research" / "issue13" / "district_centres.csv"
OUT = ROOT / "model" / "data"
COLUMNS = (
    "district_id",
    "district",
    "province",
    "latitude",
    "longitude",
    "centre_method",
    "is_provincial_capital",
    "area_km2",
    "cell_fine_x",
    "cell_fine_y",
    "cell_coarse_x",
    "cell_coarse_y",
    "snap_km_fine",
    "snap_km_coarse",
)
EARTH_KM = 6371.0


def great_circle_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Haversine distance in km from one point to many."""
    p1, p2 = math.radians(lat1), np.radians(lat2)
    dlat, dlon = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dlat / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


def cell_of(amap: AfPakMap, lat: float, lon: float) -> tuple[int, int] | None:
    """The ``(x, y)`` of the cell containing a point, or None off the map."""
    x = math.floor((lon - amap.lon[0]) / amap.res_deg + 0.5)
    y = math.floor((lat - amap.lat[0]) / amap.res_deg + 0.5)
    width, height = amap.shape
    return (x, y) if 0 <= x < width and 0 <= y < height else None


def province_codes(amap: AfPakMap) -> dict[str, int]:
    """Afghan province name -> admin1 code of the map."""
    return {name: code for code, name in amap.admin1_names.items() if code < 100}


def snap(amap: AfPakMap, lat: float, lon: float, province: str) -> tuple[int, int, float]:
    """The centre's cell by the rule of 2.2 and the distance from the centre to its centre.

    The cell containing the centre if it is Afghan and of the district's province, else the
    nearest such cell (great-circle distance from the centre to the cell centres).
    """
    code = province_codes(amap)[province]
    ok = (amap.layers["country"] == AFG) & (amap.layers["admin1"] == code)
    cell = cell_of(amap, lat, lon)
    if cell is not None and ok[cell]:
        x, y = cell
    else:
        xs, ys = np.nonzero(ok)
        dist = great_circle_km(lat, lon, amap.lat[ys], amap.lon[xs])
        best = int(np.argmin(dist))
        x, y = int(xs[best]), int(ys[best])
    km = float(great_circle_km(lat, lon, np.array([amap.lat[y]]), np.array([amap.lon[x]]))[0])
    return x, y, km


def read_polygons(path: Path, names: dict[str, str]) -> dict[str, object]:
    """District id -> repaired polygon, matched by geoBoundaries shapeID."""
    reader = shapefile.Reader(str(path))
    fields = [f[0] for f in reader.fields[1:]]
    polygons = {}
    for record in reader.iterShapeRecords():
        rec = dict(zip(fields, record.record, strict=True))
        polygons[names["AFG-ADM2-" + rec["shapeID"]]] = make_valid(
            shape(record.shape.__geo_interface__)
        )
    if len(polygons) != len(names):
        sys.exit(f"error: {len(polygons)} polygons matched, {len(names)} districts expected")
    return polygons


def district_cells(amap: AfPakMap, polygons: dict[str, object]) -> list[tuple[int, int, str]]:
    """``(x, y, district_id)`` of every Afghan cell (rule of 2.3)."""
    ids = list(polygons)
    geoms = [polygons[i] for i in ids]
    tree = STRtree(geoms)
    half = amap.res_deg / 2
    rows = []
    for x, y in zip(*np.nonzero(amap.layers["country"] == AFG), strict=True):
        lon, lat = float(amap.lon[x]), float(amap.lat[y])
        hits = [int(i) for i in tree.query(Point(lon, lat), predicate="within")]
        if not hits:
            cell = box(lon - half, lat - half, lon + half, lat + half)
            near = [int(i) for i in tree.query(cell)]
            if not near:
                near = [int(tree.nearest(Point(lon, lat)))]
            hits = [max(near, key=lambda i: geoms[i].intersection(cell).area)]
        rows.append((int(x), int(y), ids[min(hits)]))
    return sorted(rows)


def write_csv(path: Path, header: tuple[str, ...], rows: list) -> None:
    """Write a CSV with Unix line ends."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def build(shapefile_path: Path) -> None:
    """Build the three tables and print the snaps beyond 0.75 cell edge."""
    with RESEARCH.open(encoding="utf-8") as fh:
        research = list(csv.DictReader(fh))
    maps = {res: load_map(res) for res in ("fine", "coarse")}
    rows = []
    for r in research:
        lat, lon = float(r["latitude"]), float(r["longitude"])
        row = {k: r.get(k, "") for k in COLUMNS}
        for res, amap in maps.items():
            x, y, km = snap(amap, lat, lon, r["province"])
            row[f"cell_{res}_x"], row[f"cell_{res}_y"] = x, y
            row[f"snap_km_{res}"] = f"{km:.2f}"
            if km > 0.75 * amap.km_per_cell:
                name = f"{r['district_id']} {r['district']}"
                print(f"{res}: {name} snapped {km:.1f} km", file=sys.stderr)
        rows.append([row[k] for k in COLUMNS])
    write_csv(OUT / "districts.csv", COLUMNS, rows)
    polygons = read_polygons(shapefile_path, {r["gb_shape_id"]: r["district_id"] for r in research})
    for res, amap in maps.items():
        cells = district_cells(amap, polygons)
        write_csv(OUT / f"district_cells_{res}.csv", ("x", "y", "district_id"), cells)


def main(argv: list[str] | None = None) -> None:
    """Command line: ``--shapefile PATH`` of geoBoundaries-AFG-ADM2.shp."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapefile", type=Path, required=True, help="geoBoundaries-AFG-ADM2.shp")
    args = parser.parse_args(argv)
    if not args.shapefile.is_file():
        parser.error(f"--shapefile {args.shapefile} is not a file")
    build(args.shapefile)


if __name__ == "__main__":
    main()
