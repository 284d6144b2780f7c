"""ceasefire compare: named scenarios with common seeds, a table with intervals and a chart."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ceasefire.batch import main
from ceasefire.batch.analysis.compare import summarise
from ceasefire.batch.io.reading import csv_header, undocumented_columns

ARGS = ["--set", "map=coarse", "--reps", "2", "--steps", "52", "--workers", "1"]


@pytest.fixture(scope="module")
def compared(tmp_path_factory):
    out = tmp_path_factory.mktemp("compare") / "out"
    assert main(["compare", "--scenarios", "status_quo,stay", *ARGS, "--out", str(out)]) == 0
    return out


def test_table_has_means_intervals_and_paired_differences(compared):
    table = pd.read_csv(compared / "comparison.csv")
    assert table["scenario"].tolist() == ["status_quo", "stay"]
    assert (table["runs"] == 2).all()
    for column in ("mean_weekly_fatalities", "final_negotiation_progress", "ceasefire_within_52"):
        assert (table[f"{column}_low"] <= table[column]).all()
        assert (table[column] <= table[f"{column}_high"]).all()
    assert table.loc[0, "fatalities_vs_first"] == 0  # the first scenario against itself
    runs = pd.read_csv(compared / "runs.csv")
    stay = runs[runs["design_point"] == 1]["mean_weekly_fatalities"].mean()
    quo = runs[runs["design_point"] == 0]["mean_weekly_fatalities"].mean()
    assert table.loc[1, "fatalities_vs_first"] == pytest.approx(stay - quo, abs=1e-6)


def test_cease_fire_shares_are_those_of_the_runs_csv_columns(compared):
    """The table's two probabilities are the shares of runs.csv's own 0/1 columns."""
    table = pd.read_csv(compared / "comparison.csv").set_index("scenario")
    runs = pd.read_csv(compared / "runs.csv")
    for share in ("ceasefire_within_52", "ceasefire_held"):
        by_scenario = runs.groupby("scenario")[share].mean()
        assert table[share].to_dict() == pytest.approx(by_scenario.to_dict(), abs=1e-9)
        assert (table[f"{share}_low"] <= table[share]).all()
        assert (table[share] <= table[f"{share}_high"]).all()


def test_runs_csv_names_the_scenario_of_every_run(compared):
    runs = pd.read_csv(compared / "runs.csv")
    assert list(runs.columns[:3]) == ["run_id", "scenario", "design_point"]
    names = runs.groupby("design_point")["scenario"].unique().map(list).to_dict()
    assert names == {0: ["status_quo"], 1: ["stay"]}


def _scenario_file(tmp_path, stem: str, name: str) -> str:
    path = tmp_path / f"{stem}.toml"
    path.write_text(f'name = "{name}"\n[parameters]\nfatf_offer = 1.0\nconditionality = 1.0\n')
    return str(path)


@pytest.mark.parametrize(
    ("listed", "shared", "origins"),
    [
        (["status_quo", "sq"], "status_quo", "(preset status_quo, file <sq>)"),
        (["a", "b"], "x", "(file <a>, file <b>)"),
        (["stay", "stay"], "stay", "(preset stay, preset stay)"),
    ],
)
def test_scenarios_of_one_name_are_refused(tmp_path, capsys, listed, shared, origins):
    """They used to be pooled into one row (runs=4 each, a paired difference of 0)."""
    files = {stem: _scenario_file(tmp_path, stem, shared) for stem in ("sq", "a", "b")}
    scenarios = [files.get(item, item) for item in listed]
    out = tmp_path / "out"
    assert main(["compare", "--scenarios", ",".join(scenarios), *ARGS, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    for stem, path in files.items():
        err = err.replace(path, f"<{stem}>")
    assert err.count("\n") == 1
    assert f"2 scenarios are named '{shared}' {origins}" in err
    assert 'name = "..."' in err
    assert not out.exists()


def test_timeline_change_after_the_last_week_is_refused(tmp_path, capsys):
    late = tmp_path / "late.toml"
    late.write_text("[[timeline]]\nweek = 60\nset = { sst_threat = 0.4 }\n")
    out = tmp_path / "out"
    assert main(["compare", "--scenarios", f"status_quo,{late}", *ARGS, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "scenario 'late'" in err and "sst_threat in week 60" in err and "52 weeks" in err
    assert not out.exists()


def test_scenarios_share_their_replication_seeds(compared):
    runs = pd.read_csv(compared / "runs.csv")
    seeds = runs.pivot(index="design_point", columns="replication", values="seed")
    assert (seeds.nunique(axis=0) == 1).all()
    assert runs.loc[runs["design_point"] == 1, "withdrawal_week"].isna().all()  # 'stay' preset


def test_chart_and_provenance_are_written(compared):
    assert (compared / "comparison.png").read_bytes()[:4] == b"\x89PNG"
    meta = json.loads((compared / "metadata.json").read_text())
    assert meta["version"] and "commit" in meta["git"] and meta["root_seed"] == 0
    assert meta["design_point_of_scenario"] == {"status_quo": 0, "stay": 1}
    assert meta["command"][:2] == ["ceasefire", "compare"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--scenarios", "status_quo,nope"], "unknown scenario 'nope'"),
        (["--scenarios", "stay", "--set", "map=fine"], "--set map is given twice"),
        (["--scenarios", "stay", "--set", "lethality=99"], "lethality"),
    ],
)
def test_bad_input(tmp_path, capsys, extra, message):
    out = tmp_path / "bad"
    assert main(["compare", *ARGS, *extra, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ceasefire: error:") and err.count("\n") == 0 and message in err
    assert not out.exists()


def test_too_few_weeks_and_used_directories_are_refused(compared, tmp_path, capsys):
    assert main(["compare", "--scenarios", "stay", "--steps", "20", "--out", str(tmp_path)]) == 2
    assert "at least 52" in capsys.readouterr().err
    assert main(["compare", "--scenarios", "stay", *ARGS, "--out", str(compared)]) == 2
    assert "--overwrite" in capsys.readouterr().err


def test_comparison_follows_the_codebook(compared):
    measures = ["mean_weekly_fatalities", "total_civilian_casualties"]
    measures += ["final_negotiation_progress", "ceasefire_within_52", "ceasefire_held"]
    measures += ["fatalities_vs_first"]
    header = ["scenario", "runs"]
    header += [f"{m}{end}" for m in measures for end in ("", "_low", "_high")]
    assert csv_header(compared / "comparison.csv") == header  # as in docs/codebook.md
    assert undocumented_columns(compared) == {}


def test_summary_pairs_replications_and_leaves_out_failed_runs():
    """Numbers worked by hand: a paired interval, a Wilson interval, a failed run ignored."""
    rows = [
        # scenario, replication, fatalities, civilians, progress, cease-fire by week 52,
        # held, status (the shares come from the runs.csv columns; there is no
        # weeks_to_ceasefire column to recompute them from)
        ("a", 0, 10.0, 100, 0.1, True, False, "ok"),
        ("a", 1, 12.0, 110, 0.2, False, False, "ok"),
        ("a", 2, 14.0, 120, 0.3, False, False, "ok"),
        ("b", 0, 13.0, 100, 0.4, True, True, "ok"),
        ("b", 1, 16.0, 100, 0.5, True, False, "ok"),
        ("b", 2, 19.0, 100, 0.6, True, True, "ok"),
        ("b", 3, 1e6, 1e6, 1.0, True, True, "error"),
    ]
    columns = ["scenario", "replication", "mean_weekly_fatalities"]
    columns += ["total_civilian_casualties", "final_negotiation_progress"]
    columns += ["ceasefire_within_52", "ceasefire_held", "status"]
    runs = pd.DataFrame(rows, columns=columns)
    table = summarise(runs, ["a", "b"]).set_index("scenario")
    half = 4.302653 / 3**0.5  # t(0.975, 2) * s / sqrt(3) with s = 1
    b = table.loc["b"]
    assert b["runs"] == 3
    # b - a per replication: 3, 4, 5 (mean 4, s = 1); unpaired, s would be 2 and 3.
    assert b["fatalities_vs_first"] == pytest.approx(4.0)
    assert b["fatalities_vs_first_low"] == pytest.approx(4 - half, abs=1e-5)
    assert b["fatalities_vs_first_high"] == pytest.approx(4 + half, abs=1e-5)
    assert b["mean_weekly_fatalities"] == pytest.approx(16.0)
    assert b["mean_weekly_fatalities_high"] == pytest.approx(16 + 3 * half, abs=1e-5)
    # cease-fires by week 52: 3 of 3 in b (Wilson 0.4385 to 1), 1 of 3 in a (0.0615 to 0.7923)
    assert b["ceasefire_within_52"] == 1.0
    assert b["ceasefire_within_52_low"] == pytest.approx(0.4385, abs=5e-5)
    a = table.loc["a"]
    assert a["ceasefire_within_52"] == pytest.approx(1 / 3)
    assert a["ceasefire_within_52_low"] == pytest.approx(0.0615, abs=5e-5)
    assert a["ceasefire_within_52_high"] == pytest.approx(0.7923, abs=5e-5)
    # held 26 weeks: 2 of 3 in b (Wilson 0.2077 to 0.9385), none of 3 in a (0 to 0.5615)
    assert b["ceasefire_held"] == pytest.approx(2 / 3)
    assert b["ceasefire_held_low"] == pytest.approx(0.2077, abs=5e-5)
    assert b["ceasefire_held_high"] == pytest.approx(0.9385, abs=5e-5)
    assert a["ceasefire_held"] == 0.0 and a["ceasefire_held_low"] == 0.0
    assert a["ceasefire_held_high"] == pytest.approx(0.5615, abs=5e-5)
    assert a["fatalities_vs_first"] == 0 and a["total_civilian_casualties"] == 110
    assert b["total_civilian_casualties_low"] == b["total_civilian_casualties_high"] == 100


def test_comparison_writes_a_valid_datapackage(compared):
    descriptor = json.loads((compared / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == ["runs", "comparison"]
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(compared / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
