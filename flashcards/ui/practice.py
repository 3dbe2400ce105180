"""The practice test window (beyond Anki; after Quizlet's Test and Match), keyboard first.

Multiple choice: keys 1–4 answer, Space/Enter goes on. Matching: the highlighted term takes the
explanation whose digit is pressed; Backspace takes the last match back; Enter checks. At the
end: the score, the missed cards, and "Study the missed cards" (an ordinary scheduled session).
Nothing in the test itself changes the schedule (:mod:`flashcards.core.practice` only reads).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from flashcards.core.collection import Collection
from flashcards.core.custom_study import CardListSession
from flashcards.core.practice import PracticeTest, make_test

from .plain import plain_label, plain_title, text_label

BANNER = "Practice test — beyond Anki: nothing you answer here changes your schedule."
MAX_KEYS = 9


def _label(text: str = "", role: str | None = None, name: str = "") -> QLabel:
    return text_label(text, role, name)           # card text, shown as typed


class _Option(QLabel):
    """One answer option: wrapping plain text (never clipped), chosen by its digit or a click."""

    chosen = Signal(int)

    def __init__(self, index: int):
        super().__init__()
        self.index = index
        plain_label(self, "")
        self.setWordWrap(True)
        self.setProperty("role", "card")
        self.setMargin(10)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.isEnabled():
            self.chosen.emit(self.index)
        super().mouseReleaseEvent(event)


class PracticeDialog(QDialog):
    """A practice test on ``deck``; ``study_missed`` is set when the learner asks to study the misses."""

    def __init__(self, col: Collection, deck: str, parent: QWidget | None = None,
                 test: PracticeTest | None = None):
        super().__init__(parent)
        self.deck = deck
        self.study_missed: CardListSession | None = None
        self.setWindowTitle(plain_title(f"Practice Test — {deck.replace('::', ' › ')}"))
        self.setMinimumSize(640, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(BANNER, "section", "practiceBanner"))
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.hint = _label("", "hint", "practiceHint")
        layout.addWidget(self.hint)
        self.index = 0          # the question shown
        self.answered = False   # the shown question has been answered
        try:
            self.test: PracticeTest | None = test or make_test(col, deck)
        except ValueError as exc:
            self.test = None
            self.pages.addWidget(_label(str(exc).capitalize() + ".", None, "practiceError"))
            self.hint.setText("Esc: close")
            return
        self._build_question_page()
        self._build_match_page()
        self._build_result_page()
        for digit in range(1, MAX_KEYS + 1):
            self._key(str(digit), lambda d=digit: self._digit(d - 1))
        for seq in ("Space", "Return", "Enter"):
            self._key(seq, self._primary)
        self._key("Backspace", self._unpair)
        self._show_question() if self.test.questions else self._show_match()

    def _key(self, seq: str, slot) -> None:
        shortcut = QShortcut(QKeySequence(seq), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)

    # ------------------------------------------------------------------ pages
    def _build_question_page(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.progress = _label("", "hint", "practiceProgress")
        self.prompt = _label("", "title", "practicePrompt")
        layout.addWidget(self.progress)
        layout.addWidget(self.prompt)
        self.option_buttons: list[_Option] = []
        for i in range(MAX_KEYS):
            button = _Option(i)
            button.chosen.connect(self._digit)
            self.option_buttons.append(button)
            layout.addWidget(button)
        self.feedback = _label("", None, "practiceFeedback")
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        self.question_page = page
        self.pages.addWidget(page)

    def _build_match_page(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_label("Match each term with its explanation: press the explanation's number "
                                "for the highlighted term.", "hint"))
        columns = QHBoxLayout()
        self.term_labels: list[QLabel] = []
        self.explanation_labels: list[QLabel] = []
        terms, explanations = QVBoxLayout(), QVBoxLayout()
        match = self.test.match if self.test else None
        for term in match.terms if match else ():
            label = _label(term)
            self.term_labels.append(label)
            terms.addWidget(label)
        for i, text in enumerate(match.explanations if match else ()):
            label = _label(f"{i + 1}.  {text}")
            self.explanation_labels.append(label)
            explanations.addWidget(label)
        terms.addStretch(1)
        explanations.addStretch(1)
        columns.addLayout(terms, 1)
        columns.addSpacing(24)
        columns.addLayout(explanations, 1)
        layout.addLayout(columns, 1)
        self.match_page = page
        self.pages.addWidget(page)

    def _build_result_page(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.score_label = _label("", "title", "practiceScore")
        self.missed_label = _label("", None, "practiceMissed")
        layout.addWidget(self.score_label)
        layout.addWidget(self.missed_label, 1)
        row = QHBoxLayout()
        self.study_button = QPushButton("&Study the missed cards")
        self.study_button.setObjectName("primaryButton")
        self.study_button.clicked.connect(self._study_missed)
        close = QPushButton("&Close")
        close.clicked.connect(self.reject)
        row.addStretch(1)
        row.addWidget(close)
        row.addWidget(self.study_button)
        layout.addLayout(row)
        self.result_page = page
        self.pages.addWidget(page)

    # ------------------------------------------------------------------ flow
    def _show_question(self) -> None:
        assert self.test is not None
        question = self.test.questions[self.index]
        self.answered = False
        self.progress.setText(f"Question {self.index + 1} of {len(self.test.questions)}")
        self.prompt.setText(question.prompt)
        for i, button in enumerate(self.option_buttons):
            visible = i < len(question.options)
            button.setVisible(visible)
            if visible:
                button.setText(f"{i + 1}.  {question.options[i]}")
                button.setAccessibleName(f"Option {i + 1}: {question.options[i]}")
                button.setEnabled(True)
        self.feedback.setText("")
        self.hint.setText(f"1–{len(question.options)}: choose an answer · Esc: stop the test")
        self.pages.setCurrentWidget(self.question_page)

    def _show_match(self) -> None:
        if self.test is None or self.test.match is None:
            self._show_result()
            return
        self.pages.setCurrentWidget(self.match_page)
        self._paint_match()

    def _paint_match(self) -> None:
        assert self.test is not None and self.test.match is not None
        pairing = self.test.pairing
        current = next((i for i, p in enumerate(pairing) if p is None), None)
        for i, label in enumerate(self.term_labels):
            chosen = pairing[i]
            arrow = f"  →  {chosen + 1}" if chosen is not None else ""
            marker = "▶ " if i == current else "   "
            label.setText(f"{marker}{self.test.match.terms[i]}{arrow}")
            label.setProperty("role", "section" if i == current else "")
            label.style().unpolish(label)
            label.style().polish(label)
        for k, label in enumerate(self.explanation_labels):
            label.setEnabled(k not in pairing)
        self.hint.setText("1–{}: match the highlighted term · Backspace: undo the last match{}".format(
            len(self.explanation_labels), " · Enter: check" if current is None else ""))

    def _show_result(self) -> None:
        assert self.test is not None
        test = self.test
        share = round(100 * test.score / test.total) if test.total else 0
        self.score_label.setText(f"Score: {test.score} of {test.total} ({share} %)")
        missed = test.missed()
        prompts = {q.card_id: q.prompt for q in test.questions}
        if test.match:
            prompts.update(zip(test.match.card_ids, test.match.terms))
        self.missed_label.setText("Missed:\n" + "\n".join(f"• {prompts[c]}" for c in missed)
                                  if missed else "Nothing missed.")
        self.study_button.setVisible(bool(missed))
        self.study_button.setText(f"&Study the {len(missed)} missed card{'s' if len(missed) != 1 else ''}")
        self.hint.setText("Enter: study the missed cards (scheduled as usual) · Esc: close" if missed
                          else "Enter or Esc: close")
        self.pages.setCurrentWidget(self.result_page)

    # ------------------------------------------------------------------ keys
    def _digit(self, option: int) -> None:
        if self.test is None:
            return
        page = self.pages.currentWidget()
        if page is self.question_page and not self.answered:
            question = self.test.questions[self.index]
            if option >= len(question.options):
                return
            right = self.test.choose(self.index, option)
            self.answered = True
            self.feedback.setText("Right." if right else f"Not quite — the answer is: {question.options[question.correct]}")
            for i, button in enumerate(self.option_buttons[: len(question.options)]):
                button.setEnabled(i in (option, question.correct))
                if i in (option, question.correct):
                    mark = "✓" if i == question.correct else "✗"
                    button.setText(f"{mark} {i + 1}.  {question.options[i]}")
            self.hint.setText("Space or Enter: next")
        elif page is self.match_page and self.test.match is not None:
            current = next((i for i, p in enumerate(self.test.pairing) if p is None), None)
            if current is None or option >= len(self.test.match.explanations) or option in self.test.pairing:
                return
            self.test.pair(current, option)
            self._paint_match()

    def _unpair(self) -> None:
        if self.test is None or self.pages.currentWidget() is not self.match_page:
            return
        done = [i for i, p in enumerate(self.test.pairing) if p is not None]
        if done:
            self.test.pairing[done[-1]] = None
            self._paint_match()

    def _primary(self) -> None:
        if self.test is None:
            return
        page = self.pages.currentWidget()
        if page is self.question_page and self.answered:
            self.index += 1
            if self.index < len(self.test.questions):
                self._show_question()
            else:
                self._show_match()
        elif page is self.match_page and None not in self.test.pairing:
            self._show_result()
        elif page is self.result_page:
            if self.study_button.isVisible():
                self._study_missed()
            else:
                self.accept()

    def _study_missed(self) -> None:
        assert self.test is not None
        missed = tuple(self.test.missed())
        if missed:
            short = self.deck.rsplit("::", 1)[-1]
            self.study_missed = CardListSession(f"Study: {short}, cards missed in the practice test", missed)
        self.accept()
