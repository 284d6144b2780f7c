"""``ceasefire scenarios``: the named scenario presets, one line each."""

from __future__ import annotations

import argparse

NAME = "scenarios"


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire scenarios``."""
    commands.add_parser(
        NAME, help="list the named scenario presets", description="List the named scenario presets."
    )


def command(_: argparse.Namespace) -> int:
    """List the presets, one line each."""
    from ceasefire.model.scenarios import presets

    for name, scenario in presets().items():
        print(f"{name:<24} {scenario.description}")
    return 0
