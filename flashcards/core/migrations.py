"""The collection's schema as SQL: one script a version step (``MIGRATIONS[v]`` turns a version-v
file into version v+1; version 0 is an empty file). Applied by :func:`.schema.migrate`.

Times are integer milliseconds since the Unix epoch (UTC); learner days ISO dates in text.
"""

from __future__ import annotations

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

# v3: sync through a shared folder (core/sync/). Every review gets a globally unique id and the
# device that made it (``CardStore.log_review`` sets both; rows another writer inserted without
# them get them at the next sync, before anything is exported; no trigger, so that a grade stays
# at its statement count); notes get the time (ms UTC) and device of their last content change;
# the sync's own bookkeeping (versions last synced, the conflicts list) gets tables of its own.
_V3 = """
INSERT OR IGNORE INTO config (key, value) VALUES ('sync_device', json_quote(lower(hex(randomblob(8)))));
ALTER TABLE revlog ADD COLUMN uid TEXT;                 -- globally unique review id (32 hex digits)
ALTER TABLE revlog ADD COLUMN device TEXT;              -- the device that made the review
UPDATE revlog SET uid = lower(hex(randomblob(16))),
    device = (SELECT json_extract(value, '$') FROM config WHERE key = 'sync_device');
CREATE UNIQUE INDEX revlog_uid ON revlog (uid);
ALTER TABLE notes ADD COLUMN modified_ms INTEGER NOT NULL DEFAULT 0;   -- last content change, ms UTC
ALTER TABLE notes ADD COLUMN modified_by TEXT NOT NULL DEFAULT '';     -- device of that change
CREATE TRIGGER notes_modified AFTER UPDATE OF type, front, back, text, items, tags, retired ON notes
    WHEN NEW.modified_ms IS OLD.modified_ms AND NEW.modified_by IS OLD.modified_by
BEGIN
    UPDATE notes SET modified_ms = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
        modified_by = (SELECT json_extract(value, '$') FROM config WHERE key = 'sync_device')
    WHERE id = NEW.id;
END;
CREATE TABLE sync_notes (
    deck        TEXT NOT NULL,
    key         TEXT NOT NULL,
    hash        TEXT NOT NULL,               -- the note's content as last synced
    prev        TEXT,                        -- the version that one replaced
    modified_ms INTEGER NOT NULL,
    device      TEXT NOT NULL,
    PRIMARY KEY (deck, key)
);
CREATE TABLE sync_cards (
    deck        TEXT NOT NULL,
    key         TEXT NOT NULL,
    suspended   INTEGER NOT NULL,            -- as last synced
    modified_ms INTEGER NOT NULL,
    device      TEXT NOT NULL,
    PRIMARY KEY (deck, key)
);
CREATE TABLE sync_conflicts (
    id          INTEGER PRIMARY KEY,
    deck        TEXT NOT NULL,
    key         TEXT NOT NULL,
    hash        TEXT NOT NULL,               -- the version that lost
    fields      TEXT NOT NULL,               -- its content, JSON
    modified_ms INTEGER NOT NULL,            -- when it was written, ms UTC
    device      TEXT NOT NULL,               -- by which device
    kept_hash   TEXT NOT NULL,               -- the version kept instead
    UNIQUE (deck, key, hash)
);
"""

# v4: sync of deletions, deck renames, resets and settings (core/sync/structure.py, values.py).
# Deletions and renames are written to an outbox by the managers that make them and sent at the
# next sync; a card's resets (Forget) are kept with their time, as replay restarts from them.
_V4 = """
CREATE TABLE sync_outbox (
    id          INTEGER PRIMARY KEY,
    record      TEXT NOT NULL                -- a record to send (JSON, without its device)
);
CREATE TABLE card_resets (
    card_id     INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    time_ms     INTEGER NOT NULL,            -- when the card was made new again, ms UTC
    device      TEXT NOT NULL,
    PRIMARY KEY (card_id, time_ms, device)
);
CREATE TABLE sync_values (
    key         TEXT PRIMARY KEY,            -- "settings" or "deck:<name>"
    value       TEXT NOT NULL,               -- as last synced (JSON)
    modified_ms INTEGER NOT NULL,
    device      TEXT NOT NULL
);
"""

# v5: statistics over large review logs (core/stats.py). The per-day aggregates read only this
# index, never the table: time first (the range), then every column they group or filter by.
# It replaces revlog_time (same leading column), so an answer still writes two revlog indexes
# besides revlog_uid, each entry a few bytes longer. Dropped first, so that the new index takes
# the freed pages (a new file keeps no free page, as before).
_V5 = """
DROP INDEX revlog_time;
CREATE INDEX revlog_stats ON revlog (time, state_before, rating, duration_ms, card_id);
"""

MIGRATIONS: dict[int, str] = {0: _V1, 1: _V2, 2: _V3, 3: _V4, 4: _V5}
