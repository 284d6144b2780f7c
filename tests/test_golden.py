"""Outputs byte-identical to the golden set: refactorings must not change a number.

The commands and how to refresh the checksums after an intended change are in
``tests/golden/golden_commands.py``.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden")


def _golden_commands():
    spec = importlib.util.spec_from_file_location("golden_commands", GOLDEN / "golden_commands.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_subcommand_writes_the_golden_csvs(tmp_path: Path) -> None:
    expected = json.loads((GOLDEN / "checksums.json").read_text(encoding="utf-8"))
    written = _golden_commands().run_all(tmp_path)
    assert sorted(written) == sorted(expected), "the set of CSV files changed"
    changed = sorted(name for name in expected if written[name] != expected[name])
    assert not changed, (
        f"{len(changed)} CSVs differ from the golden set: {', '.join(changed)}. If the change is "
        "intended, refresh with `python tests/golden/golden_commands.py --refresh`."
    )
