"""The :class:`OpChanges` of one op's result, for the UI's single change path (no Qt).

The core's contract (see :mod:`flashcards.core.changes`) is that a mutating call returns an
``OpChanges`` or a result with a ``changes`` attribute. Calls that still return something else
(a ``Card``, ``None``, an ``UndoResult``, a reopened ``Collection``) get an ``OpChanges`` built
from the op's kind here, until every core call describes its own changes.
"""

from __future__ import annotations

from typing import Any

from flashcards.core.changes import OpChanges, UndoStatus
from flashcards.core.models import Card

_SCHEDULING = {"card": True, "study_queue": True}
_EVERYTHING = {"card": True, "note": True, "deck": True, "config": True, "study_queue": True}

# What each kind of op touches when its result does not say so itself.
LEGACY_TOUCHES: dict[str, dict[str, bool]] = {
    "answer": _SCHEDULING,
    "bury": _SCHEDULING,
    "suspend": _SCHEDULING,
    "undo": _SCHEDULING,
    "import": {"card": True, "note": True, "deck": True, "study_queue": True},
    "settings": {"config": True, "deck": True, "study_queue": True},   # default daily limits
    "config": {"config": True},
    "backup": {},
}


def changes_of(result: Any) -> OpChanges | None:
    """The changes ``result`` describes itself (an ``OpChanges`` or its ``changes``), else None."""
    if isinstance(result, OpChanges):
        return result
    changes = getattr(result, "changes", None)
    return changes if isinstance(changes, OpChanges) else None


def op_changes(kind: str, result: Any, undo: UndoStatus, card_id: int | None = None) -> OpChanges:
    """The changes of an op of ``kind`` that returned ``result``.

    ``undo`` is the core's undo status after the op (used only when ``result`` does not carry
    one); a kind not in :data:`LEGACY_TOUCHES` (a restore, an open) counts as touching everything.
    """
    own = changes_of(result)
    if own is not None:
        return own
    if card_id is None:
        found = result.id if isinstance(result, Card) else getattr(result, "card_id", None)
        card_id = found if isinstance(found, int) else None
    touches = LEGACY_TOUCHES.get(kind, _EVERYTHING)
    return OpChanges(kind, card_ids=() if card_id is None else (card_id,), undo=undo, **touches)
