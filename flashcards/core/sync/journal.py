"""What the managers note down for the next sync, inside their own transaction (one call each).

Deleting notes or decks and renaming decks put a record in ``sync_outbox`` (sent and removed
at the next sync, :mod:`.structure`); a reset (Forget) is kept in ``card_resets`` with its time,
because the replay of a card's history restarts from it (:mod:`.replay`). Times are ms UTC.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..cardstore import CardStore
from ..undo import UndoEntry


def _put(conn: sqlite3.Connection, records: Iterable[dict[str, Any]]) -> None:
    conn.executemany("INSERT INTO sync_outbox (record) VALUES (?)",
                     [(json.dumps(r, sort_keys=True, ensure_ascii=False),) for r in records])


def notes_deleted(conn: sqlite3.Connection, note_ids: list[int], time_ms: int) -> None:
    """Before ``note_ids`` are deleted: a deletion record for each (by deck and key)."""
    rows = []
    for first in range(0, len(note_ids), 500):
        chunk = note_ids[first:first + 500]
        rows += conn.execute("SELECT d.name, n.key FROM notes n JOIN decks d ON d.id = n.deck_id "
                             f"WHERE n.id IN ({','.join('?' * len(chunk))})", chunk).fetchall()
    _put(conn, ({"t": "d", "deck": r[0], "key": r[1], "time": time_ms} for r in rows))


def deck_deleted(conn: sqlite3.Connection, name: str, time_ms: int) -> None:
    """Deck ``name`` (with its children) is deleted."""
    _put(conn, [{"t": "D", "deck": name, "time": time_ms}])


def deck_renamed(conn: sqlite3.Connection, old: str, new: str, time_ms: int) -> None:
    """Deck ``old`` (with its children) is now called ``new`` (a move is a rename)."""
    _put(conn, [{"t": "m", "deck": old, "to": new, "time": time_ms}])


def cards_reset(conn: sqlite3.Connection, card_ids: Iterable[int], time_ms: int) -> tuple[int, ...]:
    """``card_ids`` were made new at ``time_ms`` on this device; returns the ids noted."""
    ids = tuple(card_ids)
    conn.executemany("INSERT OR IGNORE INTO card_resets (card_id, time_ms, device) VALUES "
                     "(?, ?, (SELECT json_extract(value, '$') FROM config WHERE key = 'sync_device'))",
                     [(i, time_ms) for i in ids])
    return ids


@dataclass(frozen=True)
class ResetEntry(UndoEntry):
    """Undo of a reset: the cards' columns and the reset's note in ``card_resets``."""

    reset_ms: int = 0

    def revert(self, conn: sqlite3.Connection, store: CardStore) -> None:
        super().revert(conn, store)
        conn.executemany("DELETE FROM card_resets WHERE card_id = ? AND time_ms = ?",
                         [(i, self.reset_ms) for i in self.before])
