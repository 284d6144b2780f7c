"""Negotiations that the war moves (``docs/ODD.md`` 7.13, ``docs/dev/design-v2-negotiation.md``).

One module per mechanism: the weekly orchestration in :mod:`.talks`, the sides' learning in
:mod:`.beliefs`, the range and its commitment problem in :mod:`.bargaining`, the agenda in
:mod:`.agenda`, the government's trust in :mod:`.trust`, the hardliners in :mod:`.spoilers`
and the choice of a pause in :mod:`.ceasefire_choice`.
"""

from __future__ import annotations

from ceasefire.model.negotiation.talks import HELD_WEEKS, Ceasefire, Negotiation

__all__ = ["HELD_WEEKS", "Ceasefire", "Negotiation"]
