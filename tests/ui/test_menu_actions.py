"""Menu actions call their slot with no arguments (a QAction's `checked` flag once reached
open_browser(query=False) and crashed it: every menu entry goes through one wrapper)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from .app_fixtures import isolated_qsettings, make_deck, open_window


def _action(window, text: str) -> QAction:
    found = [a for a in window.findChildren(QAction) if a.text().replace("&", "") == text]
    assert found, text
    return found[0]


def test_browse_cards_from_the_menu_opens_the_browser(qtbot, open_window, tmp_path: Path) -> None:
    make_deck(tmp_path / "d" / "a.yaml", "A", 3)
    window = open_window(tmp_path / "d")
    _action(window, "Browse Cards…").trigger()            # triggered(checked=False) as a real click sends
    browser = window.browser
    assert browser.isVisible() and browser.search_box.text() == ""
    qtbot.waitUntil(lambda: browser.model.rowCount() == 3)
    browser.close()


def test_escape_closes_the_browser(qtbot, open_window, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    make_deck(tmp_path / "d" / "a.yaml", "A", 2)
    window = open_window(tmp_path / "d")
    window.open_browser()
    browser = window.browser
    qtbot.waitUntil(browser.isVisible)
    browser.activateWindow()
    qtbot.waitUntil(browser.isActiveWindow)
    qtbot.keyClick(browser.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not browser.isVisible())
