"""Size limits and exit statuses: sizes over a limit are refused before any work, one table each.

Every refusal test runs with :func:`no_work`, which makes starting any work an error: without
the limit, the command would get past its checks and fail with another status (or, without the
fixture, run for hours).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ceasefire.batch import main
from ceasefire.batch.cli import epilog, exit_codes
from ceasefire.batch.cli.exit_codes import ExitCode
from ceasefire.batch.sweep import limits
from ceasefire.batch.sweep.limits import DESIGN_POINTS, LEVELS, REPS, RUNS, STEPS, WORKERS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
FAST = ["--set", "map=coarse"]
REPS_11 = ["--reps", "11"]


class WorkStarted(AssertionError):
    """Raised where a command would start its runs."""


@pytest.fixture
def no_work(monkeypatch):
    """Make every command fail loudly where it would start running the model."""

    def refuse(*args, **kwargs):
        raise WorkStarted("work started although the input is over a limit")

    for target in (
        "ceasefire.batch.sweep.engine.make_executor",
        "ceasefire.batch.analysis.compare.make_executor",
        "ceasefire.batch.validation.run.make_executor",
        "ceasefire.batch.validation.ablation.make_executor",
        "ceasefire.model.simulation.simulate",  # ceasefire run
    ):
        monkeypatch.setattr(target, refuse)


def refused(argv: list[str], capsys) -> str:
    """Run the command; assert exit status 2 and one line on stderr; return that line."""
    try:
        code = main(argv)
    except SystemExit as exit:  # argparse refuses option values itself
        code = exit.code
    err = capsys.readouterr().err
    assert code == ExitCode.BAD_INPUT, err
    assert err.count("\n") == 1 and err.startswith("ceasefire: error:"), err
    return err


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# =========================================================================== flags
OVER = {
    "run --steps": (["run", *FAST, "--steps", str(STEPS.value + 1)], STEPS),
    "sweep --steps": (["sweep", *FAST, "--steps", "1000000000"], STEPS),
    "sweep --reps": (["sweep", *FAST, "--reps", "1000000000"], REPS),
    "compare --steps": (["compare", *FAST, "--steps", "1000000000"], STEPS),
    "compare --reps": (["compare", *FAST, "--reps", str(REPS.value + 1)], REPS),
    "validate --steps": (["validate", "--steps", "1000000000"], STEPS),
    "validate --season-steps": (["validate", "--season-steps", str(STEPS.value + 1)], STEPS),
    "validate --reps": (["validate", "--reps", str(REPS.value + 1)], REPS),
    "sweep levels": (["sweep", *FAST, "--vary", "fatf_offer=0:1:1000000"], LEVELS),
    "sweep value list": (
        ["sweep", *FAST, "--vary", "fatf_offer=" + ",".join(str(i / 2000) for i in range(1001))],
        LEVELS,
    ),
    "sweep grid": (
        ["sweep", *FAST, "--vary", "fatf_offer=0:1:1000", "--vary", "sst_threat=0:1:1000"],
        DESIGN_POINTS,
    ),
    "sweep lhs": (
        ["sweep", *FAST, "--design", "lhs", "--samples", "100000000", "--vary", "fatf_offer=0:1"],
        DESIGN_POINTS,
    ),
    "sweep sobol": (
        ["sweep", *FAST, "--design", "sobol", "--samples", str(2**20), "--vary", "fatf_offer=0:1"],
        DESIGN_POINTS,
    ),
    "sweep morris": (
        ["sweep", *FAST, "--design", "morris", "--samples", "200000", "--vary", "fatf_offer=0:1"],
        DESIGN_POINTS,
    ),
    "sweep runs": (
        ["sweep", *FAST, "--vary", "fatf_offer=0:1:1000", "--vary", "sst_threat=0:1:100", *REPS_11],
        RUNS,
    ),
    "sweep --workers": (["sweep", *FAST, "--workers", str(WORKERS.value + 1)], WORKERS),
    "sweep local:N": (["sweep", *FAST, "--scheduler", f"local:{WORKERS.value + 1}"], WORKERS),
    "compare --workers": (["compare", "--workers", str(WORKERS.value + 1)], WORKERS),
    "validate --sobol-samples": (
        ["validate", "--reps", "2", "--steps", "52", "--sobol-samples", str(2**20)],
        DESIGN_POINTS,
    ),
}


@pytest.mark.parametrize("case", list(OVER))
def test_sizes_over_their_limit_are_refused_before_any_work(case, tmp_path, capsys, no_work):
    argv, limit = OVER[case]
    out = tmp_path / "out"
    report = ["--report", str(tmp_path / "report.md")] if argv[0] == "validate" else []
    err = refused([*argv, *report, "--out", str(out)], capsys)
    assert f"over the limit of {limit.value:,} {limit.name}" in err
    assert limit.why in err  # the reason, not just the number
    assert not out.exists()


def test_the_runs_message_gives_the_estimate(tmp_path, capsys, no_work):
    argv, _ = OVER["sweep runs"]
    err = refused([*argv, "--out", str(tmp_path / "o")], capsys)
    assert "1,100,000 runs (100,000 design points x 11 replications)" in err


def test_sizes_at_their_limit_are_accepted(tmp_path, capsys, no_work):
    """The limits are inclusive: exactly the limit gets past every check (and then would run)."""
    argv = ["sweep", *FAST, "--vary", f"fatf_offer=0:1:{LEVELS.value}", "--reps", "2"]
    argv += ["--steps", str(STEPS.value), "--workers", "2", "--out", str(tmp_path / "o")]
    assert main(argv) == ExitCode.INTERNAL_ERROR  # no_work's error: the runs were to start
    assert "WorkStarted" in capsys.readouterr().err


# =========================================================================== sizes in files
SPECS = {
    "steps": ("steps = 6000\n", STEPS),
    "reps": ("reps = 20000\n", REPS),
    "workers": ("workers = 2000\n", WORKERS),
    "levels": ('[vary]\nfatf_offer = "0:1:2000"\n', LEVELS),
    "level table": ("[vary]\nfatf_offer = { low = 0, high = 1, n = 5000 }\n", LEVELS),
    "samples": ('design = "lhs"\nsamples = 300000\n[vary]\nfatf_offer = "0:1"\n', DESIGN_POINTS),
}


@pytest.mark.parametrize("case", list(SPECS))
def test_spec_file_sizes_over_their_limit_are_refused(case, tmp_path, capsys, no_work):
    text, limit = SPECS[case]
    spec = write(tmp_path, "spec.toml", f'{text}[set]\nmap = "coarse"\n')
    out = tmp_path / "out"
    err = refused(["sweep", spec, "--out", str(out)], capsys)
    assert f"over the limit of {limit.value:,} {limit.name}" in err
    assert not out.exists()


@pytest.mark.parametrize("command", ["run", "sweep"])
def test_a_scenario_files_steps_over_the_limit_are_refused(command, tmp_path, capsys, no_work):
    scenario = write(tmp_path, "long.toml", 'base = "status_quo"\nsteps = 1000000000\n')
    out = tmp_path / "out"
    vary = ["--vary", "fatf_offer=0,1"] if command == "sweep" else []  # not the default spec's
    err = refused([command, "--scenario", scenario, *vary, *FAST, "--out", str(out)], capsys)
    assert f"over the limit of {STEPS.value:,} weeks per run" in err
    assert not out.exists()


def test_a_design_file_with_too_many_rows_is_refused(tmp_path, capsys, no_work):
    rows = "\n".join(f"{(i % 1000) / 1000}" for i in range(DESIGN_POINTS.value + 1))
    design = write(tmp_path, "design.csv", f"fatf_offer\n{rows}\n")
    out = tmp_path / "out"
    err = refused(["sweep", *FAST, "--design", f"csv:{design}", "--out", str(out)], capsys)
    assert f"more than {DESIGN_POINTS.value:,} rows" in err
    assert not out.exists()


# =========================================================================== one table each
def test_the_readme_shows_the_limits_and_the_exit_statuses_of_the_code():
    assert limits.markdown_table() in README
    assert exit_codes.markdown_table() in README


def test_help_lists_the_limits_and_every_exit_status(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--help"])
    assert exit.value.code == 0
    text = capsys.readouterr().out
    assert epilog.exit_codes_help() in text
    assert epilog.limits_help() in text
    listed = [int(m) for m in re.findall(r"^  (\d+) ", text.split("exit status:")[1], re.M)]
    assert listed == [int(code) for code in ExitCode]
    assert set(exit_codes.MEANINGS) == set(ExitCode)
