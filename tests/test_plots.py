"""Charts of a sweep (``batch/analysis``: charts, summaries, levels, stats) on synthetic sweeps
with known effects."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from ceasefire.batch import main, plot_sweep
from ceasefire.batch.analysis import summaries
from ceasefire.batch.analysis.charts import _heatmap_pair
from ceasefire.batch.analysis.levels import QUANTILE_BINS, resolve_column
from ceasefire.batch.analysis.summaries import effect_table, load_sweep, timeseries_table
from ceasefire.batch.io.reading import csv_header, undocumented_columns
from ceasefire.model import ParameterError
from ceasefire.model.outputs import (
    RUN_COLUMNS,
    STEP_COLUMNS,
    csv_row,
    names,
)
from ceasefire.model.parameters import DEFAULTS

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STEPS = 6
# Replication offsets with the same sample variance (2.5) for 5 and for 3 replications.
NOISE = {5: [-2.0, -1.0, 0.0, 1.0, 2.0], 3: [-(2.5**0.5), 0.0, 2.5**0.5]}
GRID = {"fatf_offer": [0.0, 0.5, 1.0], "withdrawal_week": [28, 52, None]}


def fatalities(point: dict, noise: float) -> float:
    """Known effects: +40 per unit of fatf_offer, +10 when the troops stay."""
    stay = point.get("withdrawal_week", 28) is None
    return 100.0 + 40.0 * point.get("fatf_offer", 0.0) + 10.0 * stay + noise


def progress(point: dict, noise: float) -> float:
    return 0.2 + 0.5 * point.get("fatf_offer", 0.0) + 0.01 * noise


def run_row(run_id: int, design_point: int, rep: int, point: dict, noise: float) -> dict:
    """A runs.csv row; a cease-fire begins in even replications when fatf_offer >= 0.5."""
    row = csv_row(DEFAULTS | point)
    ceasefire = point.get("fatf_offer", 0) >= 0.5 and rep % 2 == 0
    return row | {
        "run_id": run_id,
        "design_point": design_point,
        "replication": rep,
        "seed": 1000 + rep,
        "mean_weekly_fatalities": fatalities(point, noise),
        "final_negotiation_progress": progress(point, noise),
        "weeks_to_ceasefire": 30 + rep if ceasefire else None,
        "status": "ok",
        "error": None,
    }


def week_rows(run_id: int, point: dict, noise: float) -> list[dict]:
    """steps.csv rows of one run: fatalities rise by 1 a week, progress grows linearly."""
    start = pd.Timestamp("2021-02-12")
    return [
        {
            "run_id": run_id,
            "step": step,
            "date": (start + pd.Timedelta(weeks=step - 1)).date().isoformat(),
            "fatalities": fatalities(point, noise) + step,
            "negotiation_progress": progress(point, noise) * step / STEPS,
        }
        for step in range(1, STEPS + 1)
    ]


def make_sweep(
    root: Path,
    factors: dict[str, list],
    reps: int = 5,
    steps: bool = True,
    metadata: bool = True,
) -> Path:
    """Write runs.csv, steps.csv and metadata.json of a synthetic full-factorial sweep.

    One failed run with absurd values is added; it must be ignored.
    """
    root.mkdir(parents=True, exist_ok=True)
    combos = itertools.product(*factors.values())
    points = [dict(zip(factors, combo, strict=True)) for combo in combos]
    runs, weeks = [], []
    for design_point, point in enumerate(points):
        for rep in range(reps):
            noise = NOISE[reps][rep] if reps in NOISE else float(rep)
            run_id = design_point * reps + rep
            runs.append(run_row(run_id, design_point, rep, point, noise))
            weeks += week_rows(run_id, point, noise)
    absurd = {"mean_weekly_fatalities": 1e9, "final_negotiation_progress": 1e9}
    runs.append(runs[0] | absurd | {"run_id": 10_000, "status": "error", "error": "ValueError"})
    weeks.append(weeks[0] | {"run_id": 10_000, "fatalities": 1e9})
    pd.DataFrame(runs).reindex(columns=names(RUN_COLUMNS)).to_csv(root / "runs.csv", index=False)
    if steps:
        table = pd.DataFrame(weeks).reindex(columns=names(STEP_COLUMNS))
        table.to_csv(root / "steps.csv", index=False)
    if metadata:
        design = {"kind": "grid", "factors": [{"name": n, "levels": v} for n, v in factors.items()]}
        (root / "metadata.json").write_text(json.dumps({"design": design}))
    return root


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, keep_default_na=False, na_values=[""])


def assert_png(path: Path) -> None:
    assert path.read_bytes()[:8] == PNG_SIGNATURE
    image = matplotlib.image.imread(path)
    assert image.ndim == 3 and image.shape[0] > 300 and image.shape[1] > 300


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """2 factors x 3 levels x 5 replications, plotted with the defaults."""
    root = make_sweep(tmp_path_factory.mktemp("grid") / "sweep", GRID)
    return root, plot_sweep(root)


def test_every_chart_and_its_csv_is_written(grid):
    root, written = grid
    stems = ["violence_vs_negotiation", "lever_effects", "timeseries", "heatmap"]
    assert written == [root / "plots" / f"{s}.{e}" for s in stems for e in ("png", "csv")]
    for path in written:
        assert path.is_file() and path.stat().st_size > 0
        if path.suffix == ".png":
            assert_png(path)
    assert sorted(p.name for p in (root / "plots").iterdir()) == sorted(p.name for p in written)


def test_scatter_has_every_ok_run_and_level_means_per_stratum(grid):
    root, _ = grid
    table = read(root / "plots" / "violence_vs_negotiation.csv")
    points = table[table["kind"] == "run"]
    # 9 design points x 5 replications; the failed run 10000 is left out.
    assert sorted(points["run_id"]) == list(range(45))
    assert (table["color_lever"] == "fatf_offer").all()  # default: first factor
    # Default: one panel per level of the other factor (withdrawal_week), in level order.
    strata = ["withdrawal_week=28", "withdrawal_week=52", "withdrawal_week=none"]
    assert list(dict.fromkeys(table["stratum"])) == strata
    means = table[table["kind"] == "level_mean"].set_index(["stratum", "level_value"])
    assert len(means) == 9 and (means["n"] == 5).all()
    # Within a panel, +40 per unit of fatf_offer; +10 in the panel where the troops stay.
    for stratum, stay in zip(strata, (0, 0, 10), strict=True):
        np.testing.assert_allclose(
            means.loc[stratum].loc[[0.0, 0.5, 1.0], "mean_weekly_fatalities"],
            [100 + stay, 120 + stay, 140 + stay],
        )
        np.testing.assert_allclose(
            means.loc[stratum].loc[[0.0, 0.5, 1.0], "final_negotiation_progress"],
            [0.2, 0.45, 0.7],
        )
    for axis in ("mean_weekly_fatalities", "final_negotiation_progress"):
        assert (means[f"{axis}_low"] < means[axis]).all()


def test_scatter_pools_the_runs_when_asked(tmp_path):
    root = make_sweep(tmp_path / "s", GRID, steps=False)
    plot_sweep(root, by=())
    table = read(root / "plots" / "violence_vs_negotiation.csv")
    assert (table["stratum"] == "all runs").all()
    means = table[table["kind"] == "level_mean"].set_index("level_value")
    # +40 per unit of fatf_offer, +10 in the third of the runs where the troops stay.
    expected = {0.0: 100 + 10 / 3, 0.5: 120 + 10 / 3, 1.0: 140 + 10 / 3}
    np.testing.assert_allclose(
        means.loc[list(expected), "mean_weekly_fatalities"], [*expected.values()]
    )
    assert (means["n"] == 15).all()


def test_stratifying_undoes_a_simpsons_paradox(tmp_path):
    """Within each price stratum violence falls with progress; pooled, it seems to rise."""
    root = make_sweep(tmp_path / "s", {"sst_threat": [0.0, 1.0], "fatf_offer": [0.0, 1.0]})
    runs = pd.read_csv(root / "runs.csv")
    high = runs["fatf_offer"] == 1.0  # the stratum with more progress and more violence
    runs["final_negotiation_progress"] = 0.2 * runs["sst_threat"] + 0.6 * high
    runs["mean_weekly_fatalities"] = 100 - 10 * runs["sst_threat"] + 100 * high
    runs.to_csv(root / "runs.csv", index=False)
    plot_sweep(root, color_by="sst_threat", by=["fatf_offer"])
    means = read(root / "plots" / "violence_vs_negotiation.csv").query("kind == 'level_mean'")
    for _, panel in means.groupby("stratum"):
        panel = panel.sort_values("level_value")
        assert panel["final_negotiation_progress"].diff().iloc[1] > 0
        assert panel["mean_weekly_fatalities"].diff().iloc[1] < 0
    plot_sweep(root, color_by="fatf_offer", by=())
    pooled = read(root / "plots" / "violence_vs_negotiation.csv").query("kind == 'level_mean'")
    pooled = pooled.sort_values("level_value")
    assert pooled["mean_weekly_fatalities"].diff().iloc[1] > 0  # the artefact


def test_default_strata_are_capped(tmp_path):
    factors = {"fatf_offer": [0.0, 1.0], "sst_threat": [0.0, 0.5, 1.0], "csf_release": [0, 1]}
    factors["withdrawal_week"] = [28, 52, None]
    root = make_sweep(tmp_path / "s", factors, reps=1, steps=False)
    plot_sweep(root)  # 3 x 2 x 3 = 18 panels: too many, so one pooled panel
    table = read(root / "plots" / "violence_vs_negotiation.csv")
    assert (table["stratum"] == "all runs").all()
    with pytest.raises(ParameterError, match="gives 18 panels, at most 12"):
        plot_sweep(root, by=["sst_threat", "csf_release", "withdrawal_week"])


@pytest.mark.parametrize(
    ("by", "needle"),
    [
        ("nope", "cannot stratify by 'nope': allowed .*: withdrawal_week; or 'none'"),
        ("fatf_offer", "cannot stratify by 'fatf_offer'"),  # it colours the runs
        ("withdrawal_week,withdrawal_week", "'withdrawal_week' is named twice"),
        (",", "--by takes comma-separated factors or 'none'"),
    ],
)
def test_bad_strata_are_refused_in_one_line(tmp_path, capsys, by, needle):
    root = make_sweep(tmp_path / "s", GRID, reps=3, steps=False)
    assert main(["plot", str(root), "--by", by]) == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1
    assert re.search(needle, error), error
    assert not (root / "plots").exists()


def test_lever_effects_means_and_intervals(grid):
    root, _ = grid
    table = read(root / "plots" / "lever_effects.csv")
    assert list(table.columns[:2]) == ["factor", "level"]
    assert {"factor", "level", "output", "n", "mean", "low", "high"} <= set(table.columns)
    assert list(table["factor"].unique()) == ["fatf_offer", "withdrawal_week"]
    runs = read(root / "runs.csv").query("status == 'ok'")
    fatf = table[(table["factor"] == "fatf_offer") & (table["output"] == "mean_weekly_fatalities")]
    np.testing.assert_allclose(fatf["mean"], [100 + 10 / 3, 120 + 10 / 3, 140 + 10 / 3])
    # t interval over the 15 runs at the level.
    values = runs.loc[runs["fatf_offer"] == 0.0, "mean_weekly_fatalities"]
    half = stats.t.ppf(0.975, 14) * values.std(ddof=1) / np.sqrt(15)
    np.testing.assert_allclose(
        fatf[["low", "high"]].iloc[0], [values.mean() - half, values.mean() + half]
    )
    # The empty withdrawal week is its own level, labelled "none", placed last.
    stay = table[
        (table["factor"] == "withdrawal_week") & (table["output"] == "mean_weekly_fatalities")
    ]
    assert list(stay["level"]) == ["28", "52", "none"]
    np.testing.assert_allclose(stay["mean"], [120, 120, 130])
    # Share of runs with a cease-fire: Wilson interval.
    share = table[(table["factor"] == "fatf_offer") & (table["output"] == "ceasefire_share")]
    np.testing.assert_allclose(share["mean"], [0, 9 / 15, 9 / 15])
    assert (share["interval"] == "wilson").all()
    assert share["low"].iloc[0] == 0 and 0 < share["high"].iloc[0] < 0.3
    assert (share["low"] <= share["mean"]).all() and (share["mean"] <= share["high"]).all()


def test_interval_is_wider_with_fewer_replications(tmp_path):
    def widths(reps: int) -> pd.Series:
        root = make_sweep(tmp_path / str(reps), {"fatf_offer": [0.0, 1.0]}, reps=reps, steps=False)
        table = effect_table(load_sweep(root).runs, ["fatf_offer"])
        table = table[table["output"] == "mean_weekly_fatalities"]
        assert (table["n"] == reps).all()
        assert ((table["low"] < table["mean"]) & (table["mean"] < table["high"])).all()
        return (table["high"] - table["low"]).reset_index(drop=True)

    # Same sample variance, fewer replications: wider interval.
    assert (widths(3) > widths(5)).all()


def test_timeseries_means_per_step_and_level(grid):
    root, _ = grid
    table = read(root / "plots" / "timeseries.csv")
    rows = table[table["output"] == "fatalities"].set_index(["level_value", "step"])
    # Week s of a run: its mean weekly fatalities + s; the failed run (1e9) must not count.
    expected = {
        (fatf, step): 100 + 40 * fatf + 10 / 3 + step
        for fatf in (0.0, 0.5, 1.0)
        for step in range(1, STEPS + 1)
    }
    assert sorted(rows.index) == sorted(expected)
    np.testing.assert_allclose(rows.loc[list(expected), "mean"], list(expected.values()))
    assert (rows["n"] == 15).all()
    assert (rows["low"] < rows["mean"]).all() and (rows["mean"] < rows["high"]).all()
    assert table["date"].iloc[0] == "2021-02-12"


def test_timeseries_in_small_chunks_equals_one_read(grid, tmp_path, monkeypatch):
    root, _ = grid
    runs = load_sweep(root).runs
    whole = timeseries_table(root / "steps.csv", runs, "withdrawal_week")
    monkeypatch.setattr(summaries, "STEP_CHUNK_ROWS", 50)
    chunked = timeseries_table(root / "steps.csv", runs, "withdrawal_week")
    pd.testing.assert_frame_equal(whole, chunked, check_exact=False, rtol=1e-9)


def test_colour_lever_by_parameter_name(tmp_path):
    factors = {"pakistan_pressure": [0.2, 0.8], "sst_threat": [0.0, 1.0]}
    root = make_sweep(tmp_path / "s", factors, reps=3, steps=False)
    sweep = load_sweep(root)
    assert sweep.factors == ["pakistan_pressure_set", "sst_threat"]  # parameter -> column
    column = resolve_column(sweep.runs, "pakistan_pressure", "colour lever")
    assert column == "pakistan_pressure_set"
    assert _heatmap_pair(sweep.runs, None, sweep.factors) == tuple(sweep.factors)
    plot_sweep(root, color_by="sst_threat", heatmap=("sst_threat", "pakistan_pressure"))
    table = read(root / "plots" / "violence_vs_negotiation.csv")
    assert (table["color_lever"] == "sst_threat").all()
    heat = read(root / "plots" / "heatmap.csv")
    assert set(heat["lever_x"]) == {"sst_threat"}
    assert set(heat["lever_y"]) == {"pakistan_pressure_set"}


def test_heatmap_needs_two_levers(tmp_path):
    root = make_sweep(tmp_path / "one", {"fatf_offer": [0.0, 0.5, 1.0]}, reps=3, steps=False)
    plot_sweep(root, heatmap=("fatf_offer", "replication"))
    assert_png(root / "plots" / "heatmap.png")
    heat = read(root / "plots" / "heatmap.csv")
    cells = heat[heat["output"] == "mean_weekly_fatalities"]
    assert len(cells) == 9 and (cells["n"] == 1).all()
    assert cells[["low", "high"]].isna().all().all()  # one run per cell: no interval
    means = cells.groupby("level_x")["mean"].mean().sort_index()
    np.testing.assert_allclose(means, [100, 120, 140])
    # One factor and no explicit pair: no heat map, and the earlier one is removed.
    written = plot_sweep(root)
    assert [p.stem for p in written] == ["violence_vs_negotiation"] * 2 + ["lever_effects"] * 2
    assert sorted(p.name for p in (root / "plots").iterdir()) == sorted(p.name for p in written)


def test_sampled_design_is_binned(tmp_path):
    rng = np.random.default_rng(0)
    levels = sorted(rng.uniform(0, 1, 20).round(4))
    root = make_sweep(tmp_path / "lhs", {"fatf_offer": levels, "csf_release": [0.0, 1.0]}, reps=1)
    written = plot_sweep(root)
    assert {p.stem for p in written} == {
        "violence_vs_negotiation",
        "lever_effects",
        "timeseries",
        "heatmap",
    }
    effects = read(root / "plots" / "lever_effects.csv").query("output == 'mean_weekly_fatalities'")
    bins = effects[effects["factor"] == "fatf_offer"]
    assert len(bins) == QUANTILE_BINS and bins["binned"].all()
    assert bins["n"].sum() == 40
    assert (bins["bin_low"] <= bins["level_value"]).all() and (
        bins["level_value"] <= bins["bin_high"]
    ).all()
    assert bins["mean"].is_monotonic_increasing  # +40 per unit of fatf_offer
    means = read(root / "plots" / "violence_vs_negotiation.csv").query("kind == 'level_mean'")
    assert len(means) == 2 * QUANTILE_BINS  # the bins in each panel of csf_release


def test_no_factors(tmp_path):
    root = make_sweep(tmp_path / "single", {}, reps=4)
    written = plot_sweep(root)
    assert [p.name for p in written] == [
        "violence_vs_negotiation.png",
        "violence_vs_negotiation.csv",
        "timeseries.png",
        "timeseries.csv",
    ]
    table = read(root / "plots" / "violence_vs_negotiation.csv")
    assert table["color_lever"].isna().all()
    mean = table[table["kind"] == "level_mean"]
    assert len(mean) == 1 and mean["n"].iloc[0] == 4
    np.testing.assert_allclose(mean["mean_weekly_fatalities"], [101.5])  # noise 0, 1, 2, 3


def test_factors_inferred_without_metadata(tmp_path):
    root = make_sweep(
        tmp_path / "s", {"sst_threat": [0.0, 1.0]}, reps=2, steps=False, metadata=False
    )
    assert load_sweep(root).factors == ["sst_threat"]
    # A user's CSV design lists no factors: they are inferred too.
    (root / "metadata.json").write_text(json.dumps({"design": {"kind": "csv", "factors": []}}))
    assert load_sweep(root).factors == ["sst_threat"]


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"color_by": "no_such_lever"}, "no_such_lever"),
        ({"heatmap": ("fatf_offer", "bogus_lever")}, "bogus_lever"),
        ({"heatmap": ("fatf_offer", "fatf_offer")}, "fatf_offer"),
        ({"color_by": "hardliner_share"}, "'hardliner_share' has a single value"),
        ({"heatmap": ("fatf_offer", "hardliner_share")}, "'hardliner_share' has a single value"),
    ],
)
def test_bad_levers_are_refused(tmp_path, kwargs, needle):
    root = make_sweep(tmp_path / "s", {"fatf_offer": [0.0, 1.0]}, reps=2, steps=False)
    with pytest.raises(ParameterError, match=needle) as info:
        plot_sweep(root, **kwargs)
    assert "\n" not in str(info.value)
    assert not (root / "plots").exists()


def test_missing_inputs_are_refused(tmp_path):
    with pytest.raises(ParameterError, match="does not exist"):
        plot_sweep(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ParameterError, match=r"runs\.csv"):
        plot_sweep(tmp_path / "empty")


def test_no_successful_runs_is_refused(tmp_path):
    root = make_sweep(tmp_path / "s", {"fatf_offer": [0.0]}, reps=2, steps=False)
    runs = pd.read_csv(root / "runs.csv").assign(status="error")
    runs.to_csv(root / "runs.csv", index=False)
    with pytest.raises(ParameterError, match="no successful runs"):
        plot_sweep(root)


def test_bad_metadata_is_refused(tmp_path):
    root = make_sweep(tmp_path / "s", {"fatf_offer": [0.0, 1.0]}, reps=2, steps=False)
    (root / "metadata.json").write_text("{not json")
    with pytest.raises(ParameterError, match=r"metadata\.json"):
        plot_sweep(root)
    (root / "metadata.json").write_text(json.dumps({"design": {"factors": [{"name": "warp"}]}}))
    with pytest.raises(ParameterError, match="'warp'"):
        plot_sweep(root)


INTERVAL = ["n", "mean", "low", "high"]
PLOT_HEADERS = {
    "violence_vs_negotiation": [
        "kind", "run_id", "color_lever", "stratum", "level", "level_value", "n",
        "final_negotiation_progress", "final_negotiation_progress_low",
        "final_negotiation_progress_high", "mean_weekly_fatalities",
        "mean_weekly_fatalities_low", "mean_weekly_fatalities_high",
    ],
    "lever_effects": [
        "factor", "level", "level_value", "binned", "bin_low", "bin_high", "output", "interval",
        *INTERVAL,
    ],
    "timeseries": ["color_lever", "level", "level_value", "step", "date", "output", *INTERVAL],
    "heatmap": ["lever_x", "level_x", "lever_y", "level_y", "output", *INTERVAL],
}  # fmt: skip
"""The columns of the chart tables as documented in docs/codebook.md, written out by hand."""


def test_plot_tables_follow_the_codebook(tmp_path):
    root = make_sweep(tmp_path / "s", {"fatf_offer": [0.0, 1.0], "sst_threat": [0.0, 1.0]}, reps=2)
    plot_sweep(root)
    headers = {path.stem: csv_header(path) for path in (root / "plots").glob("*.csv")}
    assert headers == PLOT_HEADERS
    assert undocumented_columns(root) == {}
    effects = pd.read_csv(root / "plots" / "lever_effects.csv")
    assert set(effects["binned"]) == {0}  # booleans as 0/1


def _unfinished(tmp_path: Path) -> Path:
    """A 3-point x 2-replication sweep that was killed after 2 of its 6 runs."""
    root = make_sweep(tmp_path / "s", {"fatf_offer": [0.0, 0.5, 1.0]}, reps=2)
    record = json.loads((root / "metadata.json").read_text())
    record |= {"design_points": 3, "spec": {"reps": 2}}
    (root / "metadata.json").write_text(json.dumps(record))
    runs = pd.read_csv(root / "runs.csv")
    runs[runs["run_id"] < 2].to_csv(root / "runs.csv", index=False)
    return root


def test_an_unfinished_sweep_is_refused_without_partial(tmp_path, capsys):
    root = _unfinished(tmp_path)
    assert main(["plot", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"'{root}' holds 2 of the 6 runs of its sweep" in err and "--partial" in err
    assert "--resume" in err
    assert not (root / "plots").exists()


def test_partial_charts_an_unfinished_sweep_with_a_warning(tmp_path, capsys):
    root = _unfinished(tmp_path)
    assert main(["plot", str(root), "--partial"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("ceasefire: warning: ") and "holds 2 of the 6 runs" in err
    assert "charting 2 runs" in err
    assert len(read(root / "plots" / "violence_vs_negotiation.csv").query("kind == 'run'")) == 2


def test_a_finished_sweep_needs_no_partial(tmp_path, capsys):
    root = make_sweep(tmp_path / "s", {"fatf_offer": [0.0, 1.0]}, reps=2, steps=False)
    record = json.loads((root / "metadata.json").read_text())
    (root / "metadata.json").write_text(
        json.dumps(record | {"design_points": 2, "spec": {"reps": 2}})
    )
    assert plot_sweep(root)
    assert capsys.readouterr().err == ""


def test_a_file_is_not_a_sweep_directory(tmp_path):
    path = tmp_path / "runs.csv"
    path.write_text("run_id\n")
    with pytest.raises(ParameterError, match="is a file, not a sweep's output directory"):
        plot_sweep(path)
