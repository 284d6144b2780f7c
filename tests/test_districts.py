"""The district data layer (issue 13, design-v2-collapse.md 2.1-2.3, 2.6): tables, snap, cells."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files

import numpy as np
import pytest

from ceasefire.model.afpak_map import AFG, PAK, load_map
from ceasefire.model.districts import (
    NO_DISTRICT,
    DistrictRecord,
    customs_weights,
    district_of,
    load_border_crossings,
    load_districts,
)
from ceasefire.model.events import Casualties, EventLog

MAPS = ("fine", "coarse")
SNAP_BOUND_KM = {"fine": 50.0, "coarse": 65.0}


def test_the_table_has_398_districts_with_unique_ids_and_34_capitals():
    districts = load_districts()
    assert len(districts) == 398
    assert len({d.district_id for d in districts}) == 398
    capitals = [d for d in districts if d.is_provincial_capital]
    assert len(capitals) == 34
    assert len({d.province for d in capitals}) == 34  # one per province


def test_the_17_border_crossings_lie_in_border_districts_and_fell_in_2021():
    crossings = load_border_crossings()
    districts = load_districts()
    assert len(crossings) == 17 and len({c.crossing for c in crossings}) == 17
    neighbours = {"Iran", "Turkmenistan", "Uzbekistan", "Tajikistan", "Pakistan"}
    assert {c.neighbour for c in crossings} == neighbours
    provinces = {c.crossing.split(" ")[0]: districts[c.district].province for c in crossings}
    assert provinces["Torkham"] == "Nangarhar" and provinces["Islam"] == "Herat"
    assert provinces["Spin"] == "Kandahar" and provinces["Hairatan"] == "Balkh"
    for c in crossings:
        assert dt.date(2021, 6, 1) <= c.taken <= dt.date(2021, 8, 15), c
        assert c.date_confidence in ("high", "medium", "low")
    licence = files("ceasefire.model") / "data" / "districts.LICENSE.md"
    assert "border_crossings.csv" in licence.read_text(encoding="utf-8")


def test_customs_weights_keep_the_published_shares_and_split_the_rest():
    weights = customs_weights()
    assert weights.sum() == pytest.approx(1.0) and (weights > 0).sum() == 17
    by_name = {c.crossing.split(" ")[0]: weights[c.district] for c in load_border_crossings()}
    assert by_name["Islam"] == pytest.approx(0.21)
    assert by_name["Torkham"] == pytest.approx((1.0 - 0.21 - 0.01) / 15)


def test_customs_lost_counts_only_the_revenue_the_government_collected_at_the_start():
    record = DistrictRecord()
    crossings = {c.crossing.split(" ")[0]: c.district for c in load_border_crossings()}
    weights = customs_weights()
    record.fall_week[crossings["Torkham"]] = 0  # the Taliban's from the start
    assert record.customs_lost() == 0.0
    record.record_fall(crossings["Islam"], 21, "deal")
    assert record.customs_lost() == pytest.approx(0.21 / (1.0 - weights[crossings["Torkham"]]))
    assert record.crossings_held() == 2


def test_every_province_is_spelled_as_the_maps_admin1_names():
    afghan = {name for code, name in load_map("fine").admin1_names.items() if code < 100}
    assert {d.province for d in load_districts()} == afghan


@pytest.mark.parametrize("resolution", MAPS)
def test_each_centre_is_snapped_to_a_cell_of_its_province(resolution):
    """Rule of 2.2: an Afghan cell of the district's own province, within the design's bounds."""
    afpak = load_map(resolution)
    codes = {name: code for code, name in afpak.admin1_names.items()}
    snaps = []
    for d in load_districts():
        cell = d.cell[resolution]
        assert afpak.layers["country"][cell] == AFG, d.district_id
        assert afpak.layers["admin1"][cell] == codes[d.province], d.district_id
        snaps.append(d.snap_km[resolution])
    assert max(snaps) <= SNAP_BOUND_KM[resolution]
    assert np.percentile(snaps, 99) <= afpak.km_per_cell


@pytest.mark.parametrize("resolution", MAPS)
def test_every_afghan_cell_has_a_district_and_no_other_cell_has_one(resolution):
    afpak = load_map(resolution)
    afghan = afpak.layers["country"] == AFG
    assert afpak.district.dtype == np.int16
    assert (afpak.district[afghan] >= 0).all()
    assert (afpak.district[~afghan] == NO_DISTRICT).all()
    assert afpak.district.max() < len(load_districts())


def test_district_of_a_cell():
    """Kabul's centre cell lies in Kabul district on the fine map; Pakistan has no district."""
    afpak = load_map("fine")
    kabul = next(d for d in load_districts() if d.district == "Kabul")
    assert district_of(afpak.district, kabul.cell["fine"]) == kabul
    pakistani = tuple(int(v) for v in np.argwhere(afpak.layers["country"] == PAK)[0])
    assert district_of(afpak.district, pakistani) is None


def test_events_name_the_district_of_their_cell_and_none_in_pakistan():
    afpak = load_map("coarse")
    log = EventLog(afpak, run_id=1)
    kabul = next(d for d in load_districts() if d.district == "Kabul")
    pakistani = tuple(int(v) for v in np.argwhere(afpak.layers["country"] == PAK)[0])
    date = dt.date(2021, 2, 12)
    log.record(1, date, kabul.cell["coarse"], "ied", "taliban", Casualties(civilians=1))
    log.record_ttp(1, date, pakistani, security=1, militants=0, civilians=0)
    afghan_event, ttp_event = log.rows
    expected = district_of(afpak.district, kabul.cell["coarse"]).district_id
    assert afghan_event["district_id"] == expected
    assert expected.startswith("AF-KAB-")
    assert ttp_event["district_id"] == ""
