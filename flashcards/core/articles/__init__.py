"""Article → decks: parse a clinical article (plain text or Markdown) and generate one YAML deck per section.

Used only by ``flashcards generate``. Modules: ``reader`` (bounded file input), ``lines`` (one line:
heading, item, "Term: explanation"), ``cleaning`` (site chrome, contact details, bylines), ``naming``
(condition and section names), ``parser`` (the article's structure), ``prose`` (definitions in prose),
``text`` (words, stems, slugs), ``wording`` and ``cards`` (the questions), ``quality`` (the lint gate),
``generator`` (decks), ``writer`` (stamped YAML files; curated files are never overwritten).
"""

from .generator import GeneratedDeck, build_decks, generate_decks
from .model import Article, ArticleError, Item, Section
from .parser import parse_article
from .writer import (
           CuratedDeckError,
           curated_message,
           dump_deck,
           is_generated,
           write_decks,
)

__all__ = [
           "Article",
           "ArticleError",
           "CuratedDeckError",
           "GeneratedDeck",
           "Item",
           "Section",
           "build_decks",
           "curated_message",
           "dump_deck",
           "generate_decks",
           "is_generated",
           "parse_article",
           "write_decks",
]
