"""Checkpoints off the answer path: the WAL is folded into the database file on a background thread.

In WAL mode every commit appends pages to the ``-wal`` file; a *checkpoint* copies them back
into the database file and syncs it to disk. SQLite runs one itself inside the ``COMMIT`` that
passes 1,000 WAL pages, so every hundred-odd answers one key press would wait for a copy and an
``fsync`` (a few ms on an SSD, tens of ms on a slow card). The collection's connection turns
that off (``wal_autocheckpoint = 0``) and a :class:`Checkpointer` does the same work on its own
thread and connection instead: each commit reports in (:meth:`Checkpointer.committed`), and
after :data:`CHECKPOINT_EVERY_COMMITS` commits, or once the WAL file has grown by
:data:`WAL_LIMIT_BYTES` (a large import), a ``PASSIVE`` checkpoint runs beside the next answers
(it never blocks a writer, and SQLite releases the GIL while it copies). The next write after a
complete checkpoint starts the WAL over from its beginning, so it stays about that size.
A checkpoint that runs while commits go on cannot finish (new pages arrive as it copies), so
under a steady stream of writes with no pause (a replay, a benchmark) the WAL would keep
growing: SQLite's own checkpoint stays on as a backstop at :data:`BACKSTOP_PAGES`; it then
copies only what the thread has not (a few pages and one ``fsync``) and lets the WAL start over.
Nothing changes for durability: an answer is in the WAL when ``COMMIT`` returns.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

#: WAL growth (bytes) that starts a checkpoint: SQLite's own default, 1,000 pages of 4 KiB.
WAL_LIMIT_BYTES = 1000 * 4096
#: Commits between checkpoints (an answer writes about 8 pages: about SQLite's 1,000 pages).
CHECKPOINT_EVERY_COMMITS = 128
#: WAL pages at which a commit checkpoints by itself (SQLite's ``wal_autocheckpoint``).
BACKSTOP_PAGES = 4000
#: Commits between two looks at the WAL file's size.
_STAT_EVERY = 16


class Checkpointer:
    """One background thread that checkpoints ``path``'s WAL when it grows past ``limit_bytes``.

    Call :meth:`committed` after each commit of the main connection, :meth:`close` before
    closing it. Errors of a checkpoint are kept in :attr:`last_error` and never raised: a
    checkpoint that fails leaves every answer in the WAL, where SQLite reads it from.
    """

    def __init__(self, path: Path, limit_bytes: int = WAL_LIMIT_BYTES, every: int = CHECKPOINT_EVERY_COMMITS):
        self._path = str(path)
        self._wal = f"{path}-wal"
        self._limit = limit_bytes
        self._every = every
        self._commits = 0                # since the last checkpoint was asked for
        self._size = self._wal_size()    # of the WAL file then
        self._wake = threading.Condition()
        self._pending = False            # a checkpoint was asked for and has not run yet
        self._running = False
        self._stop = False
        self.checkpoints = 0             # completed checkpoints (for tests and diagnostics)
        self.last_error: sqlite3.Error | None = None
        self._thread: threading.Thread | None = None     # started with the first checkpoint

    def _wal_size(self) -> int:
        try:
            return os.stat(self._wal).st_size
        except OSError:
            return 0

    def committed(self) -> None:
        """A commit just returned: start a checkpoint after enough commits or WAL growth."""
        self._commits += 1
        if self._commits % _STAT_EVERY and self._commits < self._every:
            return
        size = self._wal_size()
        if self._commits >= self._every or size - self._size >= self._limit:
            self._commits, self._size = 0, size
            self.request()

    def request(self) -> None:
        """Start a checkpoint now (or after the one running)."""
        with self._wake:
            if self._stop:
                return
            self._pending = True
            self._wake.notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="flashcards-checkpoint", daemon=True)
                self._thread.start()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until no checkpoint is asked for or running; False if ``timeout`` (s) passed first."""
        with self._wake:
            return self._wake.wait_for(lambda: not (self._pending or self._running) or self._stop, timeout)

    def close(self) -> None:
        """Finish a running checkpoint and stop the thread (call before closing the collection)."""
        with self._wake:
            self._stop = True
            self._wake.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                with self._wake:
                    self._wake.wait_for(lambda: self._pending or self._stop)
                    if self._stop:
                        return
                    self._pending, self._running = False, True
                try:
                    if conn is None:
                        conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
                        conn.execute("PRAGMA busy_timeout = 5000")
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.Error as exc:
                    self.last_error = exc
                finally:
                    with self._wake:
                        self._running = False
                        self._wake.notify_all()
        finally:
            if conn is not None:
                conn.close()
