"""Deletions, deck renames and resets through the sync folder.

Kinds (see :mod:`.records`): ``"d"`` a note deleted (deck, key), ``"D"`` a deck deleted with its
children, ``"m"`` a deck renamed or moved (deck → ``to``), ``"z"`` a card reset (deck, card).

- Renames are applied in order (time, device) to every name in every record, whatever the
  record's time: a deck renamed on one device keeps its notes, reviews and resets on all.
- A deletion is a tombstone: it removes the note (or the deck's notes) and hides every version
  of it no later than the deletion; a version written later (the note edited or made again
  after the deletion) brings it back. Reviews of a deleted card stay in the sync files of the
  device that made them and wait there (they come back with the note, if it does).
- A reset at time T makes the card new for the reviews after T, on every device (replay).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..importer import ensure_deck
from .files import Record


def renames(records: Iterable[Record]) -> list[tuple[str, str]]:
    """The (from, to) deck renames of ``records``, in the order they are applied."""
    ordered = sorted({(r["time"], r["dev"], r["deck"], r["to"]) for r in records if r["t"] == "m"})
    return [(old, new) for _t, _d, old, new in ordered]


def canon(name: str, moves: list[tuple[str, str]]) -> str:
    """``name`` after every rename (a deck's children move with it)."""
    for old, new in moves:
        if name == old or name.startswith(old + "::"):
            name = new + name[len(old):]
    return name


def canonical(r: Record, moves: list[tuple[str, str]]) -> Record:
    """``r`` with its deck names after the renames."""
    if not moves or "deck" not in r or r["t"] == "m":
        return r
    return {**r, "deck": canon(r["deck"], moves)}


def outgoing(conn: sqlite3.Connection, device: str, known: set[tuple[Any, ...]]) -> list[Record]:
    """This device's outbox (deletions, renames) and its resets the folder lacks."""
    out = [{**json.loads(r[0]), "dev": device} for r in conn.execute(
        "SELECT record FROM sync_outbox ORDER BY id")]
    for deck, key, time_ms in conn.execute(
            "SELECT d.name, c.key, r.time_ms FROM card_resets r JOIN cards c ON c.id = r.card_id "
            "JOIN decks d ON d.id = c.deck_id WHERE r.device = ? ORDER BY r.time_ms, c.id", (device,)):
        if ("z", deck, key, time_ms, device) not in known:
            out.append({"t": "z", "deck": deck, "card": key, "time": time_ms, "dev": device})
    return out


@dataclass
class Tombstones:
    """The latest deletion time (ms UTC) of each deck and note."""

    decks: dict[str, int] = field(default_factory=dict)
    notes: dict[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Iterable[Record]) -> Tombstones:
        out = cls()
        for r in records:
            if r["t"] == "D":
                out.decks[r["deck"]] = max(out.decks.get(r["deck"], -1), r["time"])
            elif r["t"] == "d":
                k = (r["deck"], r["key"])
                out.notes[k] = max(out.notes.get(k, -1), r["time"])
        return out

    def deleted_at(self, deck: str, key: str) -> int:
        """When note ``key`` of ``deck`` was last deleted (-1: never)."""
        parts = deck.split("::")
        times = [self.decks.get("::".join(parts[:i]), -1) for i in range(1, len(parts) + 1)]
        return max([self.notes.get((deck, key), -1), *times])


@dataclass
class StructureMerge:
    """What merging deletions, renames and resets did."""

    decks_renamed: int = 0
    notes_deleted: int = 0
    resets: int = 0
    cards: set[int] = field(default_factory=set)


def apply_renames(conn: sqlite3.Connection, moves: list[tuple[str, str]], out: StructureMerge) -> None:
    """Give local decks (and the sync bookkeeping) their names after ``moves``."""
    if not moves:
        return
    decks = {r[1]: r[0] for r in conn.execute("SELECT id, name FROM decks")}
    target = {name: canon(name, moves) for name in decks}
    changing = {n: t for n, t in target.items() if n != t and (t not in decks or target.get(t) != t)}
    for name in changing:
        conn.execute("UPDATE decks SET name = ? WHERE id = ?", (f"\x00{decks[name]}", decks[name]))
    for name, new in sorted(changing.items()):
        if "::" in new:
            ensure_deck(conn, new.rsplit("::", 1)[0])
        conn.execute("UPDATE decks SET name = ? WHERE id = ?", (new, decks[name]))
        out.decks_renamed += 1
    for table in ("sync_notes", "sync_cards", "sync_conflicts"):
        for (deck,) in conn.execute(f"SELECT DISTINCT deck FROM {table}").fetchall():
            if canon(deck, moves) != deck:
                conn.execute(f"UPDATE OR REPLACE {table} SET deck = ? WHERE deck = ?", (canon(deck, moves), deck))


def apply_deletions(conn: sqlite3.Connection, dead: Tombstones, out: StructureMerge) -> None:
    """Delete the local notes no later than their tombstone."""
    for note_id, deck, key, modified in conn.execute(
            "SELECT n.id, d.name, n.key, n.modified_ms FROM notes n JOIN decks d ON d.id = n.deck_id").fetchall():
        if modified <= dead.deleted_at(deck, key):
            conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
            out.notes_deleted += 1
    for deck in dead.decks:                          # empty decks go too (their notes are gone)
        left = conn.execute("SELECT count(*) FROM notes n JOIN decks d ON d.id = n.deck_id WHERE d.name = ? "
                            "OR substr(d.name, 1, ?) = ?", (deck, len(deck) + 2, deck + "::")).fetchone()[0]
        if not left:
            conn.execute("DELETE FROM decks WHERE name = ? OR substr(name, 1, ?) = ?", (deck, len(deck) + 2, deck + "::"))


def apply_resets(conn: sqlite3.Connection, records: Iterable[Record], out: StructureMerge) -> None:
    """Note every reset of a card this collection has; the cards concerned are replayed."""
    cards = {(r[0], r[1]): r[2] for r in conn.execute(
        "SELECT d.name, c.key, c.id FROM cards c JOIN decks d ON d.id = c.deck_id")}
    for r in records:
        card_id = cards.get((r["deck"], r["card"])) if r["t"] == "z" else None
        if card_id is not None:
            cur = conn.execute("INSERT OR IGNORE INTO card_resets (card_id, time_ms, device) VALUES (?,?,?)",
                               (card_id, r["time"], r["dev"]))
            if cur.rowcount:
                out.resets += 1
                out.cards.add(card_id)
