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

from . import integrity, lock
from .clock import UTC, ensure_aware
from .schema import SCHEMA_VERSION, Reason, SchemaError, check_header, reason_for

# collection-20260302-101500[-reason][.2].sqlite3; ".2", ".3" … when a name is already taken
BACKUP_RE = re.compile(r"^collection-(\d{8}-\d{6})(?:-(\w+))?(?:\.(\d+))?\.sqlite3$")
KEEP_RECENT, KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 30, 12, 10, 9
BACKUP_INTERVAL = timedelta(minutes=30)
# Temp files of a backup, a restore or a new collection; left behind only by a killed process.
TEMP_PATTERNS = (".backup-*.tmp*", ".restore-*.tmp*", ".new-*.tmp*")


class BackupError(RuntimeError):
    """A backup could not be made, checked or restored; the message says why.

    ``reason`` is set when the cause is the disk or permissions (not damage).
    """

    def __init__(self, message: str, reason: Reason | None = None):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    time: datetime        # UTC, from the file name
    size: int             # bytes
    reason: str = ""      # "", "before-restore", "before-migration-v1", "damaged"
    seq: int = 1          # 2, 3 … for later backups made within the same second

    @property
    def name(self) -> str:
        return self.path.name


def backup_dir_for(collection: Path) -> Path:
    return collection.parent / "backups"


def backup_name(moment: datetime, reason: str = "", seq: int = 1) -> str:
    stamp = ensure_aware(moment).strftime("%Y%m%d-%H%M%S")
    tail = f".{seq}" if seq > 1 else ""
    return f"collection-{stamp}{'-' + reason.replace('-', '_') if reason else ''}{tail}.sqlite3"


def list_backups(directory: Path) -> list[BackupInfo]:
    """Backups in ``directory``, newest first."""
    if not directory.is_dir():
        return []
    out = []
    for path in directory.iterdir():
        m = BACKUP_RE.match(path.name)
        if m and path.is_file():
            moment = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            out.append(BackupInfo(path, moment, path.stat().st_size, (m.group(2) or "").replace("_", "-"),
                                  int(m.group(3) or 1)))
    return sorted(out, key=lambda b: (b.time, b.seq, b.name), reverse=True)


def clean_temp_files(collection: Path) -> list[Path]:
    """Delete temp files left by killed backups/restores (call only while holding the lock)."""
    removed = []
    for folder in (collection.parent, backup_dir_for(collection)):
        if not folder.is_dir():
            continue
        for pattern in TEMP_PATTERNS:
            for path in folder.glob(pattern):
                try:
                    path.unlink()
                    removed.append(path)
                except OSError:
                    pass
    return removed


def place(tmp: Path, directory: Path, moment: datetime, reason: str = "") -> Path:
    """Move ``tmp`` into ``directory`` under a backup name no other backup has (never overwrites)."""
    for seq in range(1, 10_000):
        target = directory / backup_name(moment, reason, seq)
        try:
            os.link(tmp, target)
        except FileExistsError:
            continue
        except OSError:  # no hard links here (some network or FAT drives)
            if target.exists():
                continue
            os.replace(tmp, target)
            return target
        tmp.unlink()
        return target
    raise BackupError(f"{directory}: too many backups named for {moment:%Y-%m-%d %H:%M:%S}")


def _storage_error(what: str, exc: BaseException) -> BackupError:
    reason = reason_for(exc)
    if reason is Reason.DISK_FULL:
        return BackupError(f"{what}: the disk is full", reason)
    if reason is Reason.PERMISSION:
        return BackupError(f"{what}: no permission to write there (read-only file or folder)", reason)
    return BackupError(f"{what}: {exc}", None if reason.is_damage else reason)


def write_backup(conn: sqlite3.Connection, directory: Path, moment: datetime, reason: str = "") -> Path:
    """Copy the database behind ``conn`` into ``directory``.

    The copy is written to a temp file, checked with a full ``integrity_check`` and only then
    given its name: a damaged collection never becomes a backup (:class:`BackupError`).
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=directory)
        os.close(fd)
    except OSError as exc:
        raise _storage_error(f"cannot back up into {directory}", exc) from exc
    tmp = Path(tmp_name)
    try:
        dest = sqlite3.connect(tmp_name, isolation_level=None)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            found = integrity.problems(dest)
        finally:
            dest.close()
        if found:
            raise BackupError("the collection is damaged, so no backup was made (the existing backups "
                              f"are kept): {'; '.join(found[:3])}")
        return place(tmp, directory, moment, reason)
    except sqlite3.DatabaseError as exc:
        if reason_for(exc).is_damage:
            raise BackupError("the collection is damaged, so no backup was made (the existing backups "
                              f"are kept): {exc}") from exc
        raise _storage_error(f"cannot back up into {directory}", exc) from exc
    except (sqlite3.Error, OSError) as exc:
        raise _storage_error(f"cannot back up into {directory}", exc) from exc
    finally:
        for leftover in (tmp, Path(f"{tmp_name}-journal")):
            leftover.unlink(missing_ok=True)


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
    """None if ``path`` is a sound collection this version can open (full integrity_check),
    else what is wrong. Reads only; a refused header is never opened by SQLite."""
    try:
        check_header(path, allow_missing=False)
    except SchemaError as exc:
        return exc.summary.removeprefix(f"{path}: ")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            found = integrity.problems(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_cards = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'cards'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"not a readable SQLite database ({exc})"
    if found:
        return f"damaged ({'; '.join(found[:3])})"
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

    Takes the collection's lock (a writer elsewhere makes this raise
    :class:`~flashcards.core.lock.CollectionLockedError`). Returns the safety copy of the
    current file (None if there was none); it never overwrites an earlier one. A current file
    that is damaged is kept byte for byte (with its WAL). Killed at any moment, the collection
    is either the old file or the restored one, and stray temp files are removed next time.
    """
    problem = check_backup(backup)
    if problem:
        raise BackupError(f"{backup}: cannot restore: {problem}")
    now = ensure_aware(now)
    directory = backup_dir_for(collection)
    try:
        collection.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _storage_error(f"cannot restore into {collection}", exc) from exc
    held = lock.acquire(collection)
    try:
        clean_temp_files(collection)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            safety = _keep_current(collection, directory, now)
            fd, tmp_name = tempfile.mkstemp(prefix=".restore-", suffix=".tmp", dir=collection.parent)
            os.close(fd)
        except OSError as exc:
            raise _storage_error(f"cannot restore into {collection}", exc) from exc
        try:
            shutil.copyfile(backup, tmp_name)
            with open(tmp_name, "rb+") as handle:
                os.fsync(handle.fileno())
            for suffix in ("-wal", "-shm"):  # a stale WAL must never be replayed onto the restored file
                Path(f"{collection}{suffix}").unlink(missing_ok=True)
            os.replace(tmp_name, collection)
        except OSError as exc:
            raise _storage_error(f"cannot restore into {collection}", exc) from exc
        finally:
            Path(tmp_name).unlink(missing_ok=True)
    finally:
        lock.release(held)
    return safety


def _keep_current(collection: Path, directory: Path, now: datetime) -> Path | None:
    """Save the current collection into ``directory`` before a restore replaces it."""
    if not collection.exists():
        return None
    if check_backup(collection) is None:
        src = sqlite3.connect(str(collection))
        try:  # an online copy; closing the last connection also folds the WAL into the file
            return write_backup(src, directory, now, "before-restore")
        finally:
            src.close()
    # damaged, foreign, newer or empty: keep its exact bytes (and its WAL) for a later rescue
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        shutil.copy2(collection, tmp_name)
        safety = place(Path(tmp_name), directory, now, "damaged")
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    wal = Path(f"{collection}-wal")
    if wal.exists():
        shutil.copy2(wal, Path(f"{safety}-wal"))
    return safety
