"""Deck content through the sync folder: notes (new cards, edits) and suspensions.

A note is named by its deck and key. Each version of its content is a record with the hash of
the version it replaced, so a device can tell an ordinary edit (one version made from the
other) from a conflict (both made from something older). Last writer wins — the later
``time``, then the larger device id — on every device alike; when the loser of a conflict was
an edit of its own, it is kept in the conflicts list (``sync_conflicts``) for the learner to
look at. A card's suspension is last writer wins on its own.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..deckspec import NoteSpec
from ..importer import ensure_deck
from .files import Record
from .records import Version, content_hash, descends


@dataclass(frozen=True)
class Conflict:
    """A version of a note that lost to another one made at the same time elsewhere."""

    id: int
    deck: str
    key: str
    fields: dict[str, Any]
    time_ms: int
    device: str
    kept_hash: str


def _fields(row: sqlite3.Row) -> dict[str, Any]:
    return {"type": row["type"], "front": row["front"], "back": row["back"], "text": row["text"],
            "items": json.loads(row["items"]), "tags": json.loads(row["tags"]), "retired": int(row["retired"])}


def _notes(conn: sqlite3.Connection) -> dict[tuple[str, str], sqlite3.Row]:
    return {(r["deck"], r["key"]): r for r in conn.execute(
        "SELECT n.*, d.name AS deck FROM notes n JOIN decks d ON d.id = n.deck_id")}


def _cards_of(conn: sqlite3.Connection, note_id: int) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT key, id FROM cards WHERE note_id = ?", (note_id,))}


def outgoing_notes(conn: sqlite3.Connection, device: str, known: set[tuple[str, str, str]]) -> list[Record]:
    """A record for each note whose current content no device has sent yet (``known``: deck,
    key, hash of every version in the folder)."""
    synced = {(r[0], r[1]): (r[2], r[3]) for r in conn.execute("SELECT deck, key, hash, prev FROM sync_notes")}
    out: list[Record] = []
    for (deck, key), row in _notes(conn).items():
        fields = _fields(row)
        h = content_hash(fields)
        if (deck, key, h) in known:
            continue
        last = synced.get((deck, key))
        prev = None if last is None else (last[0] if last[0] != h else last[1])
        by = row["modified_by"] or device        # never edited (as imported): time 0, the oldest
        out.append(Version(h, prev, row["modified_ms"], by, fields, _cards_of(conn, row["id"])).record(deck, key))
    return out


def outgoing_flags(conn: sqlite3.Connection, device: str, now_ms: int) -> list[Record]:
    """A record for each card whose suspension changed here since the last sync."""
    synced = {(r[0], r[1]): r[2] for r in conn.execute("SELECT deck, key, suspended FROM sync_cards")}
    out: list[Record] = []
    for deck, key, suspended in conn.execute("SELECT d.name, c.key, c.suspended FROM cards c "
                                             "JOIN decks d ON d.id = c.deck_id"):
        if synced.get((deck, key), 0) != suspended:
            out.append({"t": "s", "deck": deck, "card": key, "v": int(suspended), "time": now_ms, "dev": device})
    return out


@dataclass
class ContentMerge:
    """What merging the content did."""

    notes_added: int = 0
    notes_changed: int = 0
    flags_changed: int = 0
    conflicts: int = 0                               # new entries in the conflicts list
    cards: set[int] = field(default_factory=set)


def merge_notes(conn: sqlite3.Connection, records: Iterable[Record], device: str) -> ContentMerge:
    """Bring every note to the winning version among its records and the local one, inside the
    caller's transaction."""
    out = ContentMerge()
    versions: dict[tuple[str, str], dict[str, Version]] = defaultdict(dict)
    parents: dict[str, str | None] = {}
    for r in records:
        v = Version.of(r)
        versions[(r["deck"], r["key"])].setdefault(v.hash, v)
        if v.prev is not None or v.hash not in parents:
            parents[v.hash] = v.prev if v.prev is not None else parents.get(v.hash)
    local = _notes(conn)
    synced = {(r[0], r[1]): r[2] for r in conn.execute("SELECT deck, key, prev FROM sync_notes")}
    for (deck, key), found in sorted(versions.items()):
        row = local.get((deck, key))
        if row is not None:
            h = content_hash(_fields(row))
            mine = found.get(h) or Version(h, synced.get((deck, key)), row["modified_ms"], row["modified_by"] or device,
                                           _fields(row), {})
            found = {**found, h: mine}
        winner = max(found.values(), key=lambda v: v.order)
        for loser in found.values():
            if loser.hash != winner.hash and not descends(winner.hash, loser.hash, parents) \
                    and loser.prev is not None and not descends(loser.hash, winner.hash, parents):
                out.conflicts += _keep_conflict(conn, deck, key, loser, winner.hash)
        if row is None:
            if not winner.fields["retired"]:
                out.cards |= _create(conn, deck, key, winner)
                out.notes_added += 1
        elif content_hash(_fields(row)) != winner.hash:
            out.cards |= _apply(conn, row, key, winner)
            out.notes_changed += 1
        conn.execute("INSERT OR REPLACE INTO sync_notes (deck, key, hash, prev, modified_ms, device) "
                     "VALUES (?,?,?,?,?,?)", (deck, key, winner.hash, winner.prev, winner.time, winner.device))
    return out


def _keep_conflict(conn: sqlite3.Connection, deck: str, key: str, loser: Version, kept: str) -> int:
    cur = conn.execute("INSERT OR IGNORE INTO sync_conflicts (deck, key, hash, fields, modified_ms, device, kept_hash) "
                       "VALUES (?,?,?,?,?,?,?)", (deck, key, loser.hash, json.dumps(loser.fields, ensure_ascii=False),
                                                  loser.time, loser.device, kept))
    return cur.rowcount


def _spec(key: str, f: dict[str, Any]) -> NoteSpec:
    return NoteSpec(key, f["type"], f["front"], f["back"], f["text"], tuple(f["items"]), tuple(f["tags"]))


def _values(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["type"], f["front"], f["back"], f["text"], json.dumps(f["items"], ensure_ascii=False),
            json.dumps(f["tags"], ensure_ascii=False), f["retired"])


def _insert_cards(conn: sqlite3.Connection, note_id: int, deck_id: int, cards: list[tuple[str, int]],
                  ids: dict[str, int]) -> set[int]:
    position = conn.execute("SELECT coalesce(max(position), 0) FROM cards").fetchone()[0]
    made: set[int] = set()
    for key, ord_ in cards:
        position += 1
        wanted = ids.get(key)
        if wanted is not None and conn.execute("SELECT 1 FROM cards WHERE id = ?", (wanted,)).fetchone():
            wanted = None                               # taken here: a new id (the fuzz may differ)
        cur = conn.execute("INSERT INTO cards (id, note_id, deck_id, key, ord, position) VALUES (?,?,?,?,?,?)",
                           (wanted, note_id, deck_id, key, ord_, position))
        made.add(int(cur.lastrowid or 0))
    return made


def _create(conn: sqlite3.Connection, deck: str, key: str, v: Version) -> set[int]:
    deck_id = ensure_deck(conn, deck)
    note_id = int(conn.execute(
        "INSERT INTO notes (deck_id, key, type, front, back, text, items, tags, retired, modified_ms, modified_by) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)", (deck_id, key, *_values(v.fields), v.time, v.device)).lastrowid or 0)
    return _insert_cards(conn, note_id, deck_id, _spec(key, v.fields).study_cards(), v.cards)


def _apply(conn: sqlite3.Connection, row: sqlite3.Row, key: str, v: Version) -> set[int]:
    """Overwrite a note with version ``v``; its cards keep their progress, a cloze deletion added
    makes a new card and one removed retires its card (as ``NotesManager.update`` does)."""
    conn.execute("UPDATE notes SET type = ?, front = ?, back = ?, text = ?, items = ?, tags = ?, retired = ?, "
                 "modified_ms = ?, modified_by = ? WHERE id = ?", (*_values(v.fields), v.time, v.device, row["id"]))
    old = _cards_of(conn, row["id"])
    wanted = [] if v.fields["retired"] else _spec(key, v.fields).study_cards()
    conn.executemany("UPDATE cards SET retired = 0, ord = ? WHERE id = ?", [(o, old[k]) for k, o in wanted if k in old])
    made = _insert_cards(conn, row["id"], row["deck_id"], [(k, o) for k, o in wanted if k not in old], v.cards)
    keys = {k for k, _ in wanted}
    conn.executemany("UPDATE cards SET retired = 1 WHERE id = ?", [(i,) for k, i in old.items() if k not in keys])
    return set(old.values()) | made


def merge_flags(conn: sqlite3.Connection, records: Iterable[Record]) -> ContentMerge:
    """Give each card the suspension of its latest record (then the larger device id)."""
    out = ContentMerge()
    latest: dict[tuple[str, str], Record] = {}
    for r in records:
        k = (r["deck"], r["card"])
        if k not in latest or (r["time"], r["dev"], r["v"]) > (latest[k]["time"], latest[k]["dev"], latest[k]["v"]):
            latest[k] = r
    cards = {(r[0], r[1]): (r[2], r[3]) for r in conn.execute(
        "SELECT d.name, c.key, c.id, c.suspended FROM cards c JOIN decks d ON d.id = c.deck_id")}
    for (deck, key), r in sorted(latest.items()):
        found = cards.get((deck, key))
        if found is None:
            continue                                     # its note has not arrived yet
        if found[1] != r["v"]:
            conn.execute("UPDATE cards SET suspended = ? WHERE id = ?", (r["v"], found[0]))
            out.flags_changed += 1
            out.cards.add(found[0])
        conn.execute("INSERT OR REPLACE INTO sync_cards (deck, key, suspended, modified_ms, device) VALUES (?,?,?,?,?)",
                     (deck, key, r["v"], r["time"], r["dev"]))
    return out


def conflicts(conn: sqlite3.Connection) -> list[Conflict]:
    """The conflicts list, newest first."""
    return [Conflict(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5], r[6]) for r in conn.execute(
        "SELECT id, deck, key, fields, modified_ms, device, kept_hash FROM sync_conflicts ORDER BY modified_ms DESC, id")]
