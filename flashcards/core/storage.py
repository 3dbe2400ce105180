"""The collection's connection and lock, shared by the managers (``col.cards``, ``col.decks``, …).

:class:`Storage` is made by :class:`~flashcards.core.collection.Collection`; a manager never
touches the connection but through :meth:`Storage.read` (a consistent view under the lock) and
:meth:`Storage.write` (one transaction, committed on success, rolled back on any error).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
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
        self.commits = 0                 # transactions of :meth:`write` committed so far

    def read(self) -> _Read:
        """The connection, held under the lock (nothing written), as a context manager."""
        return _Read(self)

    def write(self) -> _Transaction:
        """One transaction (a context manager giving the connection): committed on success,
        rolled back on any error. Raises ``PermissionError`` when the collection is open read-only.
        """
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        return _Transaction(self)


class _Read:
    """:meth:`Storage.read`'s context."""

    __slots__ = ("_storage",)

    def __init__(self, storage: Storage):
        self._storage = storage

    def __enter__(self) -> sqlite3.Connection:
        self._storage.lock.acquire()
        return self._storage.conn

    def __exit__(self, *exc: object) -> None:
        self._storage.lock.release()


class _Transaction:
    """:meth:`Storage.write`'s context (a class, not a generator: it runs for every answer)."""

    __slots__ = ("_storage",)

    def __init__(self, storage: Storage):
        self._storage = storage

    def __enter__(self) -> sqlite3.Connection:
        storage = self._storage
        storage.lock.acquire()
        try:
            storage.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            storage.lock.release()
            raise
        return storage.conn

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        storage = self._storage
        try:
            if kind is not None:
                if storage.conn.in_transaction:   # SQLite already rolled back after SQLITE_FULL
                    storage.conn.execute("ROLLBACK")
                return
            storage.conn.execute("COMMIT")
            storage.commits += 1
        finally:
            storage.lock.release()
        if storage.after_commit is not None:
            storage.after_commit()
