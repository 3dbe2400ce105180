"""Synchronise validated deck files into the collection.

Notes and cards are matched by (deck, id), so editing a card's text keeps its progress. Cards
whose id disappears from the file are *retired*: hidden and never scheduled, their review
history kept; if the id comes back in a later import the card returns with its progress.
"""

from __future__ import annotations

import json
import sqlite3

from .deckfile import DeckFile, NoteSpec
from .models import ImportReport

_NOTE_FIELDS = ("type", "front", "back", "text", "items", "tags", "source_line")


def _json_list(values: tuple[str, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False) if values else "[]"


def _note_values(spec: NoteSpec) -> tuple:
    return (spec.type, spec.front, spec.back, spec.text, _json_list(spec.items), _json_list(spec.tags),
            spec.source_line)


def ensure_deck(conn: sqlite3.Connection, name: str) -> int:
    """The id of deck ``name``, creating it and its parents if missing."""
    parts = name.split("::")
    deck_id = 0
    for depth in range(1, len(parts) + 1):
        full = "::".join(parts[:depth])
        conn.execute("INSERT OR IGNORE INTO decks (name) VALUES (?)", (full,))
        deck_id = conn.execute("SELECT id FROM decks WHERE name = ?", (full,)).fetchone()[0]
    return deck_id


def import_deck_files(conn: sqlite3.Connection, decks: list[DeckFile], merge: bool = False) -> ImportReport:
    """Apply ``decks`` inside the caller's transaction and report what changed. ``merge`` (imports
    from other apps' files): add and update only; the deck's metadata and its other cards stay."""
    report = ImportReport()
    position = conn.execute("SELECT coalesce(max(position), 0) FROM cards").fetchone()[0]
    # New notes get the ids SQLite would give them (max + 1, ...), so that cards can be inserted
    # in one batch after them.
    next_note_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM notes").fetchone()[0]
    for deck in decks:
        existed = conn.execute("SELECT 1 FROM decks WHERE name = ?", (deck.name,)).fetchone()
        deck_id = ensure_deck(conn, deck.name)
        report.decks.append(deck.name)
        if merge:
            position, next_note_id = _sync_deck(conn, deck, deck_id, position, next_note_id, report, merge)
            continue
        conn.execute(
            "UPDATE decks SET description = ?, source = ?, source_title = ?, attribution = ?, "
            "disclaimer = ? WHERE id = ?",
            (deck.description, deck.source, deck.source_title, deck.attribution, deck.disclaimer, deck_id))
        if not existed:
            conn.execute("UPDATE decks SET new_per_day = ?, reviews_per_day = ? WHERE id = ?",
                         (deck.new_per_day, deck.reviews_per_day, deck_id))
        position, next_note_id = _sync_deck(conn, deck, deck_id, position, next_note_id, report)
    return report


def _sync_deck(conn: sqlite3.Connection, deck: DeckFile, deck_id: int, position: int, next_note_id: int,
               report: ImportReport, merge: bool = False) -> tuple[int, int]:
    """Sync one deck: rows are collected first and written with one ``executemany`` per kind."""
    notes = {row["key"]: row for row in conn.execute(
        "SELECT id, key, retired, " + ", ".join(_NOTE_FIELDS) + " FROM notes WHERE deck_id = ?", (deck_id,))}
    cards = {row["key"]: row for row in conn.execute(
        "SELECT id, key, note_id, retired FROM cards WHERE deck_id = ?", (deck_id,))}
    label = deck.name + "/"
    wanted_cards: set[str] = set()
    new_notes: list[tuple] = []
    changed_notes: list[tuple] = []
    new_cards: list[tuple] = []
    revived_cards: list[tuple] = []
    for spec in deck.notes:
        values = _note_values(spec)
        old = notes.get(spec.id)
        if old is None:
            note_id = next_note_id
            next_note_id += 1
            new_notes.append((note_id, deck_id, spec.id, *values))
            changed = True
        else:
            note_id = old["id"]
            changed = tuple(old[f] for f in _NOTE_FIELDS) != values
            if changed or old["retired"]:
                changed_notes.append((*values, note_id))
        for key, ord_ in spec.study_cards():
            wanted_cards.add(key)
            card = cards.get(key)
            if card is None:
                position += 1
                new_cards.append((note_id, deck_id, key, ord_, position))
                report.added.append(label + key)
                continue
            if card["retired"] or card["note_id"] != note_id:
                revived_cards.append((note_id, ord_, card["id"]))
            (report.updated if changed or card["retired"] else report.unchanged).append(label + key)
    conn.executemany("INSERT INTO notes (id, deck_id, key, " + ", ".join(_NOTE_FIELDS) + ") "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new_notes)
    conn.executemany("UPDATE notes SET " + ", ".join(f"{f} = ?" for f in _NOTE_FIELDS)
                     + ", retired = 0 WHERE id = ?", changed_notes)
    conn.executemany("INSERT INTO cards (note_id, deck_id, key, ord, position) VALUES (?, ?, ?, ?, ?)", new_cards)
    conn.executemany("UPDATE cards SET retired = 0, note_id = ?, ord = ? WHERE id = ?", revived_cards)
    if merge:
        return position, next_note_id
    retired_cards = []
    for key, card in cards.items():
        if key not in wanted_cards and not card["retired"]:
            retired_cards.append((card["id"],))
            report.removed.append(label + key)
    conn.executemany("UPDATE cards SET retired = 1 WHERE id = ?", retired_cards)
    wanted_notes = {spec.id for spec in deck.notes}
    conn.executemany("UPDATE notes SET retired = 1 WHERE id = ?",
                     [(note["id"],) for key, note in notes.items() if key not in wanted_notes and not note["retired"]])
    return position, next_note_id
