"""Opening the collection's file safely: the lock, the refusal checks, creation and recovery.

Order matters: take the lock; check the file's header without SQLite (a file we refuse is
never written, not even by ``journal_mode = WAL``); create a missing collection atomically;
migrate; after an unclean shutdown run a full integrity check. Every failure is a
:class:`~flashcards.core.schema.SchemaError` with a ``reason``, the file left as it was.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from . import backup as backups
from . import integrity, lock, schema
from .clock import ensure_aware
from .schema import Reason, SchemaError


def open_storage(path: Path, read_only: bool = False
                 ) -> tuple[sqlite3.Connection, lock.LockHandle | None, integrity.IntegrityReport | None]:
    """Open ``path``: the connection, the held lock (None when read-only) and the report of the
    integrity check run because the last writer did not close cleanly (None if none ran).

    Raises :class:`SchemaError` (with the newest good backup attached when the problem is damage)
    or :class:`~flashcards.core.lock.LockError`. ``read_only`` creates nothing.
    """
    handle = None
    conn = None
    report = None
    try:
        if not read_only:
            _ensure_folder(path)
            handle = lock.acquire(path)
            if handle.count == 1:
                backups.clean_temp_files(path)
            if not schema.check_header(path).exists:
                create(path)
        elif not path.parent.is_dir():
            raise SchemaError(path, Reason.MISSING, f"no folder {path.parent}")
        conn = schema.connect(path, read_only=read_only)

        def safety_copy(version: int) -> None:
            backups.write_backup(conn, backups.backup_dir_for(path), ensure_aware(None),
                                 f"before-migration-v{version}")

        schema.migrate(conn, path, before=safety_copy, read_only=read_only)
        if handle is not None:
            if handle.was_unclean and handle.count == 1:
                report = integrity.check(conn)
                if not report.ok:
                    raise SchemaError(path, Reason.DAMAGED, "; ".join(report.details[:3]))
            lock.mark_open(handle)
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if handle is not None:
            lock.release(handle)
        if isinstance(exc, SchemaError):
            raise with_backup(exc) from None
        if isinstance(exc, backups.BackupError):  # the safety copy before a migration
            raise with_backup(SchemaError(path, exc.reason or Reason.DAMAGED, str(exc))) from exc
        if isinstance(exc, (sqlite3.Error, OSError)) and not isinstance(exc, lock.LockError):
            raise with_backup(schema.error_for(path, exc)) from exc
        raise
    return conn, handle, report


def _ensure_folder(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SchemaError(path, Reason.UNREADABLE, f"{_first_file(path.parent)} is a file, not a folder"
                          ) from None
    except OSError as exc:
        raise schema.error_for(path, exc) from exc


def _first_file(folder: Path) -> Path:
    """The part of ``folder`` that exists but is not a folder (for the message)."""
    for parent in [*reversed(folder.parents), folder]:
        if parent.exists() and not parent.is_dir():
            return parent
    return folder


def create(path: Path) -> None:
    """Create a new, empty collection at ``path`` atomically (a temp file linked into place),
    so a crash never leaves a half-made or 0-byte collection behind."""
    fd, tmp_name = tempfile.mkstemp(prefix=".new-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # SQLite must create it itself
        conn = sqlite3.connect(tmp_name, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            schema.migrate(conn, path)
        finally:
            conn.close()
        try:
            os.link(tmp, path)  # never replaces a file that appeared meanwhile
        except FileExistsError:
            pass
        except OSError:  # no hard links on this file system
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for leftover in (tmp, Path(f"{tmp_name}-wal"), Path(f"{tmp_name}-shm")):
            leftover.unlink(missing_ok=True)


def with_backup(exc: SchemaError) -> SchemaError:
    """Attach the newest good backup to damage a backup can repair (never to permission or
    disk-full errors: restoring over a healthy file the app cannot write would be wrong)."""
    if exc.reason.is_damage and exc.backup is None:
        try:
            good = backups.newest_good_backup(backups.backup_dir_for(exc.path))
        except OSError:
            good = None
        if good is not None and good.path != exc.path:
            exc.backup = good
    return exc
