"""Help › Keyboard shortcuts: a read-only table of every key the app understands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

SHORTCUTS: tuple[tuple[str, str, str], ...] = (
    ("Deck list", "↑ / ↓", "Choose a deck"),
    ("Deck list", "Enter", "Study the selected deck"),
    ("Study", "Space or Enter", "Show the answer"),
    ("Study", "1 / 2 / 3 / 4", "Again / Hard / Good / Easy (after the answer is shown)"),
    ("Study", "Space or Enter", "Good, once the answer is shown (list cards: the suggested grade)"),
    ("Study", "a, b, c …", "Tick the recalled items of a list card"),
    ("Study", "-", "Bury the card until tomorrow"),
    ("Study", "@", "Suspend the card"),
    ("Study", "Esc", "Back to the deck list"),
    ("Anywhere", "Ctrl+Z", "Undo the last answer, bury or suspend"),
    ("Anywhere", "Ctrl+,", "Settings"),
    ("Anywhere", "Ctrl+Q", "Quit"),
)


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 16)
        title = QLabel("Keyboard shortcuts")
        title.setProperty("role", "title")
        layout.addWidget(title)
        table = QTableWidget(len(SHORTCUTS), 3)
        table.setHorizontalHeaderLabels(["Where", "Keys", "Action"])
        table.setAccessibleName("Shortcut list")
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setShowGrid(False)
        for row, values in enumerate(SHORTCUTS):
            for col, value in enumerate(values):
                item = QTableWidgetItem(value)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                table.setItem(row, col, item)
        head = table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout.addWidget(buttons)
        self.resize(620, 520)
