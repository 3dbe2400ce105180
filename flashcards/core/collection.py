"""The collection: one SQLite file with decks, cards, scheduling state and the review log.

:class:`Collection` opens and closes the file, holds the lock and the transactions
(:class:`~flashcards.core.storage.Storage`), and reaches the managers that do the work, as
Anki's ``col.sched``/``col.decks``/``col.conf``:

- ``col.sched``: next card, counts, answer, bury/unbury, suspend/unsuspend, undo, intervals;
- ``col.decks``: names, tree, options, statistics, import;
- ``col.conf``: study settings and JSON config (UI preferences);
- ``col.notes``: search, browser rows, adding/editing/deleting notes, tags, moves, resets;
- ``col.card_store``: card and review-log rows ↔ models.

Every mutation of the managers returns an :class:`~flashcards.core.changes.OpChanges` (or a
result with ``.changes``) carrying the undo status after it. Every change commits before it
returns (WAL, ``synchronous=NORMAL``), so an answer that has returned survives a crash of the
app. Times passed in are aware datetimes (``now=None`` means the current time); they are stored
as ms UTC.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import backup as backups
from . import checkpoint, integrity, lock, opening, study_queue
from .cardstore import CardStore
from .changes import UndoStatus
from .checkpoint import Checkpointer
from .clock import LearnerDay, ensure_aware
from .config import ConfigManager
from .decks import DeckManager
from .models import (
    Card,
    Counts,
    DeckInfo,
    DeckNode,
    DeckStats,
    ImportReport,
    Rating,
    ReviewEntry,
)
from .notes import NotesManager
from .sched import SchedManager
from .scheduling import Scheduler
from .settings import Settings
from .storage import Storage
from .undo import UndoResult, UndoStack

if TYPE_CHECKING:
    from .stats import ReviewStats

__all__ = ["Collection", "UndoResult"]


class Collection:
    """A learner's collection. Open with :meth:`open`; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, path: Path, lock_file: lock.LockHandle | None = None,
                 read_only: bool = False, integrity_report: integrity.IntegrityReport | None = None):
        self._conn = conn
        self.path = path
        self.read_only = read_only
        self.backup_dir = backups.backup_dir_for(path)
        self._lock_file = lock_file
        # The check run at open after an unclean shutdown (None: the last close was clean).
        self.integrity_report = integrity_report
        self._last_backup: datetime | None = None
        self._lock = threading.RLock()
        self.db = Storage(conn, path, self._lock, read_only)
        # WAL checkpoints on a background thread, never inside an answer's COMMIT (checkpoint.py).
        self._checkpointer: Checkpointer | None = None
        if not read_only:
            conn.execute(f"PRAGMA wal_autocheckpoint = {checkpoint.BACKSTOP_PAGES}")
            self._checkpointer = Checkpointer(path)
            self.db.after_commit = self._checkpointer.committed
        undo = UndoStack()
        queue = study_queue.QueueCache()          # today's counts, patched by answers
        self.card_store = CardStore(self.db)
        self.conf = ConfigManager(self.db, undo.status)
        self.decks = DeckManager(self.db, self.conf, queue, undo.status)
        self.sched = SchedManager(self.db, self.conf, self.decks, self.card_store, queue, undo)
        self.notes = NotesManager(self.db, self.conf, self.card_store, undo)   # authoring, search

    # ----------------------------------------------------------------- lifecycle
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Collection:
        """Open the collection at ``path``, creating the file and schema if missing.

        Raises :class:`SchemaError` when the file cannot be opened: its ``reason`` tells damage
        (damaged, empty, foreign, newer: the error's ``backup`` names the newest good backup,
        if any) from a file the app simply cannot write (permission, disk full). A refused file
        is left byte for byte as it was. Raises :class:`CollectionLockedError` if another
        running app has it open. ``read_only`` takes no lock, never creates anything and
        refuses every change (for statistics while the app runs).

        After an unclean shutdown (the previous writer crashed or was killed) a full integrity
        check runs; index damage is repaired (see :attr:`integrity_report`). A clean open runs
        no check (that is :meth:`check_integrity`, for the app to run in the background).
        """
        path = Path(path)
        conn, handle, report = opening.open_storage(path, read_only)
        return cls(conn, path, handle, read_only, report)

    def close(self, backup: bool = False) -> None:
        """Close the file (``backup=True`` first writes a backup, as the app does on quit).

        A backup that fails (a damaged collection, a full disk) raises :class:`BackupError`
        after the collection has been closed.
        """
        with self._lock:
            if self._conn is None:
                return
            clean = False
            try:
                if backup and not self.read_only:
                    self.create_backup()
                clean = True  # a failed backup (damage?) leaves the marker: full check next open
            finally:
                if self._checkpointer is not None:     # its connection closes first: ours is the last
                    self._checkpointer.close()         # and folds the WAL into the file
                    self._checkpointer = None
                    self.db.after_commit = None
                try:       # fresh planner statistics, only if this session wrote (a refused import did not)
                    if not self.read_only and self.db.commits:
                        self._conn.execute("PRAGMA optimize")
                except sqlite3.Error:
                    pass
                self._conn.close()
                self._conn = None  # type: ignore[assignment]
                if self._lock_file is not None:
                    if clean:
                        lock.mark_clean(self._lock_file)
                    lock.release(self._lock_file)
                    self._lock_file = None

    # ------------------------------------------------------------------- backups
    def check_integrity(self) -> integrity.IntegrityReport:
        """A full ``integrity_check`` (safe to call from a background thread).

        It reads through a second connection, so studying goes on meanwhile; index damage is
        then repaired with ``REINDEX`` on the collection's own connection and checked again.
        """
        reader = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        try:
            reader.execute("PRAGMA busy_timeout = 5000")
            report = integrity.check(reader, repair=False)
        finally:
            reader.close()
        if report.status is integrity.Status.DAMAGED and not self.read_only and \
                integrity.index_only(list(report.details)):
            with self._lock:
                report = integrity.check(self._conn)
        return report

    def create_backup(self, now: datetime | None = None) -> Path:
        """Write a verified copy to ``backup_dir`` (SQLite backup API) and prune old ones.

        Raises :class:`BackupError` if the collection is damaged (the copy fails its
        integrity check and is discarded) or the disk is full or read-only.
        """
        now = ensure_aware(now)
        with self._lock:
            path = backups.write_backup(self._conn, self.backup_dir, now)
        backups.prune(self.backup_dir, now)
        self._last_backup = now
        return path

    def maybe_backup(self, now: datetime | None = None) -> Path | None:
        """Back up if the last backup is older than 30 minutes (called while studying)."""
        now = ensure_aware(now)
        if self._last_backup is None:
            existing = backups.list_backups(self.backup_dir)
            self._last_backup = existing[0].time if existing else None
        if self._last_backup is not None and now - self._last_backup < backups.BACKUP_INTERVAL:
            return None
        return self.create_backup(now)

    def restore_backup(self, backup: Path) -> Collection:
        """Close this collection, replace its file with ``backup`` (the current file is kept as a
        backup first) and return the reopened collection. On failure the file is unchanged.

        The lock stays held throughout, so no other process can open the file in between.
        """
        problem = backups.check_backup(Path(backup))
        if problem:
            raise backups.BackupError(f"{backup}: cannot restore: {problem}")
        path = self.path
        held = lock.acquire(path)
        try:
            self.close()
            backups.restore(Path(backup), path)
            return Collection.open(path)
        finally:
            lock.release(held)

    def backups(self) -> list[backups.BackupInfo]:
        """This collection's backups, newest first."""
        return backups.list_backups(self.backup_dir)

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Collection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on success, rolled back on any error."""
        with self.db.write() as conn:
            yield conn

    # ------------------------------------------------------ compatibility API
    # The methods below keep the API from before the managers, with the same return types
    # (no OpChanges): each delegates to ``col.sched``, ``col.decks`` or ``col.conf``.

    @property
    def settings(self) -> Settings:
        return self.conf.settings

    def update_settings(self, **changes: Any) -> Settings:
        """Compatibility API: ``conf.update(settings=changes)``; raises ``ValueError`` if out of range."""
        self.conf.update(settings=changes)
        return self.conf.settings

    def get_config(self, key: str, default: Any = None) -> Any:
        """Compatibility API: ``conf.get``."""
        return self.conf.get(key, default)

    def set_config(self, key: str, value: Any) -> None:
        """Compatibility API: ``conf.set`` (the UI keeps its preferences here)."""
        self.conf.set(key, value)

    @property
    def learner_day(self) -> LearnerDay:
        return self.conf.learner_day

    @property
    def scheduler(self) -> Scheduler:
        return self.conf.scheduler

    def import_decks(self, paths: Iterable[str | Path]) -> ImportReport:
        """Compatibility API: ``decks.import_files(paths).report``."""
        return self.decks.import_files(paths).report

    def deck_names(self) -> list[str]:
        """Compatibility API: ``decks.names``."""
        return self.decks.names()

    def deck_info(self, name: str) -> DeckInfo:
        """Compatibility API: ``decks.info``."""
        return self.decks.info(name)

    def create_deck(self, name: str) -> None:
        """Compatibility API: ``decks.create``."""
        self.decks.create(name)

    def set_deck_options(self, name: str, new_per_day: int | None = None,
                         reviews_per_day: int | None = None) -> None:
        """Compatibility API: ``decks.set_options``."""
        self.decks.set_options(name, new_per_day, reviews_per_day)

    def deck_tree(self, now: datetime | None = None) -> list[DeckNode]:
        """Compatibility API: ``decks.tree``."""
        return self.decks.tree(now)

    def deck_stats(self, deck: str | None = None, now: datetime | None = None) -> list[DeckStats]:
        """Compatibility API: ``decks.stats``."""
        return self.decks.stats(deck, now)

    def counts(self, deck: str | None = None, now: datetime | None = None) -> Counts:
        """Compatibility API: ``sched.counts``."""
        return self.sched.counts(deck, now)

    def next_due_time(self, deck: str | None = None, now: datetime | None = None) -> datetime | None:
        """Compatibility API: ``sched.next_due_time``."""
        return self.sched.next_due_time(deck, now)

    def card(self, card_id: int, now: datetime | None = None) -> Card:
        """Compatibility API: ``sched.card``."""
        return self.sched.card(card_id, now)

    def cards(self, deck: str | None = None, now: datetime | None = None) -> list[Card]:
        """Compatibility API: ``sched.cards``."""
        return self.sched.cards(deck, now)

    def next_card(self, deck: str | None = None, now: datetime | None = None) -> Card | None:
        """Compatibility API: ``sched.next_card``."""
        return self.sched.next_card(deck, now)

    def next_intervals(self, card_id: int | Card, now: datetime | None = None) -> dict[Rating, timedelta]:
        """Compatibility API: ``sched.next_intervals``."""
        return self.sched.next_intervals(card_id, now)

    def retrievability(self, card_id: int | Card, now: datetime | None = None) -> float:
        """Compatibility API: ``sched.retrievability``."""
        return self.sched.retrievability(card_id, now)

    def answer(self, card_id: int | Card, rating: Rating | int, now: datetime | None = None,
               duration_ms: int | None = None) -> Card:
        """Compatibility API: ``sched.answer(...).card``."""
        return self.sched.answer(card_id, rating, now, duration_ms).card

    def bury(self, card_id: int, now: datetime | None = None) -> None:
        """Compatibility API: ``sched.bury``."""
        self.sched.bury(card_id, now)

    def suspend(self, card_id: int, suspended: bool = True) -> None:
        """Compatibility API: ``sched.suspend`` / ``sched.unsuspend``."""
        if suspended:
            self.sched.suspend(card_id)
        else:
            self.sched.unsuspend(card_id)

    def can_undo(self) -> bool:
        """Compatibility API: ``sched.undo_status().can_undo``."""
        return self.sched.undo_status().can_undo

    def undo_status(self) -> UndoStatus:
        """What :meth:`undo` would revert now (the Edit menu's label)."""
        return self.sched.undo_status()

    def undo(self) -> UndoResult | None:
        """Compatibility API: ``sched.undo``."""
        return self.sched.undo()

    def review_log(self, card_id: int | None = None, since: datetime | None = None) -> list[ReviewEntry]:
        """Compatibility API: ``card_store.review_log``."""
        return self.card_store.review_log(card_id, since)

    def find_cards(self, query: str = "", order: str = "created", descending: bool = False) -> list[int]:
        """Ids of the cards matching ``query`` (``docs/search.md``): ``notes.find_cards``."""
        return self.notes.find_cards(query, order, descending)

    # ---------------------------------------------------------------- statistics
    def review_stats(self, days: int = 30, now: datetime | None = None) -> ReviewStats:
        """Reviews per learner day over the last ``days`` days, with retention, time spent and
        answer buttons: a :class:`flashcards.core.stats.ReviewStats` (see ``review_stats``)."""
        from .stats import review_stats
        return review_stats(self.db, days=days, now=now, learner_day=self.learner_day)

    # -------------------------------------------------------------- optimisation
    def optimize(self, deck: str | None = None, progress: Any = None) -> Any:
        """FSRS parameters from the review log, kept only if they predict later reviews better:
        an :class:`flashcards.core.optimize.OptimizeResult` (see ``optimize_collection``)."""
        from .optimize import optimize_collection
        return optimize_collection(self, deck, progress)
