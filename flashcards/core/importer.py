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


def _note_values(spec: NoteSpec) -> tuple:
    return (spec.type, spec.front, spec.back, spec.text, json.dumps(list(spec.items), ensure_ascii=False),
            json.dumps(list(spec.tags), ensure_ascii=False), spec.source_line)


def ensure_deck(conn: sqlite3.Connection, name: str) -> int:
    """The id of deck ``name``, creating it and its parents if missing."""
    parts = name.split("::")
    deck_id = 0
    for depth in range(1, len(parts) + 1):
        full = "::".join(parts[:depth])
        conn.execute("INSERT OR IGNORE INTO decks (name) VALUES (?)", (full,))
        deck_id = conn.execute("SELECT id FROM decks WHERE name = ?", (full,)).fetchone()[0]
    return deck_id


def import_deck_files(conn: sqlite3.Connection, decks: list[DeckFile]) -> ImportReport:
    """Apply ``decks`` inside the caller's transaction and report what changed."""
    report = ImportReport()
    position = conn.execute("SELECT coalesce(max(position), 0) FROM cards").fetchone()[0]
    for deck in decks:
        existed = conn.execute("SELECT 1 FROM decks WHERE name = ?", (deck.name,)).fetchone()
        deck_id = ensure_deck(conn, deck.name)
        conn.execute(
            "UPDATE decks SET description = ?, source = ?, source_title = ?, attribution = ?, "
            "disclaimer = ? WHERE id = ?",
            (deck.description, deck.source, deck.source_title, deck.attribution, deck.disclaimer, deck_id))
        if not existed:
            conn.execute("UPDATE decks SET new_per_day = ?, reviews_per_day = ? WHERE id = ?",
                         (deck.new_per_day, deck.reviews_per_day, deck_id))
        report.decks.append(deck.name)
        position = _sync_deck(conn, deck, deck_id, position, report)
    return report


def _sync_deck(conn: sqlite3.Connection, deck: DeckFile, deck_id: int, position: int,
               report: ImportReport) -> int:
    notes = {row["key"]: row for row in conn.execute(
        "SELECT id, key, retired, " + ", ".join(_NOTE_FIELDS) + " FROM notes WHERE deck_id = ?", (deck_id,))}
    cards = {row["key"]: row for row in conn.execute(
        "SELECT id, key, note_id, retired FROM cards WHERE deck_id = ?", (deck_id,))}
    label = deck.name + "/"
    wanted_cards: set[str] = set()
    for spec in deck.notes:
        values = _note_values(spec)
        old = notes.get(spec.id)
        if old is None:
            note_id = conn.execute(
                "INSERT INTO notes (deck_id, key, " + ", ".join(_NOTE_FIELDS) + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (deck_id, spec.id, *values)).lastrowid
            changed = True
        else:
            note_id = old["id"]
            changed = tuple(old[f] for f in _NOTE_FIELDS) != values
            if changed or old["retired"]:
                conn.execute("UPDATE notes SET " + ", ".join(f"{f} = ?" for f in _NOTE_FIELDS)
                             + ", retired = 0 WHERE id = ?", (*values, note_id))
        for key, ord_ in spec.study_cards():
            wanted_cards.add(key)
            card = cards.get(key)
            if card is None:
                position += 1
                conn.execute("INSERT INTO cards (note_id, deck_id, key, ord, position) VALUES (?, ?, ?, ?, ?)",
                             (note_id, deck_id, key, ord_, position))
                report.added.append(label + key)
                continue
            if card["retired"] or card["note_id"] != note_id:
                conn.execute("UPDATE cards SET retired = 0, note_id = ?, ord = ? WHERE id = ?",
                             (note_id, ord_, card["id"]))
            (report.updated if changed or card["retired"] else report.unchanged).append(label + key)
    for key, card in cards.items():
        if key not in wanted_cards and not card["retired"]:
            conn.execute("UPDATE cards SET retired = 1 WHERE id = ?", (card["id"],))
            report.removed.append(label + key)
    wanted_notes = {spec.id for spec in deck.notes}
    for key, note in notes.items():
        if key not in wanted_notes and not note["retired"]:
            conn.execute("UPDATE notes SET retired = 1 WHERE id = ?", (note["id"],))
    return position
