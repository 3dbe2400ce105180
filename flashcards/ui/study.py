"""The study screen: question, answer, grading from the keyboard, bury/suspend, type-in answers.

Keys (window shortcuts, live only while this screen is visible): Space/Enter show the answer,
then grade Good (list cards: the suggested grade); 1–4 grade; ``-`` buries, ``@`` suspends;
a, b, c… tick list items; Esc goes back. Every change goes through :class:`CollectionOp`.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractButton, QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QScrollArea, QToolButton, QVBoxLayout, QWidget)

from flashcards.core.models import Card, CardType, Counts, Rating
from flashcards.core.scheduling import format_interval

from .answer_bar import AnswerBar
from .card_text import answer_html, question_html, typed_diff_html
from .card_view import LETTERS, CardBrowser, ListRecallPanel
from .operations import CollectionOp, CollectionState, OpChanges
from .palette import card_colors, card_kind
from .prefs import load_ui_prefs
from .session import SessionStats, suggested_rating
from .theme import card_font, icon

TYPE_IN_KEY = "study/type_answer"


def card_font_size(state: CollectionState) -> float:
    """The learner's card font size in points (``ui.font_size``, default 18)."""
    return float(load_ui_prefs(state.col).font_size)


def deck_path(name: str) -> str:
    return "  ›  ".join(name.split("::"))


class StudyScreen(QWidget):
    """Shows cards of one deck until nothing is due; emits ``finished`` with the session stats."""

    finished = Signal(object)   # SessionStats
    back = Signal()
    message = Signal(str)       # short status-bar notices

    def __init__(self, state: CollectionState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.deck = ""
        self.card: Card | None = None
        self.revealed = False
        self.stats = SessionStats("")
        self._shown_at = time.monotonic()
        self._intervals: dict[Rating, str] = {}
        self._typed: str | None = None       # what was typed before revealing (type-in mode)
        self._counts = Counts(0, 0, 0)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(10)   # after the new card has been painted
        self._counts_timer.timeout.connect(lambda: self.isVisible() and self._refresh_counts())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Study")
        self._build()
        self._bind_keys()
        state.changed.connect(self._on_changed)

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
        top.addWidget(self.type_toggle)
        top.addWidget(self.back_button)
        layout.addLayout(top)

        self.leech_notice = QLabel()
        self.leech_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.leech_notice.setWordWrap(True)
        self.leech_notice.setProperty("role", "muted")
        self.leech_notice.setObjectName("leechNotice")
        self.leech_notice.setAccessibleName("Leech notice")
        self.leech_notice.hide()
        layout.addWidget(self.leech_notice)

        self.view = CardBrowser()
        layout.addWidget(self.view, 1)
        self.items = ListRecallPanel()
        self.items.changed.connect(self._update_suggestion)
        self.items_scroll = QScrollArea()          # long lists scroll instead of growing the window
        self.items_scroll.setWidget(self.items)
        self.items_scroll.setWidgetResizable(True)
        self.items_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.items_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.items_scroll.setMinimumHeight(90)
        self.items_scroll.hide()
        layout.addWidget(self.items_scroll)
        self.view.setMinimumHeight(120)
        self.type_edit = QLineEdit()
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
        def key(seq: str | QKeySequence.StandardKey, fn) -> QShortcut:  # noqa: ANN001
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
        self._letter_keys = [key(letter, lambda i=i: self.items.toggle(i)) for i, letter in enumerate(LETTERS)]
        self._set_letters(False)

    def _set_letters(self, count: int) -> None:
        for i, shortcut in enumerate(self._letter_keys):
            shortcut.setEnabled(i < count)

    # ------------------------------------------------------------------ session
    def start(self, deck: str) -> bool:
        """Begin a session on ``deck``; False (and nothing shown) when nothing is due."""
        card = self._state.col.next_card(deck)
        if card is None:
            return False
        self.deck = deck
        self.stats = SessionStats(deck, self._state.col.settings.max_answer_seconds * 1000)
        self.leech_notice.hide()
        self.show_question(card)
        return True

    def show_question(self, card: Card, defer_counts: bool = False) -> None:
        """Show ``card``'s question; ``defer_counts`` paints the card before the counts query
        (a full count costs ~40 ms on a 100k-card collection)."""
        self.card, self.revealed, self._typed = card, False, None
        self.deck_label.setText(deck_path(card.deck))
        self.render_card()
        self.items_scroll.hide()
        self._set_letters(0)
        typing = self._typing_applies()
        self.type_edit.setVisible(typing)
        self.type_edit.clear()
        self.bar.question_side()
        if defer_counts:
            self.bar.counts.set_counts(self._counts, card_kind(card))  # underline now, numbers soon
            self._counts_timer.start()
        else:
            self._refresh_counts()
        if typing:
            self.type_edit.setFocus()
        else:
            self.setFocus()
        self._shown_at = time.monotonic()

    def reveal(self) -> None:
        card = self.card
        if card is None or self.revealed:
            return
        self.revealed = True
        self._typed = self.type_edit.text() if self._typing_applies() else None
        self.type_edit.hide()
        self.render_card()
        self._intervals = {r: format_interval(d) for r, d in self._state.col.next_intervals(card.id).items()}
        if card.type == CardType.LIST and card.items:
            self.items.set_items(card.items, self._item_font())
            self.items_scroll.setMaximumHeight(self.items.sizeHint().height() + 2)
            self.items_scroll.show()
            self._set_letters(len(card.items))
            self._update_suggestion()
        else:
            self.bar.answer_side(self._intervals)
        self.setFocus()

    def render_card(self) -> None:
        """(Re)draw the current side with the current card font and theme colours."""
        card = self.card
        if card is None:
            return
        self._apply_font()
        colors = card_colors()
        if not self.revealed:
            self.view.set_card_html(question_html(card, colors))
            return
        diff = typed_diff_html(self._typed, card.answer(), colors) if self._typed is not None else ""
        self.view.set_card_html(answer_html(card, colors, diff))
        self.items.set_font(self._item_font())

    def grade(self, rating: Rating) -> None:
        card = self.card
        if card is None or not self.revealed:
            return
        duration = int((time.monotonic() - self._shown_at) * 1000)
        CollectionOp(self, self._state, "answer",
                     lambda col: col.answer(card.id, rating, duration_ms=duration),
                     card_id=card.id, initiator=self, error_title="Could not save the answer") \
            .success(lambda after: self._answered(card, rating, duration, after)).run()

    def bury(self) -> None:
        self._hide_card("bury", lambda col, cid: col.bury(cid), "Card buried until tomorrow")

    def suspend(self) -> None:
        self._hide_card("suspend", lambda col, cid: col.suspend(cid), "Card suspended")

    def show_undone(self, card_id: int, action: str) -> None:
        """After undo: forget the answer in the session totals and ask that card again."""
        if action == "answer":
            self.stats.undo(card_id)
        self.leech_notice.hide()
        card = self._state.col.card(card_id)
        self.message.emit(f"Undid {action} — showing the card again")
        self.show_question(card)

    # ---------------------------------------------------------------- internals
    def _primary(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and self.isAncestorOf(focus) and focus.isVisible():
            focus.click()  # a button the learner tabbed to: Space/Enter presses it
            return
        if not self.revealed:
            self.reveal()
        else:
            self.grade(self._default_rating())

    def _default_rating(self) -> Rating:
        if self.card is not None and self.card.type == CardType.LIST and self.items.total:
            return suggested_rating(self.items.recalled, self.items.total)
        return Rating.Good

    def _update_suggestion(self) -> None:
        suggestion = suggested_rating(self.items.recalled, self.items.total)
        hint = (f"Recalled {self.items.recalled} of {self.items.total} → suggested: {suggestion.name}  ·  "
                "Space accepts · 1–4 choose another grade")
        self.bar.answer_side(self._intervals, suggestion, hint)

    def _answered(self, card: Card, rating: Rating, duration: int, after: Card) -> None:
        self.stats.record(card.id, rating, duration)
        if after.leech and not card.leech:
            self.leech_notice.setText(f"Leech: “{_excerpt(card.question())}” has been forgotten {after.lapses} "
                                      "times. Consider rewording it in its deck file, or suspend it.")
            self.leech_notice.show()
            self.message.emit("That card is now a leech")
        elif self.leech_notice.isVisible():
            self.leech_notice.hide()
        self._advance()

    def _hide_card(self, kind: str, call, notice: str) -> None:  # noqa: ANN001
        card = self.card
        if card is None:
            return
        CollectionOp(self, self._state, kind, lambda col: call(col, card.id), card_id=card.id,
                     initiator=self).success(lambda _: (self.message.emit(f"{notice} — Ctrl+Z to undo"),
                                                        self._advance())).run()

    def _advance(self) -> None:
        card = self._state.col.next_card(self.deck)
        if card is None:
            self.card = None
            self._counts_timer.stop()
            self.finished.emit(self.stats)
        else:
            self.show_question(card, defer_counts=True)

    def _refresh_counts(self) -> None:
        self._counts_timer.stop()
        if self.card is not None and not self._state.busy:
            self._counts = self._state.col.counts(self.deck)
            self.bar.counts.set_counts(self._counts, card_kind(self.card))

    def _typing_applies(self) -> bool:
        return (self.type_toggle.isChecked() and self.card is not None
                and self.card.type in (CardType.BASIC, CardType.REVERSE))

    def _type_toggled(self, on: bool) -> None:
        QSettings().setValue(TYPE_IN_KEY, on)
        if self.card is not None and not self.revealed:
            self.show_question(self.card)

    def _apply_font(self) -> None:
        font = card_font(card_font_size(self._state))
        self.view.setFont(font)
        self.view.document().setDefaultFont(font)
        self.type_edit.setFont(self._item_font())

    def _item_font(self) -> QFont:
        font = QFont(self.view.font())
        font.setPointSizeF(max(10.0, font.pointSizeF() * 0.8))
        return font

    def hideEvent(self, event: QHideEvent) -> None:
        self._counts_timer.stop()
        super().hideEvent(event)

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.initiator is self or self.card is None or self._state.busy or not changes.affects_study:
            return
        if changes.kind in ("settings", "import"):
            try:
                self.card = self._state.col.card(self.card.id)
            except KeyError:
                self._advance()
                return
            self.render_card()   # new font size or edited text, same side
        if self.isVisible():
            self._refresh_counts()


def _excerpt(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _set_icons(buttons: dict[QToolButton, str]) -> None:
    for button, name in buttons.items():
        button.setIcon(icon(name))
