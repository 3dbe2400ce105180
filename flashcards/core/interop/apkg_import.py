"""Importing Anki packages (``.apkg``/``.colpkg``, legacy and current) into the collection.

Basic, reversed and cloze note types become our basic, reverse and cloze cards; other note types
basic cards from their first two fields; our own exported notes come back with their ids and
list cards. A note's deck is the deck of its first card; tags and the deck hierarchy are kept.
HTML becomes plain text (:mod:`.html_text`) and images are copied into the collection's media.
Notes we cannot take (empty sides, no cloze deletion, …) are skipped with the reason; the others
are written in one transaction. With ``with_history`` Anki's reviews are replayed through our
scheduler (:mod:`~flashcards.core.revlog_import`), so scheduling continues where Anki left off.
"""

from __future__ import annotations

import hashlib
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..changes import OpChanges
from ..deckcheck import ID_RE
from ..media import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, _safe_name, copy_in, media_dir
from ..models import CardType, Rating
from ..notes import NoteFields
from ..revlog_csv import MAX_DURATION_MS, HistoryRow
from . import Draft, ImportSummary
from .anki_formats import (
    CLOZE_KIND,
    AnkiCard,
    AnkiNote,
    AnkiPackage,
    NoteType,
    extract_media,
    read_package,
)
from .apply import Progress, draft_problem, to_decks, write
from .html_text import html_items, html_to_text

if TYPE_CHECKING:
    from ..collection import Collection

OUR_PREFIX = "Flashcards "     # note types our export writes ("Flashcards Basic", …)
KEY_FIELD = "Id"               # their last field: our card id, so a re-import finds the card


def key_for_guid(guid: str) -> str:
    """Our card id for an Anki note we did not write: stable for its GUID."""
    return "anki-" + hashlib.sha1(guid.encode("utf-8")).hexdigest()[:12]


def _media_name(source: Path, folder: Path, name: str) -> str:
    """The name :func:`~flashcards.core.media.copy_in` will give ``source`` in ``folder``."""
    safe = _safe_name(name)
    target = folder / safe
    if not target.exists() or (target.stat().st_size == source.stat().st_size
                               and target.read_bytes() == source.read_bytes()):
        return safe
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:8]
    stem, dot, suffix = safe.rpartition(".")
    return f"{stem}-{digest}.{suffix}" if dot else f"{safe}-{digest}"


def _fields(nt: NoteType, note: AnkiNote, cards: list[AnkiCard], image: object) -> tuple[str, NoteFields]:
    """Our key and fields for one Anki note."""
    values = list(note.fields) + [""] * max(0, len(nt.fields) - len(note.fields))
    key = key_for_guid(note.guid)
    if nt.name.startswith(OUR_PREFIX) and nt.fields and nt.fields[-1] == KEY_FIELD and ID_RE.match(values[-1] or ""):
        key = values[len(nt.fields) - 1]
    text = [html_to_text(v, image) for v in values[:2]] + [""] * (2 - min(2, len(values)))  # type: ignore[arg-type]
    tags = note.tags
    if nt.kind == CLOZE_KIND:
        return key, NoteFields(CardType.CLOZE, text="".join(text[:1]), back=text[1], tags=tags)
    items = html_items(values[1], image) if len(values) > 1 else None  # type: ignore[arg-type]
    if items is not None:
        return key, NoteFields(CardType.LIST, front=text[0], items=tuple(items), tags=tags)
    reverse = nt.templates >= 2 and any(c.ord == 1 for c in cards)
    return key, NoteFields(CardType.REVERSE if reverse else CardType.BASIC, text[0], text[1], tags=tags)


def _card_key(key: str, fields: NoteFields, ord_: int) -> str | None:
    if fields.type == CardType.CLOZE:
        return key if ord_ == 0 else f"{key}/c{ord_ + 1}"
    if fields.type == CardType.REVERSE and ord_ == 1:
        return f"{key}/reverse"
    return key if ord_ == 0 else None


def import_package(col: Collection, path: str | Path, with_history: bool = False,
                   progress: Progress | None = None, pkg: AnkiPackage | None = None) -> ImportSummary:
    """Import package ``path`` (``pkg``: already read); raises
    :class:`~flashcards.core.interop.InteropError` (nothing imported) for a file that is not a
    readable Anki package."""
    path = Path(path)
    pkg = pkg or read_package(path)
    summary = ImportSummary(str(path))
    cards_of: dict[int, list[AnkiCard]] = {}
    for card in pkg.cards:
        cards_of.setdefault(card.note, []).append(card)
    folder = media_dir(col.db.path)
    with tempfile.TemporaryDirectory(prefix="flashcards-media-") as tmp:
        files = _extract_images(pkg, Path(tmp))
        names: dict[str, str] = {}

        def image(src: str) -> str | None:
            if src not in files:
                return None
            if src not in names:
                names[src] = _media_name(files[src], folder, src)
            return names[src]

        drafts, card_keys = _drafts(pkg, cards_of, image, summary, progress)
        decks = to_decks(path, drafts) if drafts else []
        summary.report = write(col, decks)
        for src, name in names.items():
            summary.media.append(copy_in(files[src], folder, name))
    if with_history:
        summary.reviews = _history(col, pkg, card_keys, summary)
    summary.changes = OpChanges("import", card=True, note=True, deck=True, study_queue=True, undo=col.undo_status())
    return summary


def _extract_images(pkg: AnkiPackage, tmp: Path) -> dict[str, Path]:
    wanted = {m: n for m, n in pkg.media.items() if Path(n).suffix.lower() in IMAGE_SUFFIXES}
    return extract_media(pkg.path, wanted, pkg.zstd_media, tmp, MAX_IMAGE_BYTES) if wanted else {}


def _drafts(pkg: AnkiPackage, cards_of: dict[int, list[AnkiCard]], image: object, summary: ImportSummary,
            progress: Progress | None) -> tuple[list[Draft], dict[int, tuple[str, str]]]:
    drafts: list[Draft] = []
    card_keys: dict[int, tuple[str, str]] = {}       # Anki card id -> (deck, our card key)
    seen: set[tuple[str, str]] = set()
    total = len(pkg.notes)
    for done, note in enumerate(pkg.notes, start=1):
        if progress and done % 500 == 0:
            progress(done, total)
        what = f"note {note.id}"
        nt = pkg.notetypes.get(note.notetype)
        cards = cards_of.get(note.id, [])
        if nt is None:
            summary.skipped.append((what, "its note type is missing from the package"))
            continue
        if not cards:
            summary.skipped.append((what, "it has no cards"))
            continue
        deck = pkg.decks.get(cards[0].deck, "Default")
        key, fields = _fields(nt, note, cards, image)
        draft = Draft(deck, key, fields)
        why = draft_problem(draft)
        if why is None and (deck, key) in seen:
            why = "another note in the package has the same id"
        if why is not None:
            summary.skipped.append((what, why))
            continue
        seen.add((deck, key))
        drafts.append(draft)
        for c in cards:
            our = _card_key(key, fields, c.ord)
            if our is not None:
                card_keys[c.id] = (deck, our)
    if progress:
        progress(total, total)
    return drafts, card_keys


def _history(col: Collection, pkg: AnkiPackage, card_keys: dict[int, tuple[str, str]],
             summary: ImportSummary) -> int:
    """Replay the package's answers (ease 1–4; not manual changes) of the imported cards."""
    from ..revlog_import import import_history

    per_deck: dict[str, list[HistoryRow]] = {}
    for r in pkg.reviews:
        target = card_keys.get(r.card)
        if target is None or r.ease not in (1, 2, 3, 4) or r.kind not in (0, 1, 2, 3):
            continue
        when = datetime.fromtimestamp(r.time_ms / 1000, UTC)
        per_deck.setdefault(target[0], []).append(
            HistoryRow(target[1], Rating(r.ease), when, min(max(r.duration_ms, 0), MAX_DURATION_MS), 0))
    replayed = 0
    for deck, rows in per_deck.items():
        last = {c.key: c.last_review for c in col.sched.cards(deck) if c.deck == deck}
        fresh = [r for r in rows if (seen := last.get(r.card)) is None or r.time > seen]
        if len(fresh) < len(rows):
            summary.skipped.append((f"{len(rows) - len(fresh)} review(s) in {deck}",
                                    "already in the collection"))
        if fresh:
            replayed += import_history(col, fresh, deck, source=str(pkg.path)).reviews
    return replayed
