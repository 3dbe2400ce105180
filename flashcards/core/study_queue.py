"""What is due now, after daily limits: counts per deck and the next card to show.

Limits work as in Anki's v3 scheduler: a deck's limit caps the cards of the deck and all its
children, counting what was already studied today in that subtree; when a parent deck is
studied, each child's own limit still applies. Learning cards have no limit. Cards whose
sibling (another card of the same note) was answered today are hidden until tomorrow.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .clock import to_ms
from .models import Counts


NO_LIMIT = 10**9


@dataclass
class DeckRow:
    id: int
    name: str
    new_limit: int
    review_limit: int
    children: list["DeckRow"] = field(default_factory=list)


@dataclass(frozen=True)
class QueueTimes:
    """The moments that decide what is due (all UTC)."""

    now: datetime
    day_start: datetime
    day_end: datetime
    today: str                       # learner day, ISO date
    learn_ahead: timedelta

    @property
    def sql(self) -> dict[str, object]:
        return {"now": to_ms(self.now), "day_start": to_ms(self.day_start), "day_end": to_ms(self.day_end),
                "today": self.today, "ahead": to_ms(self.now + self.learn_ahead)}


# Conditions shared by counting and picking. Named parameters come from QueueTimes.sql.
ACTIVE = "c.retired = 0 AND c.suspended = 0 AND (c.buried_day IS NULL OR c.buried_day < :today)"
SIBLING_FREE = ("c.note_id NOT IN (SELECT c2.note_id FROM revlog r JOIN cards c2 ON c2.id = r.card_id "
                "WHERE r.time >= :day_start)")
IS_NEW = "c.state = 0"
IS_REVIEW_DUE = "c.state = 2 AND c.due < :day_end"
IS_LEARNING_DUE = "c.state IN (1, 3) AND c.due <= :now"
IS_LEARNING_AHEAD = "c.state IN (1, 3) AND c.due <= :ahead"


def subtree(root: DeckRow) -> list[DeckRow]:
    out, stack = [], [root]
    while stack:
        deck = stack.pop()
        out.append(deck)
        stack.extend(deck.children)
    return out


@dataclass
class QueueState:
    """Per-deck raw counts and today's work, computed with a few grouped queries."""

    new: dict[int, int]
    learning: dict[int, int]
    review: dict[int, int]
    new_done: dict[int, int]
    review_done: dict[int, int]


def load_state(conn: sqlite3.Connection, times: QueueTimes, bury_siblings: bool) -> QueueState:
    params = times.sql
    new: dict[int, int] = {}
    learning: dict[int, int] = {}
    review: dict[int, int] = {}
    for row in conn.execute(
        f"SELECT c.deck_id, sum(c.state = 0), sum(c.state IN (1, 3) AND c.due <= :ahead), "
        f"sum({IS_REVIEW_DUE}) FROM cards c WHERE {ACTIVE} GROUP BY c.deck_id", params):
        new[row[0]], learning[row[0]], review[row[0]] = row[1] or 0, row[2] or 0, row[3] or 0
    if bury_siblings and (new or review):
        hidden = conn.execute(
            f"SELECT c.deck_id, sum(c.state = 0), sum({IS_REVIEW_DUE}) FROM cards c "
            f"WHERE {ACTIVE} AND NOT ({SIBLING_FREE}) GROUP BY c.deck_id", params)
        for deck_id, hidden_new, hidden_review in hidden:
            new[deck_id] -= hidden_new or 0
            review[deck_id] -= hidden_review or 0
    new_done: dict[int, int] = {}
    review_done: dict[int, int] = {}
    for deck_id, n, r in conn.execute(
        "SELECT c.deck_id, sum(r.state_before = 0), sum(r.state_before = 2) FROM revlog r "
        "JOIN cards c ON c.id = r.card_id WHERE r.time >= :day_start GROUP BY c.deck_id", params):
        new_done[deck_id], review_done[deck_id] = n or 0, r or 0
    return QueueState(new, learning, review, new_done, review_done)


def remaining(deck: DeckRow, done: dict[int, int], kind: str) -> int:
    """How many more new/review cards ``deck``'s own limit allows today."""
    limit = deck.new_limit if kind == "new" else deck.review_limit
    return max(0, limit - sum(done.get(d.id, 0) for d in subtree(deck)))


def capped(deck: DeckRow, own: dict[int, int], done: dict[int, int], kind: str) -> int:
    """Cards available in ``deck``'s subtree after every limit on the way down."""
    total = own.get(deck.id, 0) + sum(capped(child, own, done, kind) for child in deck.children)
    return min(remaining(deck, done, kind), total)


def counts_for(deck: DeckRow, qs: QueueState) -> Counts:
    return Counts(new=capped(deck, qs.new, qs.new_done, "new"),
                  learning=sum(qs.learning.get(d.id, 0) for d in subtree(deck)),
                  review=capped(deck, qs.review, qs.review_done, "review"))


def eligible_decks(deck: DeckRow, done: dict[int, int], kind: str) -> list[int]:
    """Deck ids in the subtree whose limits (theirs and their ancestors' up to ``deck``) allow more."""
    if remaining(deck, done, kind) <= 0:
        return []
    out = [deck.id]
    for child in deck.children:
        out.extend(eligible_decks(child, done, kind))
    return out


def pick_card(conn: sqlite3.Connection, deck: DeckRow, times: QueueTimes, bury_siblings: bool,
              answered_today: int) -> int | None:
    """The id of the card to show next, or None when nothing is due now.

    Order: learning cards due now; then reviews and new cards mixed (a new card every
    ``(new + review) / new`` answers, as Anki's "mix with reviews"); then learning cards due
    within the learn-ahead window.
    """
    params = times.sql
    every = [d.id for d in subtree(deck)]

    def first(condition: str, deck_ids: list[int], order: str) -> int | None:
        if not deck_ids:
            return None
        marks = ",".join(str(int(i)) for i in deck_ids)
        sibling = f" AND {SIBLING_FREE}" if bury_siblings and condition in (IS_NEW, IS_REVIEW_DUE) else ""
        row = conn.execute(f"SELECT c.id FROM cards c WHERE {ACTIVE} AND {condition}{sibling} "
                           f"AND c.deck_id IN ({marks}) ORDER BY {order} LIMIT 1", params).fetchone()
        return row[0] if row else None

    card = first(IS_LEARNING_DUE, every, "c.due, c.id")
    if card is not None:
        return card
    qs = load_state(conn, times, bury_siblings)
    counts = counts_for(deck, qs)
    new_first = False
    if counts.new and counts.review:
        spacing = max(1, (counts.new + counts.review) // counts.new)
        new_first = answered_today % spacing == spacing - 1
    order = ("new", "review") if new_first or not counts.review else ("review", "new")
    for kind in order:
        if kind == "review" and counts.review:
            card = first(IS_REVIEW_DUE, eligible_decks(deck, qs.review_done, "review"), "c.due, c.position")
        elif kind == "new" and counts.new:
            card = first(IS_NEW, eligible_decks(deck, qs.new_done, "new"), "c.position")
        if card is not None:
            return card
    return first(IS_LEARNING_AHEAD, every, "c.due, c.id")


def next_due(conn: sqlite3.Connection, deck: DeckRow, times: QueueTimes) -> int | None:
    """Ms UTC when the next learning or review card of the subtree becomes due (None: none)."""
    marks = ",".join(str(d.id) for d in subtree(deck))
    row = conn.execute(f"SELECT min(c.due) FROM cards c WHERE {ACTIVE} AND c.state IN (1, 2, 3) "
                       f"AND c.deck_id IN ({marks})", times.sql).fetchone()
    return row[0] if row and row[0] is not None else None
