"""The live Solara dashboard (``ceasefire viz``): page, session, map, charts, download.

The public API (imported lazily, so that importing the package does not start Solara)::

    from ceasefire.viz import Page      # the Solara page: solara run ceasefire.viz.app
    from ceasefire.viz import Session   # one browser session's model and play loop
"""

from __future__ import annotations

from ceasefire.model.exports import lazy_exports

_HOMES = {
    "Page": "app",
    "Session": "session",
    "run_zip": "download",
}

__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)
