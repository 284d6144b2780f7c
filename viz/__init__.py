"""The Solara dashboard (planned: issue 4)."""
