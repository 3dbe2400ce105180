"""Per-deck options: stored with the deck, validated, one transaction, defaults from settings."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from flashcards import Collection
from flashcards.core.deck_options import DeckOptions


@pytest.fixture
def col(tmp_path: Path):
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.decks.create("A::B")
        yield col


def test_defaults_follow_anki_and_the_collection(col: Collection) -> None:
    assert col.decks.options("A::B") == DeckOptions()
    assert DeckOptions().order == "mixed" and DeckOptions().leech_action == "suspend"


def test_options_are_saved_and_survive_reopening(col: Collection, tmp_path: Path) -> None:
    changes = col.decks.update_options("A::B", order="new_first", leech_lapses=5, leech_action="tag",
                                       exam_date=date(2027, 3, 1), new_per_day=7)
    assert changes.deck and changes.study_queue and changes.kind == "deck_options"
    col.close()
    with Collection.open(tmp_path / "c.sqlite3") as again:
        assert again.decks.options("A::B") == DeckOptions(7, None, "new_first", 5, "tag", date(2027, 3, 1))
        assert again.decks.options("A") == DeckOptions()           # a parent keeps its own
        again.decks.update_options("A::B", exam_date=None, leech_lapses=None)
        assert again.decks.options("A::B").exam_date is None and again.decks.options("A::B").leech_lapses is None


@pytest.mark.parametrize("bad", [{"order": "random"}, {"leech_action": "delete"}, {"leech_lapses": 0},
                                 {"leech_lapses": True}, {"new_per_day": -1}, {"exam_date": "2027-01-01"}])
def test_a_bad_value_changes_nothing(col: Collection, bad: dict) -> None:
    before = col.decks.options("A::B")
    with pytest.raises(ValueError):
        col.decks.update_options("A::B", **bad)
    assert col.decks.options("A::B") == before


def test_unknown_option_and_unknown_deck_are_refused(col: Collection) -> None:
    with pytest.raises(TypeError, match="colour"):
        col.decks.update_options("A::B", colour="red")
    with pytest.raises(KeyError):
        col.decks.options("Nope")


def test_damaged_json_falls_back_to_defaults(col: Collection) -> None:
    col.close()
    conn = sqlite3.connect(col.path)
    conn.execute("UPDATE decks SET options = '{\"order\": 5, \"exam_date\": \"soon\"}' WHERE name = 'A::B'")
    conn.commit()
    conn.close()
    with Collection.open(col.path) as again:
        assert again.decks.options("A::B") == DeckOptions()
