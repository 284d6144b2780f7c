"""Outputs byte-identical to the golden set: refactorings must not change a number.

The commands and how to refresh the checksums after an intended change are in
``tests/golden/golden_commands.py``. They run under the strictest usual ``umask`` (``077``),
so the same runs also check that every file the package writes is readable by others.
"""

from __future__ import annotations

import importlib.util
import json
import stat
from pathlib import Path

import pytest

GOLDEN = Path(__file__).with_name("golden")
PRIVATE_UMASK = 0o077


def _golden_commands():
    spec = importlib.util.spec_from_file_location("golden_commands", GOLDEN / "golden_commands.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def golden_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Every golden command run once under a private umask: the folder and its CSV checksums."""
    folder = tmp_path_factory.mktemp("golden")
    return folder, _golden_commands().run_all(folder, umask=PRIVATE_UMASK)


def test_every_subcommand_writes_the_golden_csvs(golden_run: tuple[Path, dict[str, str]]) -> None:
    expected = json.loads((GOLDEN / "checksums.json").read_text(encoding="utf-8"))
    written = golden_run[1]
    assert sorted(written) == sorted(expected), "the set of CSV files changed"
    changed = sorted(name for name in expected if written[name] != expected[name])
    assert not changed, (
        f"{len(changed)} CSVs differ from the golden set: {', '.join(changed)}. If the change is "
        "intended, refresh with `python tests/golden/golden_commands.py --refresh`."
    )


def test_every_file_written_is_readable_by_others_whatever_the_umask(
    golden_run: tuple[Path, dict[str, str]],
) -> None:
    """run, sweep, plot, analyze, compare, ablate and validate: every file is mode 0644."""
    folder = golden_run[0]
    written = [p for p in folder.rglob("*") if p.is_file() and p.name != "spec.toml"]
    assert any(p.name == "sensitivity_sobol.png" for p in written)
    modes = {p.relative_to(folder).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in written}
    wrong = sorted(f"{name} ({mode:o})" for name, mode in modes.items() if mode != 0o644)
    assert not wrong, f"{len(wrong)} of {len(modes)} files are not mode 644: {', '.join(wrong)}"
