"""One palette: every colour of charts, figures and map comes from ``batch/analysis/style.py``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ceasefire.batch.analysis import style

ROOT = Path(__file__).resolve().parents[1]
LITERAL = re.compile(
    r"#[0-9A-Fa-f]{6}\b"  # a hex colour
    r"|\b(?:colou?rs?|[cm]?[ef]?c|ecolor|markeredgecolor|markerfacecolor)\s*=\s*"
    r"[\"'](?!none\b)[^\"']+[\"']"  # a named colour or grey level passed to matplotlib
)
CHECKED = sorted(
    path
    for path in [*ROOT.joinpath("batch").rglob("*.py"), ROOT / "viz" / "map_view.py"]
    if path != ROOT / "batch" / "analysis" / "style.py"
)


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_colour_is_written_outside_the_style_module(path):
    code = path.read_text(encoding="utf-8")
    found = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(code.splitlines(), start=1)
        if LITERAL.search(line) and not line.lstrip().startswith("#")
    ]
    assert not found, f"colour literals (use batch.analysis.style): {found}"


def test_the_palette_is_okabe_ito():
    """The eight colours of Okabe and Ito (2008), as published."""
    assert set(style.CATEGORIES) == {
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
    }  # fmt: skip
    assert set(style.SCENARIOS) <= set(style.CATEGORIES)
    assert style.TALIBAN == "#D55E00" and style.GOVERNMENT == "#0072B2"
