"""The card browser (Anki's Browse): every card in a sortable table with a search box and bulk
actions on the selection.

:class:`CardTableModel` holds only the ids of the matching cards (sorted in SQL by the core) and
reads rows a page at a time when the view asks for them; rows are offered to the view in batches
through ``canFetchMore``/``fetchMore``, so 100k cards open as fast as a few. Card text is shown
as plain text (``Qt.DisplayRole`` strings). Every change is a :class:`CollectionOp`; the bulk
actions are undoable through the core's stack (Ctrl+Z here or in the main window).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.models import CardState
from flashcards.core.notes import BrowserRow
from flashcards.core.search import SearchError

from .operations import CollectionOp, CollectionState, OpChanges

#: (title, sort key in core.search.SORT_COLUMNS)
COLUMNS = [("Front", "front"), ("Back", "back"), ("Deck", "deck"), ("Type", "type"), ("Tags", "tags"),
           ("Due", "due"), ("Interval", "interval"), ("Difficulty", "difficulty"), ("Lapses", "lapses"),
           ("Reviews", "reps")]
PAGE = 200          # rows read from the collection at a time
BATCH = 1000        # rows offered to the view per fetchMore
_STATES = {CardState.New: "new", CardState.Learning: "learning", CardState.Review: "review",
           CardState.Relearning: "relearning"}

Index = QModelIndex | QPersistentModelIndex


def _one_line(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _interval(days: float | None) -> str:
    if days is None:
        return ""
    if days < 1:
        return f"{max(1, round(days * 1440))} min"
    if days < 60:
        return f"{days:.0f} d"
    return f"{days / 30.4:.1f} mo" if days < 365 else f"{days / 365:.1f} y"


def cell_text(row: BrowserRow, column: int) -> str:
    """What the browser shows for ``row`` in ``column`` (plain text)."""
    key = COLUMNS[column][1]
    if key == "front":
        return _one_line(row.question)
    if key == "back":
        return _one_line(row.answer)
    if key == "deck":
        return row.deck
    if key == "type":
        return row.type
    if key == "tags":
        return " ".join(row.tags)
    if key == "due":
        if row.suspended:
            return "(suspended)"
        if row.buried:
            return "(buried)"
        if row.due is None:
            return "new" if row.state == CardState.New else ""
        return row.due.astimezone().strftime("%Y-%m-%d")
    if key == "interval":
        return _interval(row.interval_days)
    if key == "difficulty":
        return "" if row.difficulty is None else f"{row.difficulty:.1f}"
    if key == "lapses":
        return str(row.lapses)
    return str(row.reps)


class CardTableModel(QAbstractTableModel):
    """The matching cards' ids, rows read lazily by page; sorting and searching in the core."""

    def __init__(self, state: CollectionState, parent: Any = None):
        super().__init__(parent)
        self._state = state
        self.query = ""
        self.sort_key, self.descending = "created", False
        self.ids: list[int] = []
        self._shown = 0
        self._pages: dict[int, list[BrowserRow]] = {}
        self.pages_read = 0            # how many pages were read (for tests: lazy means few)

    # ------------------------------------------------------------------ loading
    def search(self, query: str) -> None:
        """Show the cards matching ``query``; raises :class:`SearchError` (the table is unchanged)."""
        ids = self._state.col.notes.find_cards(query, self.sort_key, self.descending)
        self.query = query
        self._reset(ids)

    def reload(self) -> None:
        """Read the same search again (after a change)."""
        try:
            ids = self._state.col.notes.find_cards(self.query, self.sort_key, self.descending)
        except SearchError:
            ids = []
        self._reset(ids, keep_shown=True)

    def _reset(self, ids: list[int], keep_shown: bool = False) -> None:
        self.beginResetModel()
        shown = self._shown if keep_shown else 0
        self.ids = ids
        self._pages.clear()
        self._shown = min(len(ids), max(shown, BATCH))
        self.endResetModel()

    def row_at(self, row: int) -> BrowserRow | None:
        """The browser row ``row`` (read with its page on first use)."""
        if not 0 <= row < len(self.ids):
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            ids = self.ids[page * PAGE:(page + 1) * PAGE]
            found = {r.card_id: r for r in self._state.col.notes.browser_rows(ids)}
            rows = [found[i] for i in ids if i in found]
            if len(rows) != len(ids):   # a card vanished between search and read: keep rows aligned
                rows = [found.get(i) or rows[0] for i in ids] if rows else []
            self._pages[page] = rows
            self.pages_read += 1
        offset = row - page * PAGE
        return rows[offset] if offset < len(rows) else None

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._shown < len(self.ids)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(BATCH, len(self.ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row_at(index.row())
            return None if row is None else cell_text(row, index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column`` in SQL (the core orders the ids)."""
        self.sort_key = COLUMNS[column][1]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()


class BrowserWindow(QMainWindow):
    """Search box, table, bulk actions. ``edit_requested(card_id)`` opens the editor."""

    edit_requested = Signal(int)
    source_requested = Signal(int)     # Show Source: the current card's line in its article

    def __init__(self, state: CollectionState, parent: QWidget | None = None, query: str = ""):
        super().__init__(parent)
        self._state = state
        self.setWindowTitle("Browse — Flashcards")
        self.setObjectName("browserWindow")
        self.model = CardTableModel(state, self)
        central = QWidget()
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.search_box = QLineEdit(query)
        self.search_box.setPlaceholderText('Search: deck:"Name" tag:cause is:due lapses>3 "free text" -term … or …')
        self.search_box.setAccessibleName("Search cards")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self.run_search)
        top.addWidget(self.search_box, 1)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "hint")
        top.addWidget(self.count_label)
        layout.addLayout(top)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setObjectName("searchError")
        self.error_label.setStyleSheet("color: #b8322a")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = header.fontMetrics()
        for column, width in enumerate((300, 250, 230, 70, 110, 112, 0, 0, 0, 0)):
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance(COLUMNS[column][0]) + 36))
        header.setStretchLastSection(False)
        self.table.doubleClicked.connect(lambda index: self._edit_row(index.row()))
        self.table.setAccessibleName("Cards")
        layout.addWidget(self.table, 1)
        self.setCentralWidget(central)
        self._build_actions()
        self.resize(1200, 700)
        state.changed.connect(self._on_changed)
        close = QAction("Close", self)
        close.setShortcut(QKeySequence("Esc"))        # as Anki's browser: Esc closes it
        close.triggered.connect(lambda _checked=False: self.close())
        self.addAction(close)
        self.run_search()

    def _build_actions(self) -> None:
        bar = QToolBar("Actions")
        bar.setObjectName("browserActions")
        self.addToolBar(bar)
        self.actions_by_name: dict[str, QAction] = {}

        def add(name: str, text: str, slot: Any, shortcut: str | QKeySequence.StandardKey | None = None) -> None:
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False: slot())
            bar.addAction(action)
            self.addAction(action)
            self.actions_by_name[name] = action

        add("edit", "Edit", self.edit_current, "Ctrl+E")
        add("add_tags", "Add Tags…", self.add_tags, "Ctrl+Shift+A")
        add("remove_tags", "Remove Tags…", self.remove_tags, "Ctrl+Alt+Shift+A")
        add("move", "Move to Deck…", self.move_to_deck, "Ctrl+D")
        add("suspend", "Suspend", lambda: self._bulk("suspend", lambda col, ids: col.sched.suspend(ids)), "Ctrl+J")
        add("unsuspend", "Unsuspend", lambda: self._bulk("unsuspend", lambda col, ids: col.sched.unsuspend(ids)))
        add("bury", "Bury", lambda: self._bulk("bury", lambda col, ids: col.sched.bury(ids)))
        add("unbury", "Unbury", lambda: self._bulk("unbury", lambda col, ids: col.sched.unbury(ids)))
        add("reset", "Reset Progress", lambda: self._bulk("reset_progress", lambda col, ids: col.notes.reset(ids)))
        add("delete", "Delete", self.delete_selected, QKeySequence.StandardKey.Delete)
        add("undo", "Undo", self.undo, QKeySequence.StandardKey.Undo)
        add("source", "Show Source", self._show_source, "Ctrl+L")

    # ------------------------------------------------------------------ search
    def run_search(self) -> bool:
        """Search with the box's text; a bad query shows its one-line error and keeps the table."""
        try:
            self.model.search(self.search_box.text())
        except SearchError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return False
        self.error_label.hide()
        self._update_count()
        return True

    def _update_count(self) -> None:
        self.count_label.setText(f"{len(self.model.ids):,} cards")

    def _show_source(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.source_requested.emit(ids[0])

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def select_ids(self, ids: list[int]) -> None:
        """Select the rows of ``ids`` that are loaded (tests and after a change)."""
        wanted = set(ids)
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, card_id in enumerate(self.model.ids[:self.model.rowCount()]):
            if card_id in wanted:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    # ------------------------------------------------------------------ actions
    def _bulk(self, kind: str, call: Any, ids: list[int] | None = None) -> None:
        ids = ids if ids is not None else self.selected_ids()
        if not ids:
            return
        CollectionOp(self, self._state, kind, lambda col: call(col, ids), initiator=self).run()

    def add_tags(self, tags: str | None = None) -> None:
        if tags is None:
            tags, ok = QInputDialog.getText(self, "Add Tags", "Tags to add (separated by spaces):")
            if not ok:
                return
        words = tags.split()
        if words:
            self._bulk("add_tags", lambda col, ids: col.notes.add_tags(ids, words))

    def remove_tags(self, tags: str | None = None) -> None:
        if tags is None:
            tags, ok = QInputDialog.getText(self, "Remove Tags", "Tags to remove (separated by spaces):")
            if not ok:
                return
        words = tags.split()
        if words:
            self._bulk("remove_tags", lambda col, ids: col.notes.remove_tags(ids, words))

    def move_to_deck(self, deck: str | None = None) -> None:
        if deck is None:
            names = self._state.col.deck_names()
            deck, ok = QInputDialog.getItem(self, "Move to Deck", "Deck (type a new name to create it):",
                                            names, 0, True)
            if not ok:
                return
        if deck.strip():
            self._bulk("move_cards", lambda col, ids: col.notes.move(ids, deck.strip()))

    def delete_selected(self) -> None:
        """Delete the selected cards' notes (undoable with Ctrl+Z)."""
        self._bulk("delete_cards", lambda col, ids: col.notes.delete(ids))

    def undo(self) -> None:
        if self._state.undo_status().can_undo:
            CollectionOp(self, self._state, "undo", lambda col: col.undo(), initiator=self).run()

    def edit_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._edit_row(index.row())

    def _edit_row(self, row: int) -> None:
        if 0 <= row < len(self.model.ids):
            self.edit_requested.emit(self.model.ids[row])

    def _on_changed(self, changes: OpChanges, _initiator: object | None = None) -> None:
        if not (changes.card or changes.note or changes.deck):
            return
        keep = set(self.selected_ids())
        self.model.reload()
        self._update_count()
        if keep:
            self.select_ids([i for i in self.model.ids[:self.model.rowCount()] if i in keep])

