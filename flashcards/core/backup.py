"""Rolling backups of the collection with SQLite's online backup API.

A backup is a complete, consistent copy of a live collection (never a file copy of an open
database). Names carry the UTC time: ``collection-20260302-101500.sqlite3``. Retention, like
Anki's: the 30 newest, plus the newest of each of the last 12 days, 10 weeks and 9 months.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from .clock import UTC, ensure_aware

BACKUP_RE = re.compile(r"^collection-(\d{8}-\d{6})(?:-(\w+))?\.sqlite3$")
KEEP_RECENT, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 30, 12, 10, 9
BACKUP_INTERVAL = timedelta(minutes=30)


class BackupError(RuntimeError):
    """A backup could not be made, checked or restored; the message says why."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    time: datetime        # UTC, from the file name
    size: int             # bytes
    reason: str = ""      # "", "before-restore", "before-migration"

    @property
    def name(self) -> str:
        return self.path.name


def backup_dir_for(collection: Path) -> Path:
    return collection.parent / "backups"


def backup_name(moment: datetime, reason: str = "") -> str:
    stamp = ensure_aware(moment).strftime("%Y%m%d-%H%M%S")
    return f"collection-{stamp}{'-' + reason.replace('-', '_') if reason else ''}.sqlite3"


def list_backups(directory: Path) -> list[BackupInfo]:
    """Backups in ``directory``, newest first."""
    if not directory.is_dir():
        return []
    out = []
    for path in directory.iterdir():
        m = BACKUP_RE.match(path.name)
        if m and path.is_file():
            moment = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            out.append(BackupInfo(path, moment, path.stat().st_size, (m.group(2) or "").replace("_", "-")))
    return sorted(out, key=lambda b: (b.time, b.name), reverse=True)


def write_backup(conn: sqlite3.Connection, directory: Path, moment: datetime, reason: str = "") -> Path:
    """Copy the database behind ``conn`` into ``directory`` (atomically: temp file, then rename)."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / backup_name(moment, reason)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        dest = sqlite3.connect(tmp_name)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target


def prune(directory: Path, now: datetime | None = None) -> list[Path]:
    """Delete backups the retention rule does not keep; returns the deleted paths."""
    backups = [b for b in list_backups(directory) if not b.reason]
    keep: set[Path] = {b.path for b in backups[:KEEP_RECENT]}
    for bucket, count in ((lambda t: t.date(), KEEP_DAILY),
                          (lambda t: tuple(t.isocalendar())[:2], KEEP_WEEKLY),
                          (lambda t: (t.year, t.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for b in backups:  # newest first: the first of each bucket is its newest
            key = bucket(b.time)
            if key not in seen:
                seen.append(key)
                if len(seen) > count:
                    break
                keep.add(b.path)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    # Safety copies made before a restore or migration: keep the 10 newest.
    special = [b for b in list_backups(directory) if b.reason]
    for b in special[10:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def check_backup(path: Path) -> str | None:
    """None if ``path`` is a sound collection this version can open, else what is wrong."""
    from .schema import SCHEMA_VERSION

    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_cards = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'cards'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"not a readable SQLite database ({exc})"
    if result != "ok":
        return f"damaged ({result})"
    if not has_cards or version < 1:
        return "not a Flashcards collection"
    if version > SCHEMA_VERSION:
        return f"made by a newer version (schema {version})"
    return None


def newest_good_backup(directory: Path) -> BackupInfo | None:
    for info in list_backups(directory):
        if check_backup(info.path) is None:
            return info
    return None


def restore(backup: Path, collection: Path, now: datetime | None = None) -> Path | None:
    """Replace ``collection`` with ``backup``; the current file is kept as a backup first.

    The collection must not be open. Returns the safety copy of the current file (None if there
    was no current file). A current file that is damaged is moved aside byte for byte.
    """
    problem = check_backup(backup)
    if problem:
        raise BackupError(f"{backup}: cannot restore: {problem}")
    now = ensure_aware(now)
    directory = backup_dir_for(collection)
    directory.mkdir(parents=True, exist_ok=True)
    safety: Path | None = None
    if collection.exists():
        if check_backup(collection) is None:
            src = sqlite3.connect(str(collection))
            try:
                safety = write_backup(src, directory, now, "before-restore")
            finally:
                src.close()
        else:  # damaged: keep its exact bytes (and its WAL) for a later rescue
            safety = directory / backup_name(now, "damaged")
            shutil.copy2(collection, safety)
            wal = Path(f"{collection}-wal")
            if wal.exists():
                shutil.copy2(wal, Path(f"{safety}-wal"))
    fd, tmp_name = tempfile.mkstemp(prefix=".restore-", suffix=".tmp", dir=collection.parent)
    os.close(fd)
    try:
        shutil.copyfile(backup, tmp_name)
        for suffix in ("-wal", "-shm"):  # a stale WAL must never be replayed onto the restored file
            Path(f"{collection}{suffix}").unlink(missing_ok=True)
        os.replace(tmp_name, collection)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return safety
