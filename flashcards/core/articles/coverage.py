"""Which lines of a source article the collection's cards cover (for the article reader).

A deck made from an article keeps the article's file name in ``source`` and each card its
1-based ``source_line``. :func:`article_sources` lists the articles behind the decks,
:func:`find_article` finds the file (the path remembered by the article wizard or the reader,
else the app's bundled ``resources/sources/``), :func:`coverage` maps lines to card ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .drafts import ARTICLE_PATHS_KEY

if TYPE_CHECKING:
    from ..collection import Collection

SOURCES_FOLDER = "sources"      # under the app's resources/: the bundled articles


@dataclass
class Coverage:
    """The cards of the decks made from one article, by source line (1-based)."""

    source: str
    decks: list[str]
    lines: dict[int, list[int]] = field(default_factory=dict)    # line -> card ids, in deck order
    line_of: dict[int, int] = field(default_factory=dict)        # card id -> line

    def uncovered(self, text: list[str]) -> list[int]:
        """The 1-based lines of ``text`` with words on them that no card covers."""
        return [n for n, line in enumerate(text, start=1) if line.strip() and n not in self.lines]


def article_sources(col: Collection) -> dict[str, list[str]]:
    """Each article file name (a deck's ``source``) and the decks made from it, sorted."""
    found: dict[str, list[str]] = {}
    for name in col.decks.names():
        source = col.decks.info(name).source
        if source:
            found.setdefault(source, []).append(name)
    return dict(sorted(found.items()))


def coverage(col: Collection, source: str) -> Coverage:
    """The cards (not retired) of the decks whose ``source`` is ``source``, by line."""
    decks = article_sources(col).get(source, [])
    result = Coverage(source, decks)
    for deck in decks:
        for card in col.cards(deck):
            if card.deck != deck or card.id in result.line_of or not card.source_line:
                continue          # a child deck is visited on its own (it may have another source)
            result.line_of[card.id] = card.source_line
            result.lines.setdefault(card.source_line, []).append(card.id)
    return result


def find_article(col: Collection, source: str) -> Path | None:
    """The file of article ``source``: the remembered path if it still exists, else the bundled
    copy in ``resources/sources/``; None when neither is there."""
    remembered = (col.conf.get(ARTICLE_PATHS_KEY, {}) or {}).get(source)
    if isinstance(remembered, str) and Path(remembered).is_file():
        return Path(remembered)
    from ..paths import MissingResourceError, resources_dir

    try:
        bundled = resources_dir() / SOURCES_FOLDER / Path(source).name
    except MissingResourceError:
        return None
    return bundled if bundled.is_file() else None


def article_lines(path: Path) -> list[str]:
    """The article's lines, numbered as the generator numbers them (line 1 first). Raises
    :class:`~.model.ArticleError` for a file that is not a readable article."""
    from .reader import read_article_text

    return re.split(r"\r\n|\r|\n", read_article_text(Path(path)).lstrip("\ufeff"))


def source_of_card(col: Collection, card_id: int) -> tuple[str, int | None]:
    """The article file name and line of card ``card_id`` (``("", None)`` when it has none)."""
    card = col.card(card_id)
    return col.decks.info(card.deck).source, card.source_line
