"""The keyboard shortcuts list (F1): a read-only, grouped table with the keys drawn as keycaps."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import theme as theme_mod
from .plain import plain_label, plain_tooltip

# (group, [(keys, action), ...]); " / " separates alternatives, "+" joins a chord ("Ctrl+Z").
# tests/ui/test_shortcuts_dialog.py checks that every shortcut of the app is listed here.
SHORTCUTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Deck list", [
        ("↑ / ↓", "Choose a deck"),
        ("Enter", "Study the selected deck"),
        ("Alt+C", "Custom study for the selected deck"),
        ("Alt+P", "Practice test on the selected deck"),
        ("Alt+X", "Exam date of the selected deck"),
    ]),
    ("Studying", [
        ("Space / Enter", "Show the answer"),
        ("1", "Again — forgot it"),
        ("2", "Hard — recalled with effort"),
        ("3", "Good — recalled"),
        ("4", "Easy — recalled instantly"),
        ("Space / Enter", "Good (once the answer is shown)"),
        ("a / b / c", "Tick the recalled items of a list card"),
        ("Ctrl+Z", "Undo the last answer, bury or suspend"),
        ("-", "Bury: hide the card until tomorrow"),
        ("@", "Suspend: take the card out of study"),
        ("E", "Edit the card"),
        ("Ctrl+L", "Show the card's line in its article"),
        ("Esc", "Back to the decks"),
        ("Enter / Esc", "Back to the decks from the summary or \"nothing due\""),
    ]),
    ("Practice test", [
        ("1–9", "Choose an answer; pair a term with an explanation"),
        ("Backspace", "Undo the last pairing"),
        ("Space / Enter", "Next question; finish"),
        ("Alt+S", "Study the missed cards (at the end)"),
        ("Esc / Alt+C", "Close the practice test"),
    ]),
    ("Card browser", [
        ("Ctrl+E", "Edit the selected card"),
        ("Ctrl+Shift+A", "Add tags to the selected cards"),
        ("Ctrl+Alt+Shift+A", "Remove tags from the selected cards"),
        ("Ctrl+D", "Move the selected cards to a deck"),
        ("Ctrl+J", "Suspend the selected cards"),
        ("Delete", "Delete the selected cards"),
        ("Ctrl+Z", "Undo the last change"),
        ("Ctrl+L", "Show the selected card's line in its article"),
        ("Esc", "Close the browser"),
    ]),
    ("Article reader", [
        ("Ctrl+N", "Go to the next line no card covers"),
        ("Esc", "Back to the card you came from"),
    ]),
    ("Anywhere", [
        ("Ctrl+I", "Import decks"),
        ("Ctrl+Shift+E", "Export a deck"),
        ("Ctrl+Shift+Y", "Sync now"),
        ("Ctrl+B", "Browse cards"),
        ("Ctrl+Shift+N", "Add a card"),
        ("Ctrl+Shift+D", "Manage decks"),
        ("Ctrl+Shift+S", "Statistics"),
        ("Ctrl+Z", "Undo the last change (Edit menu)"),
        ("Ctrl+,", "Settings"),
        ("F1", "This list of shortcuts"),
        ("Ctrl+Q", "Quit"),
    ]),
]

KEYS_ROLE = Qt.ItemDataRole.UserRole + 1  # list of alternatives, each a list of keys
ROW_HEIGHT = 34
GROUP_ROW_HEIGHT = 32


def split_keys(keys: str) -> list[list[str]]:
    """ "Space / Enter" -> [["Space"], ["Enter"]]; "Ctrl+," -> [["Ctrl", ","]]; "+" stays a key."""
    out = []
    for alt in keys.split(" / "):
        parts = [p for p in alt.split("+") if p] if len(alt) > 1 else [alt]
        out.append(parts or [alt])
    return out


class KeycapDelegate(QStyledItemDelegate):
    """Paints a keys cell as keycaps: rounded boxes, "or" between alternatives."""

    PAD_X, GAP, CAP_H = 9, 6, 24

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        alternatives = index.data(KEYS_ROLE)
        if not alternatives:
            super().paint(painter, option, index)
            return
        c = theme_mod.colors()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(option.rect, QColor(c["alt_base"]))
        bold = QFont(option.font)
        bold.setBold(True)
        bold_metrics, metrics = QFontMetrics(bold), QFontMetrics(option.font)
        x: float = option.rect.left() + 14
        top = option.rect.top() + (option.rect.height() - self.CAP_H) / 2
        for i, keys in enumerate(alternatives):
            if i:
                painter.setFont(option.font)
                painter.setPen(QColor(c["muted"]))
                width = metrics.horizontalAdvance("or")
                painter.drawText(QRectF(x, top, width, self.CAP_H), Qt.AlignmentFlag.AlignCenter, "or")
                x += width + self.GAP
            for j, key in enumerate(keys):
                if j:
                    painter.setFont(option.font)
                    painter.setPen(QColor(c["muted"]))
                    painter.drawText(QRectF(x, top, 10, self.CAP_H), Qt.AlignmentFlag.AlignCenter, "+")
                    x += 10 + self.GAP / 2
                width = max(self.CAP_H, bold_metrics.horizontalAdvance(key) + 2 * self.PAD_X)
                cap = QRectF(x, top, width, self.CAP_H)
                painter.setPen(QPen(QColor(c["border"]).darker(115), 1))
                painter.setBrush(QColor(c["alt_base"]))
                painter.drawRoundedRect(cap.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
                painter.setFont(bold)
                painter.setPen(QColor(c["text"]))
                painter.drawText(cap, Qt.AlignmentFlag.AlignCenter, key)
                x += width + self.GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        alternatives = index.data(KEYS_ROLE)
        if not alternatives:
            return super().sizeHint(option, index)
        bold = QFont(option.font)
        bold.setBold(True)
        bm, m = QFontMetrics(bold), QFontMetrics(option.font)
        width: float = 28 + (len(alternatives) - 1) * (m.horizontalAdvance("or") + self.GAP)
        for keys in alternatives:
            width += (len(keys) - 1) * (10 + self.GAP / 2)
            width += sum(max(self.CAP_H, bm.horizontalAdvance(k) + 2 * self.PAD_X) + self.GAP for k in keys)
        return QSize(int(width) + 8, ROW_HEIGHT)


class ShortcutsDialog(QDialog):
    """A clean two-column table of the app's keyboard shortcuts, grouped by screen."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setWindowIcon(theme_mod.icon("keyboard"))
        self.setObjectName("shortcutsDialog")

        title = plain_label(QLabel(), "Keyboard shortcuts")
        title.setProperty("role", "title")
        subtitle = plain_label(QLabel(), "Everything can be done without the mouse.")
        subtitle.setProperty("role", "subtitle")

        rows = sum(1 + len(items) for _, items in SHORTCUTS)
        self.table = QTableWidget(rows, 2)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Shortcut list")
        self.table.setHorizontalHeaderLabels(["Keys", "Action"])
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setHighlightSections(False)

        self.table.setItemDelegateForColumn(0, KeycapDelegate(self.table))
        self.table.setMouseTracking(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        group_font = QFont(self.font())
        group_font.setBold(True)
        group_font.setPointSizeF(max(8.0, group_font.pointSizeF() - 1))
        row = 0
        for group, items in SHORTCUTS:
            item = QTableWidgetItem(group.upper())
            item.setFont(group_font)
            item.setForeground(QColor(theme_mod.colors()["accent"]))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, item)
            self.table.setSpan(row, 0, 1, 2)
            self.table.setRowHeight(row, GROUP_ROW_HEIGHT)
            row += 1
            for keys, action in items:
                key_item = QTableWidgetItem(keys)
                key_item.setData(KEYS_ROLE, split_keys(keys))
                key_item.setData(Qt.ItemDataRole.AccessibleTextRole, keys.replace(" / ", " or "))
                key_item.setToolTip(plain_tooltip(keys))
                key_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                action_item = QTableWidgetItem(action)
                action_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, 0, key_item)
                self.table.setItem(row, 1, action_item)
                row += 1
        self.table.resizeColumnToContents(0)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(10)
        layout.addWidget(self.table, 1)
        layout.addSpacing(10)
        layout.addWidget(buttons)
        height = self.table.horizontalHeader().sizeHint().height() + sum(
            self.table.rowHeight(r) for r in range(rows))
        self.table.setMinimumHeight(min(height + 8, 700))
        self.resize(760, self.sizeHint().height())   # room for the longest keys and actions

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.close_button.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def shortcuts() -> list[tuple[str, str]]:
        """Every (keys, action) row shown, in order."""
        return [pair for _, items in SHORTCUTS for pair in items]
