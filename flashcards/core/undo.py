"""The core's undo stack: what each answer, bury, suspend (and their reverses) overwrote, and
how to put it back. The UI keeps no stack of its own; it shows :meth:`UndoStack.status`."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from .cardstore import CardStore
from .changes import NOTHING, OpChanges, UndoStatus


@dataclass(frozen=True)
class UndoResult:
    """What an undo reverted: ``action`` is "answer", "bury", "suspend", "unbury" or "unsuspend";
    ``card_id`` the first card it concerned; ``changes`` what the undo touched."""

    action: str
    card_id: int
    card_ids: tuple[int, ...] = ()
    changes: OpChanges = NOTHING


@dataclass(frozen=True)
class UndoEntry:
    """One change: per card, the stored column values it overwrote (and the review-log row it
    added, if any)."""

    action: str
    before: dict[int, dict[str, Any]] = field(default_factory=dict)   # card id -> {column: old value}
    revlog_id: int | None = None

    @property
    def card_ids(self) -> tuple[int, ...]:
        return tuple(self.before)

    def revert(self, conn: sqlite3.Connection, store: CardStore) -> None:
        """Restore the cards and drop the log row, inside the caller's transaction."""
        for card_id, columns in self.before.items():
            store.restore(conn, card_id, columns)
        if self.revlog_id is not None:
            store.delete_review(conn, self.revlog_id)


class UndoStack:
    """This session's undoable changes, newest last (lost when the collection closes)."""

    def __init__(self) -> None:
        self._entries: list[UndoEntry] = []

    def push(self, entry: UndoEntry) -> None:
        if entry.before:
            self._entries.append(entry)

    def peek(self) -> UndoEntry | None:
        return self._entries[-1] if self._entries else None

    def pop(self) -> UndoEntry:
        return self._entries.pop()

    def status(self) -> UndoStatus:
        """What undo would revert now."""
        return UndoStatus(self._entries[-1].action if self._entries else None)

    def __bool__(self) -> bool:
        return bool(self._entries)
