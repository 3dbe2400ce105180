"""Turn an article into YAML decks: one per content section plus an overview from the lead."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..deckcheck import strip_invisible
from ..limits import MAX_DECK_NAME_CHARS
from .cards import CardBuilder
from .model import Article, ArticleError, Section
from .parser import parse_article
from .quality import lint_clean
from .text import fold, slugify, split_sentences
from .wording import META_RE

Progress = Callable[[str, int, int], None]
_TITLE_CHARS = MAX_DECK_NAME_CHARS // 2                  # "Title::Section (12)" fits the deck-name limit
_SECTION_CHARS = MAX_DECK_NAME_CHARS - _TITLE_CHARS - 10


def deck_part(text: str, limit: int) -> str:
    """``text`` as one level of a deck name: no '::' (runs of ':' become one), no ':' at either
    end, no control or zero-width characters, at most ``limit`` characters (cut at a word)."""
    text = strip_invisible(re.sub(r":{2,}", ":", text))
    text = re.sub(r"\s+", " ", text).strip(" :")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" :") or text[:limit].rstrip(" :")
    return text


@dataclass
class GeneratedDeck:
    """One deck to write: its full name, relative file name and YAML document."""

    name: str
    filename: str
    data: dict


def build_decks(article: Article, title: str | None = None,
                progress: Progress | None = None) -> list[GeneratedDeck]:
    """Decks for a parsed article: ``Title::Overview`` then ``Title::<Section>`` in article order."""
    title = deck_part(title or article.condition or article.title, _TITLE_CHARS) \
        or deck_part(article.title, _TITLE_CHARS) or "Article"
    builder = CardBuilder(article)
    meta: dict[str, Any] = {"source": article.path.name, "source_title": article.title}
    if article.attribution:
        meta["attribution"] = article.attribution
    if article.disclaimer:
        meta["disclaimer"] = article.disclaimer
    folder = slugify(title, 60)
    plan: list[tuple[str, Section | None]] = [("Overview", None)] + [(s.name, s) for s in article.sections]
    decks: list[GeneratedDeck] = []
    used_names: set[str] = set()
    used_files: set[str] = set()
    for index, (name, sec) in enumerate(plan, start=1):
        if progress:
            progress(name, index, len(plan))
        cards = builder.overview_cards() if sec is None else builder.section_cards(sec)
        name, n = deck_part(name, _SECTION_CHARS) or "Section", 2
        cards = lint_clean(f"{title}::{name}", cards)
        if not cards:
            continue
        unique = name
        while fold(unique) in used_names:
            unique, n = f"{name} ({n})", n + 1
        used_names.add(fold(unique))
        stem, n = slugify(unique), 2
        filename = stem
        while filename in used_files:  # "Causes" and "Causes!" give one slug: never overwrite a deck
            filename, n = f"{stem}-{n}", n + 1
        used_files.add(filename)
        if sec is None:
            description = " ".join(s for _, p in article.lead[:1] for s in split_sentences(p) if not META_RE.search(s))
        else:
            description = re.sub(r":$", ".", sec.intro)
        data: dict[str, Any] = {"deck": f"{title}::{unique}"}
        if description:
            data["description"] = description
        data.update(meta)
        data["cards"] = cards
        decks.append(GeneratedDeck(name=data["deck"], filename=f"{folder}/{filename}.yaml", data=data))
    if not decks:
        raise ArticleError(article.path, "nothing to card: no list items, tables, FAQ answers or definitions found "
                                         "(expected headings such as 'Causes of X:' or '## Causes' followed by "
                                         "'1.' or '-' items)")
    return decks


def generate_decks(article: Path, title: str | None = None,
                   progress: Progress | None = None) -> list[GeneratedDeck]:
    """Parse ``article`` and build its decks; ``progress(section, index, total)`` once per section
    (the overview counts as the first). Raises :class:`ArticleError` for unusable input."""
    return build_decks(parse_article(Path(article)), title, progress)
