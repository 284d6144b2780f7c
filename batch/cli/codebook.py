"""``python -m ceasefire.batch.cli.codebook``: regenerate docs/codebook.md and the readers.

With ``--check`` (CI) it exits with status 1 when a generated file is out of date instead. The
generator is :func:`ceasefire.batch.io.codebook.main`; it documents the whole
:data:`~ceasefire.batch.cli.catalogue.CATALOGUE`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ceasefire.batch.cli.catalogue import CATALOGUE
from ceasefire.batch.io import codebook


def main(argv: Sequence[str] | None = None) -> int:
    """Generate (or ``--check``) the codebook and the readers of every table."""
    return codebook.main(CATALOGUE, argv)


if __name__ == "__main__":
    sys.exit(main())
