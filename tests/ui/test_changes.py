"""The OpChanges of an op's result: the core's own, or built from the op's kind (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from flashcards.core.changes import OpChanges, UndoStatus
from flashcards.core.models import Card
from flashcards.ui.changes import LEGACY_TOUCHES, changes_of, op_changes


@dataclass
class WithChanges:
    card: Card
    changes: OpChanges


def test_the_cores_own_changes_are_used_as_they_are() -> None:
    own = OpChanges("answer", card_ids=(3,), card=True, undo=UndoStatus("answer"))
    assert op_changes("whatever", own, UndoStatus()) is own
    card = Card(id=3, key="a", deck="D", type="basic", ord=0)
    assert op_changes("answer", WithChanges(card, own), UndoStatus()) is own
    assert changes_of(card) is None and changes_of(None) is None


def test_old_results_get_changes_from_their_kind() -> None:
    card = Card(id=7, key="a", deck="D", type="basic", ord=0)
    answer = op_changes("answer", card, UndoStatus("answer"))
    assert (answer.kind, answer.card_ids, answer.card, answer.study_queue, answer.config) == \
        ("answer", (7,), True, True, False)
    assert answer.undo.label == "Undo Answer" and answer.affects_study
    bury = op_changes("bury", None, UndoStatus("bury"), card_id=9)
    assert bury.card_id == 9 and bury.card and bury.undo.label == "Undo Bury"
    undo = op_changes("undo", SimpleNamespace(action="suspend", card_id=11), UndoStatus())
    assert undo.card_ids == (11,) and undo.undo.label == "Undo" and not undo.undo.can_undo
    settings = op_changes("settings", object(), UndoStatus())
    assert settings.config and settings.study_queue and not settings.card
    backup = op_changes("backup", None, UndoStatus())
    assert not backup.affects_study
    restore = op_changes("restore", object(), UndoStatus())       # unknown kinds touch everything
    assert restore.card and restore.note and restore.deck and restore.config and restore.study_queue
    assert set(LEGACY_TOUCHES) >= {"answer", "bury", "suspend", "undo", "import", "settings", "backup"}
