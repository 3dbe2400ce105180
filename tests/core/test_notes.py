"""col.notes: adding, editing, deleting notes, tags, moving, resetting — each undoable."""

from __future__ import annotations

from datetime import timedelta

import pytest

from flashcards import Collection, Rating
from flashcards.core.notes import NoteError, NoteFields

from .conftest import T0


def test_add_a_note_of_each_type(col: Collection) -> None:
    made = {
        "basic": NoteFields("basic", "What relaxes the muscle?", "Botulinum toxin"),
        "reverse": NoteFields("reverse", "MVD", "Microvascular decompression"),
        "cloze": NoteFields("cloze", text="{{c1::Carbamazepine}} may help; {{c2::baclofen}} too."),
        "list": NoteFields("list", "Two drugs?", items=("Carbamazepine", "Baclofen"), tags=("drug",)),
    }
    cards = {}
    for kind, fields in made.items():
        result = col.notes.add("Hemifacial Spasm::Drugs", fields)
        assert result.changes.note and result.changes.card and result.changes.undo.action == "add_note"
        cards[kind] = [col.card(i) for i in result.card_ids]
    assert [c.key for c in cards["reverse"]] == ["mvd", "mvd/reverse"]
    assert [c.ord for c in cards["cloze"]] == [0, 1]
    assert cards["list"][0].items == ("Carbamazepine", "Baclofen") and cards["list"][0].tags == ("drug",)
    assert cards["basic"][0].key == "what-relaxes-the-muscle" and cards["basic"][0].deck == "Hemifacial Spasm::Drugs"
    again = col.notes.add("Hemifacial Spasm::Drugs", made["basic"])
    assert col.card(again.card_ids[0]).key == "what-relaxes-the-muscle-2"      # stable, unique slug ids


@pytest.mark.parametrize("fields, message", [
    (NoteFields("basic", "Front", "  "), "'back' is empty"),
    (NoteFields("cloze", text="no deletion here"), "cloze text has no deletion"),
    (NoteFields("list", "Q", items=("only one",)), "at least 2 items"),
    (NoteFields("flip", "Q", "A"), "unknown type"),
])
def test_refused_notes_change_nothing(col: Collection, fields: NoteFields, message: str) -> None:
    before = col.find_cards("")
    with pytest.raises(NoteError) as info:
        col.notes.add("Hemifacial Spasm::Causes", fields)
    assert message in str(info.value)
    assert col.find_cards("") == before and not col.undo_status().can_undo


def test_duplicate_id_and_lint_findings(col: Collection) -> None:
    errors, _ = col.notes.check("Hemifacial Spasm::Causes", NoteFields("basic", "Q", "A"), "botox")
    assert errors == ["duplicate card id 'botox' in deck 'Hemifacial Spasm::Causes'"]
    errors, warnings = col.notes.check("D", NoteFields("basic", "What starts with H?", "Hemifacial spasm"))
    assert not errors and any("letter hint" in w for w in warnings)


def test_edit_keeps_progress_and_cloze_cards_follow_the_text(col: Collection) -> None:
    card = col.card(col.find_cards("key:mvd-cloze")[0])
    col.sched.answer(card.id, Rating.Good, now=T0)
    note = col.notes.note(card.id)
    changes = col.notes.update(note.id, NoteFields("cloze", text="{{c1::MVD}} is surgery; {{c3::Botox}} is not."))
    assert changes.note and changes.undo.action == "edit_note"
    kept = col.card(card.id)
    assert kept.reps == 1 and kept.text.startswith("{{c1::MVD}}")
    assert {col.card(i).key for i in col.find_cards("key:mvd-cloze*")} == {"mvd-cloze", "mvd-cloze/c3"}
    col.undo()
    assert {col.card(i).key for i in col.find_cards("key:mvd-cloze*")} == {"mvd-cloze", "mvd-cloze/c2"}
    assert col.card(card.id).text.startswith("{{c1::Microvascular") and col.card(card.id).reps == 1


def test_delete_and_undo_brings_back_cards_and_history(col: Collection) -> None:
    ids = col.find_cards("key:botox*")
    col.sched.answer(ids[0], Rating.Good, now=T0)
    changes = col.notes.delete([ids[0]])
    assert set(changes.card_ids) == set(ids) and col.find_cards("botox") == []
    result = col.undo()
    assert result is not None and result.action == "delete_cards" and result.changes.note
    assert col.find_cards("key:botox*") == ids
    assert len(col.review_log(ids[0])) == 1 and col.card(ids[0]).reps == 1


def test_bulk_tags_move_and_reset(col: Collection) -> None:
    ids = col.find_cards('deck:"Hemifacial Spasm::Symptoms"')
    col.notes.add_tags(ids, ["exam", "symptom"])
    assert set(col.find_cards("tag:exam")) == set(ids)
    col.notes.remove_tags(ids[:1], ["EXAM"])
    assert col.find_cards("tag:exam") == ids[1:]
    col.undo()
    col.undo()
    assert col.find_cards("tag:exam") == []
    col.notes.move(ids, "Review::Later")
    assert set(col.find_cards('deck:"Review::Later"')) == set(ids) and "Review" in col.deck_names()
    col.undo()
    assert set(col.find_cards('deck:"Hemifacial Spasm::Symptoms"')) == set(ids)
    col.sched.answer(ids[0], Rating.Again, now=T0)
    col.sched.answer(ids[0], Rating.Good, now=T0 + timedelta(minutes=10))
    changes = col.notes.reset(ids[0])
    assert changes.undo.action == "reset_progress"
    assert col.card(ids[0]).reps == 0 and ids[0] in col.find_cards("is:new")
    assert len(col.review_log(ids[0])) == 2          # history kept
    col.undo()
    assert col.card(ids[0]).reps == 2


def test_move_clash_moves_nothing(col: Collection) -> None:
    col.notes.add("Elsewhere", NoteFields("basic", "Q", "A"), key="botox")
    other = col.find_cards("deck:Elsewhere")
    with pytest.raises(NoteError, match="already has a card with id 'botox'"):
        col.notes.move(other, "Hemifacial Spasm::Causes")
    assert col.find_cards("deck:Elsewhere") == other
