"""The practice test from the deck list, driven with key events: multiple choice, matching,
score, missed cards offered for study; the schedule (cards, review log) is never changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from flashcards.core.practice import MatchRound, PracticeTest, Question
from flashcards.ui.practice import BANNER, PracticeDialog

from .app_fixtures import isolated_qsettings, key, make_deck, open_window


def _snapshot(col) -> tuple[list[tuple], list[tuple]]:
    with col.db.read() as conn:
        return ([tuple(r) for r in conn.execute("SELECT * FROM cards ORDER BY id")],
                [tuple(r) for r in conn.execute("SELECT * FROM revlog ORDER BY id")])


def test_practice_from_the_deck_list_changes_nothing_then_studies_the_misses(qtbot, open_window,
                                                                              tmp_path: Path) -> None:
    make_deck(tmp_path / "decks" / "a.yaml", "A", 8)
    window = open_window(tmp_path / "decks")
    col = window.state.col
    before = _snapshot(col)
    report: dict[str, object] = {}

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PracticeDialog) or not dialog.isActiveWindow():
            QTimer.singleShot(10, act)
            return
        try:
            test = dialog.test
            assert test is not None and len(test.questions) == 8
            report["banner"] = dialog.findChild(type(dialog.hint), "practiceBanner").text()
            for i, question in enumerate(test.questions):
                pick = question.correct if i % 2 else (question.correct + 1) % len(question.options)
                qtbot.keyClick(dialog, str(pick + 1))
                assert dialog.feedback.text().startswith("Right" if i % 2 else "Not quite")
                qtbot.keyClick(dialog, Qt.Key.Key_Space)
            assert dialog.pages.currentWidget() is dialog.match_page
            match = test.match
            assert match is not None
            for k in (match.solution[1], match.solution[0]):        # two swapped, then undone once
                qtbot.keyClick(dialog, str(k + 1))
            qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
            assert test.pairing[1] is None
            qtbot.keyClick(dialog, str(match.solution[0] + 1))    # term 1 takes term 0's: both wrong
            for term in range(2, len(match.terms)):
                qtbot.keyClick(dialog, str(match.solution[term] + 1))
            qtbot.keyClick(dialog, Qt.Key.Key_Return)
            assert dialog.pages.currentWidget() is dialog.result_page
            report["score"] = dialog.score_label.text()
            report["missed"] = test.missed()
            report["unchanged"] = _snapshot(col) == before
            qtbot.keyClick(dialog, Qt.Key.Key_Return)              # study the missed cards
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, act)
    key(qtbot, window, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.study)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert report["banner"] == BANNER
    assert report["unchanged"] is True                              # the test itself wrote nothing
    missed = report["missed"]
    assert isinstance(missed, list) and 4 <= len(missed) <= 4 + 2   # 4 wrong answers, 2 wrong matches
    assert report["score"] == "Score: 7 of 13 (54 %)"               # 4 of 8 questions, 3 of 5 pairs
    study = window.study
    assert "cards missed in the practice test" in study.session_banner.text()
    assert study.card.id == missed[0]
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "4")
    assert len(col.review_log()) == 1                              # studying afterwards is scheduled


def test_too_small_a_deck_explains_itself(qtbot, tmp_path: Path) -> None:
    from flashcards import Collection

    make_deck(tmp_path / "one.yaml", "One", 1)
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.import_decks([tmp_path / "one.yaml"])
        dialog = PracticeDialog(col, "One")
        qtbot.addWidget(dialog)
        assert dialog.test is None
        assert "at least two cards" in dialog.findChild(type(dialog.hint), "practiceError").text()


def test_nothing_missed_offers_no_study(qtbot, tmp_path: Path) -> None:
    test = PracticeTest("D", [Question(1, "Q?", ("yes", "no"), 0)],
                        MatchRound((1, 2), ("t1", "t2"), ("e2", "e1"), (1, 0)))
    dialog = PracticeDialog(None, "D", test=test)  # type: ignore[arg-type]  # no collection needed
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for k in ("1", Qt.Key.Key_Space, "2", "1", Qt.Key.Key_Return):
        qtbot.keyClick(dialog, k)
    assert dialog.score_label.text() == "Score: 3 of 3 (100 %)"
    assert not dialog.study_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.study_missed is None and not dialog.isVisible()
