"""Custom study for today (after Anki's "Custom Study"), in two simpler forms than Anki's
temporary filtered deck:

- **More new cards / more reviews today**: a one-day increase of a deck's daily limit, kept in
  the config under :data:`~flashcards.core.study_queue.EXTEND_KEY` (``{deck id: {"day", "new",
  "review"}}``) and read by the study queue; it lapses when the learner day ends.
- **Forgotten cards** (answered Again in the last N days) and **review ahead** (reviews due in
  the next N days): a :class:`CardListSession` over the chosen cards, shown once each in order;
  cards sent back to learning by an answer come back in the same session when due. Answers are
  scheduled by FSRS as usual (as in Anki's filtered decks, which reschedule by default).

Times are aware datetimes (None: now); day counts are learner days.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from .changes import OpChanges
from .clock import ensure_aware, to_ms
from .models import Card, CardState, Counts, Rating
from .sched import AnswerResult, QueuedCard
from .study_queue import ACTIVE, EXTEND_KEY, subtree

if TYPE_CHECKING:
    from .collection import Collection

#: Bounds of the numbers a custom study takes: extra cards, and days back or ahead.
EXTRA_CARDS = (1, 9999)
DAYS = (1, 365)
#: At most this many cards in one card-list session.
MAX_SESSION_CARDS = 1000

MORE_NEW, MORE_REVIEWS, FORGOTTEN, AHEAD = "more_new", "more_reviews", "forgotten", "ahead"
KINDS = (MORE_NEW, MORE_REVIEWS, FORGOTTEN, AHEAD)


def _check(name: str, value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}")
    return value


def extension(col: Collection, deck: str, now: datetime | None = None) -> tuple[int, int]:
    """Today's ``(extra new, extra reviews)`` of ``deck`` (``KeyError`` for an unknown deck)."""
    deck_id = col.decks.row(deck).id
    today = col.conf.queue_times(now).today
    entry = (col.conf.get(EXTEND_KEY, {}) or {}).get(str(deck_id), {})
    if not isinstance(entry, dict) or entry.get("day") != today:
        return 0, 0
    return int(entry.get("new", 0) or 0), int(entry.get("review", 0) or 0)


def extend_limits(col: Collection, deck: str, new: int = 0, review: int = 0,
                  now: datetime | None = None) -> OpChanges:
    """Let ``deck`` (and so its children) show ``new`` more new cards and ``review`` more reviews
    today than its daily limits allow; added to an increase made earlier today. Raises
    ``ValueError`` for a number out of :data:`EXTRA_CARDS` (0 leaves a kind alone), ``KeyError``
    for an unknown deck; then nothing changes."""
    for name, value in (("new cards", new), ("reviews", review)):
        if value:
            _check(name, value, EXTRA_CARDS)
    if not new and not review:
        raise ValueError("give a number of new cards or reviews")
    deck_id = col.decks.row(deck).id
    if not deck_id:
        raise KeyError("custom study needs a deck")
    today = col.conf.queue_times(now).today
    old_new, old_review = extension(col, deck, now)
    stored = col.conf.get(EXTEND_KEY, {})
    kept = {k: v for k, v in (stored.items() if isinstance(stored, dict) else ())
            if isinstance(v, dict) and v.get("day") == today}          # other days' entries lapse
    kept[str(deck_id)] = {"day": today, "new": min(old_new + new, EXTRA_CARDS[1]),
                          "review": min(old_review + review, EXTRA_CARDS[1])}
    changes = col.conf.update(prefs={EXTEND_KEY: kept})
    return replace(changes, kind="custom_study", study_queue=True)


def _deck_ids(col: Collection, deck: str) -> list[int]:
    return [d.id for d in subtree(col.decks.row(deck)) if d.id]


def forgotten_cards(col: Collection, deck: str, days: int, now: datetime | None = None) -> list[int]:
    """Cards of ``deck`` and its children answered Again within the last ``days`` learner days
    (today included), most recently forgotten first; suspended and buried cards left out."""
    _check("days", days, DAYS)
    times = col.conf.queue_times(now)
    since = to_ms(times.day_start - timedelta(days=days - 1))
    ids = _deck_ids(col, deck)
    marks = ",".join(f":i{n}" for n in range(len(ids)))
    with col.db.read() as conn:
        rows = conn.execute(
            f"SELECT c.id FROM cards c JOIN revlog r ON r.card_id = c.id WHERE c.deck_id IN ({marks}) "
            f"AND r.rating = 1 AND r.time >= :since AND {ACTIVE} GROUP BY c.id ORDER BY max(r.time) DESC, c.id "
            f"LIMIT {MAX_SESSION_CARDS}", _named(ids, {**times.sql, "since": since})).fetchall()
    return [r[0] for r in rows]


def ahead_cards(col: Collection, deck: str, days: int, now: datetime | None = None) -> list[int]:
    """Review cards of ``deck`` and its children that fall due in the next ``days`` learner days
    (after today), soonest first; suspended and buried cards left out."""
    _check("days", days, DAYS)
    times = col.conf.queue_times(now)
    until = to_ms(times.day_end + timedelta(days=days))
    ids = _deck_ids(col, deck)
    marks = ",".join(f":i{n}" for n in range(len(ids)))
    with col.db.read() as conn:
        rows = conn.execute(
            f"SELECT c.id FROM cards c WHERE c.deck_id IN ({marks}) AND c.state = 2 AND c.due >= :day_end "
            f"AND c.due < :until AND {ACTIVE} ORDER BY c.due, c.id LIMIT {MAX_SESSION_CARDS}",
            _named(ids, {**times.sql, "until": until})).fetchall()
    return [r[0] for r in rows]


def _named(ids: list[int], params: dict[str, object]) -> dict[str, object]:
    """``?`` placeholders cannot mix with named ones: number the ids as ``:i0, :i1…`` instead."""
    return {**params, **{f"i{n}": v for n, v in enumerate(ids)}}


@dataclass
class CardListSession:
    """A study session over chosen cards (custom study, or the cards a practice test missed).

    ``title`` says what the session is, for the study screen. Each listed card is shown once, in
    order; a card an answer sends to (re)learning comes back when due (within the learn-ahead
    window once the list is done). Answers go through ``col.sched.answer`` (FSRS, review log, undo).
    """

    title: str
    card_ids: tuple[int, ...]
    done: set[int] = field(default_factory=set)
    learning: set[int] = field(default_factory=set)     # answered here and now in (re)learning

    def forget_answer(self, card_id: int) -> None:
        """After an undo: the card is to be shown again."""
        self.done.discard(card_id)
        self.learning.discard(card_id)

    def __contains__(self, card_id: int) -> bool:
        return card_id in self.card_ids

    def next(self, col: Collection, now: datetime | None = None) -> QueuedCard | None:
        """The card to show now, with the session's counts; None when the session is over."""
        now = ensure_aware(now)
        times = col.conf.queue_times(now)
        cards: dict[int, Card] = {}
        for card_id in self.card_ids:
            try:
                cards[card_id] = col.sched.card(card_id, now)
            except KeyError:                       # retired or gone since
                continue
        usable = {i: c for i, c in cards.items() if not c.suspended and not c.buried}
        waiting = [c for i, c in usable.items() if i not in self.done]
        learning = sorted((c for i, c in usable.items() if i in self.learning
                           and c.state in (CardState.Learning, CardState.Relearning) and c.due is not None),
                          key=lambda c: (c.due, c.id))
        counts = Counts(new=sum(c.state == CardState.New for c in waiting), learning=len(learning),
                        review=sum(c.state != CardState.New for c in waiting))
        due_now = [c for c in learning if c.due is not None and c.due <= now]
        ahead = [c for c in learning if c.due is not None and c.due <= now + times.learn_ahead]
        for pile in (due_now, waiting, ahead):
            if pile:
                return QueuedCard(pile[0], counts, col.conf.scheduler, now)
        return None

    def answer_and_next(self, col: Collection, card: Card, rating: Rating | int, now: datetime | None = None,
                        duration_ms: int | None = None) -> AnswerResult:
        """Grade ``card`` as usual, then the session's next card and counts."""
        result = col.sched.answer(card, rating, now, duration_ms)
        self.done.add(card.id)
        if result.card.state in (CardState.Learning, CardState.Relearning):
            self.learning.add(card.id)
        else:
            self.learning.discard(card.id)
        queued = self.next(col, now)
        return replace(result, next=queued, counts=queued.counts if queued else Counts(0, 0, 0))


def start_session(col: Collection, deck: str, kind: str, number: int,
                  now: datetime | None = None) -> CardListSession | None:
    """Custom study ``kind`` on ``deck`` with ``number`` (cards for MORE_NEW/MORE_REVIEWS, days
    for FORGOTTEN/AHEAD). Limit increases return None (study the deck as usual); the card-list
    kinds return the session (empty ``card_ids`` when no card qualifies)."""
    if kind == MORE_NEW:
        extend_limits(col, deck, new=number, now=now)
        return None
    if kind == MORE_REVIEWS:
        extend_limits(col, deck, review=number, now=now)
        return None
    short = deck.rsplit("::", 1)[-1]
    plural = "s" if number != 1 else ""
    if kind == FORGOTTEN:
        return CardListSession(f"Custom study: {short}, cards forgotten in the last {number} day{plural}",
                               tuple(forgotten_cards(col, deck, number, now)))
    if kind == AHEAD:
        return CardListSession(f"Custom study: {short}, reviews due in the next {number} day{plural}",
                               tuple(ahead_cards(col, deck, number, now)))
    raise ValueError(f"custom study kind must be one of {', '.join(KINDS)}")
