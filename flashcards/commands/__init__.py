"""The ``flashcards`` subcommands, one module a topic; each has ``register(sub)`` and its handlers.

:mod:`flashcards.cli` builds the parser from them and runs the chosen handler.
"""

from . import decks, progress, scheduling, storage, study, sync

MODULES = (decks, study, progress, storage, scheduling, sync)
