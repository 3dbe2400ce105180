"""What each mutation of the managers reports as changed, with the undo status after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import Collection, OpChanges, Rating, UndoStatus

from .conftest import T0, make_deck


def test_answer_reports_card_and_queue_and_can_be_undone(col: Collection) -> None:
    card = col.sched.next_card(now=T0)
    result = col.sched.answer(card, Rating.Good, now=T0)
    ch = result.changes
    assert (ch.kind, ch.card_ids, ch.card_id) == ("answer", (card.id,), card.id)
    assert ch.card and ch.study_queue and not (ch.note or ch.deck or ch.config)
    assert ch.undo == UndoStatus("answer") and ch.undo.label == "Undo Answer"
    assert col.sched.undo_status() == ch.undo


def test_undo_reports_the_status_of_the_previous_entry(col: Collection) -> None:
    first = col.sched.next_card(now=T0)
    col.sched.bury(first.id, now=T0)
    second = col.sched.next_card(now=T0)
    assert col.sched.answer(second, Rating.Again, now=T0).changes.undo.action == "answer"
    undone = col.sched.undo()
    assert undone is not None and (undone.action, undone.card_id) == ("answer", second.id)
    assert undone.changes.kind == "undo" and undone.changes.card_ids == (second.id,)
    assert undone.changes.study_queue and undone.changes.undo == UndoStatus("bury")
    last = col.sched.undo()
    assert last is not None and last.action == "bury" and last.changes.undo == UndoStatus(None)
    assert not last.changes.undo.can_undo and last.changes.undo.label == "Undo"
    assert col.sched.undo() is None


@pytest.mark.parametrize("action, reverse", [("bury", "unbury"), ("suspend", "unsuspend")])
def test_hiding_and_showing_cards_report_their_action(col: Collection, action: str, reverse: str) -> None:
    ids = [c.id for c in col.sched.cards()[:3]]
    hidden = getattr(col.sched, action)(ids)
    assert (hidden.kind, hidden.card_ids, hidden.undo.action) == (action, tuple(ids), action)
    assert hidden.card and hidden.study_queue
    shown = getattr(col.sched, reverse)(ids)
    assert (shown.kind, shown.card_ids, shown.undo.action) == (reverse, tuple(ids), reverse)


def test_import_reports_notes_decks_and_queue(col: Collection, tmp_path: Path) -> None:
    col.sched.answer(col.sched.next_card(now=T0), Rating.Good, now=T0)
    result = col.decks.import_files([make_deck(tmp_path / "new.yaml", "Fresh", 3)])
    assert len(result.report.added) == 3
    ch = result.changes
    assert ch.kind == "import" and ch.note and ch.deck and ch.study_queue
    assert ch.undo == UndoStatus("answer")              # an import leaves the undo stack alone


def test_deck_options_and_creation_report_decks(col: Collection) -> None:
    name = col.decks.names()[0]
    assert col.decks.set_options(name, new_per_day=3).deck
    created = col.decks.create("Brand::New")
    assert created.kind == "create_deck" and created.deck and created.study_queue


def test_settings_report_config(col: Collection) -> None:
    ch = col.conf.update(settings={"new_per_day": 7})
    assert ch == OpChanges("settings", config=True, study_queue=True)
    prefs = col.conf.update(prefs={"ui": {"theme": "dark"}})
    assert prefs.kind == "config" and prefs.config and not prefs.study_queue
    assert not ch.card_ids and ch.card_id is None and ch.affects_study
