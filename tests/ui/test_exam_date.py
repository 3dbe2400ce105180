"""The exam date dialog, opened from the real deck list (Alt+X, context menu), and the exam line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QMenu

from flashcards.core.exam import exam_lines
from flashcards.ui.exam_date_dialog import ExamDateDialog

from .app_fixtures import decks_dir, isolated_qsettings, key, open_window

DECK = "Hemifacial Spasm"
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _qdate(d) -> QDate:
    return QDate(d.year, d.month, d.day)


def _window(open_window, decks_dir: Path):
    window = open_window(decks_dir)
    window.deck_list.clock = lambda: NOW
    window.deck_list.select(DECK)
    return window


def _dialog(qtbot, deck_list) -> ExamDateDialog:
    qtbot.waitUntil(lambda: deck_list.exam_dialog is not None and deck_list.exam_dialog.isVisible())
    dialog = deck_list.exam_dialog
    assert dialog is not None and dialog.deck == DECK
    return dialog


def test_alt_x_sets_the_exam_date_and_the_deck_list_shows_the_outlook(qtbot, open_window, decks_dir: Path) -> None:
    window = _window(open_window, decks_dir)
    col, deck_list = window.state.col, window.deck_list
    today = col.conf.learner_day.day_of(NOW)
    assert not deck_list.exam_label.isVisible()
    key(qtbot, window, Qt.Key.Key_X, Qt.KeyboardModifier.AltModifier)
    dialog = _dialog(qtbot, deck_list)
    assert dialog.today == today and not dialog.clear_button.isEnabled()     # no exam date yet

    dialog.date_edit.setDate(_qdate(today - timedelta(days=1)))             # the past: refused
    assert not dialog.save_button.isEnabled() and dialog.error.isVisible()
    dialog.save()
    assert col.decks.options(DECK).exam_date is None

    exam = today + timedelta(days=12)
    dialog.date_edit.setDate(_qdate(exam))
    assert dialog.save_button.isEnabled() and not dialog.error.isVisible()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: deck_list.exam_dialog is None)
    assert col.decks.options(DECK).exam_date == exam
    expected = exam_lines(col, NOW)[DECK]
    assert expected.startswith(f"Exam {exam.day} {exam.strftime('%b')} · ")
    assert expected.endswith("/day to reach 90%") and "recalled then" in expected
    assert deck_list.exam_lines == {DECK: expected}
    assert deck_list.exam_label.isVisible() and deck_list.exam_label.text() == f"{DECK}: {expected}"
    item = next(i for i in deck_list.items() if i.data(0, Qt.ItemDataRole.UserRole) == DECK)
    assert expected in item.toolTip(0)


def test_context_menu_opens_the_dialog_and_clear_removes_the_date(qtbot, open_window, decks_dir: Path) -> None:
    window = _window(open_window, decks_dir)
    col, deck_list = window.state.col, window.deck_list
    exam = col.conf.learner_day.day_of(NOW) + timedelta(days=3)
    col.decks.update_options(DECK, exam_date=exam)
    deck_list.refresh()
    assert deck_list.exam_label.isVisible() and DECK in deck_list.exam_lines

    item = next(i for i in deck_list.items() if i.data(0, Qt.ItemDataRole.UserRole) == DECK)
    deck_list.tree.customContextMenuRequested.emit(deck_list.tree.visualItemRect(item).center())
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    actions = {a.text(): a for a in menu.actions()}
    assert list(actions) == ["Study", "Custom Study…", "Practice Test…", "Exam Date…"]
    actions["Exam Date…"].trigger()
    menu.close()
    dialog = _dialog(qtbot, deck_list)
    assert dialog.chosen() == exam and dialog.clear_button.isEnabled()
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: deck_list.exam_dialog is None)
    assert col.decks.options(DECK).exam_date is None
    assert deck_list.exam_lines == {} and not deck_list.exam_label.isVisible()


def test_cancel_changes_nothing(qtbot, open_window, decks_dir: Path) -> None:
    window = _window(open_window, decks_dir)
    deck_list = window.deck_list
    deck_list.edit_exam_date()
    dialog = _dialog(qtbot, deck_list)
    dialog.date_edit.setDate(dialog.date_edit.date().addDays(5))
    dialog.reject()
    qtbot.waitUntil(lambda: deck_list.exam_dialog is None)
    assert window.state.col.decks.options(DECK).exam_date is None and not deck_list.exam_label.isVisible()
