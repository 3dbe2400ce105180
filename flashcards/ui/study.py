"""The study screen: question, answer, grading from the keyboard, bury/suspend, type-in answers.

Keys (window shortcuts, live only while this screen is visible): Space/Enter show the answer,
then grade Good (list cards: the suggested grade); 1–4 grade; ``-`` buries, ``@`` suspends;
a, b, c… tick list items; Esc goes back. The session itself (card, side, timing, totals, what
comes next) is the Qt-free :class:`ReviewController`; this widget shows its state and forwards
keys. Every change goes through :class:`CollectionOp` (via :class:`OpRunner`).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from flashcards.core import media
from flashcards.core.custom_study import CardListSession
from flashcards.core.models import Card, CardType, Counts, Rating

from .answer_bar import AnswerBar
from .card_column import CardColumn, TypeAnswerEdit
from .card_text import CardImages, answer_html, question_html, typed_diff_html
from .card_view import LETTERS
from .operations import CollectionState, OpChanges, OpRunner
from .palette import card_colors, card_kind
from .review_controller import ReviewController, Show, deck_path
from .session import SessionStats
from .theme import card_font, icon

TYPE_IN_KEY = "study/type_answer"
__all__ = ["StudyScreen", "TypeAnswerEdit", "card_font_size", "deck_path"]


def card_font_size(state: CollectionState) -> float:
    """The learner's card font size in points (``ui.font_size``, default 18), from the state's cache."""
    return float(state.ui_prefs.font_size)


class StudyScreen(QWidget):
    """Shows cards of one deck until nothing is due; emits ``finished`` with the session stats."""

    finished = Signal(object)   # SessionStats
    back = Signal()
    message = Signal(str)       # short status-bar notices
    resumed = Signal()          # an undo brought a card of this session back
    edit_requested = Signal(int)   # E: edit the current card's note (then the same card is shown)
    source_requested = Signal(int)  # Ctrl+L / Source: the card's line in its article (the reader)

    def __init__(self, state: CollectionState, parent: QWidget | None = None,
                 clock: Callable[[], float] = time.monotonic):
        super().__init__(parent)
        self._state = state
        self.controller = ReviewController(OpRunner(self, state, initiator=self), clock)
        self.controller.on_show = self._show
        self.controller.on_ticks = self._show_ticks
        self.controller.on_message = self.message.emit
        self._counts = Counts(0, 0, 0)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(10)   # after the new card has been painted
        self._counts_timer.timeout.connect(self._counts_due)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Study")
        self._build()
        self._bind_keys()
        self.controller.typing = self.type_toggle.isChecked()
        state.changed.connect(self._on_changed)

    # The session's state, for the main window and tests.
    @property
    def deck(self) -> str:
        return self.controller.deck

    @property
    def card(self) -> Card | None:
        return self.controller.card

    @property
    def revealed(self) -> bool:
        return self.controller.revealed

    @property
    def stats(self) -> SessionStats:
        return self.controller.stats

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        column = QWidget()
        column.setMaximumWidth(920)
        outer.addStretch(1)
        outer.addWidget(column, 100)
        outer.addStretch(1)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)

        top = QHBoxLayout()
        self.deck_label = QLabel()
        self.deck_label.setTextFormat(Qt.TextFormat.PlainText)
        self.deck_label.setProperty("role", "hint")
        self.deck_label.setAccessibleName("Deck")
        top.addWidget(self.deck_label, 1)
        self.type_toggle = QToolButton()
        self.type_toggle.setText("Type answer")
        self.type_toggle.setCheckable(True)
        self.type_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.type_toggle.setToolTip("Type the answer before revealing it (basic cards)")
        self.type_toggle.setAccessibleName("Type the answer")
        self.type_toggle.setChecked(bool(QSettings().value(TYPE_IN_KEY, False, type=bool)))
        self.type_toggle.toggled.connect(self._type_toggled)
        self.back_button = QToolButton()
        self.back_button.setText("Decks")
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.setToolTip("Back to the deck list (Esc)")
        self.back_button.setAccessibleName("Back to decks")
        self.back_button.clicked.connect(self.back)
        _set_icons({self.type_toggle: "keyboard", self.back_button: "back"})
        self.source_button = QToolButton()
        self.source_button.setText("Source")
        self.source_button.setToolTip("Show this card's line in its article (Ctrl+L)")
        self.source_button.clicked.connect(self.show_source)
        top.addWidget(self.source_button)
        top.addWidget(self.type_toggle)
        top.addWidget(self.back_button)
        layout.addLayout(top)

        self.session_banner = QLabel()             # a custom-study session: what it is, and that it differs
        self.session_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.session_banner.setWordWrap(True)
        self.session_banner.setObjectName("sessionBanner")
        self.session_banner.setProperty("role", "section")
        self.session_banner.setAccessibleName("Custom study session")
        self.session_banner.hide()
        layout.addWidget(self.session_banner)

        self.leech_notice = QLabel()
        self.leech_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.leech_notice.setWordWrap(True)
        self.leech_notice.setProperty("role", "muted")
        self.leech_notice.setObjectName("leechNotice")
        self.leech_notice.setAccessibleName("Leech notice")
        self.leech_notice.hide()
        layout.addWidget(self.leech_notice)

        # The card and a list card's items scroll together: nothing is clipped at any text size.
        self.card_scroll = CardColumn()
        self.view, self.items = self.card_scroll.view, self.card_scroll.items
        self.items.changed.connect(self._items_ticked)
        layout.addWidget(self.card_scroll, 1)
        self.items_scroll = self.items            # the items' visibility, for older callers
        self.type_edit = TypeAnswerEdit()
        self.type_edit.setPlaceholderText("Type the answer, then press Enter")
        self.type_edit.setAccessibleName("Your answer")
        self.type_edit.hide()
        layout.addWidget(self.type_edit)
        separator = QFrame()
        separator.setProperty("role", "separator")
        layout.addWidget(separator)
        self.bar = AnswerBar()
        self.bar.show_answer.connect(self.reveal)
        self.bar.graded.connect(lambda r: self.grade(Rating(r)))
        layout.addWidget(self.bar)
        self.setTabOrder(self.type_toggle, self.back_button)
        self.setTabOrder(self.back_button, self.type_edit)
        self.setTabOrder(self.type_edit, self.bar.show_button)

    def _bind_keys(self) -> None:
        def key(seq: str | QKeySequence.StandardKey, fn) -> QShortcut:
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(fn)
            return shortcut

        for seq in ("Space", "Return", "Enter"):
            key(seq, self._primary)
        for rating in Rating:
            key(str(int(rating)), lambda r=rating: self.grade(r))
        key("-", self.bury)
        key("@", self.suspend)
        key("Escape", self.back)
        self._edit_key = key("E", self._request_edit)
        key("Ctrl+L", self.show_source)
        self._letter_keys = [key(letter, lambda i=i: self.controller.toggle_item(i))
                             for i, letter in enumerate(LETTERS)]
        self._set_letters(False)

    def _set_letters(self, count: int) -> None:
        for i, shortcut in enumerate(self._letter_keys):
            shortcut.setEnabled(i < count)
        if hasattr(self, "_edit_key"):
            self._edit_key.setEnabled(count <= LETTERS.index("e"))   # item e of a long list wins

    # ------------------------------------------------------------------ session
    def start(self, deck: str, card_list: CardListSession | None = None) -> bool:
        """Begin a session on ``deck`` (``card_list``: over those cards only, as custom study);
        False (and nothing shown) when nothing is due."""
        started = self.controller.start(deck, card_list)
        if started:
            self.session_banner.setText(f"{card_list.title} · {len(card_list.card_ids)} cards · answers are "
                                        "scheduled as usual" if card_list is not None else "")
            self.session_banner.setVisible(card_list is not None)
        return started

    def show_question(self, card: Card) -> None:
        """Show ``card``'s question in the running session (screenshots and tools)."""
        self.controller.ask(card)

    def _request_edit(self) -> None:
        if self.card is not None:
            self.edit_requested.emit(self.card.id)

    def show_source(self) -> None:
        """Ask for the current card's source line in the article reader."""
        if self.card is not None:
            self.source_requested.emit(self.card.id)

    def reveal(self) -> None:
        self.controller.reveal(self.type_edit.text())

    def grade(self, rating: Rating) -> None:
        self.controller.grade(rating)

    def bury(self) -> None:
        self.controller.bury()

    def suspend(self) -> None:
        self.controller.suspend()

    def undo(self) -> None:
        """Undo the last change; ``resumed`` is emitted if its card is asked again in this session."""
        self.controller.undo(self._after_undo)

    def _after_undo(self, resumed: bool) -> None:
        if resumed:
            self.resumed.emit()                  # the main window shows this screen again
            if self.controller.typing_applies:
                self.type_edit.setFocus()
            else:
                self.setFocus()

    def render_card(self) -> None:
        """(Re)draw the current side with the current card font and theme colours."""
        c = self.controller
        card = c.card
        if card is None:
            return
        self._apply_font()
        colors = card_colors()
        images = CardImages(media.media_dir(self._state.col.path))
        if not c.revealed:
            html = question_html(card, colors, images)
        else:
            diff = typed_diff_html(c.typed, card.answer(), colors) if c.typed is not None else ""
            html = answer_html(card, colors, diff, images)
            self.items.set_font(self._item_font())
        self.card_scroll.show_card(html, images)

    # ---------------------------------------------------------------- showing the controller's state
    def _show(self, show: Show) -> None:
        c = self.controller
        if show is Show.QUESTION and c.card is not None:
            self._show_question(c.card, defer_counts=c.after_change)
        elif show is Show.ANSWER:
            self._show_answer()
        elif show is Show.FINISHED:
            self._counts_timer.stop()
            self._show_leech_notice()
            self.finished.emit(c.stats)

    def _show_question(self, card: Card, defer_counts: bool) -> None:
        """Show ``card``'s question; ``defer_counts`` paints the card before the counts query
        (a full count costs ~40 ms on a 100k-card collection)."""
        self._show_leech_notice()
        self.deck_label.setText(deck_path(card.deck))
        self.render_card()
        self.items.hide()
        self.card_scroll.verticalScrollBar().setValue(0)
        self._set_letters(0)
        typing = self.controller.typing_applies
        self.type_edit.setVisible(typing)
        self.type_edit.setText("")        # setText, unlike clear(), also forgets the previous card's edits
        self.bar.question_side(self.controller.hint())
        if self.controller.counts is not None:                         # handed out with the card
            self._counts = self.controller.counts
            self.bar.counts.set_counts(self._counts, card_kind(card))
        elif defer_counts:
            self.bar.counts.set_counts(self._counts, card_kind(card))  # underline now, numbers soon
            self._counts_timer.start()
        else:
            self._refresh_counts()
        if typing:
            self.type_edit.setFocus()
        else:
            self.setFocus()

    def _show_answer(self) -> None:
        c = self.controller
        card = c.card
        if card is None:
            return
        self.type_edit.hide()
        self.render_card()
        if card.type == CardType.LIST and card.items:
            self.items.set_items(card.items, self._item_font())
            self.items.show()
            self._set_letters(len(card.items))
        self.bar.answer_side(c.intervals, c.suggestion, c.hint())
        self.setFocus()
        self.scroll_to_answer()

    def scroll_to_answer(self) -> None:
        """Bring the answer into view: its start at the top when it does not fit below the question."""
        self.card_scroll.scroll_to_answer()

    def _show_ticks(self) -> None:
        c = self.controller
        for box, on in zip(self.items.boxes, c.ticked):
            if box.isChecked() != on:
                box.setChecked(on)
                self.card_scroll.ensureWidgetVisible(box.parentWidget() or box, 0, 8)   # ticked: kept in sight
        self.bar.answer_side(c.intervals, c.suggestion, c.hint())

    def _show_leech_notice(self) -> None:
        text = self.controller.leech_notice
        self.leech_notice.setText(text)
        self.leech_notice.setVisible(bool(text))

    # ---------------------------------------------------------------- internals
    def _primary(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and self.isAncestorOf(focus) and focus.isVisible():
            focus.click()  # a button the learner tabbed to: Space/Enter presses it
            return
        self.controller.primary(self.type_edit.text())

    def _items_ticked(self) -> None:
        for i, box in enumerate(self.items.boxes):
            self.controller.set_ticked(i, box.isChecked())

    def _counts_due(self) -> None:
        if self.isVisible():
            self._refresh_counts()

    def _refresh_counts(self) -> None:
        self._counts_timer.stop()
        card = self.controller.card
        if card is not None and not self._state.busy:
            self._counts = self.controller.col.counts(self.controller.deck)
            self.bar.counts.set_counts(self._counts, card_kind(card))

    def _type_toggled(self, on: bool) -> None:
        QSettings().setValue(TYPE_IN_KEY, on)
        self.controller.set_typing(on)

    def _apply_font(self) -> None:
        self.card_scroll.set_card_font(card_font(card_font_size(self._state)))
        self.type_edit.setFont(self._item_font())

    def _item_font(self) -> QFont:
        return self.card_scroll.item_font()

    def hideEvent(self, event: QHideEvent) -> None:
        self._counts_timer.stop()
        super().hideEvent(event)

    def _on_changed(self, changes: OpChanges, initiator: object | None = None) -> None:
        if (initiator is self or self.controller.card is None or self._state.busy or not changes.affects_study
                or not self.isVisible()):   # a hidden screen is drawn afresh by the next start()
            return
        if changes.note or changes.config or changes.deck:
            if not self.controller.reload_card():
                return
            self.render_card()   # new font size or edited text, same side
        self._refresh_counts()


def _set_icons(buttons: dict[QToolButton, str]) -> None:
    for button, name in buttons.items():
        button.setIcon(icon(name))
