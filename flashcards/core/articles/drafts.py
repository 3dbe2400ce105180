"""Draft decks from an article, for the app's article wizard: tick, edit, check, import.

:func:`draft_article` runs the same generator as ``flashcards generate`` and keeps its decks in
memory as :class:`ArticleDraft`. The wizard unticks cards and edits their wording through
:func:`card_text` / :func:`set_card_text`; :meth:`ArticleDraft.check` gives each card its flags
(the deck file's own validation errors, then the :mod:`..lint` findings) and :func:`import_draft`
imports the ticked cards through ``col.decks.import_files`` — which validates every file before it
writes anything — and remembers where the article is, for the article reader.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..deckcheck import validate_deck
from ..deckspec import DeckError, DeckValidationError
from ..deckyaml import LineDict
from ..lint import lint_deck
from ..models import CardType
from .generator import GeneratedDeck, Progress, generate_decks

if TYPE_CHECKING:
    from ..changes import OpChanges
    from ..collection import Collection
    from ..decks import ImportResult

#: The collection config key mapping an article's file name (a deck's ``source``) to its path.
ARTICLE_PATHS_KEY = "articles.paths"
#: How list items are joined into one line for inline editing (and split again).
ITEM_SEPARATOR = "; "
_CARD_PREFIX = re.compile(r"^card '[^']*': ")


@dataclass
class DraftCard:
    """One proposed card: the generator's card mapping, whether it is ticked, and its flags."""

    data: dict[str, Any]
    keep: bool = True
    flags: list[str] = field(default_factory=list)

    @property
    def source_line(self) -> int | None:
        """The 1-based line of the article the card was made from."""
        return self.data.get("source_line")


@dataclass
class DraftDeck:
    """One proposed deck: its full name, file name, metadata (``deck``, ``source``, …) and cards."""

    name: str
    filename: str
    meta: dict[str, Any]
    cards: list[DraftCard]

    def kept(self) -> list[DraftCard]:
        return [c for c in self.cards if c.keep]

    def document(self) -> dict[str, Any]:
        """The deck file's data for the ticked cards."""
        return {**self.meta, "cards": [dict(c.data) for c in self.kept()]}


@dataclass
class ArticleDraft:
    """The decks proposed for the article at ``path``."""

    path: Path
    decks: list[DraftDeck]

    def cards(self) -> list[DraftCard]:
        return [c for d in self.decks for c in d.cards]

    def kept_count(self) -> int:
        return sum(len(d.kept()) for d in self.decks)

    def check(self) -> list[str]:
        """Flag every card (its ``flags``); returns the errors that refuse the import, each
        ``Deck name: card 'id': message`` (lint findings are warnings, not errors)."""
        errors: list[str] = []
        for deck in self.decks:
            errors += check_deck(deck)
        return errors

    def chosen(self) -> list[GeneratedDeck]:
        """The decks to import: ticked cards only; decks left without cards are dropped."""
        return [GeneratedDeck(d.name, d.filename, d.document()) for d in self.decks if d.kept()]


def draft_article(path: Path, title: str | None = None, progress: Progress | None = None) -> ArticleDraft:
    """The generator's decks for ``path`` as a draft (every card ticked). Raises
    :class:`~.model.ArticleError` for an unusable article."""
    decks = []
    for deck in generate_decks(Path(path), title, progress):
        meta = {k: v for k, v in deck.data.items() if k != "cards"}
        decks.append(DraftDeck(deck.name, deck.filename, meta, [DraftCard(dict(c)) for c in deck.data["cards"]]))
    draft = ArticleDraft(Path(path), decks)
    draft.check()
    return draft


def _line_dict(value: Any, line: int) -> Any:
    """``value`` as the deck reader returns it (mappings as :class:`LineDict` at ``line``)."""
    if isinstance(value, dict):
        out = LineDict(line)
        for key, item in value.items():
            out[key] = _line_dict(item, line)
            out.key_lines[key] = line
        return out
    if isinstance(value, list):
        return [_line_dict(v, line) for v in value]
    return value


def check_deck(deck: DraftDeck) -> list[str]:
    """Set the flags of ``deck``'s cards; the refusing errors, worded for the wizard."""
    for each in deck.cards:
        each.flags = []
    kept = deck.kept()
    if not kept:
        return []
    data = _line_dict(deck.meta, 0)
    data["cards"] = [_line_dict(c.data, i) for i, c in enumerate(kept, start=1)]
    data.key_lines["cards"] = 0
    parsed, problems = validate_deck(Path(deck.name), data)
    errors: list[str] = []
    for problem in problems:
        card: DraftCard | None = kept[problem.line - 1] if 1 <= problem.line <= len(kept) else None
        if card is not None:
            card.flags.append(_CARD_PREFIX.sub("", problem.message))
        errors.append(f"{deck.name}: {problem.message}")
    if parsed is not None:
        for finding in lint_deck(parsed):
            if 1 <= finding.line <= len(kept):
                kept[finding.line - 1].flags.append(finding.message)
    return errors


def card_text(card: DraftCard) -> tuple[str, str]:
    """The card's two editable texts: (front, back); cloze: (text, back); list: (front, items)."""
    data = card.data
    if data.get("type") == CardType.CLOZE:
        return data.get("text", ""), data.get("back", "")
    if data.get("type") == CardType.LIST:
        return data.get("front", ""), ITEM_SEPARATOR.join(data.get("items", ()))
    return data.get("front", ""), data.get("back", "")


def set_card_text(card: DraftCard, question: str | None = None, answer: str | None = None) -> None:
    """Change the card's wording (``None`` keeps a side); list items are split at ``'; '``."""
    data, kind = card.data, card.data.get("type")
    if question is not None:
        data["text" if kind == CardType.CLOZE else "front"] = question.strip()
    if answer is not None:
        if kind == CardType.LIST:
            data["items"] = [p.strip() for p in answer.split(ITEM_SEPARATOR.strip()) if p.strip()]
        else:
            data["back"] = answer.strip()
            if kind == CardType.CLOZE and not data["back"]:
                del data["back"]


def import_draft(col: Collection, draft: ArticleDraft) -> ImportResult:
    """Import the ticked cards of ``draft`` (as ``flashcards generate`` + import would) and
    remember the article's path. Raises :class:`DeckValidationError` — nothing imported — if a
    card is invalid, ``ValueError`` if no card is ticked."""
    errors = draft.check()
    if errors:
        raise DeckValidationError([DeckError(draft.path, 0, e) for e in errors])
    decks = draft.chosen()
    if not decks:
        raise ValueError("no cards ticked: nothing to import")
    from .writer import write_decks

    with tempfile.TemporaryDirectory(prefix="flashcards-article-") as folder:
        write_decks(decks, Path(folder))
        result = col.decks.import_files([Path(folder)])
    remember_article(col, draft.path)
    return result


def remember_article(col: Collection, path: Path, source: str | None = None) -> OpChanges:
    """Remember ``path`` as the article of the decks whose ``source`` is ``source`` (default:
    the file's name)."""
    paths = dict(col.conf.get(ARTICLE_PATHS_KEY, {}) or {})
    paths[source or Path(path).name] = str(Path(path).resolve())
    return col.conf.set(ARTICLE_PATHS_KEY, paths)
