"""The collection: one SQLite file with decks, cards, scheduling state and the review log.

Every method that changes something commits before it returns (WAL, ``synchronous=NORMAL``),
so an answer that has returned survives a crash of the app. Times passed in are aware
datetimes (``now=None`` means the current time); they are stored as ms UTC.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from . import backup as backups
from . import integrity, lock, storage, study_queue
from .changes import UndoStatus
from .clock import LearnerDay, ensure_aware, from_ms, to_ms
from .deckfile import DeckValidationError, load_deck_files
from .importer import ensure_deck, import_deck_files
from .models import (Card, CardState, Counts, DeckInfo, DeckNode, DeckStats, ImportReport, Rating,
                     ReviewEntry)
from .scheduling import SchedState, Scheduler
from .settings import Settings
from .undo import UndoEntry, UndoResult, sched_to_json

if TYPE_CHECKING:
    from .stats import ReviewStats

_CARD_SELECT = (
    "SELECT c.id, c.key, c.ord, c.state, c.step, c.stability, c.difficulty, c.due, c.last_review, "
    "c.reps, c.lapses, c.suspended, c.buried_day, c.leech, n.type, n.front, n.back, n.text, n.items, "
    "n.tags, n.source_line, d.name AS deck FROM cards c JOIN notes n ON n.id = c.note_id "
    "JOIN decks d ON d.id = c.deck_id")


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
        self._undo: list[UndoEntry] = []
        self._queue = study_queue.QueueCache()       # today's counts, patched by answer()
        self._settings = self._load_settings()

    # ----------------------------------------------------------------- lifecycle
    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> "Collection":
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
        conn, handle, report = storage.open_storage(path, read_only)
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
                try:
                    if not self.read_only:
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

    def restore_backup(self, backup: Path) -> "Collection":
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

    def __enter__(self) -> "Collection":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on success, rolled back on any error."""
        if self.read_only:
            raise PermissionError(f"{self.path} is open read-only")
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:  # SQLite already rolled back after SQLITE_FULL
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # ------------------------------------------------------------------ settings
    def _load_settings(self) -> Settings:
        raw = self.get_config("settings", {})
        return Settings.from_json(raw if isinstance(raw, dict) else {})

    @property
    def settings(self) -> Settings:
        return self._settings

    def update_settings(self, **changes: Any) -> Settings:
        """Change study settings (see :class:`Settings`); raises ``ValueError`` if out of range."""
        new = replace(self._settings, **changes).validated()
        self.set_config("settings", new.to_json())
        self._settings = new
        return new

    def get_config(self, key: str, default: Any = None) -> Any:
        with self._lock:
            row = self._conn.execute("SELECT value FROM config WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def set_config(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable value (the UI keeps its preferences here)."""
        with self._write() as conn:
            conn.execute("INSERT INTO config (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                         "SET value = excluded.value", (key, json.dumps(value)))

    @property
    def learner_day(self) -> LearnerDay:
        return LearnerDay(self._settings.day_start_hour, self._settings.timezone)

    @property
    def scheduler(self) -> Scheduler:
        return Scheduler(self.learner_day, self._settings.desired_retention, self._settings.fuzz)

    # --------------------------------------------------------------------- decks
    def import_decks(self, paths: Iterable[str | Path]) -> ImportReport:
        """Import deck files and folders in one transaction.

        Raises :class:`DeckValidationError` (listing every ``path:line: message``) if any file is
        invalid; then nothing is changed.
        """
        decks, errors = load_deck_files([Path(p) for p in paths])
        if errors:
            raise DeckValidationError(errors)
        with self._write() as conn:
            return import_deck_files(conn, decks)

    def deck_names(self) -> list[str]:
        """Every deck, parents included, sorted."""
        with self._lock:
            return [r[0] for r in self._conn.execute("SELECT name FROM decks ORDER BY name")]

    def deck_info(self, name: str) -> DeckInfo:
        with self._lock:
            row = self._conn.execute(
                "SELECT name, description, source, source_title, attribution, disclaimer, new_per_day, "
                "reviews_per_day FROM decks WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise KeyError(f"no deck named {name!r}")
        return DeckInfo(**dict(row))

    def create_deck(self, name: str) -> None:
        with self._write() as conn:
            ensure_deck(conn, name)

    def set_deck_options(self, name: str, new_per_day: int | None = None,
                         reviews_per_day: int | None = None) -> None:
        """Set a deck's daily limits; ``None`` leaves a limit as it is."""
        for value in (new_per_day, reviews_per_day):
            if value is not None and not 0 <= value <= 1_000_000:
                raise ValueError("daily limits must be 0–1000000")
        self.deck_info(name)
        with self._write() as conn:
            if new_per_day is not None:
                conn.execute("UPDATE decks SET new_per_day = ? WHERE name = ?", (new_per_day, name))
            if reviews_per_day is not None:
                conn.execute("UPDATE decks SET reviews_per_day = ? WHERE name = ?", (reviews_per_day, name))

    def _deck_forest(self) -> list[study_queue.DeckRow]:
        s = self._settings

        def build() -> list[study_queue.DeckRow]:
            rows: dict[str, study_queue.DeckRow] = {}
            for r in self._conn.execute("SELECT id, name, new_per_day, reviews_per_day FROM decks ORDER BY name"):
                rows[r[1]] = study_queue.DeckRow(r[0], r[1], s.new_per_day if r[2] is None else r[2],
                                                 s.reviews_per_day if r[3] is None else r[3])
            roots = []
            for name, deck in rows.items():
                parent = rows.get(name.rsplit("::", 1)[0]) if "::" in name else None
                (parent.children if parent else roots).append(deck)
            return roots

        return self._queue.deck_forest(self._conn, s, build)      # kept while only answers are written

    def _deck_row(self, name: str | None) -> study_queue.DeckRow:
        roots = self._deck_forest()
        if name is None:
            # "All decks": no cap of its own; each top-level deck's limit applies.
            return study_queue.DeckRow(0, "", study_queue.NO_LIMIT, study_queue.NO_LIMIT, roots)
        for deck in (d for root in roots for d in study_queue.subtree(root)):
            if deck.name == name:
                return deck
        raise KeyError(f"no deck named {name!r}")

    def _times(self, now: datetime | None) -> study_queue.QueueTimes:
        now = ensure_aware(now)
        day = self.learner_day
        start, end = day.bounds(now)
        return study_queue.QueueTimes(now, start, end, day.day_of(now).isoformat(),
                                      timedelta(minutes=self._settings.learn_ahead_minutes))

    # -------------------------------------------------------------------- counts
    def counts(self, deck: str | None = None, now: datetime | None = None) -> Counts:
        """New, learning and review cards to study now in ``deck`` and its children (None: all)."""
        with self._lock:
            root = self._deck_row(deck)
            qs = study_queue.load_state(self._conn, self._times(now), self._settings.bury_siblings, self._queue)
            return study_queue.counts_for(root, qs)

    def deck_tree(self, now: datetime | None = None) -> list[DeckNode]:
        """Top-level decks with their children, each with today's counts (like Anki's deck list)."""
        with self._lock:
            qs = study_queue.load_state(self._conn, self._times(now), self._settings.bury_siblings, self._queue)

            def node(row: study_queue.DeckRow) -> DeckNode:
                return DeckNode(row.name, study_queue.counts_for(row, qs), [node(c) for c in row.children])

            return [node(root) for root in self._deck_forest()]

    def next_due_time(self, deck: str | None = None, now: datetime | None = None) -> datetime | None:
        """When the next learning/review card of ``deck`` becomes due (None: no scheduled card)."""
        with self._lock:
            return from_ms(study_queue.next_due(self._conn, self._deck_row(deck), self._times(now)))

    # --------------------------------------------------------------------- cards
    def _card_from_row(self, r: sqlite3.Row, today: str) -> Card:
        return Card(id=r["id"], key=r["key"], deck=r["deck"], type=r["type"], ord=r["ord"],
                    front=r["front"], back=r["back"], text=r["text"], items=tuple(json.loads(r["items"])),
                    tags=tuple(json.loads(r["tags"])), source_line=r["source_line"],
                    state=CardState(r["state"]), step=r["step"], stability=r["stability"],
                    difficulty=r["difficulty"], due=from_ms(r["due"]), last_review=from_ms(r["last_review"]),
                    reps=r["reps"], lapses=r["lapses"], suspended=bool(r["suspended"]),
                    buried=r["buried_day"] is not None and r["buried_day"] >= today, leech=bool(r["leech"]))

    def card(self, card_id: int, now: datetime | None = None) -> Card:
        today = self.learner_day.day_of(ensure_aware(now)).isoformat()
        with self._lock:
            row = self._conn.execute(_CARD_SELECT + " WHERE c.id = ?", (card_id,)).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        return self._card_from_row(row, today)

    def cards(self, deck: str | None = None, now: datetime | None = None) -> list[Card]:
        """Every card of ``deck`` and its children (suspended ones too, retired ones not)."""
        today = self._times(now).today
        with self._lock:
            ids = ",".join(str(d.id) for d in study_queue.subtree(self._deck_row(deck)))
            rows = self._conn.execute(_CARD_SELECT + f" WHERE c.retired = 0 AND c.deck_id IN ({ids}) "
                                      "ORDER BY d.name, c.position").fetchall()
        return [self._card_from_row(r, today) for r in rows]

    def next_card(self, deck: str | None = None, now: datetime | None = None) -> Card | None:
        """The card to study next in ``deck`` and its children, or None when nothing is due."""
        times = self._times(now)
        with self._lock:
            card_id = study_queue.pick_card(self._conn, self._deck_row(deck), times,
                                            self._settings.bury_siblings, self._queue)
        return None if card_id is None else self.card(card_id, now)

    def _sched_state(self, card_id: int) -> tuple[SchedState, sqlite3.Row]:
        row = self._conn.execute("SELECT * FROM cards WHERE id = ?", (card_id,)).fetchone()
        if row is None:
            raise KeyError(f"no card with id {card_id}")
        return SchedState(CardState(row["state"]), row["step"], row["stability"], row["difficulty"],
                          from_ms(row["due"]), from_ms(row["last_review"]), row["reps"], row["lapses"]), row

    def next_intervals(self, card_id: int, now: datetime | None = None) -> dict[Rating, timedelta]:
        """The interval each rating would give ``card_id`` now (for the answer buttons)."""
        now = ensure_aware(now)
        with self._lock:
            st, _ = self._sched_state(card_id)
        return self.scheduler.preview(st, now)

    def retrievability(self, card_id: int, now: datetime | None = None) -> float:
        """Predicted probability (0..1) of recalling ``card_id`` at ``now``; 0 for new cards."""
        now = ensure_aware(now)
        with self._lock:
            st, _ = self._sched_state(card_id)
        return self.scheduler.retrievability(st, now)

    # ------------------------------------------------------------------- answers
    def answer(self, card_id: int, rating: Rating | int, now: datetime | None = None,
               duration_ms: int | None = None) -> Card:
        """Grade ``card_id``; the new state and the review-log row are committed on return."""
        rating = Rating(int(rating))
        now = ensure_aware(now)
        s = self._settings
        duration = max(0, min(int(duration_ms or 0), s.max_answer_seconds * 1000))
        with self._lock:
            with self._write() as conn:
                version = self._queue.version(conn)
                row = conn.execute(_CARD_SELECT + " WHERE c.id = ?", (card_id,)).fetchone()   # card, note, deck
                if row is None:
                    raise KeyError(f"no card with id {card_id}")
                before = SchedState(CardState(row["state"]), row["step"], row["stability"], row["difficulty"],
                                    from_ms(row["due"]), from_ms(row["last_review"]), row["reps"], row["lapses"])
                share_before = self._queue.note_share(conn, card_id)
                after = self.scheduler.answer(before, rating, now)
                elapsed = self.learner_day.days_between(before.last_review, now) if before.last_review else 0
                leech = bool(row["leech"]) or (after.lapses > before.lapses and after.lapses >= s.leech_lapses)
                conn.execute(
                    "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
                    "last_review = ?, reps = ?, lapses = ?, leech = ? WHERE id = ?",
                    (int(after.state), after.step, after.stability, after.difficulty, to_ms(after.due),
                     to_ms(now), after.reps, after.lapses, int(leech), card_id))
                revlog_id = conn.execute(
                    "INSERT INTO revlog (card_id, time, rating, duration_ms, state_before, state_after, "
                    "stability, difficulty, due, elapsed_days, before) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (card_id, to_ms(now), int(rating), duration, int(before.state), int(after.state),
                     after.stability, after.difficulty, to_ms(after.due), elapsed,
                     sched_to_json(before, {"leech": bool(row["leech"])}))).lastrowid
                share_after = self._queue.note_share(conn, card_id)
            self._queue.patch(self._conn, version, share_before, share_after)   # committed: update the counts
        self._undo.append(UndoEntry("answer", card_id, before, bool(row["suspended"]), row["buried_day"],
                                     bool(row["leech"]), revlog_id))
        # The card as just stored (with the same conversions), without reading it back.
        stored = dict(row, state=int(after.state), step=after.step, stability=after.stability,
                      difficulty=after.difficulty, due=to_ms(after.due), last_review=to_ms(now), reps=after.reps,
                      lapses=after.lapses, leech=int(leech))
        return self._card_from_row(stored, self.learner_day.day_of(now).isoformat())

    def bury(self, card_id: int, now: datetime | None = None) -> None:
        """Hide ``card_id`` until the next learner day (Anki's ``-``)."""
        today = self._times(now).today
        self._flag(card_id, "bury", "buried_day = ?", (today,))

    def suspend(self, card_id: int, suspended: bool = True) -> None:
        """Take ``card_id`` out of study until unsuspended (Anki's ``@``)."""
        self._flag(card_id, "suspend", "suspended = ?", (int(suspended),))

    def _flag(self, card_id: int, action: str, assignment: str, values: tuple) -> None:
        with self._write() as conn:
            before, row = self._sched_state(card_id)
            conn.execute(f"UPDATE cards SET {assignment} WHERE id = ?", (*values, card_id))
        self._undo.append(UndoEntry(action, card_id, before, bool(row["suspended"]), row["buried_day"],
                                     bool(row["leech"])))

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_status(self) -> UndoStatus:
        """What :meth:`undo` would revert now (the Edit menu's label)."""
        return UndoStatus(self._undo[-1].action if self._undo else None)

    def undo(self) -> UndoResult | None:
        """Revert the last answer, bury or suspend of this session (its log row too)."""
        if not self._undo:
            return None
        with self._write() as conn:
            result = self._undo[-1].revert(conn)
        self._undo.pop()
        return result

    # --------------------------------------------------------------- review log
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
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [ReviewEntry(r[0], r[1], from_ms(r[2]), Rating(r[3]), r[4], CardState(r[5]), CardState(r[6]),
                            ((r[7] or r[2]) - r[2]) / 86_400_000) for r in rows]

    def deck_stats(self, deck: str | None = None, now: datetime | None = None) -> list[DeckStats]:
        """One row per deck (``deck`` and its descendants, or every deck), children included in totals."""
        times = self._times(now)
        with self._lock:
            qs = study_queue.load_state(self._conn, times, self._settings.bury_siblings)
            totals = {r[0]: (r[1], r[2]) for r in self._conn.execute(
                "SELECT deck_id, count(*), sum(suspended) FROM cards WHERE retired = 0 GROUP BY deck_id")}
            today = {r[0]: r[1] for r in self._conn.execute(
                "SELECT c.deck_id, count(*) FROM revlog r JOIN cards c ON c.id = r.card_id "
                "WHERE r.time >= ? GROUP BY c.deck_id", (to_ms(times.day_start),))}
            root = self._deck_row(deck)
            rows = [d for d in study_queue.subtree(root) if d.id]
        out = []
        for d in sorted(rows, key=lambda d: d.name):
            ids = [x.id for x in study_queue.subtree(d)]
            counts = study_queue.counts_for(d, qs)
            out.append(DeckStats(d.name, sum(totals.get(i, (0, 0))[0] for i in ids), counts.new,
                                 counts.learning, counts.review, sum(today.get(i, 0) for i in ids),
                                 sum(totals.get(i, (0, 0))[1] or 0 for i in ids)))
        return out

    # ---------------------------------------------------------------- statistics
    def review_stats(self, days: int = 30, now: datetime | None = None) -> "ReviewStats":
        """Reviews per learner day over the last ``days`` days, with retention, time spent and
        answer buttons: a :class:`flashcards.core.stats.ReviewStats` (see ``review_stats``)."""
        from .stats import review_stats
        return review_stats(self, days=days, now=now)
