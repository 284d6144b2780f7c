"""Sweep designs: parsing of varied parameters, grid, LHS, Sobol', Morris and CSV designs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ceasefire.batch import Design, build_design
from ceasefire.batch.sweep.designs import DESIGN_KINDS
from ceasefire.batch.sweep.factors import Factor, factor_from_toml, parse_vary
from ceasefire.batch.sweep.limits import DESIGN_POINTS, LEVELS
from ceasefire.model import AUTO, Parameter, ParameterError, resolve
from ceasefire.model.parameters import lookup

RANGES = ["fatf_offer=0:1", "taliban_fighters=1000:5000", "withdrawal_week=10:60"]


def factors(*texts: str) -> list[Factor]:
    return [parse_vary(t) for t in texts]


def one_line(exc: pytest.ExceptionInfo) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- parse_vary
def test_parse_list_coerces_values():
    assert parse_vary("fatf_offer=0,0.5,1") == Factor("fatf_offer", values=(0.0, 0.5, 1.0))
    assert parse_vary(" taliban_fighters = 1000, 2e3 ").values == (1000, 2000)
    assert parse_vary("map=fine,COARSE").values == ("fine", "coarse")
    assert parse_vary("fatf_offer=0.25").values == (0.25,)


def test_parse_list_allows_none_and_auto_where_the_parameter_does():
    assert parse_vary("withdrawal_week=none,10,20").values == (None, 10, 20)
    assert parse_vary("pakistan_pressure=auto,0.5").values == (AUTO, 0.5)


def test_parse_ranges():
    assert parse_vary("fatf_offer=0.2:0.8") == Factor("fatf_offer", low=0.2, high=0.8)
    grid = parse_vary("taliban_fighters=1000:2000:3")
    assert (grid.low, grid.high, grid.n) == (1000, 2000, 3)
    assert grid.is_range and not parse_vary("fatf_offer=0,1").is_range


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("fatf_offer", r"not of the form key=v1,v2,\.\.\. or key=lo:hi\[:n\]"),
        ("=0,1", r"not of the form"),
        ("nosuch=0,1", r"unknown parameter 'nosuch'; known parameters: fatf_offer"),
        ("fatf_offer=", r"no values given"),
        ("fatf_offer=0,,1", r"empty value in the list"),
        ("fatf_offer=0,", r"empty value in the list"),
        ("fatf_offer=a:1", r"range bound 'a' is not a number"),
        ("fatf_offer=0:b:3", r"range bound 'b' is not a number"),
        ("withdrawal_week=none:10", r"range bound 'none' is not a number"),
        ("pakistan_pressure=auto:1", r"range bound 'auto' is not a number"),
        ("fatf_offer=0.8:0.2", r"range 0.8:0.2 is empty or inverted"),
        ("fatf_offer=0.5:0.5", r"range 0.5:0.5 is empty or inverted"),
        ("fatf_offer=0:1:0", r"number of levels '0' is not allowed.*integer >= 1"),
        ("fatf_offer=0:1:-2", r"number of levels '-2' is not allowed"),
        ("fatf_offer=0:1:2.5", r"number of levels '2.5' is not allowed"),
        ("fatf_offer=0:1:2:3", r"is not a range"),
        ("fatf_offer=0:1,2", r"mixes a list and a range"),
        ("fatf_offer=0:2", r"'2' is not allowed; use a number 0..1"),
        ("fatf_offer=0,1.5", r"'1.5' is not allowed; use a number 0..1"),
        ("fatf_offer=-0.1:0.5", r"'-0.1' is not allowed"),
        ("taliban_fighters=1000.5:2000", r"use an integer 1000..200000"),
        ("withdrawal_week=3.5", r"use an integer week"),
        ("map=fine,medium", r"use one of fine, coarse"),
        ("map=0:1", r"'map' takes one of fine, coarse, not a range.*--design grid"),
        ("fatf_offer=0,0.0", r"listed twice"),
    ],
)
def test_parse_vary_refuses_bad_input(text, pattern):
    with pytest.raises(ParameterError) as exc:
        parse_vary(text)
    assert re.search(pattern, one_line(exc)), str(exc.value)


# --------------------------------------------------------------------------- factor_from_toml
def test_toml_forms():
    assert factor_from_toml("fatf_offer", [0, 0.5, 1]).values == (0.0, 0.5, 1.0)
    assert factor_from_toml("withdrawal_week", ["none", 20]).values == (None, 20)
    assert factor_from_toml("fatf_offer", "0:1:3").n == 3
    assert factor_from_toml("fatf_offer", "0:1") == Factor("fatf_offer", low=0.0, high=1.0)
    assert factor_from_toml("fatf_offer", "0,1").values == (0.0, 1.0)
    table = factor_from_toml("fatf_offer", {"low": 0.1, "high": 0.9, "n": 5})
    assert (table.low, table.high, table.n) == (0.1, 0.9, 5)
    assert factor_from_toml("fatf_offer", {"low": 0, "high": 1}).n is None
    assert factor_from_toml("fatf_offer", {"values": [0, 1]}).values == (0.0, 1.0)
    assert factor_from_toml("fatf_offer", 0.5).values == (0.5,)


@pytest.mark.parametrize(
    ("name", "value", "pattern"),
    [
        ("nosuch", [1], r"unknown parameter 'nosuch'"),
        ("fatf_offer", [], r"list of values is empty"),
        ("fatf_offer", {"low": 0}, r"needs both low and high"),
        ("fatf_offer", {"low": 0, "high": 1, "step": 2}, r"unknown key\(s\) step"),
        ("fatf_offer", {"values": [0], "low": 0}, r"either values or low/high/n"),
        ("fatf_offer", {"low": 1, "high": 0}, r"empty or inverted"),
        ("fatf_offer", {"low": 0, "high": 1, "n": 0}, r"number of levels 0"),
        ("fatf_offer", {"low": 0, "high": 1, "n": True}, r"number of levels True"),
        ("fatf_offer", [True], r"not allowed"),
        ("fatf_offer", True, r"is not a list, a string lo:hi\[:n\] or a table"),
        ("fatf_offer", [0, 2], r"2 is not allowed"),
    ],
)
def test_toml_refuses_bad_input(name, value, pattern):
    with pytest.raises(ParameterError) as exc:
        factor_from_toml(name, value)
    assert re.search(pattern, one_line(exc)), str(exc.value)


def test_factor_json_round_trip():
    for factor in factors(
        "withdrawal_week=none,10", "pakistan_pressure=auto,0.3", "fatf_offer=0:1:4", "map=coarse"
    ):
        data = json.loads(json.dumps(factor.to_json()))
        assert Factor.from_json(data) == factor


def test_factor_checks_direct_construction():
    assert Factor("fatf_offer", values=["0.5"]).values == (0.5,)
    with pytest.raises(ParameterError, match="either a list of values or a range"):
        Factor("fatf_offer", values=(0.5,), low=0.0)
    with pytest.raises(ParameterError, match="both ends of a range"):
        Factor("fatf_offer", low=0.0)
    with pytest.raises(ParameterError, match="a factor needs 'name'"):
        Factor.from_json({"name": "fatf_offer", "levels": [1]})


# --------------------------------------------------------------------------- kinds
@pytest.mark.parametrize("kind", ["", "factorial", "sobol:x", "csv", "csv:", 3])
def test_unknown_kind(kind):
    with pytest.raises(ParameterError) as exc:
        build_design(kind, [], 8, 0)
    assert "csv:FILE" in one_line(exc)


def test_kinds_are_case_insensitive():
    assert DESIGN_KINDS == ("grid", "lhs", "sobol", "morris", "oat")
    assert build_design(" GRID ", [], 1, 0).kind == "grid"


def test_parameter_varied_twice_is_refused():
    with pytest.raises(ParameterError, match="'fatf_offer' is varied twice"):
        build_design("grid", factors("fatf_offer=0,1", "fatf_offer=0.5"), 1, 0)


# --------------------------------------------------------------------------- grid
def test_grid_without_factors_is_one_point():
    design = build_design("grid", [], 16, 0)
    assert design.points.shape == (1, 0)
    assert design.parameters(0) == {}
    assert isinstance(design.points.index, pd.RangeIndex)


def test_grid_is_the_full_factorial():
    design = build_design(
        "grid", factors("fatf_offer=0,1", "withdrawal_week=none,10,20", "map=fine,coarse"), 1, 0
    )
    assert design.size == 12
    assert list(design.points.columns) == ["fatf_offer", "withdrawal_week", "map"]
    combos = {tuple(design.parameters(p).values()) for p in range(design.size)}
    expected = {(a, w, m) for a in (0.0, 1.0) for w in (None, 10, 20) for m in ("fine", "coarse")}
    assert combos == expected
    # first factor varies slowest
    assert list(design.points["fatf_offer"]) == [0.0] * 6 + [1.0] * 6
    assert design.problem is None and design.options == {}


def test_grid_values_are_csv_style_in_points_and_canonical_in_parameters():
    design = build_design(
        "grid", factors("pakistan_pressure=auto,0.5", "withdrawal_week=none,30"), 1, 0
    )
    assert design.points["pakistan_pressure"].iloc[0] is None
    assert design.points["withdrawal_week"].iloc[0] is None
    assert design.parameters(0) == {"pakistan_pressure": AUTO, "withdrawal_week": None}
    assert design.parameters(3) == {"pakistan_pressure": 0.5, "withdrawal_week": 30}
    for point in range(design.size):
        resolve(design.parameters(point))  # the model accepts every point


def test_grid_linspace_levels():
    design = build_design("grid", factors("fatf_offer=0:1:11"), 1, 0)
    assert list(design.points["fatf_offer"]) == [i / 10 for i in range(11)]
    assert design.points["fatf_offer"].dtype == np.float64


def test_grid_integer_levels_are_rounded_and_deduplicated():
    design = build_design(
        "grid", factors("withdrawal_week=0:3:7", "taliban_fighters=1000:2000:3"), 1, 0
    )
    weeks = design.points["withdrawal_week"].drop_duplicates().tolist()
    assert weeks == [0, 1, 2, 3]
    assert design.points["taliban_fighters"].dtype == np.int64
    assert design.size == 4 * 3
    assert all(type(v) is int for v in design.parameters(1).values())


def test_grid_needs_levels_for_a_range():
    with pytest.raises(ParameterError) as exc:
        build_design("grid", factors("fatf_offer=0:1"), 1, 0)
    assert "a grid needs levels; give fatf_offer=0:1:n" in one_line(exc)


def test_design_to_json_is_serialisable():
    design = build_design("grid", factors("withdrawal_week=none,10", "map=coarse"), 1, 0)
    data = json.loads(json.dumps(design.to_json()))
    assert data["kind"] == "grid" and data["design_points"] == 2
    assert [Factor.from_json(f) for f in data["factors"]] == list(design.factors)


def test_parameters_of_missing_point():
    design = build_design("grid", factors("fatf_offer=0,1"), 1, 0)
    for point in (-1, 2, "x", True):
        with pytest.raises(ParameterError, match=r"points 0\.\.1"):
            design.parameters(point)


# --------------------------------------------------------------------------- sampling
@pytest.mark.parametrize(
    ("kind", "samples", "size"),
    [("lhs", 10, 10), ("sobol", 8, 8 * (3 + 2)), ("morris", 6, 6 * (3 + 1))],
)
def test_sampling_sizes_bounds_and_rounding(kind, samples, size):
    design = build_design(kind, factors(*RANGES), samples, 7)
    assert isinstance(design, Design)
    assert design.kind == kind and design.size == size
    assert design.points.shape == design.raw.shape == (size, 3)
    assert list(design.raw.index) == list(range(size))
    assert design.problem == {
        "num_vars": 3,
        "names": ["fatf_offer", "taliban_fighters", "withdrawal_week"],
        "bounds": [[0.0, 1.0], [1000.0, 5000.0], [10.0, 60.0]],
    }
    assert design.options["samples"] == samples and design.options["seed"] == 7
    for name, low, high in (
        ("fatf_offer", 0, 1),
        ("taliban_fighters", 1000, 5000),
        ("withdrawal_week", 10, 60),
    ):
        assert design.raw[name].between(low, high).all()
        assert design.points[name].between(low, high).all()
    for name in ("taliban_fighters", "withdrawal_week"):
        assert design.points[name].dtype == np.int64
        assert (design.points[name] - design.raw[name]).abs().max() <= 0.5
    assert design.raw["taliban_fighters"].dtype == np.float64
    assert (design.points["fatf_offer"] == design.raw["fatf_offer"]).all()
    json.dumps(design.to_json())
    resolve(design.parameters(0))


def test_sampling_options():
    assert build_design("sobol", factors(*RANGES), 4, 0).options == {
        "samples": 4,
        "seed": 0,
        "calc_second_order": False,
        "scramble": True,
    }
    assert build_design("morris", factors(*RANGES), 4, 0).options["num_levels"] == 4


def test_pressure_is_sampled_numerically():
    design = build_design("lhs", factors("pakistan_pressure=0.2:0.9"), 20, 1)
    assert design.points["pakistan_pressure"].dtype == np.float64
    assert design.points["pakistan_pressure"].between(0.2, 0.9).all()


def test_lhs_is_stratified():
    design = build_design("lhs", factors("fatf_offer=0:1"), 10, 3)
    strata = np.floor(design.raw["fatf_offer"] * 10).astype(int)
    assert sorted(strata) == list(range(10))


@pytest.mark.parametrize("kind", ["grid", "lhs", "sobol", "morris"])
def test_determinism_and_seed_dependence(kind):
    texts = ["fatf_offer=0:1:3", "withdrawal_week=10:60:4"] if kind == "grid" else RANGES
    first = build_design(kind, factors(*texts), 8, 11)
    again = build_design(kind, factors(*texts), 8, 11)
    pd.testing.assert_frame_equal(first.points, again.points)
    pd.testing.assert_frame_equal(first.raw, again.raw)
    assert first.to_json() == again.to_json()
    other = build_design(kind, factors(*texts), 8, 12)
    if kind == "grid":
        pd.testing.assert_frame_equal(first.points, other.points)
    else:
        assert not first.raw.equals(other.raw)


@pytest.mark.parametrize("kind", ["lhs", "sobol", "morris"])
def test_sampling_refusals(kind):
    cases = [
        ([], 8, 0, rf"design '{kind}' needs at least one factor"),
        (factors("fatf_offer=0,0.5"), 8, 0, r"samples ranges, not value lists.*--design grid"),
        (factors("map=fine,coarse"), 8, 0, r"'map' .* cannot be sampled.*--design grid"),
        (factors("fatf_offer=0:1:5"), 8, 0, r"lo:hi:n sets grid levels.*give fatf_offer=0:1"),
        (factors("fatf_offer=0:1"), 0, 0, r"--samples 0 is too small"),
        (factors("fatf_offer=0:1"), 8.0, 0, r"--samples 8.0 is not an integer"),
        (factors("fatf_offer=0:1"), 8, -1, r"--seed -1 is not allowed"),
        (factors("fatf_offer=0:1"), 8, "1", r"--seed '1' is not allowed"),
    ]
    for given, samples, seed, pattern in cases:
        with pytest.raises(ParameterError) as exc:
            build_design(kind, given, samples, seed)
        assert re.search(pattern, one_line(exc)), str(exc.value)


def test_sobol_needs_a_power_of_two():
    with pytest.raises(ParameterError) as exc:
        build_design("sobol", factors("fatf_offer=0:1"), 100, 0)
    assert "not a power of 2" in one_line(exc) and "use 64 or 128" in str(exc.value)
    assert build_design("sobol", factors("fatf_offer=0:1"), 1, 0).size == 3


def test_morris_needs_two_trajectories():
    with pytest.raises(ParameterError, match="at least 2 trajectories"):
        build_design("morris", factors("fatf_offer=0:1"), 1, 0)


# --------------------------------------------------------------------------- csv
def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_design_reads_switch_columns_as_runs_csv_writes_them(tmp_path):
    path = write(tmp_path / "d.csv", "mech_ttp_blowback,mechanisms.designation\n0,1\n1,0\n")
    design = build_design(f"csv:{path}", [], 8, 0)
    assert design.parameters(0) == {
        "mechanisms.ttp_blowback": False,
        "mechanisms.designation": True,
    }
    assert design.parameters(1)["mechanisms.ttp_blowback"] is True


def test_csv_design(tmp_path):
    path = write(
        tmp_path / "d.csv",
        "fatf_offer,withdrawal_week,pakistan_pressure_set,map\n"
        "0.5,none,,coarse\n"
        "1,20,0.4,fine\n"
        "0,,auto,FINE\n",
    )
    design = build_design(f"csv:{path}", [], 8, 0)
    assert design.kind == "csv" and design.factors == () and design.problem is None
    assert list(design.points.columns) == [
        "fatf_offer",
        "withdrawal_week",
        "pakistan_pressure",
        "map",
    ]
    assert design.parameters(0) == {
        "fatf_offer": 0.5,
        "withdrawal_week": None,
        "pakistan_pressure": AUTO,
        "map": "coarse",
    }
    assert design.parameters(1) == {
        "fatf_offer": 1.0,
        "withdrawal_week": 20,
        "pakistan_pressure": 0.4,
        "map": "fine",
    }
    assert design.parameters(2)["withdrawal_week"] is None
    assert design.points["fatf_offer"].dtype == np.float64
    pd.testing.assert_frame_equal(design.points, design.raw)
    assert design.options["path"] == str(path) and len(design.options["sha256"]) == 64
    json.dumps(design.to_json())


def test_csv_design_ignores_a_design_point_column(tmp_path):
    path = write(tmp_path / "design.csv", "design_point,fatf_offer\n0,0.1\n1,0.2\n")
    design = build_design(f"csv:{path}", [], 1, 0)
    assert list(design.points.columns) == ["fatf_offer"] and design.size == 2


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("", r"is empty; it needs a header"),
        ("fatf_offer\n", r"has no design points"),
        ("nosuch\n1\n", r"column 'nosuch': unknown parameter 'nosuch'"),
        ("fatf_offer,fatf_offer\n1,1\n", r"'fatf_offer' has two columns"),
        ("pakistan_pressure,pakistan_pressure_set\n1,1\n", r"'pakistan_pressure' has two columns"),
        (
            "fatf_offer\n0.5\n2\n",
            r"line 3, column 'fatf_offer': parameter 'fatf_offer': '2' is not",
        ),
        ("fatf_offer,map\n0.5,\n", r"line 2, column 'map': empty value is not allowed; use one of"),
        ("taliban_fighters\n1000.5\n", r"line 2, column 'taliban_fighters'.*an integer"),
        (
            "fatf_offer\n0.5,1,2\n",
            r"cannot read design file .*line 2 has 3 fields, the header has 1",
        ),
        ("fatf_offer,map\n0.5\n", r"line 2 has 1 fields, the header has 2"),
        ('fatf_offer\n"0.5\n', r"cannot read design file"),
        ("design_point\n0\n", r"has no parameter columns"),
    ],
)
def test_csv_design_refusals(tmp_path, text, pattern):
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(ParameterError) as exc:
        build_design(f"csv:{path}", [], 1, 0)
    assert re.search(pattern, one_line(exc)), str(exc.value)


def test_csv_design_missing_or_unreadable_file_or_factors(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        build_design(f"csv:{tmp_path / 'nope.csv'}", [], 1, 0)
    with pytest.raises(ParameterError, match="is a directory; --design csv:FILE needs a CSV file"):
        build_design(f"csv:{tmp_path}", [], 1, 0)  # it exists: say what is wrong with it
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00fatf\x00\n\x80\x81")
    with pytest.raises(ParameterError, match="cannot read design file"):
        build_design(f"csv:{binary}", [], 1, 0)
    path = write(tmp_path / "ok.csv", "fatf_offer\n0.5\n")
    with pytest.raises(ParameterError, match="drop --vary"):
        build_design(f"csv:{path}", factors("map=coarse"), 1, 0)


# --------------------------------------------------------------------------- limits
class Counted(float):
    """A float that counts the equality tests made on it (to measure de-duplication)."""

    tests = 0

    def __eq__(self, other: object) -> bool:
        Counted.tests += 1
        return float(self) == other

    __hash__ = float.__hash__


def test_levels_are_deduplicated_in_linear_time(monkeypatch):
    """A set finds repeats: a few equality tests per level, not one per pair of levels."""
    coerce = Parameter.coerce
    monkeypatch.setattr(Parameter, "coerce", lambda self, value: Counted(coerce(self, value)))
    n = LEVELS.value
    Counted.tests = 0
    listed = Factor("fatf_offer", values=tuple(str(i / n) for i in range(n)))
    assert len(listed.levels()) == n and Counted.tests < 10 * n
    Counted.tests = 0
    assert len(parse_vary(f"fatf_offer=0:1:{n}").levels()) == n
    assert Counted.tests < 10 * n


def _levels_before(spec: Parameter, low: float, high: float, n: int) -> tuple:
    """The quadratic de-duplication that the linear one replaced, as it was."""
    levels: list = []
    for x in np.linspace(float(low), float(high), n):
        if spec.kind in ("int", "week"):
            value = int(np.rint(x))
        else:
            value = min(max(float(f"{float(x):.12g}"), low), high)
        value = spec.coerce(value)
        if value not in levels:
            levels.append(value)
    return tuple(levels)


@pytest.mark.parametrize(
    "text",
    [
        "withdrawal_week=0:10:50",  # integers rounded onto each other
        "taliban_fighters=1000:1003:9",
        "fatf_offer=0:1:7",
        "fatf_offer=0:0.3:4",  # 0.30000000000000004 cleaned to 0.3
        "fatf_offer=0.1:0.7:13",
        "fatf_offer=0.5:0.5000000000001:5",  # cleaned floats that collide
        "fatf_offer=0:1:1000",
    ],
)
def test_deduplication_keeps_the_levels_and_their_order(text):
    factor = parse_vary(text)
    spec = lookup(factor.name)
    assert factor.levels() == _levels_before(spec, factor.low, factor.high, factor.n)


def test_repeated_values_are_refused_as_before():
    for values in (("0.5", "0.50"), ("0", "-0"), ("1", "1e0")):
        with pytest.raises(ParameterError, match="listed twice"):
            Factor("fatf_offer", values=values)
    with pytest.raises(ParameterError, match="listed twice"):
        Factor("withdrawal_week", values=("none", "28", "never"))
    with pytest.raises(ParameterError, match="listed twice"):
        Factor("pakistan_pressure", values=("auto", "0.5", "AUTO"))


def test_levels_over_the_limit_are_refused():
    for text in (f"fatf_offer=0:1:{LEVELS.value + 1}", "withdrawal_week=0:1000:1000000"):
        with pytest.raises(ParameterError) as exc:
            parse_vary(text)
        assert f"over the limit of {LEVELS.value:,} levels of one factor" in one_line(exc)
    with pytest.raises(ParameterError, match="over the limit"):
        Factor("fatf_offer", values=tuple(i / 5000 for i in range(LEVELS.value + 1)))
    assert len(parse_vary(f"fatf_offer=0:1:{LEVELS.value}").levels()) == LEVELS.value


def test_a_grid_over_the_limit_is_refused_before_it_is_built(monkeypatch):
    def product(*args):
        raise AssertionError("the grid was built")

    monkeypatch.setattr("ceasefire.batch.sweep.designs.itertools.product", product)
    with pytest.raises(ParameterError) as exc:
        build_design("grid", factors("fatf_offer=0:1:1000", "sst_threat=0:1:251"), 1, 0)
    assert "1,000 x 251 levels (251,000 design points)" in one_line(exc)


@pytest.mark.parametrize(
    ("kind", "samples", "size"),
    [("lhs", DESIGN_POINTS.value + 1, "250,001"), ("sobol", 2**17, "393,216"),
     ("morris", 125_001, "250,002"), ("lhs", 10**30, f"{10**30:,}")],
)  # fmt: skip
def test_a_sampled_design_over_the_limit_is_refused_before_salib_draws_it(
    kind, samples, size, monkeypatch
):
    def sample(*args, **kwargs):
        raise AssertionError("SALib was asked for the sample")

    for module in ("latin", "sobol", "morris"):
        monkeypatch.setattr(f"ceasefire.batch.sweep.designs.{module}.sample", sample)
    with pytest.raises(ParameterError) as exc:
        build_design(kind, factors("fatf_offer=0:1"), samples, 0)
    message = one_line(exc)
    assert size in message and f"over the limit of {DESIGN_POINTS.value:,}" in message


def test_a_grid_over_a_mechanism_switch_gives_the_model_booleans():
    from ceasefire.batch.sweep.factors import parse_vary

    factors = [parse_vary("mechanisms.ttp_blowback=true,false"), parse_vary("fatf_offer=0,1")]
    design = build_design("grid", factors, 0, 0)
    switches = [design.parameters(p)["mechanisms.ttp_blowback"] for p in range(design.size)]
    assert switches == [True, True, False, False]
    assert all(type(v) is bool for v in switches)  # 1.0 would be refused by the model
    assert design.points["mechanisms.ttp_blowback"].tolist() == [1, 1, 0, 0]


# --------------------------------------------------------------------------- one at a time
def test_oat_design_moves_one_factor_at_a_time_around_the_defaults():
    """Point 0 holds every factor at its default; each other point moves exactly one factor to
    one level (the two ends of lo:hi, or the listed values), and a level equal to the default is
    the baseline itself (no duplicate point)."""
    from ceasefire.batch.sweep.designs import build_design
    from ceasefire.model.parameters import lookup

    factors = [parse_vary("taliban_war_price=1:10"), parse_vary("hardliner_share=0.3,0.6")]
    design = build_design("oat", factors, 64, 0)
    defaults = {name: lookup(name).default for name in ("taliban_war_price", "hardliner_share")}
    assert defaults == {"taliban_war_price": 3.0, "hardliner_share": 0.6}
    assert design.kind == "oat"
    assert design.points.to_dict("records") == [
        defaults,
        defaults | {"taliban_war_price": 1.0},
        defaults | {"taliban_war_price": 10.0},
        defaults | {"hardliner_share": 0.3},
    ]


def test_oat_design_needs_a_factor():
    from ceasefire.batch.sweep.designs import build_design

    with pytest.raises(ParameterError, match="design 'oat' needs at least one factor"):
        build_design("oat", [], 64, 0)
