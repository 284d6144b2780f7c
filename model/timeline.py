"""Policy timelines: levers that change at given weeks of a run."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ceasefire.model.parameters import ParameterError, validate


@dataclass(frozen=True)
class PolicyChange:
    """Levers set at the start of ``week``."""

    week: int
    levers: Mapping[str, Any]


@dataclass(frozen=True)
class PolicyTimeline:
    """An ordered list of lever changes; validated on construction."""

    changes: tuple[PolicyChange, ...] = field(default_factory=tuple)

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> PolicyTimeline:
        """Build a timeline from ``{"week": W, "set": {lever: value}}`` entries.

        Raises:
            ParameterError: for a missing or non-positive week, a week given twice, an empty
                change, a non-lever or a disallowed value.
        """
        changes: list[PolicyChange] = []
        for i, entry in enumerate(entries, start=1):
            week = entry.get("week")
            if isinstance(week, bool) or not isinstance(week, int) or week < 1:
                raise ParameterError(
                    f"timeline entry {i}: 'week' must be an integer >= 1, got {week!r}"
                )
            levers = entry.get("set")
            if not isinstance(levers, Mapping) or not levers:
                raise ParameterError(
                    f"timeline entry {i} (week {week}): 'set' must be a non-empty table of levers"
                )
            unknown = set(entry) - {"week", "set"}
            if unknown:
                raise ParameterError(
                    f"timeline entry {i}: unknown key(s) {sorted(unknown)}; use 'week' and 'set'"
                )
            if any(change.week == week for change in changes):
                raise ParameterError(
                    f"timeline entry {i}: week {week} has an earlier entry; put all the levers "
                    f"that change in week {week} into one entry"
                )
            changes.append(PolicyChange(week, validate(levers, levers_only=True)))
        return cls(tuple(sorted(changes, key=lambda c: c.week)))

    def check_horizon(self, steps: int) -> None:
        """Refuse changes after the last week of a run of ``steps`` weeks (never applied).

        Raises:
            ParameterError: naming the first such change, its levers and the number of weeks.
        """
        late = next((c for c in self.changes if c.week > steps), None)
        if late is not None:
            raise ParameterError(
                f"the timeline sets {', '.join(late.levers)} in week {late.week}, but the run "
                f"has {steps} weeks (--steps {steps}), so the change would never be applied; "
                f"use --steps {late.week} or more, or move the change"
            )

    def changes_at(self, week: int) -> dict[str, Any]:
        """Levers set at the start of ``week`` (a file's entry wins over its base preset's)."""
        merged: dict[str, Any] = {}
        for change in self.changes:
            if change.week == week:
                merged.update(change.levers)
        return merged

    def as_records(self) -> list[dict[str, Any]]:
        """The timeline as JSON-ready records."""
        return [{"week": c.week, "set": dict(c.levers)} for c in self.changes]
