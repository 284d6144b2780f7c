"""The district data layer (issue 13, design-v2-collapse.md 2.1-2.3, 2.6): tables, snap, cells."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from ceasefire.model.afpak_map import AFG, PAK, load_map
from ceasefire.model.districts import NO_DISTRICT, district_of, load_districts
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
