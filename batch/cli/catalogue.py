"""The catalogue: every table the package writes, assembled where all their declarations are seen.

Tables are declared once, by the layer that writes them, and registered when their module is
imported (:mod:`ceasefire.batch.io.tables`): a run's and a sweep's tables in ``batch.io``, the
tables of ``plot``, ``analyze`` and ``compare`` in :mod:`ceasefire.batch.analysis.tables`, those
of ``validate`` and ``ablate`` in :mod:`ceasefire.batch.validation.tables`. Only this layer (the
command line, the top of the layers) may import all of them, so the codebook generator, the
``readers`` command and :func:`read_table` for any file take their tables from here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ceasefire.batch.analysis.tables import TABLES as ANALYSIS_TABLES
from ceasefire.batch.io import reading
from ceasefire.batch.io.tables import RUN_TABLES, Table
from ceasefire.batch.validation.tables import TABLES as VALIDATION_TABLES

CATALOGUE: dict[str, Table] = {**RUN_TABLES, **ANALYSIS_TABLES, **VALIDATION_TABLES}
"""Every output table, by name: a run's and a sweep's, then the derived tables by command."""


def read_table(path: Path) -> pd.DataFrame:
    """Read any output CSV of the catalogue with its declared types.

    See :func:`ceasefire.batch.io.reading.read_table`; ``plots/timeseries.csv`` is the table
    ``plots/timeseries``.
    """
    return reading.read_table(path, tables=CATALOGUE)
