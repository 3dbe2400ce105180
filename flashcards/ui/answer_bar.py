"""The bottom of the study screen: remaining counts, then "Show Answer" or the four grade buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from flashcards.core.models import Counts, Rating

from .plain import plain_label

GRADES = ((Rating.Again, "Again", "againButton"), (Rating.Hard, "Hard", "hardButton"),
          (Rating.Good, "Good", "goodButton"), (Rating.Easy, "Easy", "easyButton"))


def _label(text: str = "", role: str | None = None, name: str | None = None) -> QLabel:
    label = plain_label(QLabel(), text)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    return label


class CountsRow(QWidget):
    """``12 + 3 + 40``: new, learning and due cards left, the current card's kind underlined."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addStretch(1)
        self.labels: dict[str, QLabel] = {}
        for i, (kind, name, what) in enumerate((("new", "newCount", "new"), ("learn", "learnCount", "learning"),
                                                ("due", "dueCount", "due"))):
            if i:
                layout.addWidget(_label("+", "muted"))
            label = QLabel("0")
            label.setObjectName(name)
            label.setTextFormat(Qt.TextFormat.RichText)   # only a number, underlined: no deck text
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            label.setProperty("what", what)
            self.labels[kind] = label
            layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName("Cards left")

    def set_counts(self, counts: Counts, current: str | None) -> None:
        values = {"new": counts.new, "learn": counts.learning, "due": counts.review}
        for kind, label in self.labels.items():
            text = str(values[kind])
            label.setText(f"<u>{text}</u>" if kind == current else text)
            label.setAccessibleName(f"{values[kind]} {label.property('what')}"
                                    + (" (current card)" if kind == current else ""))
        self.setToolTip(f"New {counts.new} + learning {counts.learning} + due {counts.review}")
        self.setAccessibleDescription(self.toolTip())


class AnswerBar(QWidget):
    """Emits ``show_answer`` or ``graded(rating)``; ``set_intervals`` labels the grade buttons."""

    show_answer = Signal()
    graded = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self.counts = CountsRow()
        layout.addWidget(self.counts)
        layout.addWidget(self.stack)
        self.hint = _label("", "hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        question = QWidget()
        q_layout = QVBoxLayout(question)
        q_layout.setContentsMargins(0, 0, 0, 0)
        q_layout.addWidget(_label(" ", "hint"), 0, Qt.AlignmentFlag.AlignHCenter)  # aligns with intervals
        self.show_button = QPushButton("Show Answer")
        self.show_button.setObjectName("primaryButton")
        self.show_button.setMinimumWidth(260)
        self.show_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.show_button.setAccessibleName("Show answer (Space)")
        self.show_button.setToolTip("Show the answer (Space or Enter)")
        self.show_button.clicked.connect(self.show_answer)
        q_layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.stack.addWidget(question)

        grades = QWidget()
        g_layout = QHBoxLayout(grades)
        g_layout.setContentsMargins(0, 0, 0, 0)
        g_layout.setSpacing(12)
        g_layout.addStretch(1)
        self.buttons: dict[Rating, QPushButton] = {}
        self.interval_labels: dict[Rating, QLabel] = {}
        for rating, text, name in GRADES:
            column = QVBoxLayout()
            column.setSpacing(4)
            interval = _label("", "hint")
            interval.setAlignment(Qt.AlignmentFlag.AlignCenter)
            button = QPushButton(text)
            button.setObjectName(name)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _=False, r=rating: self.graded.emit(int(r)))
            column.addWidget(interval)
            column.addWidget(button)
            g_layout.addLayout(column)
            self.buttons[rating] = button
            self.interval_labels[rating] = interval
        g_layout.addStretch(1)
        self.stack.addWidget(grades)
        self.setTabOrder(self.show_button, self.buttons[Rating.Again])
        for a, b in zip(list(self.buttons.values()), list(self.buttons.values())[1:]):
            self.setTabOrder(a, b)

    def question_side(self, hint: str = "") -> None:
        self.stack.setCurrentIndex(0)
        self.hint.setText(hint)

    def answer_side(self, intervals: dict[Rating, str], suggested: Rating | None = None,
                    hint: str = "") -> None:
        for rating, text, _name in GRADES:
            label = intervals.get(rating, "")
            self.interval_labels[rating].setText(label)
            button = self.buttons[rating]
            marker = "  ★" if rating == suggested else ""
            button.setText(f"{text}{marker}")
            button.setToolTip(f"{text} (key {int(rating)}): next review in {label}")
            button.setAccessibleName(f"{text}, key {int(rating)}, next review in {label}"
                                     + (", suggested" if rating == suggested else ""))
        self.stack.setCurrentIndex(1)
        self.hint.setText(hint)
