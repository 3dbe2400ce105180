"""The last gate of the generator: drop every card that ``flashcards lint`` would flag.

The card builder avoids the known flaws on purpose; this gate catches what its heuristics miss,
with the very checks ``flashcards lint`` runs (:mod:`flashcards.core.lint`), so a generated deck
is lint-clean by construction. Among them: a question with two or more blanks, a cloze whose answer
(or a synonym sharing its words) stays visible, an answer that adds fewer than two content words
to its question, a give-away, a duplicate question or answer in the deck, a long answer.
"""

from __future__ import annotations

from pathlib import Path

from ..deckspec import DeckFile, NoteSpec
from ..lint import lint_deck


def _note(card: dict, line: int) -> NoteSpec:
    return NoteSpec(id=card["id"], type=card["type"], front=card.get("front", ""), back=card.get("back", ""),
                    text=card.get("text", ""), items=tuple(card.get("items", ())), tags=tuple(card.get("tags", ())),
                    source_line=card.get("source_line"), line=line)


def lint_clean(deck_name: str, cards: list[dict]) -> list[dict]:
    """``cards`` without those lint flags, in order; repeated until nothing is flagged (dropping a
    card can only remove findings: duplicates are reported on the later card)."""
    kept = list(cards)
    while kept:
        deck = DeckFile(path=Path(deck_name), name=deck_name, notes=[_note(c, i) for i, c in enumerate(kept, 1)])
        flagged = {f.line for f in lint_deck(deck)}
        if not flagged:
            break
        kept = [c for i, c in enumerate(kept, 1) if i not in flagged]
    return kept
