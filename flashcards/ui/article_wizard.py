"""New Decks from Article…: choose a .txt/.md article, review the cards the generator proposes
(untick, edit the wording inline, see the lint flags), import.

The generator is the one ``flashcards generate`` runs (:func:`~flashcards.core.articles.drafts.draft_article`),
run on a worker thread through :class:`CollectionOp` ``in_background`` with the wizard's own
progress bar (fed by a queued signal from the worker). The import is one :class:`CollectionOp`
(``import_draft``): every ticked card is checked first and a draft with an invalid card imports
nothing. Card text is shown as plain text (tree items and plain tooltips).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from flashcards.core.articles.coverage import article_lines
from flashcards.core.articles.drafts import (
    ArticleDraft,
    DraftCard,
    card_text,
    draft_article,
    import_draft,
    set_card_text,
)
from flashcards.core.changes import OpChanges
from flashcards.core.collection import Collection

from .operations import CollectionOp, CollectionState, error_text
from .palette import dark_mode
from .plain import plain_label, plain_tooltip

ARTICLE_FILTER = "Articles (*.txt *.md *.markdown);;All files (*)"
COLUMNS = ("Card / question", "Answer", "Line", "Flags")
_FLAG_COLORS = {False: "#9a5b00", True: "#ffc46b"}     # light, dark: a flagged card's text
_CARD_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Drafted:
    """A generated draft; ``changes`` says the collection was not touched."""

    draft: ArticleDraft
    changes: OpChanges


class _Progress(QObject):
    """Carries ``progress(section, index, total)`` from the worker thread to the GUI thread."""

    step = Signal(str, int, int)


class ChoosePage(QWizardPage):
    """The article file and, optionally, the top-level deck name."""

    def __init__(self, start: Path | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle("Choose an article")
        self.setSubTitle("A plain-text or Markdown article with headings and list items.")
        layout = QFormLayout(self)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(start) if start else "")
        self.path_edit.setAccessibleName("Article file")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout.addRow("Article:", row)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("from the article (e.g. its condition)")
        self.title_edit.setAccessibleName("Top-level deck name")
        layout.addRow("Deck name:", self.title_edit)
        hint = plain_label(QLabel(), "One deck per section of the article, under this name. "
                                     "The next page shows every proposed card.")
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        layout.addRow(hint)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def browse(self) -> None:
        start = str(self.path().parent) if self.path_edit.text().strip() else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, "Choose an article", start, ARTICLE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and self.path().is_file()


class ReviewPage(QWizardPage):
    """Sections and proposed cards: tick, edit inline (double-click), flags; generation progress."""

    def __init__(self, wizard: ArticleWizard):
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle("Review the proposed cards")
        self.setSubTitle("Untick cards to leave out; double-click a question or answer to edit it.")
        layout = QVBoxLayout(self)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Generating")
        self.progress.setFormat("%v of %m sections")
        layout.addWidget(self.progress)
        self.tree = QTreeWidget()
        self.tree.setObjectName("draftCards")
        self.tree.setAccessibleName("Proposed cards")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.tree.setColumnWidth(0, 330)
        self.tree.setColumnWidth(1, 290)
        self.tree.setColumnWidth(2, 64)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda item, _old: self._show_line(item))
        layout.addWidget(self.tree, 1)
        self.source_label = plain_label(QLabel())
        self.source_label.setObjectName("sourceLine")
        self.source_label.setProperty("role", "hint")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)
        self.summary = plain_label(QLabel())
        self.summary.setObjectName("draftSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.draft: ArticleDraft | None = None
        self.errors: list[str] = []
        self._lines: list[str] = []
        self._filling = False

    # ------------------------------------------------------------------ generating
    def initializePage(self) -> None:
        self.draft, self.errors = None, []
        self.tree.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.summary.setText("Reading the article…")
        self.source_label.clear()
        path, title = self._wizard.choose.path(), self._wizard.choose.title_edit.text().strip() or None
        reporter = _Progress(self)
        reporter.step.connect(self._step)
        self._reporter = reporter

        def generate(col: Collection) -> Drafted:
            draft = draft_article(path, title, lambda name, i, n: reporter.step.emit(name, i, n))
            return Drafted(draft, OpChanges("generate_article", undo=col.undo_status()))

        CollectionOp(self, self._wizard.state, "generate_article", generate, initiator=self) \
            .in_background().success(self.show_draft).failure(self._failed).run()

    def _step(self, name: str, index: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(index)
        self.summary.setText(f"Carding “{name}”…")

    def _failed(self, exc: BaseException) -> None:
        self.progress.hide()
        self.summary.setText(error_text(exc))
        self.completeChanged.emit()

    def show_draft(self, drafted: Drafted) -> None:
        """Fill the tree with the draft's decks and cards (all ticked)."""
        self.draft = drafted.draft
        self.progress.setValue(self.progress.maximum())
        self.progress.hide()
        try:
            self._lines = article_lines(self.draft.path)
        except ValueError:
            self._lines = []
        self._filling = True
        self.tree.clear()
        for deck in self.draft.decks:
            top = QTreeWidgetItem([deck.name, "", "", ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.tree.addTopLevelItem(top)
            for card in deck.cards:
                question, answer = card_text(card)
                item = QTreeWidgetItem([question, answer, str(card.source_line or ""), ""])
                item.setData(0, _CARD_ROLE, card)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
                item.setCheckState(0, Qt.CheckState.Checked)
                top.addChild(item)
            top.setExpanded(True)
        self._filling = False
        self.refresh_flags()

    # ------------------------------------------------------------------ editing
    def card_items(self) -> list[QTreeWidgetItem]:
        """Every card row, in order."""
        tops = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item for top in tops if top is not None for j in range(top.childCount())
                if (item := top.child(j)) is not None]

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        card = item.data(0, _CARD_ROLE)
        if self._filling or not isinstance(card, DraftCard):
            return
        if column == 0:
            card.keep = item.checkState(0) == Qt.CheckState.Checked
            if item.text(0) != card_text(card)[0]:
                set_card_text(card, question=item.text(0))
        elif column == 1 and item.text(1) != card_text(card)[1]:
            set_card_text(card, answer=item.text(1))
        self.refresh_flags()

    def refresh_flags(self) -> None:
        """Check the draft again; show each card's flags and the totals."""
        if self.draft is None:
            return
        self.errors = self.draft.check()
        color = QColor(_FLAG_COLORS[dark_mode()])
        self._filling = True
        flagged = 0
        for item in self.card_items():
            card: DraftCard = item.data(0, _CARD_ROLE)
            flags = "; ".join(card.flags)
            flagged += bool(flags)
            item.setText(3, flags)
            item.setToolTip(3, plain_tooltip(flags))
            for column in range(len(COLUMNS)):
                item.setForeground(column, QBrush(color) if flags else QBrush())
        for i, deck in enumerate(self.draft.decks):
            top = self.tree.topLevelItem(i)
            if top is not None:
                top.setText(1, f"{len(deck.kept())} of {len(deck.cards)} cards")
        self._filling = False
        total = len(self.draft.cards())
        text = f"{self.draft.kept_count()} of {total} cards ticked in {len(self.draft.decks)} decks"
        text += f"; {flagged} flagged" if flagged else "; no lint flags"
        existing = set(self._wizard.state.col.deck_names()) & {d.name for d in self.draft.decks}
        if existing:
            text += (f".\n{len(existing)} of these decks exist already: they are updated, and their cards "
                     "left out here are retired (progress kept).")
        if self.errors:
            text += "\nFix before importing: " + self.errors[0]
        self.summary.setText(text)
        self.completeChanged.emit()

    def _show_line(self, item: QTreeWidgetItem | None) -> None:
        card = item.data(0, _CARD_ROLE) if item is not None else None
        line = card.source_line if isinstance(card, DraftCard) else None
        if line and 0 < line <= len(self._lines):
            self.source_label.setText(f"Line {line}: {self._lines[line - 1].strip()}")
        else:
            self.source_label.clear()

    def isComplete(self) -> bool:
        return self.draft is not None and self.draft.kept_count() > 0 and not self.errors


class ArticleWizard(QWizard):
    """The wizard; ``imported(deck names)`` after a successful import."""

    imported = Signal(list)

    def __init__(self, state: CollectionState, path: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setObjectName("articleWizard")
        self.setWindowTitle("New Decks from Article")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Import")
        self.choose = ChoosePage(path)
        self.review = ReviewPage(self)
        self.addPage(self.choose)
        self.addPage(self.review)
        self.resize(960, 640)
        self._skip_choice = path is not None and self.choose.isComplete()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._skip_choice:                 # File → Import of an article starts at its cards
            self._skip_choice = False
            self.next()

    @property
    def draft(self) -> ArticleDraft | None:
        return self.review.draft

    def accept(self) -> None:
        """Import the ticked cards; the wizard closes only when the import succeeded."""
        draft = self.review.draft
        if draft is None or not self.review.isComplete():
            return
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        CollectionOp(self, self.state, "import", lambda col: import_draft(col, draft),
                     error_title="Could not import the decks") \
            .in_background("Importing the decks…").success(self._imported).failure(self._import_failed).run()

    def _imported(self, result: object) -> None:
        self.imported.emit([d.name for d in self.review.draft.decks if d.kept()] if self.review.draft else [])
        super().accept()

    def _import_failed(self, exc: BaseException) -> None:
        from .operations import show_error

        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        show_error(self, "Could not import the decks", error_text(exc))
