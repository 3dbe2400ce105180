"""The article reader: carded lines marked, uncovered lines standing out, a line's cards in the
browser, "Show Source" from the study screen and the browser, and back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from flashcards.core.articles.coverage import article_lines, find_article
from flashcards.ui.article_reader import line_text

from .app_fixtures import decks_dir, isolated_qsettings, key, open_window


def test_line_text_marks() -> None:
    assert line_text(7, "  1. Tumors: growth", 2) == "   7  ● 2  " + "  1. Tumors: growth"
    assert line_text(8, "Prose no card covers", 0) == "   8  ○    Prose no card covers"
    assert line_text(9, "   ", 0).strip() == "9"


def test_show_source_from_study_and_back(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    col = window.state.col
    window.start_study("Hemifacial Spasm::Causes")
    card = window.study.card
    assert card is not None and card.source_line
    key(qtbot, window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)         # Show Source
    reader = window.articles.reader
    assert reader is not None and reader.isVisible() and reader.back_button.isVisible()
    assert reader.source == "hemifacial-spasm.txt" and reader.current_line == card.source_line
    assert reader.view.currentRow() == card.source_line - 1
    lines = article_lines(find_article(col, "hemifacial-spasm.txt"))
    assert reader.view.count() == len(lines)
    row = reader.view.item(card.source_line - 1).text()
    assert "●" in row and lines[card.source_line - 1].strip() in row
    assert card.id in reader.line_cards()
    assert reader.cards.currentItem().data(Qt.ItemDataRole.UserRole) == card.id
    assert reader.cards.currentItem().text().startswith(card.question().split("\n")[0][:20])
    uncovered = reader.coverage.uncovered(lines)
    assert uncovered and "○" in reader.view.item(uncovered[0] - 1).text()       # left to card
    assert f"{len(uncovered)} not yet" in reader.summary.text()
    reader.next_uncovered()
    assert reader.current_line in uncovered and reader.line_cards() == []
    assert not reader.browse_button.isEnabled()

    reader.go_to_line(card.source_line)                     # a line → its cards in the browser
    reader.browse_button.click()
    browser = window.browser
    assert browser.search_box.text() == "cid:" + ",".join(map(str, reader.line_cards()))
    assert sorted(browser.model.ids) == sorted(reader.line_cards())
    browser.close()

    reader.activateWindow()
    qtbot.waitUntil(reader.isActiveWindow)
    key(qtbot, reader, Qt.Key.Key_Escape)                   # Back: the study screen, same card
    assert not reader.isVisible()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.stack.currentWidget() is window.study and window.study.card.id == card.id


def test_show_source_from_the_browser(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    window.open_browser('deck:"Hemifacial Spasm::Causes"')
    browser = window.browser
    qtbot.waitUntil(browser.isActiveWindow)
    card_id = browser.model.ids[0]
    browser.select_ids([card_id])
    browser.actions_by_name["source"].trigger()
    reader = window.articles.reader
    line = window.state.col.card(card_id).source_line
    assert reader.isVisible() and reader.current_line == line and card_id in reader.line_cards()
    reader.back_button.click()
    assert not reader.isVisible()
    qtbot.waitUntil(browser.isActiveWindow)


def test_tools_reader_and_locating_a_missing_article(qtbot, open_window, decks_dir: Path, tmp_path: Path) -> None:
    text = (decks_dir / "causes.yaml").read_text(encoding="utf-8")
    (decks_dir / "causes.yaml").write_text(text.replace('source: "hemifacial-spasm.txt"', 'source: "moved.txt"'),
                                           encoding="utf-8")
    window = open_window(decks_dir)
    reader = window.articles.open_reader()
    assert reader.isVisible() and not reader.back_button.isVisible()
    assert reader.source == "moved.txt" and reader.view.count() == 0
    assert reader.missing.isVisible() and "'moved.txt' was not found" in reader.missing.text()
    assert reader.missing.textFormat() == Qt.TextFormat.PlainText
    copy = tmp_path / "elsewhere.txt"
    copy.write_text(find_article(window.state.col, "hemifacial-spasm.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    reader.locate(copy)                                     # remembered in the collection
    assert find_article(window.state.col, "moved.txt") == copy.resolve()
    assert reader.view.count() == len(article_lines(copy)) and not reader.missing.isVisible()
    assert any("●" in reader.view.item(i).text() for i in range(reader.view.count()))
    reader.close()
