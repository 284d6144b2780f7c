"""The agenda of the talks: six items in the Doha order, agreed and retracted (ODD 7.13.6).

Progress is the share of the agenda agreed. Only the next item can be agreed, with the weekly
hazard ``h_j = R O g_j / D_j``: both sides ripe (``R``), a way out (the range's openness ``O``),
and the government concedes only as far as it trusts the Taliban to deliver (``g_j = tau`` for
the items it concedes). After spoiler attacks the last item is retracted with the probability
of the relative fall in trust; a broken cease-fire retracts it for certain. Prisoners once
released stay released: item 1 is never retracted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    """One agenda item.

    Attributes:
        name: what is agreed.
        weeks: ``D_j``, expected weeks to agree it at ``R O = 1``.
        government_concedes: whether the government concedes in it (its hazard is times trust).
    """

    name: str
    weeks: float
    government_concedes: bool


ITEMS: tuple[Item, ...] = (
    Item("prisoner releases", 26.0, True),
    Item("reduction of violence", 2.0, False),
    Item("political roadmap", 26.0, True),
    Item("interim arrangements", 26.0, True),
    Item("power sharing", 52.0, True),
    Item("permanent cease-fire", 4.0, False),
)
"""The items, in order (Doha agreement of 29 Feb 2020 and the intra-Afghan agenda)."""
REDUCTION_OF_VIOLENCE = 2
"""Number of the item whose agreement orders a week's reduction in violence."""
PERMANENT_CEASEFIRE = len(ITEMS)
"""Number of the item that puts a cease-fire in force for as long as it stays agreed."""


@dataclass
class Agenda:
    """Items agreed so far.

    Attributes:
        agreed: items agreed, 0 to 6.
        agreed_this_week: items agreed this week (0 or 1).
        retracted_this_week: items retracted this week.
        retracted: items retracted since the start.
    """

    agreed: int
    agreed_this_week: int = 0
    retracted_this_week: int = 0
    retracted: int = 0

    @property
    def progress(self) -> float:
        """Share of the agenda agreed."""
        return self.agreed / len(ITEMS)

    def hazard(self, ripeness: float, openness: float, trust: float) -> float:
        """Weekly probability that the next item is agreed (0 once all are)."""
        if self.agreed >= len(ITEMS):
            return 0.0
        item = ITEMS[self.agreed]
        concession = trust if item.government_concedes else 1.0
        return min(1.0, ripeness * openness * concession / item.weeks)

    def advance(self, hazard: float, draw: float) -> bool:
        """Agree the next item if ``draw < hazard``; return whether one was agreed."""
        self.agreed_this_week = int(draw < hazard and self.agreed < len(ITEMS))
        self.agreed += self.agreed_this_week
        return bool(self.agreed_this_week)

    def retract(self) -> bool:
        """Withdraw the last item agreed (never the first); return whether one was withdrawn."""
        if self.agreed <= 1:
            return False
        self.agreed -= 1
        self.retracted += 1
        self.retracted_this_week += 1
        return True

    def start_week(self) -> None:
        """Reset the week's counts."""
        self.agreed_this_week = 0
        self.retracted_this_week = 0


def retraction_probability(trust_before: float, trust_after: float) -> float:
    """Probability that spoiler attacks undo the last item: the relative fall in trust."""
    if trust_before <= 0.0:
        return 0.0
    return max(0.0, trust_before - trust_after) / trust_before
