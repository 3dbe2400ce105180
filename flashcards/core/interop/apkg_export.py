"""Writing a deck (with its children) as an Anki package (``.apkg``) with ``genanki``.

Basic, reverse and cloze notes use our own note types ("Flashcards Basic", "Flashcards Reverse",
"Flashcards Cloze"), whose last field ``Id`` holds our card id; list cards are basic notes with
the items as an HTML list. Note GUIDs are derived from the deck name and card id, so exporting
again updates the same notes in Anki (and importing the package here finds our cards again).
Images referenced as ``media/NAME`` travel in the package. With ``with_history`` the review log
goes along and the cards' due dates, so Anki continues the schedule.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..media import media_dir, references
from ..models import CardState, CardType
from ..storage import Storage
from .apkg_import import KEY_FIELD, OUR_PREFIX
from .apply import Progress
from .html_text import items_to_html, text_to_html

_MODEL_BASE = 1_607_392_319_000     # our note type ids: fixed, so Anki reuses them on re-import
_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }"
DAY_MS = 86_400_000


def _models() -> dict[str, Any]:
    import genanki

    answer = "{{FrontSide}}<hr id=answer>{{Back}}"
    fields = [{"name": "Front"}, {"name": "Back"}, {"name": KEY_FIELD}]
    basic = genanki.Model(_MODEL_BASE + 1, OUR_PREFIX + "Basic", fields=fields, css=_CSS,
                          templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": answer}])
    reverse = genanki.Model(_MODEL_BASE + 2, OUR_PREFIX + "Reverse", fields=fields, css=_CSS, templates=[
        {"name": "Card 1", "qfmt": "{{Front}}", "afmt": answer},
        {"name": "Card 2", "qfmt": "{{Back}}", "afmt": "{{FrontSide}}<hr id=answer>{{Front}}"}])
    cloze = genanki.Model(_MODEL_BASE + 3, OUR_PREFIX + "Cloze", model_type=genanki.Model.CLOZE, css=_CSS,
                          fields=[{"name": "Text"}, {"name": "Back Extra"}, {"name": KEY_FIELD}],
                          templates=[{"name": "Cloze", "qfmt": "{{cloze:Text}}",
                                      "afmt": "{{cloze:Text}}<br>{{Back Extra}}"}])
    return {CardType.BASIC: basic, CardType.LIST: basic, CardType.REVERSE: reverse, CardType.CLOZE: cloze}


def note_guid(deck: str, key: str) -> str:
    """The Anki GUID of our note ``key`` in ``deck`` (stable across exports)."""
    import genanki

    return str(genanki.guid_for("flashcards", deck, key))


def deck_id(name: str) -> int:
    """A stable Anki deck id for deck ``name``."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:12], 16) + 1


def _fields(row: sqlite3.Row) -> list[str]:
    kind = row["type"]
    if kind == CardType.CLOZE:
        return [text_to_html(row["text"]), text_to_html(row["back"]), row["key"]]
    if kind == CardType.LIST:
        return [text_to_html(row["front"]), items_to_html(json.loads(row["items"])), row["key"]]
    return [text_to_html(row["front"]), text_to_html(row["back"]), row["key"]]


def _rows(db: Storage, name: str) -> tuple[list[sqlite3.Row], list[sqlite3.Row], list[sqlite3.Row]]:
    with db.read() as conn:
        notes = conn.execute(
            "SELECT n.*, d.name AS deck FROM notes n JOIN decks d ON d.id = n.deck_id WHERE n.retired = 0 AND "
            "(d.name = ? OR substr(d.name, 1, ?) = ?) ORDER BY d.name, n.id", (name, len(name) + 2, name + "::")).fetchall()
        ids = ",".join(str(n["id"]) for n in notes) or "0"
        cards = conn.execute(f"SELECT * FROM cards WHERE retired = 0 AND note_id IN ({ids})").fetchall()
        revlog = conn.execute(f"SELECT r.* FROM revlog r JOIN cards c ON c.id = r.card_id "
                              f"WHERE c.retired = 0 AND c.note_id IN ({ids}) ORDER BY r.time, r.id").fetchall()
    return notes, cards, revlog


def export_apkg(db: Storage, name: str, out: Path, with_history: bool = False,
                progress: Progress | None = None, now: datetime | None = None) -> tuple[int, list[str]]:
    """Write deck ``name`` and its children to ``out``; returns (notes, image names). ``now`` (UTC,
    default: the clock) is the notes' modification time: Anki updates a note it already has only
    from a newer one. Raises ``ValueError`` for a deck without cards, ``OSError`` when writing
    fails (nothing left behind)."""
    import genanki

    notes, cards, revlog = _rows(db, name)
    if not notes:
        raise ValueError(f"deck {name!r} has no cards to export")
    models = _models()
    decks: dict[str, Any] = {}
    for done, row in enumerate(notes, start=1):
        deck = decks.get(row["deck"])
        if deck is None:
            deck = decks[row["deck"]] = genanki.Deck(deck_id(row["deck"]), row["deck"])
        deck.add_note(genanki.Note(model=models[row["type"]], fields=_fields(row), tags=json.loads(row["tags"]),
                                   guid=note_guid(row["deck"], row["key"])))
        if progress and done % 500 == 0:
            progress(done, len(notes))
    folder = media_dir(db.path)
    texts = [t for n in notes for t in (n["front"], n["back"], n["text"], *json.loads(n["items"]))]
    images = [i for i in references(texts) if (folder / i).is_file()]
    package = _Package(list(decks.values()), media_files=[str(folder / i) for i in images])
    if with_history:
        package.history = (notes, cards, revlog)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        package.write_to_file(str(partial), timestamp=(now or datetime.now(UTC)).timestamp())
        with zipfile.ZipFile(partial) as check:
            if check.testzip() is not None:
                raise OSError(f"{out}: the package did not write correctly")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    if progress:
        progress(len(notes), len(notes))
    return len(notes), images


class _Package:
    """``genanki.Package`` that can add our review history to the collection before it is zipped."""

    def __new__(cls, decks: list[Any], media_files: list[str]) -> Any:
        import genanki

        class Package(genanki.Package):
            history: tuple[list[sqlite3.Row], list[sqlite3.Row], list[sqlite3.Row]] | None = None

            def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, id_gen: Iterator[int]) -> None:
                super().write_to_db(cursor, timestamp, id_gen)
                if self.history is not None:
                    _add_history(cursor, *self.history)

        return Package(decks, media_files=media_files)


def _add_history(cursor: sqlite3.Cursor, notes: list[sqlite3.Row], cards: list[sqlite3.Row],
                 revlog: list[sqlite3.Row]) -> None:
    """Our review log and card states into the package's (schema 11) collection."""
    guid_of = {n["id"]: note_guid(n["deck"], n["key"]) for n in notes}
    anki_card = {(g, o): cid for cid, g, o in cursor.execute(
        "SELECT c.id, n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.nid")}
    ours = {c["id"]: anki_card.get((guid_of[c["note_id"]], c["ord"])) for c in cards}
    crt_day = cursor.execute("SELECT crt FROM col").fetchone()[0] // 86_400
    used: set[int] = set()
    for r in revlog:
        cid = ours.get(r["card_id"])
        if cid is None:
            continue
        rid = r["time"]
        while rid in used:
            rid += 1
        used.add(rid)
        ivl = round((r["due"] - r["time"]) / DAY_MS) if r["due"] and r["state_after"] == CardState.Review else 0
        kind = {CardState.New: 0, CardState.Learning: 0, CardState.Review: 1, CardState.Relearning: 2}[
            CardState(r["state_before"])]
        cursor.execute("INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) "
                       "VALUES (?, ?, -1, ?, ?, 0, 2500, ?, ?)", (rid, cid, r["rating"], ivl, r["duration_ms"], kind))
    for c in cards:
        cid = ours.get(c["id"])
        if cid is None or c["state"] == CardState.New or not c["due"]:
            continue
        if c["state"] == CardState.Review:
            ivl = max(1, round((c["due"] - (c["last_review"] or c["due"])) / DAY_MS))
            due, ctype = c["due"] // DAY_MS - crt_day, 2
        else:
            ivl, due, ctype = 0, c["due"] // 1000, 1 if c["state"] == CardState.Learning else 3
        queue = -1 if c["suspended"] else (2 if ctype == 2 else 1)
        cursor.execute("UPDATE cards SET type = ?, queue = ?, due = ?, ivl = ?, reps = ?, lapses = ? WHERE id = ?",
                       (ctype, queue, due, ivl, c["reps"], c["lapses"], cid))

