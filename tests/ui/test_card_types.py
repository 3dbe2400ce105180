"""Cloze, list, reverse and type-in cards on the study screen, driven from the keyboard."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards import Collection, Rating

from .app_fixtures import isolated_qsettings, key, open_window

DECKS = {
    "cloze.yaml": """deck: "T::Cloze"
cards:
  - id: mvd
    type: cloze
    text: "{{c1::Microvascular decompression}} relieves pressure on the {{c2::facial nerve}}."
""",
    "list.yaml": """deck: "T::List"
cards:
  - id: nerves
    type: list
    front: "Name three cranial nerves."
    items: ["Facial nerve", "Trigeminal nerve", "Vagus nerve"]
""",
    "reverse.yaml": """deck: "T::Reverse"
cards:
  - id: botox
    type: reverse
    front: "Botox (treatment of hemifacial spasm)"
    back: "Injected into facial muscles to temporarily paralyse them."
""",
    "basic.yaml": """deck: "T::Basic"
cards:
  - id: cause
    front: "Most common cause of hemifacial spasm?"
    back: "Neurovascular compression"
""",
}


def _write_decks(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DECKS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cloze_question_hides_the_deletion_and_answer_highlights_it(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_write_decks(tmp_path / "decks"))
    window.start_study("T::Cloze")
    study = window.study
    assert study.card.cloze_number == 1
    question = study.view.toPlainText()
    assert "[...] relieves pressure on the facial nerve." in question
    assert "Microvascular" not in question
    key(qtbot, window, Qt.Key.Key_Space)
    assert "Microvascular decompression relieves pressure on the facial nerve." in study.view.toPlainText()
    html = study.view.toHtml()
    start = html.index("Microvascular")
    assert "font-weight" in html[html.rfind("<span", 0, start):start]   # the asked deletion is highlighted


def test_list_card_ticks_items_and_suggests_a_grade(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_write_decks(tmp_path / "decks"))
    window.start_study("T::List")
    study = window.study
    assert "Name three cranial nerves." in study.view.toPlainText()
    assert not study.items.isVisible()
    key(qtbot, window, "a")                       # letters do nothing before the answer is shown
    key(qtbot, window, Qt.Key.Key_Space)
    assert study.items.isVisible() and study.items.total == 3
    assert [b.accessibleName().split(" (")[0] for b in study.items.boxes] == [
        "Facial nerve", "Trigeminal nerve", "Vagus nerve"]
    assert study.items.recalled == 0 and "Space = Good" in study.bar.hint.text()
    key(qtbot, window, "a")
    assert study.items.boxes[0].isChecked() and "suggested: Again" in study.bar.hint.text()
    key(qtbot, window, "c")
    assert "Recalled 2 of 3" in study.bar.hint.text() and "suggested: Hard" in study.bar.hint.text()
    assert "★" in study.bar.buttons[Rating.Hard].text()
    key(qtbot, window, "b")
    assert "suggested: Good" in study.bar.hint.text()
    key(qtbot, window, "c")                       # untick again
    key(qtbot, window, "c")
    card_id = study.card.id
    key(qtbot, window, Qt.Key.Key_Space)          # Space accepts the suggestion
    last = window.state.col.review_log()[-1]
    assert last.card_id == card_id and last.rating == Rating.Good


def test_list_card_digit_overrides_suggestion(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_write_decks(tmp_path / "decks"))
    window.start_study("T::List")
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, "a")
    key(qtbot, window, "4")
    assert window.state.col.review_log()[-1].rating == Rating.Easy


def test_reverse_card_asks_the_back(qtbot, open_window, tmp_path: Path) -> None:
    decks = _write_decks(tmp_path / "decks")
    with Collection.open(tmp_path / "data" / "collection.sqlite3") as col:
        col.import_decks([decks])
        forward = next(c for c in col.cards("T::Reverse") if not c.is_reverse)
        col.suspend(forward.id)
    window = open_window(decks)
    window.start_study("T::Reverse")
    study = window.study
    assert study.card.is_reverse
    assert study.view.toPlainText().strip() == "Injected into facial muscles to temporarily paralyse them."
    key(qtbot, window, Qt.Key.Key_Space)
    assert "Botox (treatment of hemifacial spasm)" in study.view.toPlainText()


def test_type_in_answer_shows_a_diff(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_write_decks(tmp_path / "decks"))
    window.start_study("T::Basic")
    study = window.study
    assert not study.type_edit.isVisible()
    study.type_toggle.click()
    assert study.type_edit.isVisible() and study.type_edit.hasFocus()
    qtbot.keyClicks(study.type_edit, "Neurovascular compresion 1")   # digits and Space type, not grade
    assert not study.revealed and window.state.col.review_log() == []
    qtbot.keyClick(study.type_edit, Qt.Key.Key_Return)
    assert study.revealed and not study.type_edit.isVisible()
    html = study.view.toHtml()
    assert "line-through" in html and "underline" in html          # wrong and missed characters marked
    assert "Neurovascular compression" in study.view.toPlainText()
    key(qtbot, window, "2")
    assert window.state.col.review_log()[-1].rating == Rating.Hard


def test_type_in_exact_answer_is_marked_correct(qtbot, open_window, tmp_path: Path) -> None:
    window = open_window(_write_decks(tmp_path / "decks"))
    window.start_study("T::Basic")
    window.study.type_toggle.click()
    qtbot.keyClicks(window.study.type_edit, "neurovascular  Compression")
    qtbot.keyClick(window.study.type_edit, Qt.Key.Key_Enter)
    assert "✓" in window.study.view.toPlainText()
