"""The study screen's card column: the card (text and pictures) and a list card's tickable items,
scrolling together so nothing is clipped at any text size; and the type-in answer field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from .card_text import CardImages
from .card_view import CardBrowser, ListRecallPanel, load_images

MAX_IMAGE_SIZE = (720, 400)     # px: the largest a card image is shown


class CardColumn(QScrollArea):
    """``view`` (the card) above ``items`` (a list card's items, hidden otherwise)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = CardBrowser()
        self.items = ListRecallPanel()
        self.items.hide()
        content = QWidget()
        content.setObjectName("cardColumn")
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(12)
        inner.addWidget(self.view)
        inner.addWidget(self.items)
        inner.addStretch(1)
        self.setWidget(content)
        self.content = content
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Card and answer")

    def show_card(self, html: str, images: CardImages) -> None:
        """Show ``html`` with the pictures it names (``images.found``, filled while rendering it)."""
        self.view.set_images(load_images(images.found, self.image_box()))
        self.view.set_card_html(html)

    def image_box(self) -> QSize:
        """The largest size (px) a card image is shown at: the card's width (the window's, before the
        screen is first laid out), at most :data:`MAX_IMAGE_SIZE`."""
        width = self.view.viewport().width() if self.view.isVisible() else self.window().width() - 160
        return QSize(min(max(160, width - 24), MAX_IMAGE_SIZE[0]), MAX_IMAGE_SIZE[1])

    def set_card_font(self, font: QFont) -> None:
        self.view.setFont(font)
        self.view.document().setDefaultFont(font)

    def item_font(self) -> QFont:
        """The font of list items and the type-in field: 80% of the card font, at least 10 pt."""
        font = QFont(self.view.font())
        font.setPointSizeF(max(10.0, font.pointSizeF() * 0.8))
        return font

    def scroll_to_answer(self) -> None:
        """Bring the answer into view: its start at the top when it does not fit below the question."""
        content = self.content
        content.updateGeometry()
        if (inner := content.layout()) is not None:
            inner.activate()
        if self.items.isVisible():
            top = self.items.y()
        else:
            top = self.view.y() + self.view.answer_top()
        bar = self.verticalScrollBar()
        page = self.viewport().height()
        bottom = content.sizeHint().height() if self.items.isVisible() else self.view.y() + self.view.height()
        bar.setRange(0, max(0, content.sizeHint().height() - page))
        if bottom - bar.value() > page:            # the answer ends below the fold
            bar.setValue(min(top, max(0, bottom - page)))


class TypeAnswerEdit(QLineEdit):
    """The type-in field. Ctrl+Z (and redo) is not the field's own: in study it always undoes the
    last grade, through the window's Undo action (as in Anki)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            event.ignore()                 # not ours: the shortcut goes to the window
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            event.ignore()
            return
        super().keyPressEvent(event)
