"""Checking :class:`~flashcards.core.interop.Draft` notes with the deck file's rules and writing
them into the collection in one transaction (merge: add and update, nothing retired)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..articles.text import slugify
from ..deckcheck import check_card, deck_name_problem, validate_deck
from ..deckspec import DeckFile
from ..deckyaml import LineDict
from ..importer import import_deck_files
from ..models import ImportReport
from ..notes import NoteFields
from . import Draft, InteropError

if TYPE_CHECKING:
    from ..collection import Collection

#: ``progress(done, total)``: called now and then during long imports and exports.
Progress = Callable[[int, int], None]


def _entry(draft: Draft) -> LineDict:
    entry = draft.fields.entry(draft.key)
    entry.line = draft.line
    return entry


def draft_problem(draft: Draft) -> str | None:
    """Why the deck format refuses ``draft`` (without the card's name), or None."""
    problem = deck_name_problem(draft.deck)
    if problem:
        return problem
    found: list[str] = []
    check_card(_entry(draft), 1, 0, lambda _line, message: found.append(message))
    if not found:
        return None
    return found[0].split(": ", 1)[1] if found[0].startswith("card ") and ": " in found[0] else found[0]


class UniqueKeys:
    """Card ids for one deck: ``base``, then ``base-2``, ``base-3``, … never the same twice.

    Each base remembers its next number, so a file of many rows with the same question takes
    linear time (a search from ``-2`` every time would be quadratic)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self._next: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        key, n = base, self._next.get(base, 2)
        while key in self.taken:
            key = f"{base}-{n}"
            n += 1
        self._next[base] = n
        self.taken.add(key)
        return key


def text_key(fields: NoteFields) -> str:
    """A card id made from the question's words (a re-import of the same row finds the card)."""
    return slugify(fields.text if fields.text else fields.front, 40)


def to_decks(path: Path, drafts: Iterable[Draft]) -> list[DeckFile]:
    """The drafts as validated deck files (one per deck); raises :class:`InteropError` listing
    every ``file:line: problem``."""
    by_deck: dict[str, list[Draft]] = {}
    for d in drafts:
        by_deck.setdefault(d.deck, []).append(d)
    decks: list[DeckFile] = []
    problems: list[str] = []
    for name, group in by_deck.items():
        data = LineDict(group[0].line)
        data["deck"] = name
        data["cards"] = [_entry(d) for d in group]
        deck, errors = validate_deck(path, data)
        problems += [str(e) for e in errors]
        if deck is not None:
            decks.append(deck)
    if problems:
        raise InteropError(problems)
    return decks


def write(col: Collection, decks: list[DeckFile]) -> ImportReport:
    """Add and update the decks' notes in one transaction."""
    with col.db.write() as conn:
        return import_deck_files(conn, decks, merge=True)
