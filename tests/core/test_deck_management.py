"""col.decks: create nested, rename, move (nest), delete; refused changes change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import Collection, Rating

from .conftest import T0, make_deck


def test_create_nested_rename_and_move(col: Collection) -> None:
    col.decks.create("Neurology::Cranial nerves::Facial")
    assert {"Neurology", "Neurology::Cranial nerves", "Neurology::Cranial nerves::Facial"} <= set(col.deck_names())
    card = col.find_cards("key:botox")[0]
    col.sched.answer(card, Rating.Good, now=T0)
    changes = col.decks.rename("Hemifacial Spasm", "HFS")
    assert changes.deck and changes.note
    assert {"HFS", "HFS::Causes", "HFS::Symptoms"} <= set(col.deck_names())
    assert "Hemifacial Spasm" not in col.deck_names()
    assert col.card(card).deck == "HFS::Causes" and col.card(card).reps == 1     # progress kept
    col.decks.move("HFS", "Neurology::Cranial nerves")
    assert col.card(card).deck == "Neurology::Cranial nerves::HFS::Causes"
    col.decks.move("Neurology::Cranial nerves::HFS::Symptoms", None)
    assert "Symptoms" in col.deck_names() and len(col.find_cards("deck:Symptoms")) == 2
    assert len(col.find_cards('deck:"Neurology"')) == 6


def test_refused_renames(col: Collection) -> None:
    names = col.deck_names()
    col.decks.create("Other")
    with pytest.raises(ValueError, match="already exists"):
        col.decks.rename("Other", "Hemifacial Spasm::Causes")
    with pytest.raises(ValueError, match="under itself"):
        col.decks.move("Hemifacial Spasm", "Hemifacial Spasm::Causes")
    with pytest.raises(ValueError, match="empty part"):
        col.decks.rename("Other", "A::::B")
    with pytest.raises(KeyError):
        col.decks.rename("Nope", "Yes")
    assert col.deck_names() == sorted([*names, "Other"])


def test_delete_removes_children_and_cards(col: Collection) -> None:
    assert col.decks.card_count("Hemifacial Spasm") == 8
    col.decks.delete("Hemifacial Spasm::Causes")
    assert col.deck_names() == ["Hemifacial Spasm", "Hemifacial Spasm::Symptoms"]
    assert col.decks.card_count("Hemifacial Spasm") == 2
    with pytest.raises(KeyError):
        col.decks.delete("Hemifacial Spasm::Causes")
    col.decks.delete("Hemifacial Spasm")
    assert col.deck_names() == [] and col.find_cards("") == []


def test_options_round_trip(col: Collection) -> None:
    col.decks.update_options("Hemifacial Spasm", new_per_day=5, order="new_first")
    options = col.decks.options("Hemifacial Spasm")
    assert options.new_per_day == 5 and options.order == "new_first"


def test_importing_deck_files_reports_progress_up_to_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "decks"
    folder.mkdir()
    for i in range(6):
        make_deck(folder / f"d{i}.yaml", f"D{i}", 3)
    seen: list[tuple[int, int]] = []
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.decks.import_files([folder], progress=lambda done, total: seen.append((done, total)))
    assert [d for d, _ in seen] == [1, 2, 3, 4, 5, 6, 9] and {t for _, t in seen} == {9}
