"""What is due now, after daily limits: counts per deck and the next card to show.

Limits work as in Anki's v3 scheduler: a deck's limit caps the cards of the deck and all its
children, counting what was already studied today in that subtree; when a parent deck is
studied, each child's own limit still applies. Learning cards have no limit. Cards whose
sibling (another card of the same note) was answered today are hidden until tomorrow.

This module loads what the queue is built from (per-deck counts, today's work, learning cards)
and keeps it in :class:`QueueCache`; :mod:`.queue_pick` applies the limits and picks the card.

Speed: counting new cards reads every one of them (an index-only scan), so a
:class:`QueueCache` keeps today's per-deck new/review counts and work done between calls. An
answer changes the counts of its own note only: :meth:`SchedManager.answer` measures that note's
share before (and computes it after) and patches the cache. Any other write drops the cache (ours show in
``total_changes``, another process's in ``PRAGMA data_version``). Learning counts depend on the
clock and are always counted afresh (an index finds the few learning cards). Picking a card
asks each deck's index for its first new or review card (remembered between answers) and takes
the best of those, so no query sorts more than the few learning cards.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right, insort
from collections.abc import Callable
from typing import Any
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .clock import to_ms
from .deck_options import DeckOptions

NO_LIMIT = 10**9
#: A card read ahead by the queue: (order key ending in its id, its CARD_COLUMNS row).
Head = tuple[tuple, Any]
#: Config key of today's custom-study limit extensions: ``{deck id: {"day": ISO learner day,
#: "new": extra new cards, "review": extra reviews}}`` (one learner day only; see custom_study.py).
EXTEND_KEY = "custom_study.extend"


@dataclass
class DeckRow:
    id: int
    name: str
    new_limit: int
    review_limit: int
    children: list[DeckRow] = field(default_factory=list)
    options: DeckOptions = field(default_factory=DeckOptions)    # leech rule, exam date, … (cached)
    # The deck and its descendants, parents before children (made once: a row is not changed
    # after the deck tree is built; a change of decks builds a new tree).
    _subtree: list[DeckRow] | None = field(default=None, repr=False, compare=False)
    _subtree_ids: frozenset[int] | None = field(default=None, repr=False, compare=False)


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


# Conditions shared by counting and picking. Named parameters come from QueueTimes.sql. They
# match the partial indexes cards_new and cards_due (see schema.py).
ACTIVE = "c.retired = 0 AND c.suspended = 0 AND (c.buried_day IS NULL OR c.buried_day < :today)"
SIBLING_FREE = ("NOT EXISTS (SELECT 1 FROM cards c2 JOIN revlog r ON r.card_id = c2.id "
                "WHERE c2.note_id = c.note_id AND r.time >= :day_start)")
IS_NEW = "c.state = 0"
IS_REVIEW_DUE = "c.state = 2 AND c.due < :day_end"
IS_LEARNING_AHEAD = "c.state IN (1, 3) AND c.due <= :ahead"

# Per deck, each count is an index range (no GROUP BY sort). Sibling-hidden cards are found
# from today's review log and subtracted.
_DECK_COUNTS = (f"SELECT d.id, (SELECT count(*) FROM cards c WHERE c.deck_id = d.id AND {IS_NEW} AND {ACTIVE}), "
                f"(SELECT count(*) FROM cards c WHERE c.deck_id = d.id AND {IS_REVIEW_DUE} AND {ACTIVE}) "
                "FROM decks d")
# Per deck, the learning cards due within the learn-ahead window: how many, and the first of
# them by (due, id). Each is an index range; one read serves the learning counts and picking.
_FIRST_DUE = ("(SELECT min(c.due) FROM cards c WHERE c.deck_id = d.id AND c.state = {state} AND c.due <= :ahead "
              f"AND {ACTIVE})")     # one state at a time: SQLite then reads min() off the index
_LEARNING = ("WITH x AS MATERIALIZED (SELECT d.id AS id, "
             f"(SELECT count(*) FROM cards c WHERE c.deck_id = d.id AND {IS_LEARNING_AHEAD} AND {ACTIVE}) AS n, "
             f"{_FIRST_DUE.format(state=1)} AS d1, {_FIRST_DUE.format(state=3)} AS d3 FROM decks d), "
             "y AS MATERIALIZED (SELECT id, n, min(coalesce(d1, d3), coalesce(d3, d1)) AS due FROM x WHERE n > 0) "
             "SELECT id, n, due, (SELECT min(c.id) FROM cards c WHERE c.deck_id = y.id AND c.state IN (1, 3) "
             f"AND c.due = y.due AND {ACTIVE}) FROM y")
# Every active learning card (few: learning is short), for QueueCache.learning.
_ALL_LEARNING = f"SELECT c.deck_id, c.due, c.id FROM cards c WHERE c.state IN (1, 3) AND c.due IS NOT NULL AND {ACTIVE}"
_HIDDEN_COUNTS = (f"SELECT c.deck_id, sum({IS_NEW}), sum({IS_REVIEW_DUE}) FROM cards c WHERE c.note_id IN "
                  "(SELECT c2.note_id FROM revlog r JOIN cards c2 ON c2.id = r.card_id WHERE r.time >= :day_start) "
                  f"AND {ACTIVE} GROUP BY c.deck_id")
_DONE_COUNTS = ("SELECT c.deck_id, sum(r.state_before = 0), sum(r.state_before = 2), count(*) FROM revlog r "
                "JOIN cards c ON c.id = r.card_id WHERE r.time >= :day_start GROUP BY c.deck_id")
# The share of all of the above of one card's note, card by card.
_NOTE_SHARE = (f"SELECT c.id, c.deck_id, ({ACTIVE}), ({ACTIVE} AND {IS_NEW}), ({ACTIVE} AND {IS_REVIEW_DUE}), "
               "(SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.time >= :day_start AND r.state_before = 0), "
               "(SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.time >= :day_start AND r.state_before = 2), "
               "(SELECT count(*) FROM revlog r WHERE r.card_id = c.id AND r.time >= :day_start) "
               "FROM cards c WHERE c.note_id = (SELECT note_id FROM cards WHERE id = :card)")


def subtree(root: DeckRow) -> list[DeckRow]:
    """``root`` and every deck under it, each deck before its children (do not change the list)."""
    if root._subtree is None:
        out, stack = [], [root]
        while stack:
            deck = stack.pop()
            out.append(deck)
            stack.extend(deck.children)
        root._subtree = out
    return root._subtree


def subtree_ids(root: DeckRow) -> frozenset[int]:
    """The ids of :func:`subtree`."""
    if root._subtree_ids is None:
        root._subtree_ids = frozenset(d.id for d in subtree(root))
    return root._subtree_ids


@dataclass
class QueueState:
    """Per-deck raw counts and today's work (``answered``: every answer since the day started)."""

    new: dict[int, int]
    learning: dict[int, int]
    review: dict[int, int]
    new_done: dict[int, int]
    review_done: dict[int, int]
    answered: int = 0
    learning_first: list[tuple[int, int, int]] = field(default_factory=list)   # (deck id, due ms, card id)
    extra_new: dict[int, int] = field(default_factory=dict)      # today's custom-study extensions
    extra_review: dict[int, int] = field(default_factory=dict)


def _extensions(conn: sqlite3.Connection, today: str) -> tuple[dict[int, int], dict[int, int]]:
    """Today's custom-study limit extensions per deck id (older days' entries are ignored)."""
    row = conn.execute("SELECT value FROM config WHERE key = ?", (EXTEND_KEY,)).fetchone()
    new: dict[int, int] = {}
    review: dict[int, int] = {}
    try:
        data = json.loads(row[0]) if row else {}
    except ValueError:
        data = {}
    for deck_id, entry in (data.items() if isinstance(data, dict) else ()):
        if isinstance(entry, dict) and entry.get("day") == today and str(deck_id).isdigit():
            for target, name in ((new, "new"), (review, "review")):
                value = entry.get(name)
                if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                    target[int(deck_id)] = value
    return new, review


def _load_daily(conn: sqlite3.Connection, params: dict[str, object], bury_siblings: bool) -> QueueState:
    """Everything but the learning counts: fixed for the day until something is written."""
    new: dict[int, int] = {}
    review: dict[int, int] = {}
    for deck_id, n, r in conn.execute(_DECK_COUNTS, params):
        new[deck_id], review[deck_id] = n, r
    new_done: dict[int, int] = {}
    review_done: dict[int, int] = {}
    answered = 0
    for deck_id, n, r, total in conn.execute(_DONE_COUNTS, params):
        new_done[deck_id], review_done[deck_id] = n or 0, r or 0
        answered += total
    if bury_siblings and answered:
        for deck_id, hidden_new, hidden_review in conn.execute(_HIDDEN_COUNTS, params):
            new[deck_id] -= hidden_new or 0
            review[deck_id] -= hidden_review or 0
    extra_new, extra_review = _extensions(conn, str(params["today"]))
    return QueueState(new, {}, review, new_done, review_done, answered, extra_new=extra_new,
                      extra_review=extra_review)


def load_learning(conn: sqlite3.Connection, times: QueueTimes) -> tuple[dict[int, int], list[tuple[int, int, int]]]:
    """Per deck, the learning cards due within the learn-ahead window: {deck id: how many} and
    ``(deck id, due ms, card id)`` of each deck's first one (by due, then id)."""
    counts: dict[int, int] = {}
    first: list[tuple[int, int, int]] = []
    for deck_id, n, due, card_id in conn.execute(_LEARNING, times.sql):
        counts[deck_id] = n
        first.append((deck_id, due, card_id))
    return counts, first


def load_state(conn: sqlite3.Connection, times: QueueTimes, bury_siblings: bool,
               cache: QueueCache | None = None, version: tuple[int, int] | None = None) -> QueueState:
    """Today's counts per deck; ``version`` (see :meth:`QueueCache.version`) when just checked."""
    daily = (cache.daily(conn, times, bury_siblings, version) if cache
             else _load_daily(conn, times.sql, bury_siblings))
    learning, first = cache.learning(conn, times) if cache else load_learning(conn, times)
    return QueueState(daily.new, learning, daily.review, daily.new_done, daily.review_done, daily.answered,
                      first, daily.extra_new, daily.extra_review)


class QueueCache:
    """Today's :class:`QueueState` (learning counts aside), kept until something else is written.

    After an answer, :meth:`note_share` before and after the change, then :meth:`patch` once it
    is committed. The state is valid for one learner day and one ``bury_siblings`` setting.
    ``heads`` keeps each deck's first new and review card likewise (an answer only changes those
    of its note's deck).
    """

    def __init__(self) -> None:
        self._state: QueueState | None = None
        self._key: tuple = ()
        self._params: dict[str, object] = {}
        self._version: tuple[int, int] = (-1, -1)
        self._forest: list[DeckRow] | None = None
        self._forest_key: tuple = ()
        self.heads: dict[tuple[str, int], list[Head]] = {}       # (kind, deck id) -> its next cards
        # deck id -> (due ms, card id) of its active learning cards, sorted; valid with _state.
        self._learning: dict[int, list[tuple[int, int]]] | None = None

    @staticmethod
    def version(conn: sqlite3.Connection) -> tuple[int, int]:
        """Changes so far: our own writes and other connections' commits."""
        return conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0]

    def daily(self, conn: sqlite3.Connection, times: QueueTimes, bury_siblings: bool,
              version: tuple[int, int] | None = None) -> QueueState:
        """Today's state from the cache, reloaded if stale (``version``: when the caller just read it)."""
        key = (times.today, times.day_start, times.day_end, bury_siblings)
        version = version or self.version(conn)
        if self._state is None or key != self._key or version != self._version:
            params = times.sql
            self._state = _load_daily(conn, params, bury_siblings)
            self._key, self._params, self._version = key, params, version
            self.heads.clear()
            self._learning = None
        return self._state

    def learning(self, conn: sqlite3.Connection, times: QueueTimes) -> tuple[dict[int, int], list[tuple[int, int, int]]]:
        """As :func:`load_learning`, from the cached learning cards (read once while they stay
        valid, like :meth:`daily`, whose call must come first): a count is a bisection."""
        if self._learning is None:
            cards: dict[int, list[tuple[int, int]]] = {}
            for deck_id, due, card_id in conn.execute(_ALL_LEARNING, {"today": times.today}):
                cards.setdefault(deck_id, []).append((due, card_id))
            for items in cards.values():
                items.sort()
            self._learning = cards
        until = (to_ms(times.now + times.learn_ahead), 1 << 62)
        counts: dict[int, int] = {}
        first: list[tuple[int, int, int]] = []
        for deck_id, items in self._learning.items():
            n = bisect_right(items, until)
            if n:
                counts[deck_id] = n
                first.append((deck_id, items[0][0], items[0][1]))
        return counts, first

    def deck_forest(self, conn: sqlite3.Connection, settings: object,
                    build: Callable[[], list[DeckRow]], version: tuple[int, int] | None = None) -> list[DeckRow]:
        """The deck tree made by ``build``, kept until something other than an answer is written
        (or ``settings``, which hold the default limits, change)."""
        key = (version or self.version(conn), settings)
        if self._forest is None or key != self._forest_key:
            self._forest, self._forest_key = build(), key
        return self._forest

    def note_share(self, conn: sqlite3.Connection, card_id: int) -> list[list[int]] | None:
        """``card_id``'s note card by card: [card id, deck id, active, new, review, new_done,
        review_done, answered], as in the counts (None while nothing is cached)."""
        if self._state is None:
            return None
        return [list(r) for r in conn.execute(_NOTE_SHARE, {**self._params, "card": card_id})]

    def share_after_answer(self, rows: list[list[int]] | None, card_id: int, state_before: int,
                           state_after: int, due_after_ms: int | None) -> list[list[int]] | None:
        """What :meth:`note_share` reads once ``card_id`` is answered, computed from ``rows``
        (read before the answer) without reading again. An answer changes only the answered
        card's state and due time and adds one review-log row of today."""
        if rows is None:
            return None
        day_end = int(self._params["day_end"])  # type: ignore[call-overload]
        out = []
        for row in rows:
            row = list(row)
            if row[0] == card_id:
                active = bool(row[2])
                row[3] = int(active and state_after == 0)
                row[4] = int(active and state_after == 2 and due_after_ms is not None and due_after_ms < day_end)
                row[5] += state_before == 0
                row[6] += state_before == 2
                row[7] += 1
            out.append(row)
        return out

    def _by_deck(self, rows: list[list[int]] | None) -> dict[int, list[int]] | None:
        """Per deck, what the note adds to [new, review, new_done, review_done, answered]."""
        if rows is None:
            return None
        share: dict[int, list[int]] = {}
        answered = False
        for row in rows:
            values = row[3:]
            totals = share.setdefault(row[1], [0, 0, 0, 0, 0])
            for i, v in enumerate(values):
                totals[i] += v
            answered = answered or values[4] > 0
        if answered and self._key[3]:                  # bury_siblings: the note is hidden today
            for totals in share.values():
                totals[0] = totals[1] = 0
        return share

    def patch(self, version_before: tuple[int, int], version_after: tuple[int, int],
              before: list[list[int]] | None, after: list[list[int]] | None,
              learning: tuple[int, tuple[int, int | None] | None, tuple[int, int | None] | None] | None = None
              ) -> None:
        """Apply a committed change of one note (rows from :meth:`note_share` before the change
        and :meth:`share_after_answer`); drop the cache if anything else changed too.

        ``version_after`` is ``(conn.total_changes, data_version before)``: a connection's own
        commits leave its ``data_version`` unchanged, so it needs no second read. ``learning`` is
        the answered card's ``(card id, (state, due ms) before, (state, due ms) after)``.
        """
        if self._forest_key and self._forest_key[0] == version_before:      # answers leave decks alone
            self._forest_key = (version_after, self._forest_key[1])
        state = self._state
        old_share, new_share = self._by_deck(before), self._by_deck(after)
        if state is None or old_share is None or new_share is None or version_before != self._version:
            self._state = None
            self._learning = None
            self.heads.clear()
            return
        if learning is not None and not self._patch_learning(learning, before):
            self._learning = None
        card_id = learning[0] if learning is not None else None
        one_card = before is not None and len(before) == 1 and before[0][0] == card_id
        for deck_id in old_share.keys() | new_share.keys():
            if one_card:           # an answer only takes its card out of the new and review queues
                self._drop_head(deck_id, card_id)
            else:                  # siblings may be buried: read this note's decks again
                self.heads.pop(("new", deck_id), None)
                self.heads.pop(("review", deck_id), None)
            old, new = old_share.get(deck_id, [0] * 5), new_share.get(deck_id, [0] * 5)
            for i, counts in enumerate((state.new, state.review, state.new_done, state.review_done)):
                if new[i] != old[i]:
                    counts[deck_id] = counts.get(deck_id, 0) + new[i] - old[i]
            state.answered += new[4] - old[4]
        self._version = version_after

    def _drop_head(self, deck_id: int, card_id: int | None) -> None:
        """Take ``card_id`` out of ``deck_id``'s cards read ahead (an emptied list is read again)."""
        for kind in ("new", "review"):
            queue = self.heads.get((kind, deck_id))
            if queue:
                rest = [h for h in queue if h[0][-1] != card_id]
                if not rest:
                    del self.heads[kind, deck_id]
                elif len(rest) != len(queue):
                    self.heads[kind, deck_id] = rest

    def _patch_learning(self, change: tuple[int, tuple[int, int | None] | None, tuple[int, int | None] | None],
                        rows: list[list[int]] | None) -> bool:
        """Move the answered card in the cached learning cards; False if they may be wrong."""
        if self._learning is None:
            return True
        card_id, old, new = change
        row = next((r for r in rows or () if r[0] == card_id), None)
        if row is None:
            return False
        deck_id, active = row[1], bool(row[2])
        items = self._learning.setdefault(deck_id, [])
        if active and old is not None and old[0] in (1, 3) and old[1] is not None:
            try:
                items.remove((old[1], card_id))
            except ValueError:
                return False
        if active and new is not None and new[0] in (1, 3) and new[1] is not None:
            insort(items, (new[1], card_id))
        return True

    def invalidate(self) -> None:
        """Forget everything (after a failed write whose outcome is unknown)."""
        self._state = None
        self._learning = None
        self._forest = None
        self.heads.clear()
