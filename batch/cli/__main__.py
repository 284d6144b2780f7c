"""``python -m ceasefire.batch.cli``: the ``ceasefire`` command."""

from __future__ import annotations

import sys

from ceasefire.batch.cli.main import main

sys.exit(main())
