"""``ceasefire readers``: the R and Stata readers of the output files."""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "readers"
OUT = Path(".")


def add_parser(commands: argparse._SubParsersAction) -> None:
    """Declare ``ceasefire readers`` and its options."""
    parser = commands.add_parser(
        NAME,
        help="write the R and Stata readers of the output files",
        description=(
            "Write read_ceasefire.R (base R and readr) and read_ceasefire.do (Stata), which read "
            "every output CSV with the codebook's column types."
        ),
    )
    parser.add_argument("--out", type=Path, default=OUT, help="folder (default: here)")


def command(args: argparse.Namespace) -> int:
    """Write the R and Stata readers into ``--out``."""
    from ceasefire.batch.cli.catalogue import CATALOGUE
    from ceasefire.batch.io.readers import write_readers

    print("wrote " + ", ".join(str(p) for p in write_readers(CATALOGUE, args.out)))
    return 0
