"""Widgets that show card content: the card browser (loads nothing) and the list-card checklist
where the learner ticks the items they recalled."""

from __future__ import annotations

import string

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from .plain import plain_label
from .render import SafeTextBrowser

LETTERS = string.ascii_lowercase


class CardBrowser(SafeTextBrowser):
    """helper-3's :class:`SafeTextBrowser` (loads nothing) styled as the study card."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("cardView")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # no link is clickable
        self.setAccessibleName("Card")

    def set_card_html(self, html: str) -> None:
        self.setHtml(html)
        self.setAccessibleDescription(self.toPlainText())


class _ItemLabel(QLabel):
    """A wrapping item text that toggles its checkbox when clicked."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__()
        self._box = box
        plain_label(self, text)   # card text, shown as typed
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._box.toggle()
        super().mouseReleaseEvent(event)


class ListRecallPanel(QFrame):
    """The items of a list card, each with a checkbox; letters a, b, c… toggle them."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName("Items: tick the ones you recalled")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(24, 12, 24, 12)
        self._layout.setSpacing(4)
        title = plain_label(QLabel(), "Tick the items you recalled (keys a, b, c…)")
        title.setProperty("role", "section")
        self._layout.addWidget(title)
        self.boxes: list[QCheckBox] = []
        self._rows: list[QWidget] = []
        self._labels: list[QLabel] = []

    def set_items(self, items: tuple[str, ...] | list[str], font: QFont) -> None:
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows, self.boxes, self._labels = [], [], []
        for i, item in enumerate(items):
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(10)
            box = QCheckBox()
            letter = LETTERS[i] if i < len(LETTERS) else ""
            box.setAccessibleName(f"{item}" + (f" (key {letter})" if letter else ""))
            box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            box.toggled.connect(self.changed)
            key = plain_label(QLabel(), letter)
            key.setProperty("role", "hint")
            key.setFixedWidth(14)
            text = _ItemLabel(item, box)
            text.setFont(font)
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(key, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(text, 1)
            self._layout.addWidget(row)
            self._rows.append(row)
            self.boxes.append(box)
            self._labels.append(text)
        for a, b in zip(self.boxes, self.boxes[1:]):
            self.setTabOrder(a, b)

    def set_font(self, font: QFont) -> None:
        for label in self._labels:
            label.setFont(font)

    def toggle(self, index: int) -> None:
        if 0 <= index < len(self.boxes):
            self.boxes[index].toggle()

    @property
    def recalled(self) -> int:
        return sum(box.isChecked() for box in self.boxes)

    @property
    def total(self) -> int:
        return len(self.boxes)
