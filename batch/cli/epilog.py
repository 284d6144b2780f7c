"""The epilog of ``ceasefire --help``: the size limits and the exit statuses."""

from __future__ import annotations

import textwrap

from ceasefire.batch.cli.exit_codes import MEANINGS, ExitCode
from ceasefire.batch.sweep.limits import LIMITS

HELP_WIDTH = 79


def help_item(head: str, text: str) -> str:
    """One item of a ``--help`` list: ``head`` then ``text``, wrapped and indented under it."""
    indent = " " * (len(head) + 3)
    return textwrap.fill(text, HELP_WIDTH, initial_indent=f"  {head} ", subsequent_indent=indent)


def limits_help() -> str:
    """The limits as a plain-text list for ``ceasefire --help``."""
    lines = ["limits (larger sizes are refused before any work):"]
    lines += [help_item(f"{limit.name + ':':<21} {limit.value:>9,}", limit.why) for limit in LIMITS]
    return "\n".join(lines)


def exit_codes_help() -> str:
    """The exit statuses as a plain-text list for ``ceasefire --help``."""
    lines = ["exit status:"]
    lines += [help_item(f"{int(code):<4}", MEANINGS[code]) for code in ExitCode]
    return "\n".join(lines)


def epilog() -> str:
    """The whole epilog: limits, then exit statuses."""
    return f"{limits_help()}\n\n{exit_codes_help()}"
