"""Custom study from the deck list, driven with key events: more new cards today, forgotten
cards, review ahead; the study screen says what kind of session it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from flashcards import Collection, Rating
from flashcards.core import custom_study as cs
from flashcards.ui.custom_study_dialog import SESSION_NOTE, CustomStudyDialog

from .app_fixtures import isolated_qsettings, key, make_deck, open_window

ALT = Qt.KeyboardModifier.AltModifier


def _in_dialog(qtbot, keys: list[tuple]) -> list[str]:
    """Once the modal dialog is up, press ``keys`` in it; returns what it explained."""
    seen: list[str] = []

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CustomStudyDialog) or not dialog.isActiveWindow():
            QTimer.singleShot(10, act)                 # not up yet
            return
        for k in keys:
            qtbot.keyClick(dialog.focusWidget() or dialog, *k)
            seen.append(dialog.explanation.text())
        if dialog.isVisible():                         # the keys did not close it: fail, never hang
            seen.append("still open")
            dialog.reject()

    QTimer.singleShot(0, act)
    return seen


def _back_in(qtbot, window, page) -> None:
    """Wait for ``page``; the offscreen platform does not hand activation back after a modal
    dialog, so the test does (a real window manager does it itself)."""
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_more_new_cards_today_from_the_deck_list(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 40)
    window = open_window(tmp_path / "decks")
    assert window.deck_list.current_deck() == "A"
    seen = _in_dialog(qtbot, [(Qt.Key.Key_Tab,),
                              (Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier), (Qt.Key.Key_1,),
                              (Qt.Key.Key_5,), (Qt.Key.Key_Return,)])
    key(qtbot, window, Qt.Key.Key_C, ALT)                    # the deck list's "Custom study…" button
    _back_in(qtbot, window, window.study)
    assert "Today only" in seen[0] and "still open" not in seen
    assert window.state.col.counts("A").new == 35
    assert window.study.bar.counts.labels["new"].text() == "<u>35</u>"
    assert not window.study.session_banner.isVisible()      # an ordinary session of the deck


def test_forgotten_cards_session_says_what_it_is(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 5)
    data = tmp_path / "data"
    now = datetime.now(UTC)
    with Collection.open(data / "collection.sqlite3") as col:
        col.import_decks([tmp_path / "decks"])
        cards = col.sched.cards("A")
        for card in cards:
            col.sched.answer(card, Rating.Easy, now=now - timedelta(days=30))
        for card in cards[:2]:
            col.sched.answer(col.card(card.id), Rating.Again, now=now - timedelta(minutes=50))
            col.sched.answer(col.card(card.id), Rating.Easy, now=now - timedelta(minutes=30))
        forgotten = {c.id for c in cards[:2]}
    window = open_window(None, data_dir=data)
    seen = _in_dialog(qtbot, [(Qt.Key.Key_Down,), (Qt.Key.Key_Down,), (Qt.Key.Key_Tab,), (Qt.Key.Key_Up,),
                              (Qt.Key.Key_Return,)])
    key(qtbot, window, Qt.Key.Key_C, ALT)
    _back_in(qtbot, window, window.study)
    assert SESSION_NOTE in seen[1] and "still open" not in seen
    study = window.study
    assert study.session_banner.isVisible()
    assert "cards forgotten in the last 2 days" in study.session_banner.text()
    assert "answers are scheduled as usual" in study.session_banner.text()
    shown = set()
    for _ in range(2):
        shown.add(study.card.id)
        key(qtbot, window, Qt.Key.Key_Space)
        key(qtbot, window, "3")
    assert shown == forgotten
    assert window.stack.currentWidget() is window.summary
    assert len(window.state.col.review_log()) == 5 + 4 + 2


def test_review_ahead_with_nothing_ahead_says_so(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 3)
    window = open_window(tmp_path / "decks")
    _in_dialog(qtbot, [(Qt.Key.Key_Down,), (Qt.Key.Key_Down,), (Qt.Key.Key_Down,), (Qt.Key.Key_Return,)])
    key(qtbot, window, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: "No cards match" in window.statusBar().currentMessage())
    assert window.stack.currentWidget() is window.deck_list


def test_dialog_ranges_follow_the_choice(qtbot) -> None:
    dialog = CustomStudyDialog("A::B")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.choice() == (cs.MORE_NEW, 10) and dialog.number.maximum() == cs.EXTRA_CARDS[1]
    qtbot.keyClick(dialog, Qt.Key.Key_A, ALT)                 # a mnemonic clicks after a short animation
    qtbot.waitUntil(lambda: dialog.kind == cs.AHEAD)
    assert dialog.choice() == (cs.AHEAD, 1) and dialog.number.maximum() == cs.DAYS[1]
    assert "A › B" in dialog.windowTitle()
