"""A collapsed panel whose content is built only when it is first opened.

Every widget on the page costs the browser time when the page loads (each is a model and a
view to build), so the rarely used panels (About, the replications, the scenario files) start
closed and empty: their content is drawn the first time the panel is opened, and is then kept
(closing and reopening it keeps its state).
"""

from __future__ import annotations

from typing import Any

import solara
from solara.alias import rv
from solara.util import IPYVUETIFY_V3

if IPYVUETIFY_V3:
    from ipyvuetify.components import (  # type: ignore[attr-defined]
        ExpansionPanelText as PanelContent,
    )
    from ipyvuetify.components import (  # type: ignore[attr-defined]
        ExpansionPanelTitle as PanelHeader,
    )
else:  # pragma: no cover - ipyvuetify 1.x
    PanelContent, PanelHeader = rv.ExpansionPanelContent, rv.ExpansionPanelHeader


def is_open(v_model: Any) -> bool:
    """Whether a single expansion panel's ``v_model`` (0 when open, ``None`` closed) is open."""
    return v_model == 0


@solara.component
def LazyPanel(title: str, classes: list[str] | None = None, children: list | None = None) -> None:
    """An expansion panel, closed at first, whose ``children`` are drawn once it is opened.

    Args:
        title: The panel's header.
        classes: CSS classes of the panel (e.g. for the browser tests).
        children: The content (elements, not drawn until the panel is first opened).
    """
    expanded, set_expanded = solara.use_state(False)
    opened, set_opened = solara.use_state(False)

    def toggle(v_model: Any) -> None:
        set_expanded(is_open(v_model))
        if is_open(v_model):
            set_opened(True)

    with rv.ExpansionPanels(
        v_model=0 if expanded else None,
        on_v_model=toggle,
        class_=" ".join(["lazy-panel", *(classes or [])]),
    ):
        with rv.ExpansionPanel():
            PanelHeader(children=[title])
            PanelContent(children=list(children or []) if opened else [])
