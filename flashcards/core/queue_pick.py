"""Daily limits applied down the deck tree, and the next card to show (see :mod:`.study_queue`).

Limits work as in Anki's v3 scheduler: a deck's limit caps the cards of the deck and all its
children, counting what was already studied today in that subtree; when a parent deck is
studied, each child's own limit still applies. :class:`Limits` walks the tree once per kind;
the counts shown and the card picked both read it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .cardstore import CARD_FROM, QUEUE_COLUMNS
from .clock import to_ms
from .models import Counts
from .study_queue import (
    ACTIVE,
    IS_NEW,
    IS_REVIEW_DUE,
    SIBLING_FREE,
    DeckRow,
    Head,
    QueueCache,
    QueueState,
    QueueTimes,
    load_state,
    subtree,
    subtree_ids,
)


@dataclass
class Limits:
    """The limits walked down ``deck``'s tree once per kind: cards available (``new``,
    ``review``), done today in the subtree, and what each deck may still show (``*_left``)."""

    new: int
    new_done: int
    review: int
    review_done: int
    new_left: dict[int, int] = field(default_factory=dict)
    review_left: dict[int, int] = field(default_factory=dict)

    @classmethod
    def walk(cls, deck: DeckRow, qs: QueueState) -> Limits:
        """Both kinds in one pass over the subtree, children before their parents: a deck's
        cards available are its own and its children's, capped by what its limit leaves after
        the cards done today in its subtree (with today's custom-study extension)."""
        new_left: dict[int, int] = {}
        review_left: dict[int, int] = {}
        sums: dict[int, tuple[int, int, int, int]] = {}       # deck id -> available and done, per kind
        new_of, new_done_of, review_of, review_done_of = qs.new.get, qs.new_done.get, qs.review.get, qs.review_done.get
        extra_new = qs.extra_new.get if qs.extra_new else None          # (runs for every answer: lean)
        extra_review = qs.extra_review.get if qs.extra_review else None
        for d in reversed(subtree(deck)):
            i = d.id
            new, new_done = new_of(i, 0), new_done_of(i, 0)
            review, review_done = review_of(i, 0), review_done_of(i, 0)
            if d.children:
                for child in d.children:
                    n, nd, r, rd = sums[child.id]
                    new += n
                    new_done += nd
                    review += r
                    review_done += rd
            left_new = d.new_limit - new_done + (extra_new(i, 0) if extra_new else 0)
            left_review = d.review_limit - review_done + (extra_review(i, 0) if extra_review else 0)
            left_new = new_left[i] = left_new if left_new > 0 else 0
            left_review = review_left[i] = left_review if left_review > 0 else 0
            sums[i] = (left_new if left_new < new else new, new_done,
                       left_review if left_review < review else review, review_done)
        new, new_done, review, review_done = sums[deck.id]
        return cls(new, new_done, review, review_done, new_left, review_left)


def counts_for(deck: DeckRow, qs: QueueState, limits: Limits | None = None) -> Counts:
    """Cards to study now in ``deck``'s subtree (``limits``: already walked for ``deck``)."""
    limits = limits or Limits.walk(deck, qs)
    ids = subtree_ids(deck)
    return Counts(new=limits.new, learning=sum(n for i, n in qs.learning.items() if i in ids),
                  review=limits.review)


def new_turn(order: str | None, new_done: int, new_left: int, review_done: int, review_left: int) -> bool:
    """Whether the next card of the day comes from the new cards rather than the reviews.

    ``order`` is the studied deck's :data:`~flashcards.core.deck_options.ORDERS` entry.
    ``"mixed"`` spreads the smaller of the day's two piles evenly through the larger one, as
    Anki's v3 scheduler does (its ``Intersperser``): over the whole learner day the k-th new card
    (1-based) sits at the fraction k / (new cards today + 1) of the day, the k-th review at
    k / (reviews today + 1), and whichever pile's next card is due earlier comes next (a tie goes
    to the review). "Today" counts what was already done, so the mix stays even across sessions.
    """
    if not new_left:
        return False
    if not review_left:
        return True
    if order == "new_first":
        return True
    if order == "reviews_first":
        return False
    new_total, review_total = new_done + new_left, review_done + review_left
    # (new_done + 1) / (new_total + 1) < (review_done + 1) / (review_total + 1), in integers
    return (new_done + 1) * (review_total + 1) < (review_done + 1) * (new_total + 1)


def _open_decks(deck: DeckRow, left: dict[int, int], available: dict[int, int]) -> list[int]:
    """Deck ids in the subtree that have cards of a kind (``available``) and whose limits, and
    their ancestors' up to ``deck``, allow more (``left``: from :meth:`Limits.walk`); any order."""
    out: list[int] = []
    stack = [deck]
    while stack:
        d = stack.pop()
        if left[d.id] > 0:
            if available.get(d.id):
                out.append(d.id)
            if d.children:
                stack.extend(d.children)
    return out


#: Cards read ahead per deck and kind: the next answers take their card from here, no SQL.
HEAD_ROWS = 8
_ORDER = {"new": "c.position", "review": "c.due, c.position"}
_KEY_LENGTH = {"new": 2, "review": 3}          # the order columns and the card id, then QUEUE_COLUMNS
_HEAD_SQL = {(kind, sibling): f"SELECT {order}, c.id, {QUEUE_COLUMNS} {CARD_FROM} WHERE c.deck_id = :deck AND "
             f"{ACTIVE} AND {IS_NEW if kind == 'new' else IS_REVIEW_DUE}"
             f"{' AND ' + SIBLING_FREE if sibling else ''} ORDER BY {order} LIMIT {HEAD_ROWS}"
             for kind, order in _ORDER.items() for sibling in (False, True)}


def _first(conn: sqlite3.Connection, kind: str, deck_ids: list[int], times: QueueTimes,
           sibling: bool, heads: dict[tuple[str, int], list[Head]]) -> Head | None:
    """The first new or review card among ``deck_ids``, as ``(order key ending in the card id,
    its QUEUE_COLUMNS row)``.

    Each deck's index yields its own first cards (``ORDER BY ... LIMIT`` along an index needs
    no sort) and the best of those wins; ``heads`` keeps each deck's next :data:`HEAD_ROWS`
    cards in order (an answer removes its card; an empty list is read again). One query over
    all the decks would sort all their cards.
    """
    best: Head | None = None
    for deck_id in deck_ids:
        queue = heads.get((kind, deck_id))
        if queue is None:
            k = _KEY_LENGTH[kind]
            rows = conn.execute(_HEAD_SQL[kind, sibling], {**times.sql, "deck": deck_id}).fetchall()
            queue = heads[kind, deck_id] = [(tuple(r[:k]), r[k:]) for r in rows]
        if queue and (best is None or queue[0][0] < best[0]):
            best = queue[0]
    return best


def _first_learning(learning: list[tuple[int, int, int]], deck_ids: frozenset[int], until_ms: int) -> int | None:
    """The learning card due first (by due, then id) among ``deck_ids``, due by ``until_ms``
    (``learning``: each deck's first, from :func:`load_learning`)."""
    best = min(((due, card) for deck_id, due, card in learning if due <= until_ms and deck_id in deck_ids),
               default=None)
    return best[1] if best else None


def pick_card(conn: sqlite3.Connection, deck: DeckRow, times: QueueTimes, bury_siblings: bool,
              cache: QueueCache | None = None, state: QueueState | None = None,
              limits: Limits | None = None) -> tuple[int, Any | None] | None:
    """The id of the card to show next and, if it was read ahead, its :data:`QUEUE_COLUMNS` row
    (None: a learning card, to be read); None when nothing is due now.

    Order: learning cards due now; then reviews and new cards in the studied deck's order
    (``deck.options.order``, see :func:`new_turn`: mixed evenly by default); then learning cards due
    within the learn-ahead window. ``state``: from :func:`load_state` at ``times``, and
    ``limits``: walked for ``deck`` from it, if at hand.
    """
    qs = state or load_state(conn, times, bury_siblings, cache)
    every = subtree_ids(deck)
    learning = _first_learning(qs.learning_first, every, to_ms(times.now))
    if learning is not None:
        return learning, None
    lim = limits or Limits.walk(deck, qs)
    new, review, new_left, review_left = lim.new, lim.review, lim.new_left, lim.review_left
    new_first = new_turn(deck.options.order, lim.new_done, new, lim.review_done, review)
    order = ("new", "review") if new_first else ("review", "new")
    heads: dict[tuple[str, int], list[Head]] = cache.heads if cache else {}
    for kind in order:
        head = None
        if kind == "review" and review:
            head = _first(conn, "review", _open_decks(deck, review_left, qs.review), times, bury_siblings, heads)
        elif kind == "new" and new:
            head = _first(conn, "new", _open_decks(deck, new_left, qs.new), times, bury_siblings, heads)
        if head is not None:
            return head[0][-1], head[1]
    learning = _first_learning(qs.learning_first, every, to_ms(times.now + times.learn_ahead))
    return None if learning is None else (learning, None)


def next_due(conn: sqlite3.Connection, deck: DeckRow, times: QueueTimes) -> int | None:
    """Ms UTC when the next learning or review card of the subtree becomes due (None: none)."""
    marks = ",".join(str(d.id) for d in subtree(deck))
    row = conn.execute(f"SELECT min(c.due) FROM cards c WHERE {ACTIVE} AND c.state IN (1, 2, 3) "
                       f"AND c.deck_id IN ({marks})", times.sql).fetchone()
    return row[0] if row and row[0] is not None else None
