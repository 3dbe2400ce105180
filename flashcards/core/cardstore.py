"""Card and review-log storage: the one place that maps ``cards``/``revlog`` rows to models.

Rows become :class:`Card`, :class:`SchedState` and :class:`ReviewEntry` here and nowhere else;
times are stored as ms UTC and given out as aware UTC datetimes. Methods taking ``conn`` run
inside the caller's transaction (see :meth:`Storage.write`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from .clock import ensure_aware, from_ms, to_ms
from .models import Card, CardState, Rating, ReviewEntry
from .scheduling import SchedState
from .storage import Storage

CARD_COLUMNS = (
    "c.id, c.key, c.ord, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, "
    "c.reps, c.lapses, c.suspended, c.buried_day, c.leech, n.type, n.front, n.back, n.text, n.items, "
    "n.tags, n.source_line, d.name AS deck")
CARD_FROM = "FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id"
CARD_SELECT = f"SELECT {CARD_COLUMNS} {CARD_FROM}"
# What the study queue also wants of a card it gives out (see note_share.from_row), after CARD_COLUMNS.
QUEUE_COLUMNS = f"{CARD_COLUMNS}, c.deck_id, c.retired, (SELECT count(*) FROM cards s WHERE s.note_id = c.note_id)"
# What an answer overwrites (and its undo puts back), as stored.
SCHED_COLUMNS = ("state", "step", "stability", "difficulty", "due", "last_review", "reps", "lapses", "leech")
_MEMO_SIZE = 64


def _utc(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, UTC)


def sched_from_row(r: Any) -> SchedState:
    """The scheduling state of a ``cards`` row (or a mapping with its columns)."""
    return SchedState(CardState(r["state"]), r["step"], r["stability"], r["difficulty"], from_ms(r["due"]),
                      from_ms(r["last_review"]), r["reps"], r["lapses"])


def sched_of(card: Card) -> SchedState:
    """The scheduling state of a card already read (no SQL)."""
    return SchedState(card.state, card.step, card.stability, card.difficulty, card.due, card.last_review,
                      card.reps, card.lapses)


def _json_tuple(text: str) -> tuple:
    return () if text == "[]" else tuple(json.loads(text))


def card_from_row(r: Any, today: str) -> Card:
    """A :class:`Card` from a :data:`CARD_SELECT` row; ``today`` (ISO learner day) decides ``buried``."""
    (card_id, key, ord_, state, step, stability, difficulty, due, last_review, reps, lapses, suspended, buried_day,
     leech, type_, front, back, text, items, tags, source_line, deck, *_) = r
    return Card(card_id, key, deck, type_, ord_, front, back, text, _json_tuple(items), _json_tuple(tags),
                source_line, CardState(state), step, stability, difficulty, from_ms(due), from_ms(last_review),
                reps, lapses, bool(suspended), buried_day is not None and buried_day >= today, bool(leech))


def _sched_columns(r: Any, generation: int | None = None) -> dict[str, Any]:
    """:data:`SCHED_COLUMNS` of a :data:`CARD_SELECT` row, by name; of a :data:`QUEUE_COLUMNS`
    row also what the queue wants, and the queue's ``generation`` it was read under."""
    out = {"state": r[3], "step": r[4], "stability": r[5], "difficulty": r[6], "due": r[7], "last_review": r[8],
           "reps": r[9], "lapses": r[10], "leech": r[13]}
    if generation is not None and len(r) > 22:
        out.update(suspended=r[11], buried_day=r[12], deck_id=r[22], retired=r[23], note_cards=r[24],
                   generation=generation)
    return out


def answered_card(card: Card, after: SchedState, due_ms: int | None, now_ms: int, leech: bool,
                  suspended: bool) -> Card:
    """``card`` as stored after an answer left it in ``after`` at ``now_ms`` (times as stored: ms)."""
    return Card(card.id, card.key, card.deck, card.type, card.ord, card.front, card.back, card.text, card.items,
                card.tags, card.source_line, CardState(after.state), after.step, after.stability, after.difficulty,
                from_ms(due_ms), from_ms(now_ms), after.reps, after.lapses, suspended, card.buried, leech)


_NEW_CARD = SchedState()


def sched_to_json(st: SchedState, extra: dict[str, Any]) -> str:
    """The review log's ``before`` column: a card's scheduling state as JSON (times in ms UTC)."""
    if st == _NEW_CARD and extra == {"leech": False}:     # most first answers: the same text
        return _NEW_CARD_JSON
    return json.dumps({"state": int(st.state), "step": st.step, "stability": st.stability,
                       "difficulty": st.difficulty, "due": to_ms(st.due) if st.due else None,
                       "last_review": to_ms(st.last_review) if st.last_review else None,
                       "reps": st.reps, "lapses": st.lapses, **extra})


_NEW_CARD_JSON = json.dumps({"state": 0, "step": None, "stability": None, "difficulty": None, "due": None,
                             "last_review": None, "reps": 0, "lapses": 0, "leech": False})


class CardStore:
    """Reads and writes cards and review-log rows (``col.card_store``).

    It remembers the stored scheduling columns of the cards it gave out lately, so that
    answering a card just shown needs no read of its row (the write checks the row is unchanged).
    """

    def __init__(self, db: Storage):
        self._db = db
        self._stored: dict[int, dict[str, Any]] = {}     # card id -> SCHED_COLUMNS as last read

    def _remember(self, card_id: int, columns: dict[str, Any]) -> None:
        if len(self._stored) >= _MEMO_SIZE:
            self._stored.clear()
        self._stored[card_id] = columns

    # ------------------------------------------------------------------- reading
    def get(self, card_id: int, today: str, generation: int | None = None) -> Card:
        """One card; raises ``KeyError`` if there is none with that id. ``generation``: the
        study queue's (see :meth:`from_row`), when the queue gives the card out."""
        sql = CARD_SELECT if generation is None else f"SELECT {QUEUE_COLUMNS} {CARD_FROM}"
        with self._db.read() as conn:
            row = conn.execute(sql + " WHERE c.id = ?", (card_id,)).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        self._remember(card_id, _sched_columns(row, generation))
        return card_from_row(row, today)

    def from_row(self, row: Any, today: str, generation: int) -> Card:
        """A card from a :data:`QUEUE_COLUMNS` row the study queue read ahead under its
        ``generation`` (remembered with the row, for the answer)."""
        self._remember(row[0], _sched_columns(row, generation))
        return card_from_row(row, today)

    def in_decks(self, deck_ids: Iterable[int], today: str) -> list[Card]:
        """Every card of the given decks that is not retired, in deck and file order."""
        ids = ",".join(str(int(d)) for d in deck_ids)
        with self._db.read() as conn:
            rows = conn.execute(CARD_SELECT + f" WHERE c.retired = 0 AND c.deck_id IN ({ids}) "
                                "ORDER BY d.name, c.position").fetchall()
        return [card_from_row(r, today) for r in rows]

    def stored(self, conn: sqlite3.Connection, card_id: int) -> dict[str, Any]:
        """The card's :data:`SCHED_COLUMNS` plus ``suspended`` and ``buried_day``, as stored."""
        row = conn.execute("SELECT * FROM cards WHERE id = ?", (card_id,)).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        self._remember(card_id, {c: row[c] for c in SCHED_COLUMNS})
        return dict(row)

    def get_in(self, conn: sqlite3.Connection, card_id: int) -> Card:
        """One card, read inside the caller's transaction."""
        row = conn.execute(CARD_SELECT + " WHERE c.id = ?", (card_id,)).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        return card_from_row(row, "")

    def sched(self, card_id: int) -> SchedState:
        """A card's scheduling state; raises ``KeyError`` if there is no such card."""
        with self._db.read() as conn:
            return sched_from_row(self.stored(conn, card_id))

    def remembered(self, card_id: int) -> dict[str, Any] | None:
        """The scheduling columns of ``card_id`` as last read, if still remembered."""
        return self._stored.get(card_id)

    # ------------------------------------------------------------------- writing
    def write_answer(self, conn: sqlite3.Connection, card_id: int, expected: dict[str, Any], after: SchedState,
                     now: datetime, leech: bool) -> bool:
        """Store an answer's new state if the row still holds ``expected``; False if it does not."""
        cur = conn.execute(
            "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, last_review = ?, "
            "reps = ?, lapses = ?, leech = ? WHERE id = ? AND reps = ? AND last_review IS ? AND state = ?",
            (int(after.state), after.step, after.stability, after.difficulty, to_ms(after.due) if after.due else None,
             to_ms(now), after.reps, after.lapses, int(leech), card_id, expected["reps"], expected["last_review"],
             expected["state"]))
        if cur.rowcount != 1:
            return False
        self._stored[card_id] = {"state": int(after.state), "step": after.step, "stability": after.stability,
                                 "difficulty": after.difficulty, "due": to_ms(after.due) if after.due else None,
                                 "last_review": to_ms(now), "reps": after.reps, "lapses": after.lapses,
                                 "leech": int(leech)}
        return True

    def log_review(self, conn: sqlite3.Connection, card_id: int, now: datetime, rating: Rating, duration_ms: int,
                   before: SchedState, after: SchedState, elapsed_days: int, leech_before: bool) -> int:
        """Append one review-log row with a new globally unique id and this device; returns its id."""
        cur = conn.execute(
            "INSERT INTO revlog (uid, device, card_id, time, rating, duration_ms, state_before, state_after, "
            "stability, difficulty, due, elapsed_days, before) VALUES (?, (SELECT json_extract(value, '$') "
            "FROM config WHERE key = 'sync_device'),?,?,?,?,?,?,?,?,?,?,?)",
            (os.urandom(16).hex(), card_id, to_ms(now), int(rating), duration_ms, int(before.state), int(after.state),
             after.stability, after.difficulty, to_ms(after.due) if after.due else None, elapsed_days,
             sched_to_json(before, {"leech": leech_before})))
        return int(cur.lastrowid or 0)

    def set_column(self, conn: sqlite3.Connection, card_ids: Iterable[int], column: str,
                   value: Any) -> dict[int, Any]:
        """Set ``suspended`` or ``buried_day`` of existing cards; returns {card id: old value}.
        Raises ``KeyError`` for an unknown id (then nothing is written)."""
        if column not in ("suspended", "buried_day"):
            raise ValueError(f"not a card flag: {column}")
        ids = list(dict.fromkeys(int(i) for i in card_ids))
        old: dict[int, Any] = {}
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            marks = ",".join("?" * len(chunk))
            old.update(conn.execute(f"SELECT id, {column} FROM cards WHERE id IN ({marks})", chunk).fetchall())
        missing = [i for i in ids if i not in old]
        if missing:
            raise KeyError(f"no card with id {missing[0]}")
        changed = {i: v for i, v in old.items() if v != value}
        conn.executemany(f"UPDATE cards SET {column} = ? WHERE id = ?", [(value, i) for i in changed])
        for i in changed:
            self._stored.pop(i, None)
        return {i: old[i] for i in ids}

    def restore(self, conn: sqlite3.Connection, card_id: int, columns: dict[str, Any]) -> None:
        """Put back stored column values (from :data:`SCHED_COLUMNS`, ``suspended``, ``buried_day``)."""
        allowed = set(SCHED_COLUMNS) | {"suspended", "buried_day"}
        names = [c for c in columns if c in allowed]
        conn.execute(f"UPDATE cards SET {', '.join(f'{c} = ?' for c in names)} WHERE id = ?",
                     (*(columns[c] for c in names), card_id))
        self._stored.pop(card_id, None)

    def delete_review(self, conn: sqlite3.Connection, revlog_id: int) -> None:
        conn.execute("DELETE FROM revlog WHERE id = ?", (revlog_id,))

    # ---------------------------------------------------------------- review log
    def review_log(self, card_id: int | None = None, since: datetime | None = None) -> list[ReviewEntry]:
        """Review-log rows, oldest first, optionally for one card and/or from ``since`` on."""
        where, params = [], []
        if card_id is not None:
            where.append("card_id = ?")
            params.append(card_id)
        if since is not None:
            where.append("time >= ?")
            params.append(to_ms(ensure_aware(since)))
        sql = ("SELECT id, card_id, time, rating, duration_ms, state_before, state_after, due FROM revlog"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY time, id")
        with self._db.read() as conn:
            rows = conn.execute(sql, params).fetchall()
        return [ReviewEntry(r[0], r[1], _utc(r[2]), Rating(r[3]), r[4], CardState(r[5]),
                            CardState(r[6]), ((r[7] or r[2]) - r[2]) / 86_400_000) for r in rows]

    def add_placeholder(self, conn: sqlite3.Connection, deck_id: int, key: str) -> int:
        """A new basic note and card keyed ``key`` in deck ``deck_id`` (for a review history that
        names a card the deck lacks); returns the card's id."""
        position = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM cards").fetchone()[0]
        note_id = conn.execute("INSERT INTO notes (deck_id, key, type, front, back) VALUES (?, ?, 'basic', ?, ?)",
                               (deck_id, key, f"(imported card {key})", "")).lastrowid
        cur = conn.execute("INSERT INTO cards (note_id, deck_id, key, ord, position) VALUES (?, ?, ?, 0, ?)",
                           (note_id, deck_id, key, position))
        return int(cur.lastrowid or 0)

    def forget(self, card_ids: Iterable[int]) -> None:
        """Drop remembered scheduling columns of cards changed by an edit (the next answer reads them)."""
        for card_id in card_ids:
            self._stored.pop(int(card_id), None)
