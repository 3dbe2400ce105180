"""Study-screen fixes of issue 16, driven through the real main window with key events:
Ctrl+Z in the type field undoes the last grade, the hint line per mode, Space on a list card,
large text (nothing clipped, the answer scrolled into view), suspended/buried counts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from flashcards import Collection, Rating
from flashcards.ui.card_view import LETTERS, indicator_size
from flashcards.ui.prefs import FONT_SIZE_RANGE, UiPrefs, save_ui_prefs
from flashcards.ui.review_controller import ANSWER_HINT, LIST_HINT, QUESTION_HINT, TYPE_HINT

from .app_fixtures import isolated_qsettings, key, make_deck, open_window

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


def _open_at_size(open_window, tmp_path: Path, font_size: int, decks: Path):
    data = tmp_path / "data"
    with Collection.open(data / "collection.sqlite3") as col:
        col.import_decks([decks])
        save_ui_prefs(col, UiPrefs(font_size=font_size))
    return open_window(None, data_dir=data)


def _visible_in_scroll(study, widget, y: int = 0) -> bool:
    """Whether ``widget``'s point ``y`` lies within the study screen's card scroll viewport."""
    point = widget.mapTo(study.card_scroll.viewport(), QPoint(0, y))
    return 0 <= point.y() < study.card_scroll.viewport().height()


def test_largest_text_nothing_clips_and_the_answer_scrolls_into_view(qtbot, open_window, tmp_path: Path) -> None:
    big = FONT_SIZE_RANGE[1]
    decks = _list_deck(tmp_path / "decks")
    (decks / "basic.yaml").write_text(
        'deck: "T::Basic"\ncards:\n  - id: b\n    front: "Which nerve exits at the pontomedullary junction?"\n'
        '    back: "' + "The facial nerve, whose root exit zone is the usual site of compression. " * 4 + '"\n',
        encoding="utf-8")
    window = _open_at_size(open_window, tmp_path, big, decks)
    study = window.study
    window.start_study("T::List")
    assert study.view.font().pointSizeF() == big
    doc_height = study.view.document().size().height()
    assert study.view.height() >= doc_height                       # the question is never cut
    assert study.view.verticalScrollBar().maximum() == 0
    key(qtbot, window, Qt.Key.Key_Space)
    assert study.items.isVisible()
    assert _visible_in_scroll(study, study.items, 4)               # the items are scrolled into view
    boxes = study.items.boxes
    assert boxes[0].sizeHint().height() >= indicator_size(study.items._labels[0].font()) > 30  # boxes grow
    last = len(boxes) - 1
    assert not _visible_in_scroll(study, boxes[last], boxes[last].height() // 2)
    key(qtbot, window, LETTERS[last])                               # tick the last item: it comes into sight
    assert boxes[last].isChecked() and _visible_in_scroll(study, boxes[last], boxes[last].height() // 2)
    key(qtbot, window, "3")
    window.start_study("T::Basic")
    assert study.card_scroll.verticalScrollBar().value() == 0      # a new question starts at the top
    key(qtbot, window, Qt.Key.Key_Space)
    top = study.view.answer_top()
    assert top > 0 and _visible_in_scroll(study, study.view, top + 4)


def test_short_cards_leave_no_large_empty_box(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 2)
    window = open_window(tmp_path / "decks")
    window.start_study("A")
    study = window.study
    assert study.view.height() < study.card_scroll.viewport().height() / 2
    assert study.card_scroll.verticalScrollBar().maximum() == 0


def test_deck_list_and_summary_say_how_many_cards_are_suspended_or_buried(qtbot, open_window,
                                                                           tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 4)
    window = open_window(tmp_path / "decks")
    window.start_study("A")
    key(qtbot, window, "@")
    key(qtbot, window, "-")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "4")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "4")
    assert window.stack.currentWidget() is window.summary
    assert "1 card is suspended and 1 is buried until tomorrow." in window.summary.detail.text()
    key(qtbot, window, Qt.Key.Key_Escape)
    label = window.deck_list.due_label.text()
    assert label.startswith("Nothing to study now") and "1 suspended, 1 buried until tomorrow" in label
    item = window.deck_list.items()[0]
    assert "1 suspended" in item.toolTip(0) and "1 buried" in item.toolTip(0)


def test_a_saved_window_larger_than_the_screen_is_fitted(qtbot, open_window, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from flashcards.ui.main_window import GEOMETRY_KEY

    make_deck(tmp_path / "decks" / "a.yaml", "A", 2)
    window = open_window(tmp_path / "decks")
    area = window.screen().availableGeometry()
    window.resize(area.width() * 2, area.height() * 2)          # as saved before a scale change
    QSettings().setValue(GEOMETRY_KEY, window.saveGeometry())
    window.close()
    again = open_window(None, data_dir=tmp_path / "data", size=None)
    assert again.width() <= area.width() and again.height() <= area.height()
    assert area.contains(again.frameGeometry().topLeft())
    again.resize(area.width() + 300, area.height() + 200)          # the screen shrank under the window
    again.move(area.right() - 100, area.y())
    assert again.width() > area.width()
    again.fit_to_screen()
    assert again.width() <= area.width() and again.height() <= area.height()
    assert area.contains(again.frameGeometry())
