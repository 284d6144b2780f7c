"""The live Solara dashboard (``ceasefire viz``): page, session, map, charts, download."""
