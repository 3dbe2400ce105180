"""End-of-session summary and the "nothing due now" screen; Enter or Esc goes back to the decks."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .plain import text_label
from .session import SessionStats, format_duration, format_next_due


def _label(text: str = "", role: str | None = None, name: str = "") -> QLabel:
    return text_label(text, role, name, centered=True)   # deck names and dates, shown as typed


def next_due_sentence(due: datetime | None, now: datetime | None = None, prefix: str = "Next card due") -> str:
    """``"Next card due in 3 h"``, ``"… tomorrow at 04:00"``, or a sentence for nothing scheduled."""
    when = format_next_due(due, now or datetime.now(UTC))
    return f"{prefix} {when}" if when else "No reviews are scheduled in this deck yet."


class MessageScreen(QWidget):
    """A centred title, a few lines of text and a "Back to decks" button."""

    back = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(2)
        self.panel = QFrame()
        self.panel.setProperty("role", "card")
        self.panel.setMaximumWidth(640)
        self.panel.setMinimumWidth(420)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel, 10)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        self.body = QVBoxLayout(self.panel)
        self.body.setContentsMargins(40, 32, 40, 32)
        self.body.setSpacing(12)
        self.title = _label("", "title", "title")
        self.subtitle = _label("", "subtitle", "subtitle")
        self.body.addWidget(self.title)
        self.body.addWidget(self.subtitle)
        self.extra = QVBoxLayout()
        self.extra.setSpacing(12)
        self.body.addLayout(self.extra)
        self.detail = _label("", None, "detail")
        self.body.addWidget(self.detail)
        self.button = QPushButton("Back to decks")
        self.button.setObjectName("primaryButton")
        self.button.setAccessibleName("Back to decks (Enter or Esc)")
        self.button.setToolTip("Back to the deck list (Enter or Esc)")
        self.button.clicked.connect(self.back)
        self.body.addSpacing(8)
        self.body.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        for seq in ("Return", "Enter", "Escape"):
            shortcut = QShortcut(QKeySequence(seq), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.back)

    def set_text(self, title: str, subtitle: str, detail: str = "") -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(title)
        self.setAccessibleDescription(" ".join(t for t in (subtitle, detail) if t))


class NothingDueScreen(MessageScreen):
    """Shown instead of an empty study screen when the chosen deck has nothing due."""

    def show_deck(self, deck: str, next_due: datetime | None, now: datetime | None = None) -> None:
        when = format_next_due(next_due, now or datetime.now(UTC))
        self.set_text("Nothing due now", f"Next card {when}" if when else "No cards are scheduled yet",
                      deck.replace("::", "  ›  "))

    @property
    def text(self) -> str:
        return f"{self.title.text()} — {self.subtitle.text().lower()}"


class _Tile(QWidget):
    def __init__(self, caption: str, name: str):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(2)
        self.value = _label("", "title", name)
        self.caption = _label(caption, "hint")
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set(self, value: str) -> None:
        self.value.setText(value)
        self.value.setAccessibleName(f"{self.caption.text()}: {value}")


class SummaryScreen(MessageScreen):
    """"Deck finished for now": cards studied, time, share correct, when the next card is due."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        self.studied = _Tile("cards studied", "studied")
        self.time = _Tile("time spent", "timeSpent")
        self.correct = _Tile("answered correctly", "correct")
        for tile in (self.studied, self.time, self.correct):
            tiles.addWidget(tile)
        self.extra.addSpacing(6)
        self.extra.addLayout(tiles)
        self.extra.addSpacing(6)

    def show_stats(self, stats: SessionStats, next_due: datetime | None, now: datetime | None = None,
                   hidden: tuple[int, int] = (0, 0)) -> None:
        """``hidden``: the deck's ``(suspended, buried)`` cards, said when there are any."""
        self.studied.set(str(stats.studied))
        self.time.set(format_duration(stats.time_ms))
        self.correct.set(f"{round(stats.correct_share * 100)} %" if stats.studied else "–")
        self.set_text("Well done!", f"You have finished {stats.deck.replace('::', '  ›  ')} for now.",
                      next_due_sentence(next_due, now) + "." + hidden_sentence(*hidden))


def hidden_sentence(suspended: int, buried: int) -> str:
    """``" 2 cards are suspended and 1 is buried until tomorrow."`` (empty when none)."""
    parts = []
    if suspended:
        parts.append(f"{suspended} card{'s are' if suspended != 1 else ' is'} suspended")
    if buried:
        parts.append(f"{buried}{' cards are' if buried != 1 else ' card is'} buried until tomorrow"
                     if not parts else f"{buried} {'are' if buried != 1 else 'is'} buried until tomorrow")
    return f" {' and '.join(parts)}." if parts else ""
