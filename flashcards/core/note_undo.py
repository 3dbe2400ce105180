"""Undo for edits of notes and cards (add, edit, delete, tags, move): a new kind of undo entry.

:class:`RowsEntry` keeps whole ``notes``/``cards``/``revlog`` rows as they were before the change
and the ids of notes the change created; reverting deletes the created notes and puts the old
rows back (updated in place when they still exist, inserted again when they were deleted). It
goes on the same :class:`~flashcards.core.undo.UndoStack` as answers, so Ctrl+Z reverts the
latest change of any kind.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .cardstore import CardStore
from .undo import UndoEntry

Row = dict[str, Any]


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for first in range(0, len(ids), size):
        yield ids[first:first + size]


def snapshot(conn: sqlite3.Connection, table: str, column: str, ids: Iterable[int]) -> list[Row]:
    """Every row of ``table`` whose ``column`` is in ``ids``, as dicts."""
    rows: list[Row] = []
    wanted = list(dict.fromkeys(int(i) for i in ids))
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        rows += [dict(r) for r in conn.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks})", chunk)]
    return rows


def _put_back(conn: sqlite3.Connection, table: str, rows: tuple[Row, ...]) -> None:
    for row in rows:
        names = [k for k in row if k != "id"]
        cur = conn.execute(f"UPDATE {table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
                           (*(row[n] for n in names), row["id"]))
        if cur.rowcount == 0:
            cols = list(row)
            conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                         tuple(row[c] for c in cols))


@dataclass(frozen=True)
class RowsEntry(UndoEntry):
    """An edit of notes and cards: the rows before it and the notes it created.

    ``before`` (inherited) maps each concerned card id to ``{}`` so that the stack and
    :class:`UndoResult` know the cards; the rows themselves are in ``notes``/``cards``/``revlog``.
    """

    notes: tuple[Row, ...] = ()
    cards: tuple[Row, ...] = ()
    revlog: tuple[Row, ...] = ()
    created_notes: tuple[int, ...] = ()
    created_cards: tuple[int, ...] = ()

    @property
    def touches_notes(self) -> bool:
        """Undoing this changes card text or decks (``OpChanges.note``), not only scheduling."""
        return True

    def revert(self, conn: sqlite3.Connection, store: CardStore) -> None:
        """Delete created notes (their cards go with them) and cards, and restore the old rows."""
        for chunk in _chunks(list(self.created_notes)):
            conn.execute(f"DELETE FROM notes WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        for chunk in _chunks(list(self.created_cards)):
            conn.execute(f"DELETE FROM cards WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        _put_back(conn, "notes", self.notes)
        _put_back(conn, "cards", self.cards)
        _put_back(conn, "revlog", self.revlog)
        store.forget(self.card_ids)
