"""Plain data types shared by the core and the UI.

Times are aware ``datetime`` objects in UTC unless a name says otherwise; durations are
milliseconds (``*_ms``) or days (``*_days``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum
from typing import NamedTuple


class Rating(IntEnum):
    """The learner's grade for one answer, as on Anki's four buttons and keys 1–4."""

    Again = 1
    Hard = 2
    Good = 3
    Easy = 4


class CardState(IntEnum):
    """Where a card is in its life. Stored as an integer in ``cards.state``."""

    New = 0
    Learning = 1
    Review = 2
    Relearning = 3


class CardType:
    """The kinds of note a deck file can hold (the ``type:`` field)."""

    BASIC = "basic"
    REVERSE = "reverse"
    CLOZE = "cloze"
    LIST = "list"
    ALL = (BASIC, REVERSE, CLOZE, LIST)


class Counts(NamedTuple):
    """Cards to study now: new (after daily limit), learning, review due (after limit)."""

    new: int
    learning: int
    review: int

    @property
    def total(self) -> int:
        return self.new + self.learning + self.review


@dataclass(frozen=True)
class Card:
    """One study card: a side of a note, with its scheduling state.

    ``key`` is the deck file's id for the first card of a note ("two") and a derived key for
    the others ("two/reverse", "two/c2"); ``id`` is the collection's integer id, stable across
    re-imports.
    """

    id: int
    key: str
    deck: str
    type: str
    ord: int
    front: str = ""
    back: str = ""
    text: str = ""
    items: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source_line: int | None = None
    state: CardState = CardState.New
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0
    suspended: bool = False
    buried: bool = False
    leech: bool = False

    @property
    def is_reverse(self) -> bool:
        return self.type == CardType.REVERSE and self.ord == 1

    @property
    def cloze_number(self) -> int:
        """The cloze deletion this card asks (1-based); 0 for non-cloze cards."""
        return self.ord + 1 if self.type == CardType.CLOZE else 0

    def question(self) -> str:
        """The question as plain text (cloze: the asked deletion shown as ``[...]``)."""
        from .cloze import render_cloze

        if self.type == CardType.CLOZE:
            return render_cloze(self.text, self.cloze_number, reveal=False)
        if self.is_reverse:
            return self.back
        return self.front

    def answer(self) -> str:
        """The answer as plain text (list cards: one item a line)."""
        from .cloze import render_cloze

        if self.type == CardType.CLOZE:
            filled = render_cloze(self.text, self.cloze_number, reveal=True)
            return f"{filled}\n\n{self.back}" if self.back else filled
        if self.type == CardType.LIST:
            return "\n".join(f"• {item}" for item in self.items)
        if self.is_reverse:
            return self.front
        return self.back


@dataclass
class ImportReport:
    """What an import changed, as ``"Deck::Name/card-key"`` strings per outcome."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    decks: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.decks)} deck(s): {len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.removed)} removed"
        )


@dataclass(frozen=True)
class DeckInfo:
    """A deck's metadata from its file (empty strings when the file gave none)."""

    name: str
    description: str = ""
    source: str = ""
    source_title: str = ""
    attribution: str = ""
    disclaimer: str = ""
    new_per_day: int | None = None
    reviews_per_day: int | None = None


@dataclass(frozen=True)
class DeckStats:
    """One row of ``flashcards stats``: card totals of a deck and its children."""

    name: str
    total: int
    new: int
    learning: int
    review_due: int
    reviewed_today: int
    suspended: int


@dataclass
class DeckNode:
    """A deck in the deck tree with its study counts (children included)."""

    name: str
    counts: Counts
    children: list[DeckNode] = field(default_factory=list)

    @property
    def short_name(self) -> str:
        return self.name.rsplit("::", 1)[-1]


@dataclass(frozen=True)
class ReviewEntry:
    """One row of the append-only review log."""

    id: int
    card_id: int
    time: datetime
    rating: Rating
    duration_ms: int
    state_before: CardState
    state_after: CardState
    interval_days: float
