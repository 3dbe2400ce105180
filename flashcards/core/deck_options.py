"""Per-deck options beyond the daily limits: the queue order, what happens to leeches, an exam date.

Stored as JSON in ``decks.options`` (schema v2); the daily limits stay in their own columns.
``None`` for a number means "the collection's setting applies".
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from . import bounds

#: How reviews and new cards are ordered within a day (Anki: "mix with reviews", "show new
#: cards before reviews", "show new cards after reviews").
ORDERS = ("mixed", "new_first", "reviews_first")
#: What the scheduler does when a card reaches the leech threshold (it is always tagged ``leech``).
LEECH_ACTIONS = ("suspend", "tag")


@dataclass(frozen=True)
class DeckOptions:
    """One deck's options; limits are per learner day, ``exam_date`` a local calendar date."""

    new_per_day: int | None = None        # None: the collection's setting
    reviews_per_day: int | None = None
    order: str = "mixed"
    leech_lapses: int | None = None       # None: Settings.leech_lapses
    leech_action: str = "suspend"
    exam_date: date | None = None

    def validated(self) -> DeckOptions:
        """Raise ``ValueError`` with a readable message if any value is out of range."""
        bounds.check_daily_limit("new_per_day", self.new_per_day)
        bounds.check_daily_limit("reviews_per_day", self.reviews_per_day)
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {', '.join(ORDERS)}")
        if self.leech_action not in LEECH_ACTIONS:
            raise ValueError(f"leech action must be one of {', '.join(LEECH_ACTIONS)}")
        if self.leech_lapses is not None and (isinstance(self.leech_lapses, bool) or not isinstance(
                self.leech_lapses, int) or not bounds.within(self.leech_lapses, bounds.LEECH_LAPSES)):
            low, high = bounds.LEECH_LAPSES
            raise ValueError(f"leech threshold must be {low}–{high} lapses")
        if self.exam_date is not None and not isinstance(self.exam_date, date):
            raise ValueError("exam date must be a date")
        return self

    def with_changes(self, **changes: Any) -> DeckOptions:
        """A copy with ``changes`` applied and validated (unknown names raise ``TypeError``)."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown deck option(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes).validated()

    def extra_json(self) -> str:
        """The ``decks.options`` column: everything but the two limit columns."""
        data = asdict(self)
        del data["new_per_day"], data["reviews_per_day"]
        data["exam_date"] = self.exam_date.isoformat() if self.exam_date else None
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_row(cls, new_per_day: int | None, reviews_per_day: int | None, extra: str | None) -> DeckOptions:
        """Options from a ``decks`` row; unknown or malformed JSON values fall back to defaults."""
        try:
            data = json.loads(extra or "{}")
        except ValueError:
            data = {}
        data = data if isinstance(data, dict) else {}
        kept: dict[str, Any] = {}
        for name in ("order", "leech_lapses", "leech_action"):
            if name in data:
                kept[name] = data[name]
        if isinstance(data.get("exam_date"), str):
            with contextlib.suppress(ValueError):
                kept["exam_date"] = date.fromisoformat(data["exam_date"])
        try:
            return cls(new_per_day, reviews_per_day, **kept).validated()
        except (TypeError, ValueError):
            return cls(new_per_day, reviews_per_day)
