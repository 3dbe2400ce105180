"""Study-screen fixes of issue 16, driven through the real main window with key events:
Ctrl+Z in the type field undoes the last grade, the hint line per mode, Space on a list card,
large text (nothing clipped, the answer scrolled into view), suspended/buried counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards import Rating
from flashcards.ui.review_controller import ANSWER_HINT, LIST_HINT, QUESTION_HINT, TYPE_HINT

from .app_fixtures import isolated_qsettings, key, make_deck, open_window  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier

LIST_DECK = """deck: "T::List"
cards:
  - id: muscles
    type: list
    front: "Name the muscles the facial nerve supplies, from the forehead down to the neck, in order."
    items: [%s]
"""


def _list_deck(folder: Path, items: int = 20) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    names = ", ".join(f'"Muscle number {i} of the face, supplied by branch {i % 5}"' for i in range(items))
    (folder / "list.yaml").write_text(LIST_DECK % names, encoding="utf-8")
    return folder


def test_ctrl_z_in_the_type_field_undoes_the_last_grade(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 5)
    window = open_window(tmp_path / "decks")
    window.start_study("A")
    study = window.study
    qtbot.mouseClick(study.type_toggle, Qt.MouseButton.LeftButton)
    assert study.type_edit.isVisible() and study.type_edit.hasFocus()
    assert study.bar.hint.text() == TYPE_HINT                    # type mode says how to check
    first = study.card
    qtbot.keyClicks(study.type_edit, "Answer 0")
    qtbot.keyClick(study.type_edit, Qt.Key.Key_Return)
    assert study.revealed and study.bar.hint.text() == ANSWER_HINT
    key(qtbot, window, "3")
    assert study.card.id != first.id and study.type_edit.text() == ""
    qtbot.keyClicks(study.type_edit, "something")
    log = len(window.state.col.review_log())
    qtbot.keyClick(study.type_edit, Qt.Key.Key_Z, CTRL)         # focus in the field: still the grade
    assert len(window.state.col.review_log()) == log - 1
    assert study.card.id == first.id and not study.revealed
    assert study.type_edit.text() == ""                          # not the previous card's typed text
    qtbot.keyClick(study.type_edit, Qt.Key.Key_Z, CTRL)         # nothing left to undo: nothing happens
    assert study.type_edit.text() == "" and study.card.id == first.id
    qtbot.mouseClick(study.type_toggle, Qt.MouseButton.LeftButton)
    assert study.bar.hint.text() == QUESTION_HINT


def test_space_on_a_list_card_with_nothing_ticked_is_good(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_list_deck(tmp_path / "decks"))
    window.start_study("T::List")
    study = window.study
    key(qtbot, window, Qt.Key.Key_Space)
    assert study.items.isVisible() and study.bar.hint.text() == LIST_HINT
    assert not any("★" in b.text() for b in study.bar.buttons.values())
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.state.col.review_log()[-1].rating == Rating.Good


def test_space_on_a_list_card_with_ticks_accepts_the_suggestion(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_list_deck(tmp_path / "decks"))
    window.start_study("T::List")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "a")
    assert "suggested: Again" in window.study.bar.hint.text()
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.state.col.review_log()[-1].rating == Rating.Again
