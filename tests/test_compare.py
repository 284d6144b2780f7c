"""ceasefire compare: named scenarios with common seeds, a table with intervals and a chart."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ceasefire.batch.cli import main
from ceasefire.batch.codebook import csv_header, undocumented_columns
from ceasefire.model.outputs import COMPARISON_COLUMNS, names

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
        (["--scenarios", "stay,stay"], "twice"),
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
