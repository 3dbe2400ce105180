"""Flashcards: offline spaced repetition for clinical study.

The public API is the headless core::

    from flashcards import Collection, Rating
    with Collection.open("collection.sqlite3") as col:
        col.decks.import_files(["decks"])
        queued = col.sched.get_queued()
        result = col.sched.answer_and_next(queued.card, Rating.Good)
        result.changes, result.next          # what changed; the next card, counts and intervals
"""

from .core.changes import OpChanges, UndoStatus
from .core.collection import Collection, UndoResult
from .core.deckfile import DeckError, DeckValidationError
from .core.lock import CollectionLockedError
from .core.models import (
    Card,
    CardState,
    Counts,
    DeckNode,
    DeckStats,
    ImportReport,
    Rating,
)
from .core.sched import AnswerResult, QueuedCard
from .core.schema import SchemaError
from .core.settings import Settings

__all__ = [
    "AnswerResult", "Card", "CardState", "Collection", "CollectionLockedError", "Counts", "DeckError",
    "DeckNode", "DeckStats", "DeckValidationError", "ImportReport", "OpChanges", "QueuedCard", "Rating",
    "SchemaError", "Settings", "UndoResult", "UndoStatus",
]
__version__ = "0.1.0"
