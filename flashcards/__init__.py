"""Flashcards: offline spaced repetition for clinical study.

The public API is the headless core::

    from flashcards import Collection, Rating
    with Collection.open("collection.sqlite3") as col:
        col.import_decks(["decks"])
        card = col.next_card()
        col.answer(card.id, Rating.Good)
"""

from .core.collection import Collection, UndoResult
from .core.deckfile import DeckError, DeckValidationError
from .core.models import Card, CardState, Counts, DeckNode, DeckStats, ImportReport, Rating
from .core.lock import CollectionLockedError
from .core.schema import SchemaError
from .core.settings import Settings

__all__ = ["Collection", "Rating", "Card", "CardState", "Counts", "DeckNode", "DeckStats", "ImportReport",
           "DeckError", "DeckValidationError", "SchemaError", "CollectionLockedError", "Settings", "UndoResult"]
__version__ = "0.1.0"
