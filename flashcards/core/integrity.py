"""Checking a collection for damage with SQLite's full ``PRAGMA integrity_check``.

``quick_check`` is not enough: it misses an index out of step with its table. Index-only damage
is repaired with ``REINDEX`` (the table rows are the truth); anything else is reported.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from enum import Enum

from .schema import reason_for

# integrity_check lines that only say an index disagrees with its table (REINDEX rebuilds it).
_INDEX_ONLY = re.compile(r"^(row \d+ missing from index \S+|wrong # of entries in index \S+"
                         r"|non-unique entry in UNIQUE index \S+)$")
MAX_ERRORS = 100  # integrity_check stops after this many problems


class Status(str, Enum):
    OK = "ok"
    REPAIRED = "repaired"   # damage found and repaired (indexes rebuilt); nothing was lost
    DAMAGED = "damaged"     # damage SQLite cannot repair: restore a backup


@dataclass(frozen=True)
class IntegrityReport:
    """The result of a full check. ``details``: what integrity_check said (and what was done)."""

    status: Status
    details: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the collection is sound now (it was, or it has been repaired)."""
        return self.status is not Status.DAMAGED

    def summary(self) -> str:
        if self.status is Status.OK:
            return "the collection is intact"
        head = ("damage found and repaired (indexes rebuilt; no data lost)"
                if self.status is Status.REPAIRED else "the collection is damaged")
        return head + ": " + "; ".join(self.details[:5]) + (" …" if len(self.details) > 5 else "")


def problems(conn: sqlite3.Connection) -> list[str]:
    """What ``PRAGMA integrity_check`` reports ([] when the database is sound)."""
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({MAX_ERRORS})")]
    return [] if rows == ["ok"] else rows


def index_only(found: list[str]) -> bool:
    """True if every problem is an index out of step with its table."""
    return bool(found) and all(_INDEX_ONLY.match(p) for p in found)


def check(conn: sqlite3.Connection, repair: bool = True) -> IntegrityReport:
    """Check the database behind ``conn``; with ``repair``, REINDEX index-only damage and re-check.

    ``conn`` must be in autocommit mode and not inside a transaction. SQLite errors while
    reading (a page that cannot be parsed at all) count as damage; a full disk or a read-only
    file is not damage and is raised as it is.
    """
    try:
        found = problems(conn)
    except sqlite3.DatabaseError as exc:
        if not reason_for(exc).is_damage:
            raise
        return IntegrityReport(Status.DAMAGED, (str(exc),))
    if not found:
        return IntegrityReport(Status.OK)
    if not (repair and index_only(found)):
        return IntegrityReport(Status.DAMAGED, tuple(found))
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("REINDEX")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite already rolled back after SQLITE_FULL
                conn.execute("ROLLBACK")
            raise
        after = problems(conn)
    except sqlite3.DatabaseError as exc:
        if not reason_for(exc).is_damage:
            raise
        return IntegrityReport(Status.DAMAGED, (*found, f"REINDEX failed: {exc}"))
    if after:
        return IntegrityReport(Status.DAMAGED, tuple(after))
    return IntegrityReport(Status.REPAIRED, (*found, "REINDEX rebuilt every index"))
