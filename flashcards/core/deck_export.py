"""Save decks back to files: a deck of the collection as a YAML deck file with its ``media/``.

The file holds the deck's metadata and every note that is not retired, with its id, so that
importing it again gives the same cards (matched by deck name and id) and a learner re-importing
an updated file keeps their progress. Each file is checked with the deck reader before it is
written (a file the app would refuse is never written) and written atomically. Other formats:
"apkg" (an Anki package, :mod:`.interop.apkg_export`) and "csv" (CSV, or TSV for ``*.tsv``,
:mod:`.interop.csv_io`), each one file for the deck and its children.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .changes import OpChanges
from .deckcheck import validate_deck
from .deckfile import DECK_SUFFIXES, parse_yaml
from .media import MEDIA_FOLDER, copy_in, media_dir, references
from .notes import NoteFields
from .storage import Storage

FORMATS = ("yaml", "apkg", "csv")
SUFFIXES = {"apkg": (".apkg",), "csv": (".csv", ".tsv", ".txt")}
EXPORTED = OpChanges("export")


class ExportError(ValueError):
    """The deck cannot be exported as asked (unknown deck, no cards, bad target); one line."""


@dataclass
class ExportResult:
    """The files written, the images copied beside them and the number of notes."""

    files: list[Path] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    notes: int = 0
    changes: OpChanges = EXPORTED     # writes files only: the collection is unchanged


def deck_data(db: Storage, name: str) -> dict[str, Any] | None:
    """Deck ``name`` (without its children) as deck-file data; None when it has no notes."""
    with db.read() as conn:
        deck = conn.execute("SELECT * FROM decks WHERE name = ?", (name,)).fetchone()
        if deck is None:
            raise ExportError(f"no deck named {name!r}")
        notes = conn.execute(
            "SELECT n.*, (SELECT min(position) FROM cards c WHERE c.note_id = n.id) AS pos FROM notes n "
            "WHERE n.deck_id = ? AND n.retired = 0 ORDER BY pos, n.id", (deck["id"],)).fetchall()
    if not notes:
        return None
    data: dict[str, Any] = {"deck": name}
    for key in ("description", "source", "source_title", "attribution", "disclaimer"):
        if deck[key]:
            data[key] = deck[key]
    for key in ("new_per_day", "reviews_per_day"):
        if deck[key] is not None:
            data[key] = deck[key]
    cards = []
    for n in notes:
        fields = NoteFields(n["type"], n["front"], n["back"], n["text"], tuple(json.loads(n["items"])),
                            tuple(json.loads(n["tags"])), n["source_line"])
        cards.append(dict(fields.entry(n["key"])))
    data["cards"] = cards
    return data


def _yaml_text(data: dict[str, Any], where: Path) -> str:
    from .articles.writer import dump_deck

    text = dump_deck(data)
    _, errors = validate_deck(where, parse_yaml(text))
    if errors:
        raise ExportError(f"{where}: the deck would not read back: {errors[0].message}")
    return text


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _file_name(deck: str) -> str:
    from .articles.text import slugify

    return "--".join(slugify(part, 60) for part in deck.split("::")) + ".yaml"


def _export_other(db: Storage, name: str, out: Path | None, fmt: str, with_history: bool,
                  progress: Any, now: datetime | None) -> ExportResult:
    """An Anki package or a CSV/TSV file of deck ``name`` and its children."""
    from .interop.apkg_export import export_apkg
    from .interop.csv_io import write_csv

    out = Path(out) if out is not None else Path(_file_name(name)).with_suffix(SUFFIXES[fmt][0])
    if out.suffix.lower() not in SUFFIXES[fmt]:
        raise ExportError(f"{out}: a {fmt} file name must end in {' or '.join(SUFFIXES[fmt])}")
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name ending in {SUFFIXES[fmt][0]}")
    with db.read() as conn:
        if conn.execute("SELECT 1 FROM decks WHERE name = ?", (name,)).fetchone() is None:
            raise ExportError(f"no deck named {name!r}")
    result = ExportResult(files=[out])
    try:
        if fmt == "apkg":
            result.notes, result.media = export_apkg(db, name, out, with_history, progress, now)
        else:
            result.notes = write_csv(db, name, out)
    except ValueError as exc:
        raise ExportError(str(exc)) from None
    return result


def export_deck(db: Storage, name: str, out: Path | None = None, fmt: str = "yaml", with_history: bool = False,
                progress: Any = None, now: datetime | None = None) -> ExportResult:
    """Write deck ``name`` and its children: to file ``out`` (``*.yaml``/``*.yml``) when only one of
    them has cards, else one file per deck into folder ``out`` (default: ``<deck>.yaml`` in the
    current folder). Referenced images go to ``media/`` beside the files. ``fmt`` "apkg"/"csv":
    one file ``out`` (default ``<deck>.apkg``/``.csv``); ``with_history`` puts the review log in
    the package, ``now`` is its time (default: the clock); ``progress(done, total)`` is told now
    and then. Raises :class:`ExportError`
    (nothing written) or ``OSError``."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if fmt != "yaml":
        return _export_other(db, name, out, fmt, with_history, progress, now)
    with db.read() as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM decks WHERE name = ? OR substr(name, 1, ?) = ? ORDER BY name",
            (name, len(name) + 2, name + "::"))]
    if not names:
        raise ExportError(f"no deck named {name!r}")
    decks = [(n, d) for n in names if (d := deck_data(db, n)) is not None]
    if not decks:
        raise ExportError(f"deck {name!r} has no cards to export")
    out = Path(out) if out is not None else Path(_file_name(name))
    single = out.suffix.lower() in DECK_SUFFIXES
    if single and len(decks) > 1:
        raise ExportError(f"deck {name!r} has {len(decks)} decks with cards (it has sub-decks); "
                          "give a folder to write one file per deck")
    if out.exists() and out.is_dir() == single:
        raise ExportError(f"{out} is {'a folder' if single else 'a file'}; give "
                          f"{'a file name ending in .yaml' if single else 'a folder'}")
    targets = [(out if single else out / _file_name(n), d) for n, d in decks]
    texts = [(path, _yaml_text(data, path)) for path, data in targets]   # all checked before writing
    result = ExportResult()
    for path, text in texts:
        _write(path, text)
        result.files.append(path)
    folder = (out.parent if single else out) / MEDIA_FOLDER
    source = media_dir(db.path)
    card_texts = [str(v) for _, d in decks for c in d["cards"] for k, v in c.items()
                  if k in ("front", "back", "text")] + [i for _, d in decks for c in d["cards"] for i in c.get("items", [])]
    for image in references(card_texts):
        if (source / image).is_file():
            result.media.append(copy_in(source / image, folder, image))
    result.notes = sum(len(d["cards"]) for _, d in decks)
    return result
