"""Sweeps: seeds, streaming and recovery, resume after kill -9, failures, executors, Dask."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import expected_columns as expected
import numpy as np
import pandas as pd
import pytest

from ceasefire.batch import main
from ceasefire.batch.io.codebook import METADATA_JSON_KEYS
from ceasefire.batch.io.reading import undocumented_columns
from ceasefire.batch.sweep.executors import LocalPool
from ceasefire.batch.sweep.runner import RunResult, RunTask, execute
from ceasefire.batch.sweep.seeds import replication_seeds
from ceasefire.batch.sweep.sink import SweepWriter, recover
from ceasefire.model import CeasefireModel

SMALL = [
    "--vary", "pakistan_pressure=0,1",
    "--vary", "withdrawal_week=28,none",
    "--set", "map=coarse",
    "--reps", "2",
    "--steps", "6",
    "--seed", "11",
]  # fmt: skip
"""A 4-point grid x 2 replications of 6 weeks on the coarse map: 8 short runs."""


def sweep(out: Path, *extra: str, args: list[str] = SMALL) -> int:
    return main(["sweep", *args, "--out", str(out), *extra])


def sorted_table(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path)
    keys = [c for c in ("run_id", "step", "event_id") if c in frame.columns]
    return frame.sort_values(keys).reset_index(drop=True)


def assert_same_sweep(a: Path, b: Path, tables=("runs", "steps")) -> None:
    for table in tables:
        pd.testing.assert_frame_equal(
            sorted_table(a / f"{table}.csv"), sorted_table(b / f"{table}.csv")
        )


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The small sweep, run in this process."""
    out = tmp_path_factory.mktemp("reference") / "sweep"
    assert sweep(out, "--workers", "1") == 0
    return out


# =========================================================================== seeds
def test_replication_seeds_are_reproducible_distinct_and_below_2_53():
    seeds = replication_seeds(123, 50)
    assert seeds == replication_seeds(123, 50)
    assert len(set(seeds)) == 50
    assert all(0 <= s < 2**53 for s in seeds)
    assert replication_seeds(124, 5) != seeds[:5]
    assert replication_seeds(123, 3) == seeds[:3]  # more replications extend, never reshuffle


def test_common_random_numbers_across_design_points(reference):
    runs = pd.read_csv(reference / "runs.csv")
    seeds_by_point = runs.pivot(index="design_point", columns="replication", values="seed")
    assert (seeds_by_point.nunique(axis=0) == 1).all()  # same seed for a replication everywhere
    assert seeds_by_point.iloc[0].tolist() == replication_seeds(11, 2)


def test_one_task_builder_layers_parameters_and_shares_seeds_across_points():
    from ceasefire.batch.sweep.tasks import DesignPoint, build_tasks
    from ceasefire.model import load_scenario

    status_quo, stay = load_scenario("status_quo"), load_scenario("stay")
    points = [DesignPoint.of(status_quo, {"fatf_offer": 1.0}), DesignPoint.of(stay)]
    tasks = list(build_tasks(points, reps=3, seed=4, steps=5, outputs=("steps",), skip={1}))
    assert [(t.run_id, t.design_point, t.replication) for t in tasks] == [
        (0, 0, 0), (2, 0, 2), (3, 1, 0), (4, 1, 1), (5, 1, 2),
    ]  # fmt: skip
    assert [t.seed for t in tasks] == [replication_seeds(4, 3)[r] for r in (0, 2, 0, 1, 2)]
    assert tasks[0].parameters == {**status_quo.parameters, "fatf_offer": 1.0}
    assert tasks[-1].parameters == stay.parameters and tasks[-1].scenario == "stay"
    assert tasks[-1].timeline == tuple(stay.timeline.as_records())
    assert {t.steps for t in tasks} == {5} and {t.outputs for t in tasks} == {("steps",)}
    tasks[0].parameters["fatf_offer"] = 0.0  # one task's parameters are its own
    assert tasks[1].parameters["fatf_offer"] == 1.0


def test_the_task_builder_takes_design_points_lazily():
    from ceasefire.batch.sweep.tasks import DesignPoint, build_tasks

    def points():
        yield DesignPoint("a", {"fatf_offer": 0.0})
        raise AssertionError("a second point was built before the first point's runs were taken")

    first = build_tasks(points(), reps=2, seed=0, steps=1)
    assert [next(first).run_id, next(first).run_id] == [0, 1]


# =========================================================================== outputs
def test_sweep_writes_every_file_and_run(reference):
    for name in ("runs.csv", "steps.csv", "metadata.json", "datapackage.json", "design.csv"):
        assert (reference / name).is_file(), name
    runs = pd.read_csv(reference / "runs.csv")
    assert list(runs.columns) == expected.RUNS
    assert sorted(runs["run_id"]) == list(range(8))
    assert (runs["status"] == "ok").all()
    assert (runs["run_id"] == runs["design_point"] * 2 + runs["replication"]).all()
    steps = pd.read_csv(reference / "steps.csv")
    assert list(steps.columns) == expected.STEPS
    assert steps.groupby("run_id").size().tolist() == [6] * 8
    assert not (reference / "events.csv").exists()  # only the outputs asked for
    assert undocumented_columns(reference) == {}


def test_runs_match_a_direct_model_run(reference):
    runs = pd.read_csv(reference / "runs.csv").set_index("run_id")
    run = runs.loc[5]
    params = {"map": "coarse", "pakistan_pressure": float(run["pakistan_pressure_set"])}
    params["withdrawal_week"] = None if pd.isna(run["withdrawal_week"]) else 28
    model = CeasefireModel(params, seed=int(run["seed"]), run_id=5)
    for _ in range(6):
        model.step()
    fatalities = [r["fatalities"] for r in model.rows]
    assert run["mean_weekly_fatalities"] == pytest.approx(np.mean(fatalities))
    steps = pd.read_csv(reference / "steps.csv")
    assert steps.loc[steps["run_id"] == 5, "fatalities"].tolist() == fatalities


def test_metadata_records_provenance_and_design(reference):
    meta = json.loads((reference / "metadata.json").read_text())
    assert meta["version"] and "commit" in meta["git"] and "dirty" in meta["git"]
    assert meta["root_seed"] == 11
    assert meta["replication_seeds"] == replication_seeds(11, 2)
    assert meta["spec"]["reps"] == 2 and meta["spec"]["steps"] == 6
    assert meta["design"]["kind"] == "grid"
    assert meta["command"][:3] == ["ceasefire", "sweep", "--vary"]
    assert set(meta["dependencies"]) >= {"mesa", "numpy", "pandas", "SALib", "dask"}
    assert set(meta) == set(METADATA_JSON_KEYS)  # every key documented in the codebook


def test_local_pool_gives_the_same_results_as_in_process(reference, tmp_path):
    assert sweep(tmp_path / "pool", "--workers", "2") == 0
    assert_same_sweep(reference, tmp_path / "pool")


# =========================================================================== refusals
def test_non_empty_directory_is_refused_without_resume_or_overwrite(reference, tmp_path, capsys):
    out = tmp_path / "used"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert sweep(out, "--workers", "1") == 2
    assert "--resume" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_resume_with_a_different_spec_is_refused(reference, tmp_path, capsys):
    out = tmp_path / "copy"
    sweep(out, "--workers", "1")
    capsys.readouterr()
    before = (out / "runs.csv").read_bytes()
    args = [a if a != "6" else "7" for a in SMALL]  # --steps 7
    assert main(["sweep", *args, "--out", str(out), "--resume", "--workers", "1"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "different spec" in err and "steps" in err
    assert (out / "runs.csv").read_bytes() == before


def test_overwrite_replaces_a_sweep(reference, tmp_path):
    out = tmp_path / "again"
    sweep(out, "--workers", "1")
    assert sweep(out, "--workers", "1", "--overwrite") == 0
    assert_same_sweep(reference, out)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "nope=1,2"], "unknown parameter 'nope'"),
        (["--vary", "fatf_offer=0.8:0.2"], "fatf_offer"),
        (["--vary", "fatf_offer=0.5:0.5"], "fatf_offer"),
        (["--vary", "fatf_offer="], "fatf_offer"),
        (["--reps", "0"], "reps"),
        (["--design", "latin"], "design 'latin' is unknown"),
        (["--outputs", "steps,maps"], "maps"),
        (["--set", "fatf_offer=3"], "fatf_offer"),
        (["--vary", "fatf_offer=0,1", "--set", "fatf_offer=1"], "both"),
        (["--seed", str(2**53)], "seed"),
        (["--scheduler", "local:x"], "local:x"),
        (["--vary", "fatf_offer=0,1", "--vary", "fatf_offer=0.5"], "'fatf_offer' is varied twice"),
        (["--set", "fatf_offer=0", "--set", "fatf_offer=1"], "--set fatf_offer is given twice"),
        (["--vary", "fatf_offer=0:1:\u0663"], "number of levels"),  # Arabic-Indic 3
        (["--vary", "fatf_offer=0,\uff11"], "fatf_offer"),  # full-width 1
    ],
)
def test_bad_input_is_refused_before_any_run(tmp_path, capsys, args, message):
    out = tmp_path / "bad"
    code = main(["sweep", "--set", "map=coarse", "--steps", "3", *args, "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("ceasefire: error:") and err.count("\n") == 0
    assert message in err
    assert not out.exists()


@pytest.fixture
def refused_address():
    """A TCP address on this machine that refuses connections (bound, never listening)."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield f"tcp://127.0.0.1:{bound.getsockname()[1]}"


def test_a_refused_scheduler_is_refused_without_waiting_for_dask(
    refused_address, tmp_path, capsys, monkeypatch
):
    def no_retries(*args, **kwargs):  # Dask's Client retries a refused port for 20 s
        raise AssertionError("Dask was asked to connect to a port that refuses connections")

    monkeypatch.setattr("dask.distributed.Client", no_retries)
    out = tmp_path / "bad"
    code = main(["sweep", *SMALL, "--scheduler", refused_address, "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err.startswith("ceasefire: error: cannot connect") and err.count("\n") == 0
    assert "connection refused" in err and refused_address in err
    assert not out.exists()


def test_bad_spec_file_is_refused(tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text('reps = 2\ncolour = "red"\n')
    assert main(["sweep", str(spec), "--out", str(tmp_path / "o")]) == 2
    assert "colour" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("reps = 2.0", "reps must be an integer"),
        ('steps = "2"', "steps must be an integer"),
        ("steps = 1e1", "steps must be an integer"),
        ("seed = 1.0", "seed must be an integer"),
        ("samples = true", "samples must be an integer"),
        ("workers = 1.5", "workers must be an integer"),
        ("[vary]\nfatf_offer = { low = 0, high = 1, n = 3.0 }", "number of levels 3.0"),
    ],
)
def test_spec_file_integers_must_be_toml_integers(tmp_path, capsys, line, message):
    """The file's integers pass the command line's rule: ``--reps 2.0`` is refused, so is this."""
    spec = tmp_path / "spec.toml"
    spec.write_text(f'{line}\n[set]\nmap = "coarse"\n' if "[" not in line else f"{line}\n")
    out = tmp_path / "o"
    assert main(["sweep", str(spec), "--steps", "2", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ceasefire: error:") and err.count("\n") == 1 and message in err
    assert not out.exists()


def test_timeline_change_after_the_last_week_is_refused(tmp_path, capsys):
    scenario = tmp_path / "late.toml"
    scenario.write_text("[[timeline]]\nweek = 9\nset = { fatf_offer = 1 }\n")
    out = tmp_path / "o"
    args = ["sweep", "--scenario", str(scenario), "--set", "map=coarse", "--steps", "8"]
    assert main([*args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "scenario 'late'" in err and "fatf_offer in week 9" in err and "8 weeks" in err
    assert not out.exists()


def test_spec_file_and_flags_merge(tmp_path):
    spec = tmp_path / "spec.toml"
    spec.write_text(
        'reps = 5\nsteps = 4\nseed = 3\n[set]\nmap = "coarse"\n'
        "[vary]\npakistan_pressure = [0.0, 1.0]\n"
    )
    out = tmp_path / "merged"
    assert main(["sweep", str(spec), "--reps", "1", "--workers", "1", "--out", str(out)]) == 0
    runs = pd.read_csv(out / "runs.csv")
    assert len(runs) == 2 and (runs["map"] == "coarse").all()  # reps from the flag
    assert sorted(runs["pakistan_pressure_set"]) == [0.0, 1.0]


# =========================================================================== failures
def test_a_failing_run_is_recorded_and_the_sweep_goes_on(tmp_path, monkeypatch, capsys):
    original = CeasefireModel.step

    def step(self):
        if self.params["pakistan_pressure"] == 1.0 and self.run_id % 2 == 0:
            raise RuntimeError(f"boom, in week {self.steps}")
        original(self)

    monkeypatch.setattr(CeasefireModel, "step", step)
    out = tmp_path / "failing"
    assert sweep(out, "--workers", "1") == 3
    runs = pd.read_csv(out / "runs.csv").set_index("run_id")
    failed = runs[runs["status"] == "error"]
    assert len(failed) == 2 and len(runs) == 8
    assert failed["error"].str.contains("RuntimeError: boom, in week 1").all()
    assert failed["mean_weekly_fatalities"].isna().all()
    assert failed["pakistan_pressure_set"].eq(1.0).all()  # parameters recorded all the same
    steps = pd.read_csv(out / "steps.csv")
    assert set(steps["run_id"]) == set(runs.index[runs["status"] == "ok"])
    assert "2 failed" in capsys.readouterr().out


def test_retry_failed_reruns_only_the_failed_runs(reference, tmp_path, monkeypatch):
    original = CeasefireModel.step

    def step(self):
        if self.run_id in (1, 6):
            raise RuntimeError("transient")
        original(self)

    monkeypatch.setattr(CeasefireModel, "step", step)
    out = tmp_path / "retry"
    assert sweep(out, "--workers", "1") == 3
    assert sweep(out, "--retry-failed", "--workers", "1") == 2  # needs --resume
    assert sweep(out, "--resume", "--workers", "1") == 3  # plain resume keeps the failures
    monkeypatch.setattr(CeasefireModel, "step", original)
    assert sweep(out, "--resume", "--retry-failed", "--workers", "1") == 0
    assert_same_sweep(out, reference)
    resumes = json.loads((out / "metadata.json").read_text())["resumes"]
    assert [r["retry_failed"] for r in resumes] == [False, True]


def test_execute_turns_exceptions_into_error_rows():
    task = RunTask(3, 1, 1, 7, {"map": "coarse", "lethality": -1}, (), 2, ("steps",), "status_quo")
    result = execute(task)
    assert isinstance(result, RunResult) and not result.ok
    assert result.row["status"] == "error" and "lethality" in result.row["error"]


# =========================================================================== recovery
def test_recover_drops_uncommitted_and_half_written_rows(reference, tmp_path):
    out = tmp_path / "crashed"
    out.mkdir()
    runs = (reference / "runs.csv").read_text().splitlines(keepends=True)
    steps = (reference / "steps.csv").read_text().splitlines(keepends=True)
    committed = {int(line.split(",")[0]) for line in runs[1:4]}
    (out / "runs.csv").write_text("".join(runs[:4]) + runs[4][:15])  # a cut last line
    (out / "steps.csv").write_text("".join(steps) + steps[-1][:9])
    assert recover(out, ["steps"]) == committed
    kept = pd.read_csv(out / "steps.csv")
    assert set(kept["run_id"]) == committed
    assert len(kept) == 6 * len(committed)
    assert (out / "runs.csv").read_text() == "".join(runs[:4])


def test_writer_appends_tables_before_the_commit_marker(tmp_path):
    task = RunTask(0, 0, 0, 1, {"map": "coarse"}, (), 2, ("steps", "events"), "status_quo")
    with SweepWriter(tmp_path, ("steps", "events")) as writer:
        writer.write(execute(task))
    frames = {t: pd.read_csv(tmp_path / f"{t}.csv") for t in ("runs", "steps", "events")}
    assert frames["runs"]["run_id"].tolist() == [0]
    assert frames["steps"]["run_id"].tolist() == [0, 0]
    assert (frames["events"]["run_id"] == 0).all()


def committed_rows(out: Path) -> int:
    path = out / "runs.csv"
    if not path.exists():
        return 0
    return max(0, sum(line.endswith("\n") for line in path.read_text().splitlines(True)) - 1)


def kill_when(command: list[str], out: Path, rows: int) -> None:
    """Start the sweep and SIGKILL it as soon as ``rows`` runs are committed."""
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while committed_rows(out) < rows and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def default_signals() -> None:
    """In a child: Ctrl-C and SIGTERM as a terminal delivers them.

    A test run started in the background (nohup, `&` in a script) ignores SIGINT, children
    inherit that, and ``ceasefire`` keeps an ignored signal ignored: undo it.
    """
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_DFL)


@pytest.mark.parametrize(
    ("signum", "status", "said"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated (SIGTERM)")],
)
def test_ctrl_c_or_sigterm_mid_sweep_hints_at_resume_which_finishes_it(
    reference, tmp_path, signum, status, said
):
    """A batch scheduler ends a job with SIGTERM: the same hint as Ctrl-C, and resumable."""
    out = tmp_path / "signalled"
    command = [sys.executable, "-m", "ceasefire.batch.cli.main", "sweep", *SMALL, "--out", str(out)]
    command += ["--workers", "2"]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    deadline = time.monotonic() + 120
    while committed_rows(out) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(process.pid, signum)
    _, err = process.communicate(timeout=120)
    assert committed_rows(out) < 8, "the signal should land mid-sweep"
    assert process.returncode == status, err
    assert f"ceasefire: {said}; finish it with --resume" in err.splitlines()
    done = subprocess.run([*command, "--resume"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert_same_sweep(reference, out)
    assert pd.read_csv(out / "runs.csv")["run_id"].is_unique


def test_a_full_disk_exits_4_and_the_sweep_can_be_resumed(reference, tmp_path, monkeypatch, capsys):
    """A full disk is the environment's failure (4), not bad input (2); --resume finishes."""
    append = SweepWriter._append
    rows = []

    def fill_up(self, table, text):
        if table == "runs":
            rows.append(text)
            if len(rows) > 3:  # the header and three runs fit
                path = out / "runs.csv"
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        append(self, table, text)

    out = tmp_path / "full"
    monkeypatch.setattr(SweepWriter, "_append", fill_up)
    assert sweep(out, "--workers", "1") == 4
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == f"ceasefire: error: No space left on device: '{out / 'runs.csv'}'; " + (
        "finish it with --resume"
    )
    monkeypatch.setattr(SweepWriter, "_append", append)
    assert sweep(out, "--workers", "1", "--resume") == 0
    assert_same_sweep(reference, out)


def test_kill_9_then_resume_gives_the_uninterrupted_sweep(reference, tmp_path):
    """Kill the sweep mid-way twice; --resume must complete it with every run exactly once."""
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "ceasefire.batch.cli.main", "sweep", *SMALL, "--out", str(out)]
    command += ["--workers", "2", "--resume"]
    kill_when(command, out, rows=2)
    first = committed_rows(out)
    assert 2 <= first < 8, "the first kill should land mid-sweep"
    kill_when(command, out, rows=first + 2)
    assert committed_rows(out) < 8, "the second kill should land mid-sweep"
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert_same_sweep(reference, out)
    assert pd.read_csv(out / "runs.csv")["run_id"].is_unique


# =========================================================================== dask
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dask_cluster():
    """A real Dask scheduler and two worker processes on 127.0.0.1."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    dask = Path(sys.executable).with_name("dask")
    common = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    local = ["--host", "127.0.0.1", "--dashboard-address", ":0"]
    scheduler = subprocess.Popen([str(dask), "scheduler", "--port", str(port), *local], **common)
    worker = [str(dask), "worker", address, "--nthreads", "1", "--no-nanny", *local]
    workers = [subprocess.Popen(worker, **common) for _ in range(2)]
    from dask.distributed import Client

    deadline = time.monotonic() + 60
    while True:
        try:
            with Client(address, timeout="5s") as client:
                client.wait_for_workers(2, timeout=30)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    yield address
    for process in [*workers, scheduler]:
        process.terminate()
    for process in [*workers, scheduler]:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_dask_cluster_gives_the_same_results_as_the_local_pool(reference, dask_cluster, tmp_path):
    out = tmp_path / "dask"
    assert sweep(out, "--scheduler", dask_cluster) == 0
    assert_same_sweep(reference, out)
    meta = json.loads((out / "metadata.json").read_text())
    assert meta["executor"]["scheduler"] == dask_cluster


# =========================================================================== plot, analyze
def test_plot_command_charts_a_sweep(reference, capsys):
    assert main(["plot", str(reference), "--color-by", "withdrawal_week"]) == 0
    plots = reference / "plots"
    for stem in ("violence_vs_negotiation", "lever_effects", "timeseries", "heatmap"):
        assert (plots / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", stem
        assert len(pd.read_csv(plots / f"{stem}.csv")) > 0, stem
    assert main(["plot", str(reference), "--color-by", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_morris_sweep_then_analyze(tmp_path):
    out = tmp_path / "morris"
    args = ["--design", "morris", "--samples", "2", "--vary", "fatf_offer=0:1"]
    args += ["--vary", "withdrawal_week=10:40", "--set", "map=coarse", "--steps", "4"]
    assert main(["sweep", *args, "--reps", "1", "--workers", "1", "--out", str(out)]) == 0
    assert len(pd.read_csv(out / "runs.csv")) == 2 * (2 + 1)  # trajectories x (factors + 1)
    assert main(["analyze", str(out), "--method", "morris"]) == 0
    table = pd.read_csv(out / "sensitivity_morris.csv")
    assert set(table["parameter"]) == {"fatf_offer", "withdrawal_week"}
    assert {"mu_star", "mu_star_conf", "sigma"} <= set(table.columns)
    assert (out / "sensitivity_morris.png").is_file()
    assert main(["analyze", str(out), "--method", "sobol"]) == 2  # not a Sobol design


def test_oat_sweep_then_analyze(tmp_path):
    out = tmp_path / "oat"
    args = ["--design", "oat", "--vary", "taliban_war_price=1:10", "--set", "map=coarse"]
    assert (
        main(["sweep", *args, "--steps", "4", "--reps", "2", "--workers", "1", "--out", str(out)])
        == 0
    )
    assert len(pd.read_csv(out / "runs.csv")) == 3 * 2  # baseline and two levels x replications
    assert main(["analyze", str(out), "--method", "oat"]) == 0
    table = pd.read_csv(out / "sensitivity_oat.csv", keep_default_na=False)
    assert list(table["parameter"].unique()) == ["baseline", "taliban_war_price"]
    assert set(table["level"]) == {"", "1", "10"}
    assert (out / "sensitivity_oat.png").is_file()
    assert main(["analyze", str(out), "--method", "morris"]) == 2  # not a Morris design


# =========================================================================== dead workers
def pool_tasks(seed: int, count: int = 6) -> list[RunTask]:
    return [
        RunTask(i, i, 0, seed, {"map": "coarse"}, (), 2, (), "status_quo") for i in range(count)
    ]


def test_local_pool_survives_a_dead_worker_and_says_so(capsys):
    from crashing import crash_once, marker

    tasks = pool_tasks(seed=time.time_ns() % 2**40)
    failures = []
    pool = LocalPool(2, failures.append)
    try:
        results = list(pool.run(crash_once, tasks))
    finally:
        pool.close()
    assert marker(tasks[0]).exists()  # a worker really died
    marker(tasks[0]).unlink()
    assert sorted(r.run_id for r in results) == list(range(6))
    assert all(r.ok for r in results)
    [failure] = failures
    assert 3 in failure.rerun and failure.failed == ()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", failure.time)
    err = capsys.readouterr().err.splitlines()
    assert err == [failure.message()]
    assert re.fullmatch(r"ceasefire: a worker process died; run\(s\) [\d, ]*\b3\b[\d, ]* "
                        r"were in flight and will be rerun", err[0])  # fmt: skip


def test_a_run_that_kills_its_worker_twice_is_recorded_as_failed(capsys):
    from crashing import crash_always

    failures = []
    pool = LocalPool(2, failures.append)
    try:
        results = {r.run_id: r for r in pool.run(crash_always, pool_tasks(seed=5))}
    finally:
        pool.close()
    assert sorted(results) == list(range(6))
    assert not results[3].ok and "died twice" in results[3].row["error"]
    assert results[0].ok
    assert len(failures) == 2 and 3 in failures[0].rerun and 3 in failures[1].failed
    assert "were lost twice and are recorded as failed" in capsys.readouterr().err


def test_runs_refused_by_a_pool_that_just_broke_are_rerun(capsys):
    """A worker's death breaks the pool between two submissions: submit raises, nothing is lost."""
    pool = LocalPool(2)
    try:
        pool.pool._broken = "a worker died"  # what the pool's manager thread sets when one dies
        results = list(pool.run(execute, pool_tasks(seed=1, count=3)))
    finally:
        pool.close()
    assert sorted(r.run_id for r in results) == [0, 1, 2]
    assert all(r.ok for r in results)
    assert "will be rerun" in capsys.readouterr().err
    assert not pool.unsent


def test_a_dead_worker_is_recorded_in_metadata_json(reference, tmp_path, monkeypatch, capsys):
    from crashing import crash_once, marker

    class CrashingPool(LocalPool):
        """The sweep's pool, running crash_once (which kills the worker of run 3 once)."""

        def run(self, fn, tasks):
            return super().run(crash_once, tasks)

    monkeypatch.setattr(
        "ceasefire.batch.sweep.engine.make_executor",
        lambda workers, scheduler, on_failure: CrashingPool(workers, on_failure),
    )
    run_3 = RunTask(3, 1, 1, replication_seeds(11, 2)[1], {}, (), 6, (), "status_quo")
    marker(run_3).unlink(missing_ok=True)
    out = tmp_path / "dead_worker"
    try:
        assert sweep(out, "--workers", "2") == 0
        assert marker(run_3).exists()  # the worker really died
    finally:
        marker(run_3).unlink(missing_ok=True)
    [failure] = json.loads((out / "metadata.json").read_text())["worker_failures"]
    assert 3 in failure["rerun"] and failure["failed"] == [] and failure["time"]
    assert "ceasefire: a worker process died; run(s) " in capsys.readouterr().err
    assert_same_sweep(reference, out)


def test_closing_a_pool_with_runs_in_flight_stops_them_at_once():
    """An interrupted sweep drops the runs in flight: their workers are killed, not awaited."""
    from crashing import finish_slowly, finished

    tasks = pool_tasks(seed=time.time_ns() % 2**40, count=4)
    pool = LocalPool(2)
    try:
        for result in pool.run(finish_slowly, tasks):
            assert result.run_id == 0
            break  # stop consuming, as an interrupted sweep does: runs 1 and 2 are in flight
    finally:
        pool.close()
    assert [task.run_id for task in tasks if finished(task).exists()] == []


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (from /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc (Linux)")
def test_killing_the_coordinator_leaves_no_process_behind(tmp_path):
    out = tmp_path / "orphans"
    args = [a if a != "6" else "40" for a in SMALL]  # longer runs
    command = [sys.executable, "-m", "ceasefire.batch.cli.main", "sweep", *args, "--out", str(out)]
    process = subprocess.Popen([*command, "--workers", "2"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    helpers: set[int] = set()
    while len(helpers) < 3 and time.monotonic() < deadline:  # forkserver and two workers
        helpers = descendants(process.pid)
        time.sleep(0.1)
    assert len(helpers) >= 3, helpers
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in helpers if alive(pid)]


def test_output_under_a_file_is_refused_without_traceback(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert sweep(blocker / "sweep", "--workers", "1") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ceasefire: error:") and err.count("\n") == 0
    assert "Traceback" not in err


# =========================================================================== review fixes
def test_csv_design_from_the_command_line(tmp_path):
    design = tmp_path / "design.csv"
    design.write_text("fatf_offer,withdrawal_week\n0.5,28\n1,\n")
    out = tmp_path / "csv"
    args = ["--design", f"csv:{design}", "--set", "map=coarse", "--steps", "3", "--reps", "2"]
    assert main(["sweep", *args, "--workers", "1", "--out", str(out)]) == 0
    runs = pd.read_csv(out / "runs.csv")
    assert runs["fatf_offer"].tolist() == [0.5, 0.5, 1.0, 1.0]
    assert runs["withdrawal_week"].isna().tolist() == [False, False, True, True]
    design.write_text("fatf_offer,withdrawal_week\n0.5,28\n0.9,\n")  # edited afterwards
    assert main(["sweep", *args, "--workers", "1", "--out", str(out), "--resume"]) == 2


def test_failed_overwrite_keeps_the_previous_sweep(reference, tmp_path, refused_address):
    out = tmp_path / "keep"
    sweep(out, "--workers", "1")
    before = (out / "runs.csv").read_bytes()
    assert sweep(out, "--overwrite", "--scheduler", refused_address) == 2  # unreachable
    assert (out / "runs.csv").read_bytes() == before


def test_resume_keeps_the_original_provenance(tmp_path):
    out = tmp_path / "prov"
    sweep(out, "--workers", "1")
    assert sweep(out, "--workers", "2", "--resume") == 0
    meta = json.loads((out / "metadata.json").read_text())
    assert "--resume" not in meta["command"]
    assert meta["executor"]["workers"] == 1
    assert len(meta["resumes"]) == 1 and "--resume" in meta["resumes"][0]["command"]


def test_a_locked_directory_is_refused(tmp_path, capsys):
    from ceasefire.batch.sweep.engine import locked

    out = tmp_path / "busy"
    sweep(out, "--workers", "1")
    with locked(out):
        assert sweep(out, "--workers", "1", "--resume") == 2
    assert "another sweep" in capsys.readouterr().err


def test_argument_errors_are_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["sweep", "--resume", "--overwrite"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("ceasefire: error:") and err.count("\n") == 1


def test_datapackage_declares_design_csv_and_validates(reference):
    frictionless = pytest.importorskip("frictionless")
    descriptor = json.loads((reference / "datapackage.json").read_text())
    design = next(r for r in descriptor["resources"] if r["name"] == "design")
    fields = [f["name"] for f in design["schema"]["fields"]]
    assert fields == list(pd.read_csv(reference / "design.csv").columns)
    # one name per meaning: the pressure as set is pakistan_pressure_set in design and runs
    assert fields == ["design_point", "pakistan_pressure_set", "withdrawal_week"]
    assert "pakistan_pressure_set" in pd.read_csv(reference / "runs.csv").columns
    report = frictionless.Package(str(reference / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_results_are_written_in_task_order_whatever_order_runs_finish() -> None:
    from ceasefire.batch.sweep.sink import InTaskOrder

    tasks = [RunTask(run_id, 0, run_id, 1, {}, (), 1, (), "s") for run_id in (4, 5, 6, 7)]
    in_order = InTaskOrder(tasks)
    handed = list(in_order.tasks())
    finished = [RunResult(run_id, {}) for run_id in (6, 4, 7, 5)]
    released = [ready.run_id for result in finished for ready in in_order.release(result)]
    assert [task.run_id for task in handed] == [4, 5, 6, 7]
    assert released == [4, 5, 6, 7]
