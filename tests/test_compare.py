"""ceasefire compare: named scenarios with common seeds, a table with intervals and a chart."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ceasefire.batch.analysis.tables import COMPARISON_COLUMNS
from ceasefire.batch.cli.main import main
from ceasefire.batch.io.reading import csv_header, undocumented_columns
from ceasefire.model.outputs import names

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
    assert csv_header(compared / "comparison.csv") == names(COMPARISON_COLUMNS)
    assert undocumented_columns(compared) == {}


def test_comparison_writes_a_valid_datapackage(compared):
    descriptor = json.loads((compared / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == ["runs", "comparison"]
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(compared / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]
