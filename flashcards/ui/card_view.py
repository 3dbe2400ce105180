"""Widgets that show card content: the card browser (loads nothing) and the list-card checklist
where the learner ticks the items they recalled."""

from __future__ import annotations

import math
import string
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage, QImageReader, QMouseEvent, QResizeEvent, QTextTable
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .plain import plain_label
from .render import SafeTextBrowser

LETTERS = string.ascii_lowercase


#: Images with more pixels than this are not decoded (a small file can claim a huge size).
MAX_IMAGE_PIXELS = 40_000_000


def load_images(found: dict[str, Path], box: QSize) -> dict[str, QImage]:
    """Decode the card's images (already checked by :func:`flashcards.core.media.resolve`),
    scaled to fit ``box`` (never enlarged); an image that cannot be read is left out."""
    images: dict[str, QImage] = {}
    for url, path in found.items():
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid() and size.width() * size.height() > MAX_IMAGE_PIXELS:
            continue
        if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
            reader.setScaledSize(size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
        image = reader.read()
        if not image.isNull():
            images[url] = image
    return images


class CardBrowser(SafeTextBrowser):
    """helper-3's :class:`SafeTextBrowser` (loads nothing) styled as the study card.

    It is as tall as its text (never less than ``min_height`` px) and has no scroll bar of its
    own: the study screen scrolls the card and the list items together, so nothing is clipped at
    any text size and short cards leave no large empty box.
    """

    def __init__(self, parent: QWidget | None = None, min_height: int = 80):
        super().__init__(parent)
        self.setObjectName("cardView")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # no link is clickable
        self.setAccessibleName("Card")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._min_height = min_height

    def set_card_html(self, html: str) -> None:
        self.setHtml(html)
        self.setAccessibleDescription(self.toPlainText())
        self.fit_height()

    def fit_height(self) -> None:
        """Make the widget exactly as tall as its text laid out at the current width."""
        doc = self.document()
        width = self.viewport().width()
        if width > 0:
            doc.setTextWidth(width)
        margins = self.contentsMargins()
        height = math.ceil(doc.size().height()) + margins.top() + margins.bottom() + 2
        self.setFixedHeight(max(self._min_height, height))

    def answer_top(self) -> int:
        """The y (px, in this widget) where the answer starts: below the rule between question and
        answer (see card_text.answer_html); 0 when the text has no rule."""
        doc = self.document()
        layout = doc.documentLayout()
        tops = [layout.frameBoundingRect(frame).bottom() for frame in doc.rootFrame().childFrames()
                if isinstance(frame, QTextTable)]
        return int(max(tops)) + self.contentsMargins().top() if tops else 0

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit_height()


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


def indicator_size(font: QFont) -> int:
    """A tick box's side in px for item text in ``font``: about the height of a capital letter."""
    return max(16, round(QFontMetrics(font).capHeight() * 1.25))


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
        self._keys: list[QLabel] = []

    def set_items(self, items: tuple[str, ...] | list[str], font: QFont) -> None:
        for row in self._rows:
            self._layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self._rows, self.boxes, self._labels, self._keys = [], [], [], []
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
            text = _ItemLabel(item, box)
            text.setFont(font)
            key.setFont(font)
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(key, 0, Qt.AlignmentFlag.AlignVCenter)
            layout.addWidget(text, 1)
            self._layout.addWidget(row)
            self._rows.append(row)
            self.boxes.append(box)
            self._labels.append(text)
            self._keys.append(key)
        for a, b in zip(self.boxes, self.boxes[1:]):
            self.setTabOrder(a, b)
        self.set_font(font)

    def set_font(self, font: QFont) -> None:
        """Item text in ``font``; the tick boxes and key letters grow with it."""
        for label in self._labels:
            label.setFont(font)
        side = indicator_size(font)
        self.setStyleSheet(f"QCheckBox::indicator {{ width: {side}px; height: {side}px; }}")
        for letter in self._keys:
            letter.setFont(font)
            letter.setFixedWidth(QFontMetrics(font).horizontalAdvance("m") + 4)

    def toggle(self, index: int) -> None:
        if 0 <= index < len(self.boxes):
            self.boxes[index].toggle()

    @property
    def recalled(self) -> int:
        return sum(box.isChecked() for box in self.boxes)

    @property
    def total(self) -> int:
        return len(self.boxes)
