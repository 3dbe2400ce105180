"""Limits on input files: one constant each, the single source for the deck reader, `validate`,
the article generator and their documentation (``docs/deck-format.md``, ``docs/generator.md``).

They bound time and memory: a file over a limit is refused after reading a small prefix (sizes
are checked with ``os.stat`` before a byte is read; the YAML reader stops at the first value over
a count or depth limit). The numbers are far above what a real deck or article needs.
"""

from __future__ import annotations

# -- deck files (YAML) ----------------------------------------------------------------------------
MAX_DECK_FILE_BYTES = 10 * 1024 * 1024   # one deck file; 50,000 cards of a typical size are ~8 MB
MAX_CARDS_PER_FILE = 50_000              # entries of ``cards:``
MAX_YAML_VALUES = 1_000_000              # scalars, lists and mappings in one file (~20 per card)
MAX_YAML_DEPTH = 16                      # nesting of lists/mappings; a deck file needs 4
MAX_TEXT_CHARS = 20_000                  # front, back, text, each list item, description, ...
MAX_DECK_NAME_CHARS = 200                # the full name, "Parent::Child"
MAX_DECK_DEPTH = 8                       # levels in a deck name ("A::B::C" has 3)
MAX_ID_CHARS = 128                       # a card's id
MAX_TAGS = 50                            # tags on one card
MAX_TAG_CHARS = 100                      # one tag
MAX_LIST_ITEMS = 50                      # items of a list card (more than 7 is only a lint warning)
LINT_LIST_ITEMS = 7                      # a list card is best learnt with at most this many items
MAX_SOURCE_LINE = 10_000_000             # ``source_line``: a line number in the source article

# -- articles (flashcards generate) ---------------------------------------------------------------
MAX_ARTICLE_BYTES = 5 * 1024 * 1024      # one article file
MAX_LIST_NESTING = 10                    # indentation levels of bullets
