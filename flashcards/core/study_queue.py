"""What is due now, after daily limits: counts per deck and the next card to show.

Limits work as in Anki's v3 scheduler: a deck's limit caps the cards of the deck and all its
children, counting what was already studied today in that subtree; when a parent deck is
studied, each child's own limit still applies. Learning cards have no limit. Cards whose
sibling (another card of the same note) was answered today are hidden until tomorrow.

This module loads what the queue is built from (per-deck counts, today's work, learning cards)
and keeps it in :class:`QueueCache`; :mod:`.queue_pick` applies the limits and picks the card.

Speed: counting new cards reads every one of them (an index-only scan), so a
:class:`QueueCache` keeps today's per-deck new/review counts and work done between calls. An
answer changes the counts of its own note only: :meth:`SchedManager.answer` takes that note's
share before (read, or for a note of one card computed from the row the queue gave out, see
:mod:`.note_share`) and after, and patches the cache. Any other write drops the cache (ours show
in ``total_changes``, another process's in ``PRAGMA data_version``). The active learning cards
are kept per deck and moved by each answer; a count is a bisection by due time. Picking a card
compares each deck's next new or review cards, read ahead with their rows (:data:`Head`), so no
query sorts, and an answer usually needs no read at all. The SQL lives in :mod:`.queue_sql`.
"""

from __future__ import annotations

import json
import sqlite3
from bisect import bisect_right, insort
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from . import note_share
from .clock import to_ms
from .deck_options import DeckOptions
from .note_share import Share
from .queue_sql import (  # noqa: F401 - ACTIVE … IS_REVIEW_DUE: imported from here by other modules
    ACTIVE,
    ALL_LEARNING,
    ANSWERED_TODAY,
    DECK_COUNTS,
    DONE_COUNTS,
    HIDDEN_COUNTS,
    IS_LEARNING_AHEAD,
    IS_NEW,
    IS_REVIEW_DUE,
    LEARNING,
    SIBLING_FREE,
)

NO_LIMIT = 10**9
#: A card read ahead by the queue: (order key ending in its id, its QUEUE_COLUMNS row).
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

    @cached_property
    def sql(self) -> dict[str, object]:
        """The named SQL parameters (ms UTC; ``today`` ISO): made once, not to be changed."""
        return {"now": to_ms(self.now), "day_start": to_ms(self.day_start), "day_end": to_ms(self.day_end),
                "today": self.today, "ahead": to_ms(self.now + self.learn_ahead)}


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
    for deck_id, n, r in conn.execute(DECK_COUNTS, params):
        new[deck_id], review[deck_id] = n, r
    new_done: dict[int, int] = {}
    review_done: dict[int, int] = {}
    answered = 0
    for deck_id, n, r, total in conn.execute(DONE_COUNTS, params):
        new_done[deck_id], review_done[deck_id] = n or 0, r or 0
        answered += total
    if bury_siblings and answered:
        for deck_id, hidden_new, hidden_review in conn.execute(HIDDEN_COUNTS, params):
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
    for deck_id, n, due, card_id in conn.execute(LEARNING, times.sql):
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
        self._answered: set[int] | None = None  # cards answered today (read when first needed)
        #: Counts every load and drop of the state: a card row read under the same generation
        #: (see :meth:`note_share`) is as current as the cache.
        self.generation = 0

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
            self._answered = None
            self._key, self._params, self._version = key, params, version
            self.heads.clear()
            self._learning = None
            self.generation += 1
        return self._state

    def learning(self, conn: sqlite3.Connection, times: QueueTimes) -> tuple[dict[int, int], list[tuple[int, int, int]]]:
        """As :func:`load_learning`, from the cached learning cards (read once while they stay
        valid, like :meth:`daily`, whose call must come first): a count is a bisection."""
        if self._learning is None:
            cards: dict[int, list[tuple[int, int]]] = {}
            for deck_id, due, card_id in conn.execute(ALL_LEARNING, {"today": times.today}):
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

    def note_share(self, conn: sqlite3.Connection, card_id: int, version: tuple[int, int] | None = None,
                   row: Mapping[str, Any] | None = None) -> Share | None:
        """``card_id``'s note's share of the counts (see :mod:`.note_share`); None while nothing
        is cached. ``row``: the card's row as the queue gave it out (with ``note_cards`` and the
        ``generation`` it was read under), which spares the query for a note of one card if
        nothing was written since (``version``: the collection's now)."""
        if self._state is None:
            return None
        if row is not None and row.get("note_cards") == 1 and row.get("generation") == self.generation \
                and version == self._version:
            if self._answered is None:
                self._answered = {r[0] for r in conn.execute(ANSWERED_TODAY, self._params)}
            return note_share.from_row(row, card_id, self._params, card_id in self._answered)
        return note_share.read(conn, self._params, card_id)

    def share_after_answer(self, rows: Share | None, card_id: int, state_before: int,
                           state_after: int, due_after_ms: int | None) -> Share | None:
        """What :meth:`note_share` reads once ``card_id`` is answered (no SQL)."""
        if rows is None:
            return None
        return note_share.after_answer(rows, card_id, state_before, state_after, due_after_ms,
                                       int(self._params["day_end"]))  # type: ignore[call-overload]

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
        if state is None or before is None or after is None or version_before != self._version:
            self.invalidate()
            return
        bury = self._key[3]
        if learning is not None and not self._patch_learning(learning, before):
            self._learning = None
        card_id = learning[0] if learning is not None else None
        if card_id is not None and self._answered is not None:
            self._answered.add(card_id)
        if len(before) == 1 and len(after) == 1 and before[0][0] == card_id:   # a note of one card
            self._patch_one(state, before[0], after[0], bury)
            self._drop_head(before[0][1], card_id)
            self._version = version_after
            return
        old_share, new_share = note_share.by_deck(before, bury), note_share.by_deck(after, bury)
        for deck_id in old_share.keys() | new_share.keys():
            self.heads.pop(("new", deck_id), None)       # siblings may be buried: read these decks again
            self.heads.pop(("review", deck_id), None)
            old, new = old_share.get(deck_id, [0] * 5), new_share.get(deck_id, [0] * 5)
            for i, counts in enumerate((state.new, state.review, state.new_done, state.review_done)):
                if new[i] != old[i]:
                    counts[deck_id] = counts.get(deck_id, 0) + new[i] - old[i]
            state.answered += new[4] - old[4]
        self._version = version_after

    @staticmethod
    def _patch_one(state: QueueState, old: list[int], new: list[int], bury: bool) -> None:
        """:meth:`patch` for a note of one card (``old``/``new``: its share row before and after;
        as :func:`note_share.by_deck`, a note answered today is hidden when ``bury``)."""
        deck_id = old[1]
        hidden_old, hidden_new = bury and old[7] > 0, bury and new[7] > 0
        for counts, i in ((state.new, 3), (state.review, 4)):
            change = (0 if hidden_new else new[i]) - (0 if hidden_old else old[i])
            if change:
                counts[deck_id] = counts.get(deck_id, 0) + change
        for counts, i in ((state.new_done, 5), (state.review_done, 6)):
            if new[i] != old[i]:
                counts[deck_id] = counts.get(deck_id, 0) + new[i] - old[i]
        state.answered += new[7] - old[7]

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
        self._answered = None
        self._forest = None
        self.heads.clear()
        self.generation += 1
