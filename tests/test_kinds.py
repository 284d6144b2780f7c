"""Parameter kinds own their behaviour: parsing, CSV columns, design levels, widgets."""

from __future__ import annotations

import copy
import pickle
import re
from pathlib import Path

import pytest

from ceasefire.model import AUTO, PARAMETERS, Parameter
from ceasefire.model.kinds import KINDS, Kind, Widget
from ceasefire.model.outputs import csv_name, csv_row
from ceasefire.model.parameters import lookup

PACKAGE = Path(__file__).resolve().parents[1]
SOURCE_FOLDERS = ("model", "agents", "batch", "viz")


def test_every_declared_kind_is_a_kind_object_equal_to_its_name():
    for p in PARAMETERS:
        assert isinstance(p.kind, Kind) and p.kind is KINDS[p.kind], p.name
    assert {str(kind) for kind in KINDS.values()} == set(KINDS)


def test_an_unknown_kind_is_refused_at_declaration():
    with pytest.raises(ValueError, match="parameter 'x': unknown kind 'fraction'"):
        Parameter("x", 0.0, "fraction", 0.0, 1.0)


def test_a_kind_survives_pickling_and_copying_as_the_same_object():
    """Parameters travel to worker processes; the kind must stay the registered one."""
    p = lookup("withdrawal_week")
    for again in (pickle.loads(pickle.dumps(p)), copy.deepcopy(p)):
        assert again == p and again.kind is p.kind


@pytest.mark.parametrize(
    ("name", "column", "schema", "design", "values", "control"),
    [
        ("fatf_offer", "fatf_offer", "number", "number", (), "slider"),
        ("taliban_fighters", "taliban_fighters", "integer", "number", (), "slider"),
        ("withdrawal_week", "withdrawal_week", "integer", "number", (), "week"),
        ("pakistan_pressure", "pakistan_pressure_set", "number", "number", (), "pressure"),
        ("map", "map", "string", "string", ("fine", "coarse"), "toggle"),
        ("mechanisms.ttp_blowback", "mech_ttp_blowback", "boolean", "number", (0, 1), "checkbox"),
    ],
)
def test_each_kind_names_its_column_types_and_control(
    name, column, schema, design, values, control
):
    p = lookup(name)
    assert (p.column, csv_name(name)) == (column, column)
    assert (p.kind.schema_type, p.kind.design_type) == (schema, design)
    assert p.kind.values(p) == values
    assert p.widget.control == control


def test_csv_values_are_empty_for_auto_and_none_and_0_1_for_switches():
    row = csv_row(
        {"pakistan_pressure": AUTO, "withdrawal_week": None, "mechanisms.ttp_blowback": False}
    )
    assert row == {"pakistan_pressure_set": None, "withdrawal_week": None, "mech_ttp_blowback": 0}
    assert csv_row({"pakistan_pressure": 0.5, "map": "fine"}) == {
        "pakistan_pressure_set": 0.5,
        "map": "fine",
    }


def test_design_levels_round_integers_and_clean_floats():
    week, offer = lookup("withdrawal_week"), lookup("fatf_offer")
    assert week.grid_level(10.5, 0, 100) == 10 and isinstance(week.grid_level(11.6, 0, 100), int)
    assert offer.grid_level(0.30000000000000004, 0.0, 1.0) == 0.3
    assert week.sample_level(41.7) == 42 and offer.sample_level(0.123456789) == 0.123456789


def test_empty_design_cells_mean_auto_or_never_where_allowed():
    assert (
        lookup("pakistan_pressure").kind.accepts_blank,
        lookup("pakistan_pressure").kind.blank,
    ) == (
        True,
        AUTO,
    )
    assert (
        lookup("withdrawal_week").kind.accepts_blank
        and lookup("withdrawal_week").kind.blank is None
    )
    assert not lookup("fatf_offer").kind.accepts_blank


def test_widgets_step_levers_by_0_05_and_settings_by_a_hundredth_of_the_range():
    assert lookup("fatf_offer").widget == Widget("slider", 0.05)
    assert lookup("lethality").widget == Widget("slider", (5.0 - 0.05) / 100)
    assert lookup("andsf_personnel").widget == Widget("slider", 1000, integer=True)


def test_no_module_outside_the_kinds_branches_on_a_parameter_kind():
    """The kinds own the behaviour: no ``spec.kind == "week"`` elsewhere in the package."""
    branch = re.compile(
        r"\.kind\s*(==|!=|in\b|not in\b)|kind\s*==\s*\"(float|int|week|pressure|choice|switch)\""
    )
    found = [
        f"{path.relative_to(PACKAGE)}:{number}"
        for folder in SOURCE_FOLDERS
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        if path.name != "kinds.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if branch.search(line)
    ]
    assert found == []
