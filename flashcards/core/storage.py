"""The collection's connection and lock, shared by the managers (``col.cards``, ``col.decks``, …).

:class:`Storage` is made by :class:`~flashcards.core.collection.Collection`; a manager never
touches the connection but through :meth:`Storage.read` (a consistent view under the lock) and
:meth:`Storage.write` (one transaction, committed on success, rolled back on any error).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


class Storage:
    """One open collection file: its connection, the lock that serialises threads, transactions."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock: threading.RLock, read_only: bool = False):
        self.conn = conn
        self.path = path
        self.lock = lock
        self.read_only = read_only
        #: Called after each commit of :meth:`write` (the collection's checkpointer; None: nothing).
        self.after_commit: Callable[[], None] | None = None

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, held under the lock (nothing written)."""
        with self.lock:
            yield self.conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on success, rolled back on any error.

        Raises ``PermissionError`` when the collection is open read-only.
        """
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:   # SQLite already rolled back after SQLITE_FULL
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        if self.after_commit is not None:
            self.after_commit()
