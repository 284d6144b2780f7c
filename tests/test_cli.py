"""The ``ceasefire`` command line: outputs, run.json, presets and refusal of bad input."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import expected_columns as expected
import pandas as pd
import pytest

from ceasefire.batch import main
from ceasefire.batch.cli.exit_codes import ExitCode
from ceasefire.batch.cli.main import EXIT_BAD_INPUT
from ceasefire.batch.io.export import RUN_FILES
from ceasefire.model import load_scenario, presets
from ceasefire.model.parameters import PARAMETERS_BY_NAME

PRESETS = (
    "status_quo",
    "maximum_pressure",
    "strategic_love",
    "conditional_engagement",
    "withdrawal_regardless",
    "stay",
)
FAST = ["--set", "map=coarse"]


def _executable() -> str:
    found = shutil.which("ceasefire") or str(Path(sys.executable).parent / "ceasefire")
    assert Path(found).exists(), "the ceasefire console script is not installed"
    return found


def _header(path: Path) -> list[str]:
    return path.read_text().splitlines()[0].split(",")


# =========================================================================== a good run
@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "results" / "run"
    code = main(
        ["run", *FAST, "--set", "fatf_offer=0.4", "--steps", "10", "--seed", "3", "--out", str(out)]
    )
    return code, out


def test_run_writes_all_files(good_run):
    code, out = good_run
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(RUN_FILES)
    # no staging directory or write-check file is left beside the output
    assert [p.name for p in out.parent.iterdir()] == ["run"]


def test_run_csv_headers_and_rows(good_run):
    _, out = good_run
    assert _header(out / "steps.csv") == expected.STEPS
    assert _header(out / "events.csv") == expected.EVENTS
    assert _header(out / "cells.csv") == expected.CELLS
    assert _header(out / "district_weeks.csv") == expected.DISTRICT_WEEKS
    assert _header(out / "district_falls.csv") == expected.DISTRICT_FALLS
    steps = pd.read_csv(out / "steps.csv")
    districts = pd.read_csv(out / "district_weeks.csv", keep_default_na=False)
    held = districts[districts["holder"] == "taliban"].groupby("step").size()
    assert held.tolist() == steps["districts_taliban"].tolist()  # one record, two tables
    assert len(districts) == 398 * len(steps)
    assert steps["step"].tolist() == list(range(1, 11))
    assert (steps["fatf_offer"] == 0.4).all()
    events = pd.read_csv(out / "events.csv")
    afghan_war = events[events["initiator"] != "ttp"]  # the TTP's attacks are Pakistan's
    assert afghan_war["best"].sum() == steps["fatalities"].sum()
    assert events.loc[events["initiator"] == "ttp", "best"].sum() == steps["ttp_deaths"].sum()
    raw = (out / "steps.csv").read_bytes()
    assert b"\r\n" not in raw
    assert raw.endswith(b"\n")


def test_run_json_records_provenance_and_parameters(good_run):
    _, out = good_run

    def refuse(constant):
        raise AssertionError(f"run.json is not strict JSON: {constant}")

    record = json.loads((out / "run.json").read_text(), parse_constant=refuse)
    assert record["version"]
    assert "commit" in record["git"]
    commit = record["git"]["commit"]
    assert commit is None or re.fullmatch(r"[0-9a-f]{40}", commit)
    assert record["seed"] == 3
    assert record["steps"] == 10
    assert record["scenario"] == "status_quo"
    assert set(record["parameters"]) == set(PARAMETERS_BY_NAME)
    assert record["parameters"]["map"] == "coarse"
    assert record["parameters"]["fatf_offer"] == 0.4
    assert record["parameters"]["pakistan_pressure"] == "auto"
    assert record["policy_timeline"] == []
    assert record["lever_changes"] == []
    summary = record["summary"]
    steps = pd.read_csv(out / "steps.csv")
    assert summary["mean_weekly_fatalities"] == pytest.approx(steps["fatalities"].mean())
    assert summary["total_civilian_casualties"] == steps["civilian_casualties"].sum()


def test_run_prints_where_it_wrote(tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["run", *FAST, "--steps", "1", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert str(out) in captured.out
    assert captured.err == ""


def test_stay_preset_writes_empty_withdrawal_week(tmp_path, capsys):
    out = tmp_path / "stay"
    assert main(["run", "--scenario", "stay", *FAST, "--steps", "3", "--out", str(out)]) == 0
    capsys.readouterr()
    steps = pd.read_csv(out / "steps.csv", keep_default_na=False)
    assert (steps["withdrawal_week"] == "").all()
    assert (steps["us_troops_present"] == 1).all()
    assert json.loads((out / "run.json").read_text())["parameters"]["withdrawal_week"] is None


def test_run_builds_and_runs_its_model_with_simulate(tmp_path, monkeypatch, capsys):
    import ceasefire.model.simulation as simulation

    calls = []

    def spy(parameters, seed, steps, timeline=None, **options):
        calls.append((parameters, seed, steps, timeline))
        return real(parameters, seed, steps, timeline, **options)

    real = simulation.simulate
    monkeypatch.setattr(simulation, "simulate", spy)
    out = tmp_path / "stay"
    argv = ["run", "--scenario", "stay", *FAST, "--set", "fatf_offer=0.7", "--steps", "2"]
    assert main([*argv, "--seed", "4", "--out", str(out)]) == 0
    capsys.readouterr()
    stay = load_scenario("stay")
    expected = {**stay.parameters, "map": "coarse", "fatf_offer": 0.7}
    assert calls == [(expected, 4, 2, stay.timeline)]
    assert len(pd.read_csv(out / "steps.csv")) == 2


@pytest.mark.parametrize("command", ["compare", "validate", "ablate"])
def test_defaults_of_the_run_options_are_the_settings_defaults(command):
    from ceasefire.batch import Ablation, Comparison, Settings
    from ceasefire.batch.cli.main import build_parser

    settings = {"compare": Comparison, "validate": Settings, "ablate": Ablation}[command]
    args = vars(build_parser().parse_args([command]))
    shared = ("reps", "steps", "seed", "workers", "season_steps", "sobol_samples")
    checked = [name for name in shared if name in args]
    assert {"reps", "steps", "seed", "workers"} <= set(checked)
    assert {name: args[name] for name in checked} == {
        name: getattr(settings, name) for name in checked
    }


@pytest.mark.parametrize(
    "command", ["run", "sweep", "plot", "analyze", "compare", "validate", "ablate", "viz"]
)
def test_help_descriptions_are_wrapped_and_defaults_written_one_way(command, monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    head = text.split("\noptions:\n")[0]
    assert max(len(line) for line in head.splitlines()) <= 100, "a description is not wrapped"
    assert "%%" not in text
    options = text.split("\noptions:\n")[1].split("\n\n")[0]
    assert not re.search(r"\((\d+|output/\w+|status_quo|127\.0\.0\.1)[;,)]", options)
    assert "<=" not in options and ">=" not in options


# =========================================================================== scenarios
def test_scenarios_lists_the_presets(capsys):
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line.split()[0] for line in lines if line.strip()]
    assert listed == list(PRESETS)
    for line in lines:
        assert len(line.split(maxsplit=1)) == 2  # each has a description


def test_presets_are_valid_and_distinct():
    assert tuple(presets()) == PRESETS
    assert presets()["stay"].parameters["withdrawal_week"] is None
    assert presets()["withdrawal_regardless"].parameters["withdrawal_week"] == 11
    assert presets()["maximum_pressure"].parameters["sst_threat"] > 0.5
    assert presets()["strategic_love"].parameters["conditionality"] == 0.0
    seen = {tuple(sorted(s.parameters.items())) for s in presets().values()}
    assert len(seen) == len(PRESETS)


def test_user_scenario_with_base_and_timeline_end_to_end(tmp_path, capsys):
    scenario = tmp_path / "fatf_then_threat.toml"
    scenario.write_text(
        'name = "fatf_then_threat"\n'
        'base = "conditional_engagement"\n'
        'description = "FATF support first, then a designation warning"\n'
        "steps = 8\n"
        "[parameters]\n"
        'map = "coarse"\n'
        "india_restraint = 0.6\n"
        "[[timeline]]\n"
        "week = 4\n"
        "set = { sst_threat = 0.45, withdrawal_week = 'none' }\n"
    )
    out = tmp_path / "out"
    assert main(["run", "--scenario", str(scenario), "--seed", "2", "--out", str(out)]) == 0
    capsys.readouterr()
    steps = pd.read_csv(out / "steps.csv")
    assert len(steps) == 8  # the scenario's steps
    assert steps["sst_threat"].tolist() == [0.3] * 3 + [0.45] * 5  # base value, then timeline
    assert (steps["fatf_offer"] == 0.8).all()  # from the base preset
    assert (steps["india_restraint"] == 0.6).all()  # overridden by the file
    record = json.loads((out / "run.json").read_text())
    assert record["scenario"] == "fatf_then_threat"
    assert record["policy_timeline"] == [
        {"week": 4, "set": {"sst_threat": 0.45, "withdrawal_week": None}}
    ]
    assert [(c["step"], c["lever"]) for c in record["lever_changes"]] == [
        (4, "sst_threat"),
        (4, "withdrawal_week"),
    ]
    assert record["parameters"]["sst_threat"] == 0.3  # initial values, not the final ones


def test_steps_option_overrides_scenario_steps(tmp_path, capsys):
    scenario = tmp_path / "short.toml"
    scenario.write_text('base = "status_quo"\nsteps = 8\n[parameters]\nmap = "coarse"\n')
    out = tmp_path / "out"
    assert main(["run", "--scenario", str(scenario), "--steps", "3", "--out", str(out)]) == 0
    capsys.readouterr()
    assert len(pd.read_csv(out / "steps.csv")) == 3


def test_set_overrides_scenario_parameters(tmp_path, capsys):
    out = tmp_path / "out"
    argv = ["run", "--scenario", "maximum_pressure", *FAST, "--set", "sst_threat=0.1"]
    assert main([*argv, "--steps", "2", "--out", str(out)]) == 0
    capsys.readouterr()
    record = json.loads((out / "run.json").read_text())
    assert record["parameters"]["sst_threat"] == 0.1
    assert record["parameters"]["india_restraint"] == 0.2  # the rest of the preset stays
    assert record["scenario"] == "maximum_pressure"


# =========================================================================== bad input
def _write(tmp_path: Path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return str(path)


BAD_SETS = {
    "unknown_parameter": (["--set", "foo=1"], ["unknown parameter 'foo'"]),
    "out_of_range": (["--set", "fatf_offer=2"], ["fatf_offer", "'2'", "0..1"]),
    "wrong_type": (["--set", "fatf_offer=abc"], ["fatf_offer", "'abc'"]),
    "not_an_assignment": (["--set", "fatf_offer"], ["key=value"]),
    "unknown_scenario": (["--scenario", "nope"], ["unknown scenario 'nope'", "status_quo"]),
    "missing_scenario_file": (["--scenario", "missing.toml"], ["cannot read", "missing.toml"]),
    "bad_choice": (["--set", "map=medium"], ["map", "fine, coarse"]),
    "set_twice": (
        ["--set", "fatf_offer=0.2", "--set", "fatf_offer=0.4"],
        ["--set fatf_offer is given twice (0.2 and 0.4)"],
    ),
    "digits_not_ascii": (["--set", "fatf_offer=\u0660.\u0665"], ["fatf_offer", "not allowed"]),
}

BAD_FILES = {
    "invalid_toml": ("name = \n[parameters\n", ["not valid TOML"]),
    "unknown_key": ('colour = "red"\n', ["unknown key(s) colour"]),
    "timeline_sets_map": (
        '[[timeline]]\nweek = 3\nset = { map = "coarse" }\n',
        ["'map'", "cannot change"],
    ),
    "timeline_bad_week": (
        "[[timeline]]\nweek = 0\nset = { fatf_offer = 0.5 }\n",
        ["'week' must be an integer >= 1"],
    ),
    "timeline_unknown_entry_key": (
        "[[timeline]]\nweek = 2\nwhen = 3\nset = { fatf_offer = 0.5 }\n",
        ["unknown key(s)", "when"],
    ),
    "bad_parameter_value": ("[parameters]\nsst_threat = 7\n", ["'sst_threat': 7 is not allowed"]),
    "unknown_base": ('base = "nothing"\n', ["unknown base 'nothing'"]),
    "bad_steps": ("steps = 0\n", ["'steps' must be an integer >= 1"]),
    "timeline_week_twice": (
        "[[timeline]]\nweek = 1\nset = { fatf_offer = 0.5 }\n"
        "[[timeline]]\nweek = 1\nset = { fatf_offer = 0.9 }\n",
        ["timeline entry 2: week 1 has an earlier entry"],
    ),
}


def _assert_refused(code, capsys, fragments, tmp_path, before, path=None):
    """Exit status 2, one line on stderr naming the problem, nothing on stdout or on disk.

    ``path`` (the scenario file) is replaced by ``<file>`` before looking for ``fragments``,
    so that a fragment cannot be found in the temporary directory's name by accident.
    """
    captured = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("ceasefire: error: ")
    message = lines[0] if path is None else lines[0].replace(path, "<file>")
    for fragment in fragments:
        assert fragment in message, (fragment, lines[0])
    assert captured.out == ""
    assert sorted(tmp_path.iterdir()) == before  # nothing created


@pytest.mark.parametrize("case", list(BAD_SETS))
def test_bad_arguments_refused(case, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative scenario paths resolve (and fail) here
    argv, fragments = BAD_SETS[case]
    before = sorted(tmp_path.iterdir())
    code = main(["run", *argv, "--steps", "2", "--out", str(tmp_path / "out" / "run")])
    _assert_refused(code, capsys, fragments, tmp_path, before)


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_malformed_scenario_file_refused(case, tmp_path, capsys):
    text, fragments = BAD_FILES[case]
    path = _write(tmp_path, f"{case}.toml", text)
    before = sorted(tmp_path.iterdir())
    code = main(["run", "--scenario", path, *FAST, "--steps", "2", "--out", str(tmp_path / "out")])
    _assert_refused(code, capsys, [*fragments, "'<file>'"], tmp_path, before, path)


def test_scenario_file_with_non_string_base_refused(tmp_path, capsys):
    path = _write(tmp_path, "listbase.toml", 'base = ["status_quo"]\n')
    before = sorted(tmp_path.iterdir())
    code = main(["run", "--scenario", path, *FAST, "--steps", "2", "--out", str(tmp_path / "out")])
    _assert_refused(code, capsys, ["'<file>'", "base"], tmp_path, before, path)


def test_scenario_file_not_utf8_refused(tmp_path, capsys):
    path = _write(tmp_path, "latin1.toml", b'description = "Pesh\xe2war"\n')
    before = sorted(tmp_path.iterdir())
    code = main(["run", "--scenario", path, *FAST, "--steps", "2", "--out", str(tmp_path / "out")])
    _assert_refused(code, capsys, ["'<file>'"], tmp_path, before, path)


def test_scenario_parameters_not_a_table_names_the_key(tmp_path, capsys):
    path = _write(tmp_path, "flat.toml", "parameters = 3\n")
    code = main(["run", "--scenario", path, *FAST, "--steps", "2", "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == EXIT_BAD_INPUT
    assert captured.err.startswith("ceasefire: error: ")
    assert "parameters" in captured.err.replace(path, "<file>")


def test_scenario_path_is_a_directory(tmp_path, capsys):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    before = sorted(tmp_path.iterdir())
    code = main(["run", "--scenario", str(folder), *FAST, "--out", str(tmp_path / "out")])
    _assert_refused(code, capsys, ["cannot read scenario file"], tmp_path, before, str(folder))


def test_timeline_change_after_the_last_week_refused(tmp_path, capsys):
    """A change in week 3 of a 2-week run would never be applied (run.json listed it)."""
    path = _write(tmp_path, "late.toml", "[[timeline]]\nweek = 3\nset = { sst_threat = 0.4 }\n")
    before = sorted(tmp_path.iterdir())
    code = main(["run", "--scenario", path, *FAST, "--steps", "2", "--out", str(tmp_path / "out")])
    fragments = ["scenario 'late'", "sst_threat in week 3", "2 weeks", "--steps 3"]
    _assert_refused(code, capsys, fragments, tmp_path, before, path)


def test_run_refuses_a_folder_with_an_earlier_run_unless_overwrite(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", *FAST, "--steps", "2", "--seed", "1", "--out", str(out)]) == 0
    first = (out / "run.json").read_text()
    capsys.readouterr()
    before = sorted(tmp_path.iterdir())
    code = main(["run", *FAST, "--steps", "2", "--seed", "2", "--out", str(out)])
    _assert_refused(code, capsys, [f"'{out}' is not empty", "--overwrite"], tmp_path, before)
    assert (out / "run.json").read_text() == first  # the earlier run is intact
    code = main(["run", *FAST, "--steps", "2", "--seed", "2", "--out", str(out), "--overwrite"])
    assert code == 0
    assert json.loads((out / "run.json").read_text())["seed"] == 2


def test_minus_zero_is_written_as_zero(tmp_path, capsys):
    out = tmp_path / "run"
    assert main(["run", *FAST, "--steps", "2", "--set", "fatf_offer=-0", "--out", str(out)]) == 0
    steps = pd.read_csv(out / "steps.csv", dtype=str)
    assert set(steps["fatf_offer"]) == {"0.0"}
    assert json.loads((out / "run.json").read_text())["parameters"]["fatf_offer"] == 0.0
    assert '"fatf_offer": -0.0' not in (out / "run.json").read_text()


def test_output_beneath_a_regular_file_refused(tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a directory\n")
    before = sorted(tmp_path.iterdir())
    code = main(["run", *FAST, "--steps", "2", "--out", str(blocker / "run")])
    _assert_refused(code, capsys, ["cannot be written", "file.txt"], tmp_path, before)
    assert blocker.read_text() == "not a directory\n"


def test_output_that_is_a_regular_file_refused(tmp_path, capsys):
    blocker = tmp_path / "run"
    blocker.write_text("x")
    before = sorted(tmp_path.iterdir())
    code = main(["run", *FAST, "--steps", "2", "--out", str(blocker)])
    _assert_refused(code, capsys, [f"'{blocker}' exists and is not a directory"], tmp_path, before)
    assert blocker.read_text() == "x"


FOLDER_COMMANDS = {
    "run": ["run", *FAST, "--steps", "2"],
    "sweep": ["sweep", *FAST, "--vary", "fatf_offer=0,1", "--reps", "1", "--steps", "2"],
    "compare": ["compare", "--scenarios", "status_quo", *FAST, "--reps", "2", "--steps", "52"],
    "validate": ["validate", "--reps", "2", "--steps", "52", "--sobol-samples", "0"],
    "ablate": ["ablate", "--mechanisms", "sanctuary_recovery", *FAST, "--steps", "26"],
}
"""Every command that writes an output folder, at tiny sizes (refused before any run here)."""


@pytest.mark.parametrize("command", FOLDER_COMMANDS)
def test_every_command_guards_its_output_folder_the_same_way(command, tmp_path, capsys):
    report = ["--report", str(tmp_path / "report.md")] if command == "validate" else []
    argv = [*FOLDER_COMMANDS[command], *report]
    used = tmp_path / "used"
    used.mkdir()
    (used / "earlier.csv").write_text("x\n")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main([*argv, "--out", str(used)]) == EXIT_BAD_INPUT
    resume = "--resume to finish the sweep in it or " if command == "sweep" else ""
    expected = f"output directory '{used}' is not empty; use {resume}--overwrite to replace it"
    assert capsys.readouterr().err == f"ceasefire: error: {expected}\n"
    assert main([*argv, "--out", str(blocker)]) == EXIT_BAD_INPUT
    expected = f"output directory '{blocker}' exists and is not a directory"
    assert capsys.readouterr().err == f"ceasefire: error: {expected}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "used"]
    assert [p.name for p in used.iterdir()] == ["earlier.csv"]


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["run", "--seed", "abc"], "--seed"),
        (["run", "--seed", "1.5"], "--seed"),
        (["run", "--seed", "-1"], "--seed"),
        (["run", "--steps", "0"], "--steps"),
        (["run", "--steps", "ten"], "--steps"),
        (["run", "--steps", "\u0661"], "--steps"),  # Arabic-Indic 1: int() takes it, we don't
        (["run", "--seed", "\uff11"], "--seed"),  # full-width 1
        (["run", "--out", ""], "--out: an empty path is not allowed"),
        (["sweep", "--out", ""], "--out: an empty path is not allowed"),
        (["compare", "--out", " "], "--out: an empty path is not allowed"),
        (["validate", "--out", ""], "--out: an empty path is not allowed"),
        (["validate", "--report", ""], "--report: an empty path is not allowed"),
        (["validate", "--sobol-samples", "\u0664"], "--sobol-samples"),
        (["plot", ""], "an empty path is not allowed"),
        (["analyze", "", "--method", "sobol"], "an empty path is not allowed"),
        (["sweep", "--reps", "2.0"], "--reps: '2.0' is not an integer"),
        (["sweep", "--seed", "1e1"], "--seed: '1e1' is not an integer"),
        (["run", "--bogus"], "unrecognized arguments"),
        (["fly"], "invalid choice"),
        ([], "required"),
    ],
)
def test_argparse_errors_exit_2(argv, option, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1].startswith("ceasefire")
    assert "error:" in err
    assert option in err
    assert list(tmp_path.iterdir()) == []


# =========================================================================== console script
def test_console_script_refuses_bad_input(tmp_path):
    done = subprocess.run(
        [_executable(), "run", "--set", "fatf_offer=abc", "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith("ceasefire: error: parameter 'fatf_offer'")
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_console_script_lists_scenarios():
    done = subprocess.run(
        [_executable(), "scenarios"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0
    assert [line.split()[0] for line in done.stdout.splitlines()] == list(PRESETS)


def test_load_scenario_returns_preset_objects():
    assert load_scenario("stay") is presets()["stay"]


# =========================================================================== exit statuses
def test_run_on_a_full_disk_exits_4_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    """A write that fails once the run has started is the environment's failure, not bad input."""

    def full(frame, path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr("ceasefire.batch.io.export.write_csv", full)
    out = tmp_path / "results" / "run"
    code = main(["run", *FAST, "--steps", "2", "--out", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert code == ExitCode.ENVIRONMENT == 4
    assert len(err) == 1 and err[0].startswith("ceasefire: error: No space left on device: ")
    assert list((tmp_path / "results").iterdir()) == []  # no staging folder left behind


def test_compare_beneath_a_regular_file_is_bad_input(tmp_path, capsys):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    argv = ["compare", "--scenarios", "status_quo", "--reps", "2", "--steps", "52", *FAST]
    code = main([*argv, "--out", str(blocker / "compare")])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and "cannot be written" in err and err.count("\n") == 1
