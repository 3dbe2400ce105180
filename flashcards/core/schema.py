"""The collection's SQLite schema and its forward migrations (``PRAGMA user_version``).

Every released schema version has a migration step to the next; a file newer than this code
is refused rather than guessed at. Times are stored as integer milliseconds since the Unix
epoch (UTC); learner days as ISO dates in text.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

SCHEMA_VERSION = 2


class SchemaError(RuntimeError):
    """The file is not a collection this version can open (damaged, foreign or too new).

    ``backup`` is set by :meth:`Collection.open` to the newest good backup, if any.
    """

    backup: object = None


_V1 = """
CREATE TABLE config (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL                      -- JSON
);
CREATE TABLE decks (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,    -- full name, '::' between levels
    description     TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL DEFAULT '',
    source_title    TEXT NOT NULL DEFAULT '',
    attribution     TEXT NOT NULL DEFAULT '',
    disclaimer      TEXT NOT NULL DEFAULT '',
    new_per_day     INTEGER,                 -- NULL: the collection default
    reviews_per_day INTEGER
);
CREATE TABLE notes (
    id          INTEGER PRIMARY KEY,
    deck_id     INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,               -- the deck file's card id
    type        TEXT NOT NULL,
    front       TEXT NOT NULL DEFAULT '',
    back        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    items       TEXT NOT NULL DEFAULT '[]',  -- JSON list
    tags        TEXT NOT NULL DEFAULT '[]',  -- JSON list
    source_line INTEGER,
    retired     INTEGER NOT NULL DEFAULT 0,  -- 1: no longer in its deck file
    UNIQUE (deck_id, key)
);
CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,
    note_id     INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    deck_id     INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,               -- "id", "id/reverse", "id/c2"
    ord         INTEGER NOT NULL,
    position    INTEGER NOT NULL,            -- order new cards are introduced in
    state       INTEGER NOT NULL DEFAULT 0,  -- CardState
    step        INTEGER,
    stability   REAL,                        -- days
    difficulty  REAL,
    due         INTEGER,                     -- ms UTC; NULL for new cards
    last_review INTEGER,                     -- ms UTC
    reps        INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0,
    suspended   INTEGER NOT NULL DEFAULT 0,
    buried_day  TEXT,                        -- learner day (ISO date) it is hidden through
    leech       INTEGER NOT NULL DEFAULT 0,
    retired     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (deck_id, key)
);
-- The study queue (study_queue.py) reads these per deck, in order, without sorting. The last
-- columns (buried_day and the partial-index columns, which SQLite does not treat as known) are
-- there so that counting reads only the index, never the table.
CREATE INDEX cards_due ON cards (deck_id, state, due, position, buried_day, retired, suspended)
    WHERE retired = 0 AND suspended = 0 AND due IS NOT NULL;
CREATE INDEX cards_new ON cards (deck_id, position, buried_day, state, retired, suspended)
    WHERE state = 0 AND retired = 0 AND suspended = 0;
CREATE INDEX cards_note ON cards (note_id);
CREATE TABLE revlog (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id       INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    time          INTEGER NOT NULL,          -- ms UTC of the answer
    rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    duration_ms   INTEGER NOT NULL DEFAULT 0,
    state_before  INTEGER NOT NULL,
    state_after   INTEGER NOT NULL,
    stability     REAL,                      -- after the answer, days
    difficulty    REAL,
    due           INTEGER,                   -- after the answer, ms UTC
    elapsed_days  INTEGER NOT NULL DEFAULT 0,-- learner days since the previous review
    before        TEXT NOT NULL              -- JSON of the card's scheduling state before
);
CREATE INDEX revlog_card ON revlog (card_id, time);
CREATE INDEX revlog_time ON revlog (time);
"""

# MIGRATIONS[v] turns a version-v file into version v+1. Version 0 is an empty file.
# v2: per-deck options beyond the daily limits (order, leeches, exam date) as JSON.
_V2 = """
ALTER TABLE decks ADD COLUMN options TEXT NOT NULL DEFAULT '{}';   -- JSON, see deck_options.py
"""

MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2}


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """Open ``path`` with the collection's pragmas (WAL, foreign keys, synchronous=NORMAL)."""
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise SchemaError(f"{path}: cannot switch the database to WAL mode (got {mode})")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise SchemaError(f"{path}: not a Flashcards collection or damaged ({exc})") from exc
    return conn


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
                raise SchemaError(f"{path}: this SQLite file is not a Flashcards collection")
    except sqlite3.DatabaseError as exc:
        raise SchemaError(f"{path}: not a Flashcards collection or damaged ({exc})") from exc
    if version > SCHEMA_VERSION:
        raise SchemaError(
            f"{path}: made by a newer Flashcards (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}). Update the app; the file was not changed.")
    if version < SCHEMA_VERSION and read_only:
        raise SchemaError(f"{path}: needs an upgrade (schema {version}); open it for writing once")
    if 0 < version < SCHEMA_VERSION and before is not None:
        before(version)
    while version < SCHEMA_VERSION:
        script = MIGRATIONS[version]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise SchemaError(f"{path}: upgrading from schema {version} to {version + 1} failed "
                                  f"({exc}); the file was left as it was") from exc
            raise
        version += 1
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our DDL strings)."""
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
