"""Reviews through the sync folder: what this device sends, and merging what others sent.

A review is known everywhere by its uid; the log of every device becomes the union of all
reviews minus those taken back (``"x"`` records: an answer undone after it was sent). Merging
only inserts the raw facts (card, time, rating, duration, device); the cards concerned are then
replayed (:mod:`.replay`), which also fills the rows' derived columns.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..cardstore import sched_to_json
from ..scheduling import SchedState
from .files import Record


def fill_missing_uids(conn: sqlite3.Connection, device: str) -> int:
    """Give log rows written without a uid (another writer of the log) one, made here."""
    rows = [r[0] for r in conn.execute("SELECT id FROM revlog WHERE uid IS NULL OR device IS NULL")]
    conn.executemany("UPDATE revlog SET uid = coalesce(uid, ?), device = coalesce(device, ?) WHERE id = ?",
                     [(uuid.uuid4().hex, device, i) for i in rows])
    return len(rows)


def outgoing(conn: sqlite3.Connection, device: str, sent: set[str], taken_back: set[str]) -> list[Record]:
    """Records for this device's reviews not sent yet, and "taken back" records for sent reviews
    that are no longer in the log (undone)."""
    out: list[Record] = []
    mine = set()
    for r in conn.execute("SELECT r.uid, r.card_id, r.time, r.rating, r.duration_ms, c.key, d.name FROM revlog r "
                          "JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id "
                          "WHERE r.device = ? ORDER BY r.time, r.uid", (device,)):
        mine.add(r[0])
        if r[0] not in sent:
            out.append({"t": "r", "uid": r[0], "deck": r[6], "card": r[5], "id": r[1], "time": r[2],
                        "rating": r[3], "dur": r[4], "dev": device})
    all_uids = {r[0] for r in conn.execute("SELECT uid FROM revlog WHERE uid IS NOT NULL")}
    for uid in sorted(sent - mine - taken_back - all_uids):
        out.append({"t": "x", "uid": uid, "time": 0, "dev": device})
    return out


@dataclass
class ReviewMerge:
    """What merging the reviews did."""

    added: int = 0
    removed: int = 0
    waiting: int = 0                                 # reviews of cards this device does not have (yet)
    cards: set[int] = field(default_factory=set)     # cards whose history changed


def merge(conn: sqlite3.Connection, reviews: Iterable[Record], taken_back: set[str]) -> ReviewMerge:
    """Insert the reviews this log lacks and delete those taken back, inside the caller's
    transaction; the derived columns get placeholders until the cards are replayed."""
    out = ReviewMerge()
    known = {r[0] for r in conn.execute("SELECT uid FROM revlog WHERE uid IS NOT NULL")}
    cards = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT d.name, c.key, c.id FROM cards c JOIN decks d ON d.id = c.deck_id")}
    placeholder = sched_to_json(SchedState(), {"leech": False})
    for rec in reviews:
        if rec["uid"] in known or rec["uid"] in taken_back:
            continue
        card_id = cards.get((rec["deck"], rec["card"]))
        if card_id is None:
            out.waiting += 1
            continue
        conn.execute("INSERT INTO revlog (uid, device, card_id, time, rating, duration_ms, state_before, "
                     "state_after, before) VALUES (?,?,?,?,?,?,0,0,?)",
                     (rec["uid"], rec["dev"], card_id, rec["time"], rec["rating"], rec["dur"], placeholder))
        known.add(rec["uid"])
        out.added += 1
        out.cards.add(card_id)
    for uid in sorted(taken_back & known):
        row = conn.execute("SELECT card_id FROM revlog WHERE uid = ?", (uid,)).fetchone()
        if row is not None:
            conn.execute("DELETE FROM revlog WHERE uid = ?", (uid,))
            out.removed += 1
            out.cards.add(row[0])
    return out
