"""The exam date of one deck: pick a day (today or later) on a calendar, or clear it.

Opened from the deck list (context menu, or Alt+X on the selected deck). Saving and clearing go
through one :class:`CollectionOp` on ``col.decks.update_options(deck, exam_date=...)``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .operations import CollectionOp, CollectionState
from .plain import plain_label, plain_title

EXAM_DATE_KEY = "Alt+X"        # deck list: the selected deck's exam date
DEFAULT_DAYS_AHEAD = 30        # a new exam date starts this many days after today


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ExamDateDialog(QDialog):
    """Window-modal; ``today`` is the learner's current day (local calendar date)."""

    def __init__(self, state: CollectionState, deck: str, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self._state, self.deck, self.today = state, deck, today
        self.setWindowTitle(plain_title(f"Exam Date — {deck.rsplit('::', 1)[-1]}"))
        self.setObjectName("examDateDialog")
        current = state.col.decks.options(deck).exam_date
        intro = plain_label(QLabel(), f"When is the exam for {deck.replace('::', ' › ')}?")
        intro.setWordWrap(True)
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("examDate")
        self.date_edit.setAccessibleName("Exam date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("d MMMM yyyy")
        self.date_edit.setDate(_qdate(current or date.fromordinal(today.toordinal() + DEFAULT_DAYS_AHEAD)))
        self.date_edit.calendarWidget().setMinimumDate(_qdate(today))
        self.date_edit.dateChanged.connect(lambda _d: self._validate())
        self.error = plain_label(QLabel())
        self.error.setObjectName("examDateError")
        self.error.setProperty("role", "error")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.clear_button = self.buttons.addButton("C&lear", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.clear_button.setAccessibleName("Clear the exam date")
        self.clear_button.setEnabled(current is not None)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.clear_button.clicked.connect(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._validate()

    def chosen(self) -> date:
        return _pydate(self.date_edit.date())

    def _validate(self) -> bool:
        ok = self.chosen() >= self.today
        self.error.setText("" if ok else "The exam date must be today or later.")
        self.error.setVisible(not ok)
        self.save_button.setEnabled(ok)
        return ok

    def save(self) -> None:
        """Store the chosen date (refused, and nothing written, when it has passed)."""
        if self._validate():
            self._store(self.chosen())

    def clear(self) -> None:
        """Remove the deck's exam date."""
        self._store(None)

    def _store(self, value: date | None) -> None:
        deck = self.deck
        CollectionOp(self.parentWidget(), self._state, "deck_options",
                     lambda col: col.decks.update_options(deck, exam_date=value),
                     error_title="Could not save the exam date").success(lambda _c: self.accept()).run()
