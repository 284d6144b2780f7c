"""Parameter declarations, validation and command-line assignments."""

from __future__ import annotations

import math
import re

import pytest

from ceasefire.model import AUTO, LEVERS, PARAMETERS, ParameterError, resolve
from ceasefire.model.parameters import (
    DEFAULTS,
    GROUPS,
    PARAMETERS_BY_NAME,
    lookup,
    parse_assignment,
    parse_assignments,
    parse_decimal,
    parse_integer,
    validate,
)

NUMERIC = [p for p in PARAMETERS if p.kind not in ("choice", "switch")]
SWITCHES = [p for p in PARAMETERS if p.kind == "switch"]
CHOICE = [p for p in PARAMETERS if p.kind == "choice"]
INTEGRAL = [p for p in PARAMETERS if p.kind in ("int", "week")]
REAL = [p for p in PARAMETERS if p.kind in ("float", "pressure")]
ids = [p.name for p in PARAMETERS]


def _ids(params):
    return [p.name for p in params]


def _below(p):
    return p.low - 1 if p.kind in ("int", "week") else p.low - 0.01


def _above(p):
    return p.high + 1 if p.kind in ("int", "week") else p.high + 0.01


# --------------------------------------------------------------------------- declarations
@pytest.mark.parametrize("p", SWITCHES, ids=_ids(SWITCHES))
@pytest.mark.parametrize(
    ("text", "value"),
    [(True, True), (False, False), ("true", True), ("off", False), (" ON ", True), ("0", False)],
)
def test_switches_accept_booleans_and_words(p, text, value):
    assert p.coerce(text) is value


@pytest.mark.parametrize("p", SWITCHES, ids=_ids(SWITCHES))
@pytest.mark.parametrize("text", ["maybe", "", 2, 0.5, None, "yes please"])
def test_switches_refuse_anything_else(p, text):
    with pytest.raises(ParameterError, match="true or false"):
        p.coerce(text)


def test_switch_assignment_from_the_command_line():
    assert parse_assignment("mechanisms.ttp_blowback=false") == ("mechanisms.ttp_blowback", False)


def test_names_are_unique_snake_case():
    """Snake case, or ``mechanisms.<snake_case>`` for a mechanism switch."""
    names = [p.name for p in PARAMETERS]
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"(mechanisms\.)?[a-z][a-z0-9]*(_[a-z0-9]+)*", name), name
        assert len(name) <= 32 + len("mechanisms.")


def test_every_parameter_has_description_and_known_kind():
    for p in PARAMETERS:
        assert p.description.strip(), p.name
        assert p.kind in ("float", "int", "choice", "week", "pressure", "switch"), p.name
        if p.kind == "choice":
            assert p.default in p.choices
        elif p.kind == "switch":
            assert p.default is True and not p.lever, p.name
        else:
            assert p.low < p.high, p.name


def test_defaults_are_valid():
    assert resolve() == DEFAULTS
    assert validate(DEFAULTS) == DEFAULTS
    assert set(DEFAULTS) == set(PARAMETERS_BY_NAME)


def test_levers_and_reset_only_settings():
    assert "pakistan_pressure" in LEVERS
    assert "withdrawal_week" in LEVERS
    for name in ("map", "taliban_fighters", "andsf_personnel", "lethality", "seasonality"):
        assert name not in LEVERS


# --------------------------------------------------------------------------- coerce
@pytest.mark.parametrize("p", PARAMETERS, ids=ids)
def test_coerce_accepts_default(p):
    assert p.coerce(p.default) == p.default


@pytest.mark.parametrize("p", NUMERIC, ids=_ids(NUMERIC))
def test_coerce_accepts_bounds_as_numbers_and_text(p):
    for bound in (p.low, p.high):
        assert p.coerce(bound) == bound
        assert p.coerce(f"{bound:g}") == bound
        assert p.coerce(f"  {bound:g} ") == bound


@pytest.mark.parametrize("p", NUMERIC, ids=_ids(NUMERIC))
def test_coerce_rejects_out_of_range(p):
    for value in (_below(p), _above(p), str(_below(p)), str(_above(p))):
        with pytest.raises(ParameterError, match=p.name):
            p.coerce(value)


@pytest.mark.parametrize("p", NUMERIC, ids=_ids(NUMERIC))
@pytest.mark.parametrize("value", ["abc", "", "1,5", [0.5], {"a": 1}, "nan", "inf", math.nan])
def test_coerce_rejects_wrong_type(p, value):
    with pytest.raises(ParameterError) as error:
        p.coerce(value)
    message = str(error.value)
    assert p.name in message
    assert "use " in message  # says what is allowed


NOT_SWITCHES = [p for p in PARAMETERS if p.kind != "switch"]


@pytest.mark.parametrize("p", NOT_SWITCHES, ids=_ids(NOT_SWITCHES))
@pytest.mark.parametrize("value", [True, False])
def test_coerce_rejects_bools(p, value):
    with pytest.raises(ParameterError, match=p.name):
        p.coerce(value)


@pytest.mark.parametrize("p", INTEGRAL, ids=_ids(INTEGRAL))
def test_integer_kinds_reject_fractions_and_return_int(p):
    mid = (p.low + p.high) // 2
    with pytest.raises(ParameterError):
        p.coerce(mid + 0.5)
    value = p.coerce(f"{mid}.0")
    assert value == mid
    assert type(value) is int


@pytest.mark.parametrize("p", REAL, ids=_ids(REAL))
def test_real_kinds_return_float(p):
    assert type(p.coerce("0.5" if p.low <= 0.5 <= p.high else str(p.high))) is float


@pytest.mark.parametrize("p", CHOICE, ids=_ids(CHOICE))
def test_choice_accepts_choices_case_insensitively_and_rejects_others(p):
    for choice in p.choices:
        assert p.coerce(choice) == choice
        assert p.coerce(f" {choice.upper()} ") == choice
    for bad in ("medium", "", 1, None):
        with pytest.raises(ParameterError, match="one of " + ", ".join(p.choices)):
            p.coerce(bad)


# --------------------------------------------------------------------------- auto and none
@pytest.mark.parametrize("text", ["auto", "AUTO", " Auto "])
def test_pressure_accepts_auto(text):
    assert lookup("pakistan_pressure").coerce(text) == AUTO


def test_pressure_accepts_fixed_value_and_rejects_other_words():
    spec = lookup("pakistan_pressure")
    assert spec.coerce("0.7") == pytest.approx(0.7)
    for bad in ("none", "automatic", "1.2", "-0.1"):
        with pytest.raises(ParameterError, match=re.escape("'auto' or a number 0..1")):
            spec.coerce(bad)


@pytest.mark.parametrize("value", [None, "none", "None", "never", "stay", " STAY "])
def test_withdrawal_week_none_means_troops_stay(value):
    assert lookup("withdrawal_week").coerce(value) is None


@pytest.mark.parametrize("name", [p.name for p in PARAMETERS if p.kind not in ("week",)])
def test_only_withdrawal_week_accepts_none(name):
    with pytest.raises(ParameterError):
        lookup(name).coerce("none")


@pytest.mark.parametrize("name", [p.name for p in PARAMETERS if p.kind != "pressure"])
def test_only_pakistan_pressure_accepts_auto(name):
    with pytest.raises(ParameterError):
        lookup(name).coerce("auto")


# --------------------------------------------------------------------------- validate / resolve
def test_unknown_name_lists_known_names():
    with pytest.raises(ParameterError) as error:
        validate({"fatf": 0.5})
    message = str(error.value)
    assert "unknown parameter 'fatf'" in message
    for name in PARAMETERS_BY_NAME:
        assert name in message


def test_validate_converts_and_returns_only_given():
    assert validate({"fatf_offer": "0.25", "withdrawal_week": "none", "map": "COARSE"}) == {
        "fatf_offer": 0.25,
        "withdrawal_week": None,
        "map": "coarse",
    }


def test_resolve_overrides_defaults_without_mutating_them():
    before = dict(DEFAULTS)
    params = resolve({"sst_threat": 0.4})
    assert params["sst_threat"] == 0.4
    assert {k: v for k, v in params.items() if k != "sst_threat"} == {
        k: v for k, v in before.items() if k != "sst_threat"
    }
    assert before == DEFAULTS
    with pytest.raises(ParameterError):
        resolve({"sst_threat": 1.5})


def test_levers_only_accepts_levers():
    assert validate({"fatf_offer": 1, "pakistan_pressure": "auto"}, levers_only=True) == {
        "fatf_offer": 1.0,
        "pakistan_pressure": AUTO,
    }


@pytest.mark.parametrize("name", [p.name for p in PARAMETERS if not p.lever])
def test_levers_only_refuses_reset_only_settings(name):
    with pytest.raises(ParameterError) as error:
        validate({name: PARAMETERS_BY_NAME[name].default}, levers_only=True)
    message = str(error.value)
    assert f"'{name}'" in message
    assert "cannot change" in message
    assert "fatf_offer" in message  # lists the levers that can


# --------------------------------------------------------------------------- parse_assignment
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("fatf_offer=0.5", ("fatf_offer", 0.5)),
        (" fatf_offer = 0.5 ", ("fatf_offer", 0.5)),
        ("map=coarse", ("map", "coarse")),
        ("withdrawal_week=none", ("withdrawal_week", None)),
        ("withdrawal_week=40", ("withdrawal_week", 40)),
        ("pakistan_pressure=auto", ("pakistan_pressure", AUTO)),
        ("taliban_fighters=1e4", ("taliban_fighters", 10000)),
    ],
)
def test_parse_assignment(text, expected):
    assert parse_assignment(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("fatf_offer", "not of the form key=value"),
        ("=0.5", "not of the form key=value"),
        ("  =0.5", "not of the form key=value"),
        ("", "not of the form key=value"),
        ("foo=1", "unknown parameter 'foo'"),
        ("fatf_offer=", "parameter 'fatf_offer'"),
        ("fatf_offer=abc", "parameter 'fatf_offer'"),
        ("fatf_offer=2", "parameter 'fatf_offer'"),
        ("map=medium", "parameter 'map'"),
    ],
)
def test_parse_assignment_errors(text, fragment):
    with pytest.raises(ParameterError, match=re.escape(fragment)):
        parse_assignment(text)


def test_error_messages_are_one_line():
    for bad in ("foo=1", "fatf_offer=abc", "x", "map=medium"):
        with pytest.raises(ParameterError) as error:
            parse_assignment(bad)
        assert "\n" not in str(error.value)


# --------------------------------------------------------------------------- numbers as typed
NOT_ASCII = ["\u0661", "\uff11", "\u0660.\u0665", "\uff10.\uff15", "1\u0660"]
"""Arabic-Indic 1, full-width 1, Arabic-Indic 0.5, full-width 0.5, 1 and an Arabic-Indic 0."""


@pytest.mark.parametrize("text", [*NOT_ASCII, "1_000", "0x10", "1.5", "1e1", "", " "])
def test_parse_integer_takes_ascii_digits_only(text):
    with pytest.raises(ValueError, match="is not an integer"):
        parse_integer(text)


@pytest.mark.parametrize("text", [*NOT_ASCII, "1_0", "nan", "inf", "-inf", "0x1", "1e", "."])
def test_parse_decimal_takes_ascii_numbers_only(text):
    with pytest.raises(ValueError, match="is not a number"):
        parse_decimal(text)


@pytest.mark.parametrize("text", NOT_ASCII)
@pytest.mark.parametrize("name", ["fatf_offer", "taliban_fighters", "withdrawal_week"])
def test_parameters_refuse_digits_that_are_not_ascii(name, text):
    with pytest.raises(ParameterError, match=f"parameter '{name}'"):
        lookup(name).coerce(text)


@pytest.mark.parametrize(
    ("text", "value"), [("12", 12), (" -3 ", -3), ("+7", 7), ("0", 0), ("-0", 0)]
)
def test_parse_integer(text, value):
    assert parse_integer(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("0.5", 0.5), ("-2", -2.0), ("1e-3", 0.001), (".5", 0.5)]
)
def test_parse_decimal(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("value", ["-0", "-0.0", " -0e5 ", -0.0])
def test_minus_zero_becomes_zero(value):
    """No -0.0 may reach a CSV file (pandas writes it as -0.0)."""
    number = lookup("fatf_offer").coerce(value)
    assert number == 0 and math.copysign(1.0, number) == 1.0


def test_parse_assignments_refuses_a_parameter_given_twice():
    assert parse_assignments(["fatf_offer=0.5", "map=coarse"]) == {
        "fatf_offer": 0.5,
        "map": "coarse",
    }
    with pytest.raises(ParameterError) as error:
        parse_assignments(["fatf_offer=0.2", "map=coarse", " fatf_offer =1"])
    assert str(error.value) == (
        "--set fatf_offer is given twice (0.2 and 1.0); give each parameter once"
    )


def test_every_parameter_has_a_plain_label_help_and_group():
    for p in PARAMETERS:
        assert p.label and p.label != p.name, p.name
        assert p.help and "\n" not in p.help, p.name
        assert p.group in GROUPS, p.name
    lever_groups = {p.group for p in PARAMETERS if p.lever}
    assert lever_groups == {
        "US offers", "US threats", "Pakistan's constraints", "The Taliban", "The withdrawal"
    }  # fmt: skip


def test_levers_on_a_zero_to_one_scale_say_what_0_and_1_mean():
    for p in PARAMETERS:
        if p.lever and p.kind in ("float", "pressure") and (p.low, p.high) == (0.0, 1.0):
            assert p.scale().startswith("0 = ") and ", 1 = " in p.scale(), p.name


def test_explanations_have_no_dimensionless_units():
    for p in PARAMETERS:
        text = p.explain()
        assert "unit:" not in text and "in 1;" not in text and "in -;" not in text, text
    assert "0 = no support, 1 = full support" in PARAMETERS_BY_NAME["fatf_offer"].explain()
    assert PARAMETERS_BY_NAME["withdrawal_week"].explain().endswith("default 28.")
