"""Custom Study (from the deck list): more new cards or reviews today, forgotten cards, review ahead.

Anki makes a temporary filtered deck for the last two; here they are a study session over the
chosen cards (:class:`flashcards.core.custom_study.CardListSession`) and the dialog says so.
Keys: Alt + the underlined letter (or the arrow keys) choose, Enter starts, Esc cancels.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flashcards.core import custom_study as cs

from .plain import plain_label, plain_title

#: Per kind: the choice's text, the unit of its number, its default, and what will happen.
CHOICES: dict[str, tuple[str, str, int, str]] = {
    cs.MORE_NEW: ("Study &more new cards today", "new cards", 10,
                  ("Raises today's new-card limit of this deck by that many. Today only: tomorrow the "
                   "deck's usual limit applies again.")),
    cs.MORE_REVIEWS: ("Study more &reviews today", "reviews", 50,
                      "Raises today's review limit of this deck by that many. Today only."),
    cs.FORGOTTEN: ("Review &forgotten cards", "days back", 1,
                   ("A session over the cards you answered Again in the last days (today included), "
                    "most recent first.")),
    cs.AHEAD: ("Review &ahead", "days ahead", 1,
               "A session over the reviews due in the next days, soonest first."),
}
SESSION_NOTE = ("Unlike Anki, no filtered deck is made: the cards stay in their decks, and your answers "
                "are scheduled as usual.")


class CustomStudyDialog(QDialog):
    """Choose a custom study for ``deck``; :meth:`choice` gives ``(kind, number)`` once accepted."""

    def __init__(self, deck: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(plain_title(f"Custom Study — {deck.replace('::', ' › ')}"))
        self.setAccessibleName("Custom study")
        self._numbers: dict[str, int] = {kind: default for kind, (_t, _u, default, _x) in CHOICES.items()}
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(plain_label(QLabel(), f"Custom study for today in {deck.replace('::', ' › ')}"))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for kind, (text, _unit, _default, _what) in CHOICES.items():
            button = QRadioButton(text)
            button.setProperty("kind", kind)
            self.group.addButton(button)
            self.buttons[kind] = button
            layout.addWidget(button)
        row = QHBoxLayout()
        self.number = QSpinBox()
        self.number.setAccessibleName("How many")
        self.unit = plain_label(QLabel(), "")
        self.number.valueChanged.connect(self._number_changed)
        row.addWidget(self.number)
        row.addWidget(self.unit, 1)
        layout.addLayout(row)
        self.explanation = plain_label(QLabel(), "")
        self.explanation.setWordWrap(True)
        self.explanation.setProperty("role", "hint")
        self.explanation.setMinimumWidth(420)
        layout.addWidget(self.explanation)
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.box.button(QDialogButtonBox.StandardButton.Ok).setText("Start")
        self.box.accepted.connect(self.accept)
        self.box.rejected.connect(self.reject)
        layout.addWidget(self.box)
        self.group.buttonToggled.connect(self._toggled)
        self.buttons[cs.MORE_NEW].setChecked(True)
        buttons = list(self.buttons.values())
        for a, b in itertools.pairwise(buttons):
            self.setTabOrder(a, b)
        self.setTabOrder(buttons[-1], self.number)
        self.buttons[cs.MORE_NEW].setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def kind(self) -> str:
        checked = self.group.checkedButton()
        return str(checked.property("kind")) if checked is not None else cs.MORE_NEW

    def choice(self) -> tuple[str, int]:
        """The chosen kind and its number (cards or days)."""
        return self.kind, self.number.value()

    def _toggled(self, _button: object, on: bool) -> None:
        if on:
            self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind
        _text, unit, _default, what = CHOICES[kind]
        low, high = cs.EXTRA_CARDS if kind in (cs.MORE_NEW, cs.MORE_REVIEWS) else cs.DAYS
        self.number.blockSignals(True)
        self.number.setRange(low, high)
        self.number.setValue(self._numbers[kind])
        self.number.blockSignals(False)
        self.unit.setText(unit)
        note = "" if kind in (cs.MORE_NEW, cs.MORE_REVIEWS) else " " + SESSION_NOTE
        self.explanation.setText(what + note)

    def _number_changed(self, value: int) -> None:
        self._numbers[self.kind] = value
