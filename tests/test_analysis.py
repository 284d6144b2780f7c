"""Sensitivity analysis of Sobol' and Morris sweeps, on fake sweep directories (no model runs)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ceasefire.batch import Design, analyze, build_design
from ceasefire.batch.analysis.sensitivity import ANALYZED_OUTPUTS, METHODS
from ceasefire.batch.sweep.factors import parse_vary
from ceasefire.model import ParameterError, resolve
from ceasefire.model.outputs import RUN_COLUMNS, csv_name, csv_row, names

FACTORS = ("fatf_offer=0:1", "india_restraint=0:1", "sst_threat=0:1")
REPS = 2


def linear(p: dict) -> dict:
    """Outputs with known sensitivities: a = fatf_offer, b = india_restraint, c = sst_threat."""
    a, b, c = p["fatf_offer"], p["india_restraint"], p["sst_threat"]
    return {
        "mean_weekly_fatalities": 3 * a + 1 * b + 0 * c,
        "final_negotiation_progress": c,
        "ceasefire_held": 0,
        "ceasefire_began": 0,
        "total_civilian_casualties": round(1000 * (a + 2 * b)),
    }


def fake_sweep(
    out: Path,
    kind: str,
    samples: int,
    outputs: Callable[[dict], dict] = linear,
    design: Design | None = None,
) -> Design:
    """Write metadata.json, design.csv and runs.csv as a finished sweep would."""
    design = design or build_design(kind, [parse_vary(t) for t in FACTORS], samples, 5)
    out.mkdir(parents=True, exist_ok=True)
    (out / "metadata.json").write_text(json.dumps({"root_seed": 1, "design": design.to_json()}))
    raw = design.raw.rename(columns=csv_name).rename_axis("design_point").reset_index()
    raw.to_csv(out / "design.csv", index=False)
    rows = []
    for point in range(design.size):
        params = resolve(design.parameters(point))
        for rep in range(REPS):
            summary = {k: None for k in names(RUN_COLUMNS)}
            summary |= csv_row(params)
            summary |= outputs(params)
            # replication noise that cancels in the mean over the two replications
            summary["mean_weekly_fatalities"] += 0.01 if rep == 0 else -0.01
            summary |= {
                "run_id": point * REPS + rep,
                "design_point": point,
                "replication": rep,
                "seed": 100 + rep,
                "status": "ok",
                "error": "",
            }
            rows.append(summary)
    pd.DataFrame(rows, columns=names(RUN_COLUMNS)).to_csv(out / "runs.csv", index=False)
    return design


@pytest.fixture(scope="module")
def sobol_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sobol") / "sweep"
    fake_sweep(out, "sobol", 256)
    return out


@pytest.fixture(scope="module")
def morris_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("morris") / "sweep"
    fake_sweep(out, "morris", 20)
    return out


def indices(table: pd.DataFrame, output: str, column: str) -> dict[str, float]:
    rows = table[table["output"] == output]
    return dict(zip(rows["parameter"], rows[column], strict=True))


def assert_png(path: Path) -> None:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def assert_no_temporaries(out: Path) -> None:
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- sobol
def test_sobol_ranks_parameters(sobol_dir):
    paths = analyze(sobol_dir, "sobol")
    assert paths == [sobol_dir / "sensitivity_sobol.csv", sobol_dir / "sensitivity_sobol.png"]
    table = pd.read_csv(paths[0], keep_default_na=False, na_values=[""])
    assert list(table.columns) == [
        "output",
        "parameter",
        "s1",
        "s1_conf",
        "st",
        "st_conf",
        "note",
    ]
    assert len(table) == len(ANALYZED_OUTPUTS) * len(FACTORS)
    st = indices(table, "mean_weekly_fatalities", "st")
    assert st["fatf_offer"] > st["india_restraint"] > st["sst_threat"]
    # analytic values: 9/10 and 1/10 of the variance, none for sst_threat
    assert st["fatf_offer"] == pytest.approx(0.9, abs=0.05)
    assert st["india_restraint"] == pytest.approx(0.1, abs=0.03)
    assert abs(st["sst_threat"]) < 0.01
    s1 = indices(table, "mean_weekly_fatalities", "s1")
    assert s1["fatf_offer"] == pytest.approx(0.9, abs=0.1)
    conf = indices(table, "mean_weekly_fatalities", "st_conf")
    assert all(v >= 0 for v in conf.values())
    only_c = indices(table, "final_negotiation_progress", "st")
    assert only_c["sst_threat"] == pytest.approx(1.0, abs=0.05)
    assert only_c["fatf_offer"] < 0.01 and only_c["india_restraint"] < 0.01
    casualties = indices(table, "total_civilian_casualties", "st")
    assert casualties["india_restraint"] > casualties["fatf_offer"] > casualties["sst_threat"]
    assert_png(paths[1])
    assert_no_temporaries(sobol_dir)


def test_sobol_constant_output_gets_nan_and_a_note(sobol_dir):
    table = pd.read_csv(analyze(sobol_dir, "sobol")[0])
    constant = table["output"].isin(["ceasefire_held", "ceasefire_began"])
    assert table[constant][["s1", "s1_conf", "st", "st_conf"]].isna().all().all()
    assert set(table[constant]["note"]) == {"constant output"}
    assert table[~constant]["note"].isna().all()


def test_analysis_is_deterministic(sobol_dir, tmp_path):
    """Another process (other hash seed, fresh random state) writes the same bytes."""
    first = analyze(sobol_dir, "sobol", seed=3)[0].read_bytes()
    copy = shutil.copytree(sobol_dir, tmp_path / "copy")
    code = (
        "import sys, pathlib; from ceasefire.batch.analysis.sensitivity import analyze; "
        "analyze(pathlib.Path(sys.argv[1]), 'sobol', seed=3)"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code, str(copy)], check=True, env=env, timeout=300)
    assert (copy / "sensitivity_sobol.csv").read_bytes() == first
    other = analyze(sobol_dir, "sobol", seed=4)[0].read_bytes()
    assert other != first  # the bootstrap confidence intervals depend on the seed


def test_chosen_outputs(sobol_dir):
    csv_path, png_path = analyze(sobol_dir, "sobol", outputs=["mean_pakistan_pressure"])
    table = pd.read_csv(csv_path)
    assert set(table["output"]) == {"mean_pakistan_pressure"}
    assert_png(png_path)


# --------------------------------------------------------------------------- morris
def test_morris_ranks_parameters(morris_dir):
    csv_path, png_path = analyze(morris_dir, "morris")
    table = pd.read_csv(csv_path)
    assert list(table.columns) == [
        "output",
        "parameter",
        "mu",
        "mu_star",
        "mu_star_conf",
        "sigma",
        "note",
    ]
    mu_star = indices(table, "mean_weekly_fatalities", "mu_star")
    # elementary effects are measured over the whole range of each factor
    assert mu_star["fatf_offer"] == pytest.approx(3.0, abs=1e-6)
    assert mu_star["india_restraint"] == pytest.approx(1.0, abs=1e-6)
    assert mu_star["sst_threat"] == pytest.approx(0.0, abs=1e-6)
    sigma = indices(table, "mean_weekly_fatalities", "sigma")
    assert max(sigma.values()) < 1e-6  # linear: no interactions
    casualties = indices(table, "total_civilian_casualties", "mu_star")
    assert casualties["india_restraint"] > casualties["fatf_offer"] > casualties["sst_threat"]
    held = table[table["output"] == "ceasefire_held"]
    assert (held["mu_star"] == 0).all() and set(held["note"]) == {"constant output"}
    assert_png(png_path)
    assert_no_temporaries(morris_dir)


def test_morris_with_integer_parameters(tmp_path):
    design = build_design(
        "morris",
        [parse_vary("taliban_fighters=1000:5000"), parse_vary("withdrawal_week=0:90")],
        10,
        1,
    )

    def outputs(p: dict) -> dict:
        value = p["taliban_fighters"] / 1000
        return {
            "mean_weekly_fatalities": value,
            "final_negotiation_progress": p["withdrawal_week"] / 90,
            "ceasefire_held": 1,
            "ceasefire_began": 1,
            "total_civilian_casualties": 0,
        }

    fake_sweep(tmp_path / "sweep", "morris", 10, outputs, design)
    table = pd.read_csv(analyze(tmp_path / "sweep", "morris")[0])
    fatalities = indices(table, "mean_weekly_fatalities", "mu_star")
    assert fatalities["taliban_fighters"] == pytest.approx(4.0, rel=0.01)
    assert fatalities["withdrawal_week"] == pytest.approx(0.0, abs=1e-9)
    progress = indices(table, "final_negotiation_progress", "mu_star")
    assert progress["withdrawal_week"] == pytest.approx(1.0, rel=0.02)


# --------------------------------------------------------------------------- refusals
def one_line(exc: pytest.ExceptionInfo) -> str:
    assert "\n" not in str(exc.value)
    return str(exc.value)


def test_method_must_match_the_design(sobol_dir, morris_dir, tmp_path):
    with pytest.raises(ParameterError) as exc:
        analyze(sobol_dir, "morris")
    assert "used design 'sobol'; --method morris needs a sweep run with --design morris" in (
        one_line(exc)
    )
    with pytest.raises(ParameterError, match="used design 'morris'"):
        analyze(morris_dir, "sobol")
    fake_sweep(tmp_path / "lhs", "lhs", 10)
    with pytest.raises(ParameterError, match="used design 'lhs'"):
        analyze(tmp_path / "lhs", "sobol")


@pytest.mark.parametrize(
    ("method", "outputs", "pattern"),
    [
        ("fast", ANALYZED_OUTPUTS, r"method 'fast' is unknown; use sobol or morris"),
        ("sobol", ["nosuch"], r"output 'nosuch' is unknown; choose from mean_weekly_fatalities"),
        ("sobol", [], r"no outputs to analyse"),
        ("sobol", ["ceasefire_held", "ceasefire_held"], r"listed twice"),
    ],
)
def test_bad_arguments(sobol_dir, method, outputs, pattern):
    with pytest.raises(ParameterError) as exc:
        analyze(sobol_dir, method, outputs)
    assert re.search(pattern, one_line(exc))


def test_methods():
    assert METHODS == ("sobol", "morris")  # oat is analysed by one_at_a_time.py


def test_missing_directory_and_files(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        analyze(tmp_path / "nope", "sobol")
    for name in ("metadata.json", "design.csv", "runs.csv"):
        out = tmp_path / name.replace(".", "_")
        fake_sweep(out, "sobol", 4)
        (out / name).unlink()
        with pytest.raises(ParameterError) as exc:
            analyze(out, "sobol")
        assert f"{name}' is missing" in one_line(exc)


def test_unreadable_metadata(tmp_path):
    out = tmp_path / "sweep"
    fake_sweep(out, "sobol", 4)
    (out / "metadata.json").write_text("{not json")
    with pytest.raises(ParameterError) as exc:
        analyze(out, "sobol")
    assert "cannot read" in one_line(exc)
    (out / "metadata.json").write_text(json.dumps({"root_seed": 1}))
    with pytest.raises(ParameterError, match="records no design"):
        analyze(out, "sobol")


def test_design_point_without_successful_run_is_refused(tmp_path):
    out = tmp_path / "sweep"
    fake_sweep(out, "sobol", 8)
    runs = pd.read_csv(out / "runs.csv", dtype={"error": object})
    runs.loc[runs["design_point"] == 3, ["status", "error"]] = ["error", "boom"]
    runs.to_csv(out / "runs.csv", index=False)
    with pytest.raises(ParameterError) as exc:
        analyze(out, "sobol")
    assert "1 of 40 design points have no successful run (3)" in one_line(exc)


def test_an_unfinished_sweep_needs_partial(tmp_path, capsys):
    """Killed before the last run: every point has a run, but the last has 1 of 2 replications."""
    out = tmp_path / "sweep"
    design = fake_sweep(out, "sobol", 8)
    record = json.loads((out / "metadata.json").read_text())
    record |= {"design_points": design.size, "spec": {"reps": REPS}}
    (out / "metadata.json").write_text(json.dumps(record))
    runs = pd.read_csv(out / "runs.csv")
    runs.iloc[:-1].to_csv(out / "runs.csv", index=False)
    expected = f"holds {design.size * REPS - 1} of the {design.size * REPS} runs of its sweep"
    with pytest.raises(ParameterError) as exc:
        analyze(out, "sobol")
    assert expected in one_line(exc) and "--partial" in one_line(exc)
    assert not (out / "sensitivity_sobol.csv").exists()
    analyze(out, "sobol", partial=True)
    err = capsys.readouterr().err
    assert err.startswith("ceasefire: warning: ") and expected in err and "analysing" in err
    assert (out / "sensitivity_sobol.csv").exists()


def test_a_file_is_not_a_sweep_directory(tmp_path):
    path = tmp_path / "metadata.json"
    path.write_text("{}")
    with pytest.raises(ParameterError, match="is a file, not a sweep's output directory"):
        analyze(path, "sobol")


def test_failed_replications_are_left_out(tmp_path):
    out = tmp_path / "sweep"
    fake_sweep(out, "morris", 6)
    expected = pd.read_csv(analyze(out, "morris")[0])
    runs = pd.read_csv(out / "runs.csv", dtype={"error": object})
    failed = runs["replication"] == 0
    runs.loc[failed, ["status", "error"]] = ["error", "boom"]
    runs.loc[failed, "mean_weekly_fatalities"] = 1e6  # must not count
    runs.loc[~failed, "mean_weekly_fatalities"] += 0.01  # undo the replication noise
    runs.to_csv(out / "runs.csv", index=False)
    pd.testing.assert_frame_equal(pd.read_csv(analyze(out, "morris")[0]), expected)


def test_missing_output_at_a_design_point(tmp_path):
    out = tmp_path / "sweep"
    fake_sweep(out, "sobol", 4)
    runs = pd.read_csv(out / "runs.csv")
    runs.loc[runs["design_point"].isin([0, 5]), "final_negotiation_progress"] = np.nan
    runs.to_csv(out / "runs.csv", index=False)
    table = pd.read_csv(analyze(out, "sobol")[0])
    rows = table[table["output"] == "final_negotiation_progress"]
    assert rows["st"].isna().all()
    assert set(rows["note"]) == {"output missing at 2 design points"}


def test_design_csv_of_the_wrong_size(tmp_path):
    out = tmp_path / "sweep"
    fake_sweep(out, "sobol", 4)
    design = pd.read_csv(out / "design.csv")
    design.iloc[:-1].to_csv(out / "design.csv", index=False)
    with pytest.raises(ParameterError) as exc:
        analyze(out, "sobol")
    assert "19 design points; a sobol design with 3 factors has a positive multiple of 5" in (
        one_line(exc)
    )
    design.drop(columns="sst_threat").to_csv(out / "design.csv", index=False)
    with pytest.raises(ParameterError, match="has no column 'sst_threat'"):
        analyze(out, "sobol")


# --------------------------------------------------------------------------- imprecise indices
def noisy(p: dict) -> dict:
    """Outputs that are mostly noise (seeded by the point), as a too small sweep sees them."""
    rng = np.random.default_rng(int(1000 * p["fatf_offer"] + 10 * p["sst_threat"]))
    return {
        "mean_weekly_fatalities": float(rng.normal()),
        "final_negotiation_progress": p["sst_threat"] + float(rng.normal()),
        "ceasefire_held": 0,
        "ceasefire_began": 0,
        "total_civilian_casualties": int(rng.integers(0, 100)),
    }


def test_a_small_sobol_sample_is_flagged_imprecise_with_a_warning(tmp_path, capsys):
    out = tmp_path / "small"
    fake_sweep(out, "sobol", 4, outputs=noisy)
    table = pd.read_csv(analyze(out, "sobol")[0])
    wide = (table["s1_conf"] > 0.5) | (table["st_conf"] > 0.5)
    assert wide.sum() >= 2 and (table["s1"] < 0).any()  # the case of the issue
    note = "imprecise: 95% interval wider than 0..1 (base sample 4); use --samples 64 or more"
    assert (table["note"][wide] == note).all()
    assert not table["note"][~wide].fillna("").str.contains("imprecise").any()
    [warning] = capsys.readouterr().err.splitlines()
    assert warning.startswith(f"ceasefire: warning: {wide.sum()} of {len(table)} ")
    assert "base sample 4" in warning and "larger --samples, e.g. 64" in warning


def test_a_sufficient_sobol_sample_gets_no_warning(sobol_dir, capsys):
    table = pd.read_csv(analyze(sobol_dir, "sobol")[0])
    assert not table["note"].fillna("").str.contains("imprecise").any()
    assert capsys.readouterr().err == ""


def test_morris_flags_mu_star_intervals_reaching_below_zero(tmp_path, capsys):
    out = tmp_path / "few"
    fake_sweep(out, "morris", 2, outputs=noisy)
    table = pd.read_csv(analyze(out, "morris")[0])
    below = table["mu_star_conf"] > table["mu_star"]
    assert below.any()
    assert (
        table["note"][below]
        .str.startswith("imprecise: 95% interval of mu_star reaches below 0 (2 trajectories)")
        .all()
    )
    assert "2 trajectories" in capsys.readouterr().err


# --------------------------------------------------------------------------- one at a time
def test_one_at_a_time_pairs_each_level_with_the_baseline(tmp_path):
    """The table holds each design point's mean and its paired difference from the baseline:
    with the known linear outputs, moving fatf_offer from 0 to 1 adds 3 deaths a week and
    india_restraint from its default to 1 adds 1 - default; a yes/no output is a share."""
    from ceasefire.batch.analysis.one_at_a_time import oat_table
    from ceasefire.model.parameters import lookup

    design = build_design("oat", [parse_vary(t) for t in FACTORS[:2]], 1, 0)
    out = tmp_path / "oat"
    fake_sweep(out, "oat", 1, design=design)
    table = oat_table(
        pd.read_csv(out / "design.csv"),
        pd.read_csv(out / "runs.csv"),
        ("mean_weekly_fatalities", "ceasefire_held"),
    )
    deaths = table[table["output"] == "mean_weekly_fatalities"].set_index(["parameter", "level"])
    assert deaths.loc[("baseline", ""), "difference"] == 0.0
    assert deaths.loc[("fatf_offer", "1"), "difference"] == pytest.approx(3.0)
    restraint = lookup("india_restraint").default
    assert deaths.loc[("india_restraint", "1"), "difference"] == pytest.approx(1 - restraint)
    assert deaths.loc[("fatf_offer", "1"), "pairs"] == REPS
    held = table[table["output"] == "ceasefire_held"]
    assert (held["mean"] == 0).all() and (held["mean_high"] > 0).all()  # Wilson, not t


def test_one_at_a_time_refuses_other_designs(sobol_dir):
    from ceasefire.batch.analysis.one_at_a_time import analyze_oat

    with pytest.raises(ParameterError, match="used design 'sobol'; --method oat needs"):
        analyze_oat(sobol_dir)
