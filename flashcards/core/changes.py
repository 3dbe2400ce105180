"""What a change to the collection touched, so every view can refresh from it (after Anki's OpChanges).

Contract: every mutating call of the core returns either an :class:`OpChanges` or a result object
with a ``changes`` attribute holding one. The core owns the undo stack; ``OpChanges.undo`` is its
status right after the change, so the UI never keeps an undo stack of its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UndoStatus:
    """What Undo would revert now: ``action`` is "answer", "bury", "suspend", … or None."""

    action: str | None = None

    @property
    def can_undo(self) -> bool:
        return self.action is not None

    @property
    def label(self) -> str:
        """The Edit menu's text: "Undo Answer", or plain "Undo" when nothing can be undone."""
        return f"Undo {self.action.replace('_', ' ').capitalize()}" if self.action else "Undo"


@dataclass(frozen=True)
class OpChanges:
    """One change: its ``kind`` ("answer", "bury", "suspend", "undo", "import", "settings", …),
    the cards it concerned, which parts of the collection it touched and the undo status after it.

    ``study_queue``: due counts or the next card may differ; ``card``: scheduling state of cards;
    ``note``: card text; ``deck``: deck names, tree or options; ``config``: settings or preferences.
    """

    kind: str
    card_ids: tuple[int, ...] = ()
    card: bool = False
    note: bool = False
    deck: bool = False
    config: bool = False
    study_queue: bool = False
    undo: UndoStatus = UndoStatus()

    @property
    def card_id(self) -> int | None:
        """The single card the change concerned, if exactly one."""
        return self.card_ids[0] if len(self.card_ids) == 1 else None

    @property
    def affects_study(self) -> bool:
        """True when the study screen and the deck list must refresh."""
        return self.study_queue or self.card or self.note or self.deck or self.config


NOTHING = OpChanges("none")
