"""The shortcuts list (F1) names every key the app binds: menus, screens, browser, reader."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from flashcards.ui.practice import PracticeDialog
from flashcards.ui.shortcuts_dialog import SHORTCUTS, ShortcutsDialog, split_keys

from .app_fixtures import decks_dir, isolated_qsettings, open_window

ALIASES = {"Return": "Enter", "Escape": "Esc", "Del": "Delete"}


def _listed(group: str | None = None) -> set[str]:
    """Every key chord the dialog names (in ``group``), "1–9" expanded, as "Ctrl+Shift+S" text."""
    out: set[str] = set()
    for name, rows in SHORTCUTS:
        if group is not None and name != group:
            continue
        for keys, _action in rows:
            for alt in split_keys(keys):
                chord = "+".join(alt)
                if "–" in chord:
                    low, high = chord.split("–")
                    out.update(str(d) for d in range(int(low), int(high) + 1))
                else:
                    out.add(chord)
    return out


def _text(seq: QKeySequence) -> str:
    text = seq.toString(QKeySequence.SequenceFormat.PortableText)
    return ALIASES.get(text, text)


def _bound(root: QWidget, skip: set[int] = frozenset()) -> set[str]:  # type: ignore[assignment]
    """The key chords of ``root``'s actions, shortcuts and buttons with a mnemonic (Alt+letter)."""
    keys = {_text(s) for a in root.findChildren(QAction) for s in a.shortcuts()}
    keys |= {_text(s.key()) for s in root.findChildren(QShortcut) if id(s) not in skip}
    for button in root.findChildren(QAbstractButton):
        text = button.text()
        if "&" in text.replace("&&", ""):
            keys.add("Alt+" + text[text.index("&") + 1].upper())
    return {k for k in keys if k}


def test_every_shortcut_of_the_app_is_listed(qtbot, open_window, decks_dir: Path) -> None:
    window = open_window(decks_dir)
    letters = {id(s) for s in window.study._letter_keys}        # "a / b / c": list items
    listed = _listed()
    deck_list, study = _bound(window.deck_list), _bound(window.study, letters)
    assert {"Alt+X", "Alt+C", "Alt+P", "Enter"} <= deck_list <= listed, deck_list - listed
    assert {"E", "Ctrl+L", "-", "@", "1", "Esc"} <= study <= listed, study - listed
    assert len(letters) > 3
    menus = {_text(s) for a in window.findChildren(QAction) for s in a.shortcuts()}
    assert menus <= listed, menus - listed
    window.open_browser()
    browser = _bound(window.browser)
    assert {"Ctrl+E", "Ctrl+J", "Delete"} <= browser <= _listed("Card browser"), browser - _listed("Card browser")
    reader = _bound(window.articles._reader())
    assert {"Ctrl+N", "Esc"} <= reader <= _listed("Article reader"), reader
    practice = PracticeDialog(window.state.col, window.deck_list.current_deck() or "", window)
    qtbot.addWidget(practice)
    keys = _bound(practice)
    assert {"1", "9", "Backspace", "Enter"} <= keys <= _listed("Practice test"), keys - _listed("Practice test")
    assert {"Alt+X", "E", "Ctrl+L", "Ctrl+B", "Ctrl+Shift+S", "Alt+C", "Alt+P"} <= listed


def test_new_rows_are_shown(qtbot) -> None:
    dlg = ShortcutsDialog()
    qtbot.addWidget(dlg)
    rows = {action: keys for keys, action in dlg.shortcuts()}
    assert rows["Exam date of the selected deck"] == "Alt+X"
    assert rows["Edit the card"] == "E"
    assert rows["Browse cards"] == "Ctrl+B"
    assert dlg.table.rowCount() == sum(1 + len(items) for _g, items in SHORTCUTS)
    keys_cells = [dlg.table.item(r, 0) for r in range(dlg.table.rowCount())]
    assert any(c is not None and c.data(Qt.ItemDataRole.UserRole + 1) == [["Ctrl", "Alt", "Shift", "A"]]
               for c in keys_cells)
