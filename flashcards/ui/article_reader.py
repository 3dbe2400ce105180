"""The article reader: a source article beside the cards made from it.

Every line of the article is a row: carded lines are marked (● and the number of cards), lines
with words on them that no card covers stand out (○, tinted), so an instructor sees what is left
to card. Clicking a line lists its cards; **Open in Browser** shows them in the card browser
(search ``cid:1,2,3``). From a card ("Show Source" on the study screen or in the browser) the
reader opens scrolled to its line, and **Back** returns to where the card was. The coverage comes
from :mod:`flashcards.core.articles.coverage`; all text is plain (list items, plain labels).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.articles import ArticleError
from flashcards.core.articles.coverage import (
    Coverage,
    article_lines,
    article_sources,
    coverage,
    find_article,
    source_of_card,
)
from flashcards.core.articles.drafts import remember_article

from .operations import CollectionOp, CollectionState, OpChanges
from .palette import dark_mode
from .plain import plain_label, plain_title

#: Row tints: (carded, not carded, the bar beside a line not carded) for the light and the dark theme.
_TINTS = {False: ("#e3f3e8", "#fff1d6", "#d98a00"), True: ("#1f3a2a", "#4a3a17", "#ffb340")}
_LINE_ROLE = Qt.ItemDataRole.UserRole
_LEFT_ROLE = Qt.ItemDataRole.UserRole + 1      # a line with words that no card covers
_BAR_PX = 4


class _TintDelegate(QStyledItemDelegate):
    """Paints each row's tint (the stylesheet's item rules would hide it) and a bar beside lines
    left to card."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        brush = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(brush, QBrush) and not option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, brush)
        if index.data(_LEFT_ROLE):
            rect = option.rect
            painter.fillRect(rect.x(), rect.y(), _BAR_PX, rect.height(), QColor(_TINTS[dark_mode()][2]))
        super().paint(painter, option, index)


def line_text(number: int, text: str, cards: int) -> str:
    """A row of the reader: line number, mark (● and the card count, ○ not carded) and the text."""
    mark = f"● {cards}" if cards else ("○" if text.strip() else "")
    return f"{number:>4}  {mark:<4} {text.rstrip()}"


class ArticleReader(QWidget):
    """The reader window. ``browse_requested(query)`` opens the browser on a search;
    ``back_requested()`` after **Back** (the caller shows the card it came from again)."""

    browse_requested = Signal(str)
    back_requested = Signal()

    def __init__(self, state: CollectionState, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self._state = state
        self.setObjectName("articleReader")
        self.setWindowTitle("Article Reader — Flashcards")
        self.source = ""
        self.path: Path | None = None
        self.lines: list[str] = []
        self.coverage = Coverage("", [])
        self.current_line: int | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.sources = QComboBox()
        self.sources.setAccessibleName("Article")
        self.sources.setMinimumContentsLength(24)
        self.sources.activated.connect(lambda i: self.show_article(self.sources.itemText(i)))
        top.addWidget(self.sources)
        self.summary = plain_label(QLabel())
        self.summary.setObjectName("coverageSummary")
        self.summary.setProperty("role", "hint")
        top.addWidget(self.summary, 1)
        self.next_button = QPushButton("Next Uncovered Line")
        self.next_button.setToolTip("Go to the next line no card covers (Ctrl+N)")
        self.next_button.clicked.connect(self.next_uncovered)
        QShortcut(QKeySequence("Ctrl+N"), self, self.next_uncovered)
        top.addWidget(self.next_button)
        self.back_button = QPushButton("Back to Card")
        self.back_button.setToolTip("Return to the card you came from (Esc)")
        self.back_button.clicked.connect(self.go_back)
        self.back_button.hide()
        QShortcut(QKeySequence("Escape"), self, self.go_back)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        self.missing = plain_label(QLabel())
        self.missing.setWordWrap(True)
        self.locate_button = QPushButton("Locate the Article…")
        self.locate_button.clicked.connect(lambda: self.locate())
        missing_row = QHBoxLayout()
        missing_row.addWidget(self.missing, 1)
        missing_row.addWidget(self.locate_button)
        layout.addLayout(missing_row)
        splitter = QSplitter()
        self.view = QListWidget()
        self.view.setObjectName("articleLines")
        self.view.setAccessibleName("Article lines")
        self.view.setWordWrap(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setItemDelegate(_TintDelegate(self.view))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.currentItemChanged.connect(lambda item, _old: self._line_chosen(item))
        splitter.addWidget(self.view)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.line_label = plain_label(QLabel("Click a line to see its cards."))
        self.line_label.setWordWrap(True)
        self.line_label.setProperty("role", "hint")
        side_layout.addWidget(self.line_label)
        self.cards = QListWidget()
        self.cards.setObjectName("lineCards")
        self.cards.setAccessibleName("Cards of the line")
        self.cards.setWordWrap(True)
        self.cards.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side_layout.addWidget(self.cards, 1)
        self.browse_button = QPushButton("Open in Browser")
        self.browse_button.setToolTip("Show these cards in the card browser")
        self.browse_button.clicked.connect(self.open_in_browser)
        self.browse_button.setEnabled(False)
        side_layout.addWidget(self.browse_button)
        splitter.addWidget(side)
        splitter.setSizes([640, 320])
        layout.addWidget(splitter, 1)
        self.resize(1040, 680)
        state.changed.connect(self._on_changed)
        self._set_missing("")

    # ------------------------------------------------------------------ showing
    def fill_sources(self) -> list[str]:
        """The articles behind the collection's decks, in the chooser; returns them."""
        names = list(article_sources(self._state.col))
        self.sources.clear()
        self.sources.addItems(names)
        return names

    def show_article(self, source: str, line: int | None = None) -> bool:
        """Show article ``source`` (a deck's ``source``), scrolled to ``line``; False when the
        file cannot be found or read (the window then offers to locate it)."""
        if self.sources.findText(source, Qt.MatchFlag.MatchExactly) < 0:
            self.fill_sources()
        self.sources.setCurrentIndex(self.sources.findText(source, Qt.MatchFlag.MatchExactly))
        self.source = source
        self.setWindowTitle(plain_title(f"{source} — Article Reader"))
        self.path = find_article(self._state.col, source)
        self.lines = []
        if self.path is None:
            self._set_missing(f"The article {source!r} was not found. Locate it to see its lines.")
        else:
            try:
                self.lines = article_lines(self.path)
                self._set_missing("")
            except ArticleError as exc:
                self._set_missing(str(exc))
        self.coverage = coverage(self._state.col, source)
        self._fill_lines()
        if line is not None:
            self.go_to_line(line)
        return bool(self.lines)

    def show_card(self, card_id: int) -> bool:
        """Show the article line of card ``card_id`` (Back returns); False if the card has none."""
        source, line = source_of_card(self._state.col, card_id)
        self.back_button.setVisible(True)
        if not source:
            self._set_missing("This card was not made from an article (its deck has no source).")
            self.view.clear()
            return False
        shown = self.show_article(source, line)
        if line is not None:
            for row in range(self.cards.count()):
                if self.cards.item(row).data(_LINE_ROLE) == card_id:
                    self.cards.setCurrentRow(row)
        return shown

    def _set_missing(self, text: str) -> None:
        self.missing.setText(text)
        self.missing.setVisible(bool(text))
        self.locate_button.setVisible(bool(text) and bool(self.source))

    def _fill_lines(self) -> None:
        carded, uncarded, _bar = (QColor(c) for c in _TINTS[dark_mode()])
        self.view.clear()
        for number, text in enumerate(self.lines, start=1):
            count = len(self.coverage.lines.get(number, ()))
            item = QListWidgetItem(line_text(number, text, count))
            item.setData(_LINE_ROLE, number)
            if count:
                item.setBackground(QBrush(carded))
                item.setToolTip(f"{count} card(s) from this line")
            elif text.strip():
                item.setBackground(QBrush(uncarded))
                item.setData(_LEFT_ROLE, True)
                item.setToolTip("No card covers this line yet")
            self.view.addItem(item)
        shown = len(self.lines)
        content = sum(1 for text in self.lines if text.strip())
        left = len(self.coverage.uncovered(self.lines))
        self.summary.setText(f"{content - left} of {content} lines carded · {left} not yet · "
                             f"{len(self.coverage.line_of)} cards in {len(self.coverage.decks)} decks"
                             if shown else f"{len(self.coverage.line_of)} cards in {len(self.coverage.decks)} decks")
        self.next_button.setEnabled(left > 0)

    def go_to_line(self, line: int) -> None:
        """Select and scroll to ``line`` (1-based) and list its cards."""
        if 1 <= line <= self.view.count():
            item = self.view.item(line - 1)
            self.view.setCurrentItem(item)
            self.view.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.current_line = line
        self._list_cards(line)

    def next_uncovered(self) -> None:
        """Go to the next line no card covers (wrapping round)."""
        left = self.coverage.uncovered(self.lines)
        if left:
            after = [n for n in left if n > (self.current_line or 0)]
            self.go_to_line((after or left)[0])

    def _line_chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.current_line = item.data(_LINE_ROLE)
            self._list_cards(self.current_line)

    def _list_cards(self, line: int) -> None:
        ids = self.coverage.lines.get(line, [])
        self.cards.clear()
        text = self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
        self.line_label.setText(f"Line {line}: {len(ids)} card(s)" + (f"\n{text}" if text else "")
                                if ids else f"Line {line}: no card yet" + (f"\n{text}" if text else ""))
        for row in self._state.col.notes.browser_rows(ids):
            item = QListWidgetItem(f"{row.question}\n→ {row.answer}\n{row.deck}")
            item.setData(_LINE_ROLE, row.card_id)
            self.cards.addItem(item)
        self.browse_button.setEnabled(bool(ids))

    def line_cards(self) -> list[int]:
        """The card ids of the current line."""
        return list(self.coverage.lines.get(self.current_line or 0, []))

    # ------------------------------------------------------------------ actions
    def open_in_browser(self) -> None:
        ids = self.line_cards()
        if ids:
            self.browse_requested.emit("cid:" + ",".join(map(str, ids)))

    def go_back(self) -> None:
        """Close the reader and return to the card it was opened from."""
        if self.back_button.isVisible():
            self.back_button.hide()
            self.hide()
            self.back_requested.emit()

    def locate(self, path: Path | None = None) -> None:
        """Choose where article ``source`` is (remembered in the collection), then show it."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, f"Locate {self.source}", str(Path.home()),
                                                    "Articles (*.txt *.md *.markdown);;All files (*)")
            if not chosen:
                return
            path = Path(chosen)
        target, source, line = Path(path), self.source, self.current_line
        CollectionOp(self, self._state, "config", lambda col: remember_article(col, target, source), initiator=self) \
            .success(lambda _r: self._reshow(source, line)).run()

    def _reshow(self, source: str, line: int | None) -> None:
        self.show_article(source, line)

    def _on_changed(self, changes: OpChanges, initiator: object | None = None) -> None:
        if initiator is self or not self.isVisible() or not self.source:
            return
        if changes.note or changes.deck or changes.card:
            line = self.current_line
            self.coverage = coverage(self._state.col, self.source)
            self._fill_lines()
            if line is not None:
                self.go_to_line(line)

