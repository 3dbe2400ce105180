"""The collection's SQLite schema and its forward migrations (``PRAGMA user_version``).

Every released schema version has a migration step to the next; a file newer than this code
is refused rather than guessed at. Times are stored as integer milliseconds since the Unix
epoch (UTC); learner days as ISO dates in text.
"""

from __future__ import annotations

import errno
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from .migrations import MIGRATIONS

if TYPE_CHECKING:
    from .backup import BackupInfo

SCHEMA_VERSION = 5
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class Reason(str, Enum):
    """Why a collection cannot be opened. Only the first four are damage a backup can repair."""

    DAMAGED = "damaged"          # not a readable database, or integrity_check failed
    EMPTY = "empty"              # a 0-byte file: emptied or truncated
    FOREIGN = "foreign"          # another program's SQLite file, or an unknown schema version
    NEWER = "newer"              # made by a newer Flashcards
    MISSING = "missing"          # no file (only for opens that must not create one)
    UNREADABLE = "unreadable"    # an I/O error, or its folder is not a folder
    PERMISSION = "permission"    # read-only file or folder
    DISK_FULL = "disk_full"      # no space left

    @property
    def is_damage(self) -> bool:
        return self in (Reason.DAMAGED, Reason.EMPTY, Reason.FOREIGN, Reason.NEWER)


_SUMMARY = {
    Reason.DAMAGED: "the collection is damaged",
    Reason.EMPTY: "the collection file is empty (0 bytes): it was emptied or cut short",
    Reason.FOREIGN: "not a Flashcards collection",
    Reason.NEWER: "made by a newer version of Flashcards",
    Reason.MISSING: "there is no collection here",
    Reason.UNREADABLE: "the collection cannot be read",
    Reason.PERMISSION: "no permission to write the collection (read-only file or folder)",
    Reason.DISK_FULL: "the disk is full",
}


class SchemaError(RuntimeError):
    """The collection cannot be opened; the file was left exactly as it was.

    ``reason`` says why (:class:`Reason`), ``detail`` adds what SQLite or the OS said, and
    ``backup`` is set by :meth:`Collection.open` to the newest good backup when the reason is
    damage a backup can repair (never for permission or disk-full errors). The message is a
    plain statement of the problem; callers add their own advice.
    """

    def __init__(self, path: Path, reason: Reason, detail: str = "",
                 backup: BackupInfo | None = None):
        self.path = Path(path)
        self.reason = Reason(reason)
        self.detail = detail
        self.backup = backup
        super().__init__(self.summary)

    @property
    def summary(self) -> str:
        """One line: ``path: what is wrong (detail)``."""
        return f"{self.path}: {_SUMMARY[self.reason]}" + (f" ({self.detail})" if self.detail else "")

    def __str__(self) -> str:
        return self.summary


def reason_for(exc: BaseException) -> Reason:
    """Classify an sqlite3 or OS error: disk full and permission problems are not damage."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        text = str(exc).lower()
        if name.startswith("SQLITE_FULL") or "disk is full" in text:
            return Reason.DISK_FULL
        if name.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or "readonly" in text:
            return Reason.PERMISSION
        if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR")) or "unable to open" in text:
            return Reason.UNREADABLE
        return Reason.DAMAGED
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return Reason.DISK_FULL
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return Reason.PERMISSION
        return Reason.UNREADABLE
    return Reason.DAMAGED


def error_for(path: Path, exc: BaseException) -> SchemaError:
    """A :class:`SchemaError` for an sqlite3/OS error met while opening ``path``."""
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return SchemaError(path, reason_for(exc), detail)


@dataclass(frozen=True)
class FileHeader:
    """What the first 100 bytes of a file say, read without SQLite (nothing is written)."""

    exists: bool
    size: int                   # bytes
    is_sqlite: bool
    user_version: int           # PRAGMA user_version (signed, big-endian at offset 60)
    schema_cookie: int          # 0: no table was ever created


def read_header(path: Path) -> FileHeader:
    """Read ``path``'s SQLite header directly; raises OSError if it cannot be read."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEADER_SIZE)
            size = handle.seek(0, 2)
    except FileNotFoundError:
        return FileHeader(False, 0, False, 0, 0)
    if len(head) < HEADER_SIZE or not head.startswith(SQLITE_MAGIC):
        return FileHeader(True, size, False, 0, 0)
    (cookie,) = struct.unpack(">I", head[40:44])
    (version,) = struct.unpack(">i", head[60:64])
    return FileHeader(True, size, True, version, cookie)


def check_header(path: Path, allow_missing: bool = True) -> FileHeader:
    """Refuse (:class:`SchemaError`) a file this version must not write to, before anything
    touches it: empty, not SQLite, an unknown or newer schema version. Also a missing file
    when ``allow_missing`` is False."""
    try:
        header = read_header(path)
    except IsADirectoryError:
        raise SchemaError(path, Reason.UNREADABLE, "it is a folder, not a file") from None
    except OSError as exc:
        raise error_for(path, exc) from exc
    if not header.exists:
        if not allow_missing:
            raise SchemaError(path, Reason.MISSING)
        return header
    if header.size == 0:
        raise SchemaError(path, Reason.EMPTY)
    if not header.is_sqlite:
        raise SchemaError(path, Reason.FOREIGN, "not an SQLite file; damaged, or another program's")
    if header.user_version < 0 or (header.user_version == 0 and header.schema_cookie != 0):
        raise SchemaError(path, Reason.FOREIGN, f"unknown schema version {header.user_version}"
                          if header.user_version else "an SQLite file of another program")
    if header.user_version > SCHEMA_VERSION:
        raise SchemaError(path, Reason.NEWER, f"schema {header.user_version}; this version reads "
                          f"up to {SCHEMA_VERSION}. Update the app")
    return header


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """Open ``path`` with the collection's pragmas (WAL, foreign keys, synchronous=NORMAL).

    The file is checked to be ours (:func:`check_header`, then its tables) before the first
    pragma that writes (``journal_mode = WAL`` rewrites the header); a refused file is left
    byte for byte as it was, without -wal/-shm files.
    """
    header = check_header(path, allow_missing=not read_only)
    sidecars = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    had = [p.exists() for p in sidecars]
    try:
        if read_only:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                                   check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise error_for(path, exc) from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        if header.user_version >= 1 and not conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cards'").fetchone():
            raise SchemaError(path, Reason.FOREIGN, "an SQLite file of another program")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
            return conn
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise SchemaError(path, Reason.UNREADABLE, f"cannot switch to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except SchemaError:
        conn.close()
        _remove_new_sidecars(sidecars, had)
        raise
    except sqlite3.Error as exc:
        conn.close()
        _remove_new_sidecars(sidecars, had)
        raise error_for(path, exc) from exc
    return conn


def _remove_new_sidecars(sidecars: list[Path], had: list[bool]) -> None:
    """Remove the -wal/-shm a refused read-only open created (an empty WAL holds nothing)."""
    wal = sidecars[0]
    if had[0] or (wal.exists() and wal.stat().st_size > 0):
        return
    for path, existed in zip(sidecars, had):
        if not existed:
            path.unlink(missing_ok=True)


def migrate(conn: sqlite3.Connection, path: Path,
            before: Callable[[int], None] | None = None, read_only: bool = False) -> int:
    """Bring the schema up to :data:`SCHEMA_VERSION`, each step in one transaction.

    ``before(version)`` runs first when an existing collection is about to be migrated (the
    collection makes a safety backup there). A read-only open refuses to migrate.
    """
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            if tables:
                raise SchemaError(path, Reason.FOREIGN, "an SQLite file of another program")
    except sqlite3.Error as exc:
        raise error_for(path, exc) from exc
    if version > SCHEMA_VERSION:
        raise SchemaError(path, Reason.NEWER, f"schema {version}; this version reads up to {SCHEMA_VERSION}")
    if version < 0:
        raise SchemaError(path, Reason.FOREIGN, f"unknown schema version {version}")
    if version < SCHEMA_VERSION and read_only:
        raise SchemaError(path, Reason.UNREADABLE, f"needs an upgrade from schema {version}; "
                          "open it for writing once")
    if 0 < version < SCHEMA_VERSION and before is not None:
        before(version)
    while version < SCHEMA_VERSION:
        script = MIGRATIONS[version]
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # SQLite already rolled back after SQLITE_FULL
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            error = error_for(path, exc)
            if error.reason is Reason.DAMAGED:  # our migration's own fault, not the file's
                error = SchemaError(path, Reason.UNREADABLE, f"upgrading from schema {version} to "
                                    f"{version + 1} failed ({exc}); the file was left as it was")
            raise error from exc
        version += 1
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (a trigger's body keeps its semicolons; no
    ``--`` or semicolons inside our DDL strings)."""
    out: list[str] = []
    pending = ""
    for part in "\n".join(line.split("--", 1)[0] for line in script.splitlines()).split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                out.append(pending.strip().rstrip(";").strip())
            pending = ""
    if pending.strip(" \n;"):
        out.append(pending.strip().rstrip(";").strip())
    return out
