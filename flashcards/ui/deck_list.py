"""The home screen: the deck tree with New / Learning / Due counts and exam outlooks, or an empty state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QPoint, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.exam import exam_lines
from flashcards.core.models import DeckNode

from .exam_date_dialog import EXAM_DATE_KEY, ExamDateDialog
from .operations import CollectionState, OpChanges
from .palette import count_colors
from .plain import plain_label, plain_tooltip

NAME_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (("Deck", ""), ("New", "new"), ("Learning", "learn"), ("Due", "due"))


def _label(text: str, role: str, name: str = "") -> QLabel:
    label = plain_label(QLabel(), text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
        label.setAccessibleName(name)
    return label


def hidden_in(node: DeckNode, hidden: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """``(suspended, buried)`` cards of ``node`` and its children (``hidden``: per deck, its own)."""
    suspended, buried = hidden.get(node.name, (0, 0))
    for child in node.children:
        s, b = hidden_in(child, hidden)
        suspended, buried = suspended + s, buried + b
    return suspended, buried


def today_sentence(nodes: list[DeckNode], hidden: dict[str, tuple[int, int]]) -> str:
    """What the deck list's subtitle says: the cards to study today in every deck, after the
    daily limits, by kind; then how many cards are out of study."""
    new = sum(n.counts.new for n in nodes)
    learning = sum(n.counts.learning for n in nodes)
    review = sum(n.counts.review for n in nodes)
    text = (f"Today, all decks: {new} new · {learning} learning · {review} to review"
            if new + learning + review else "Nothing to study now in any deck")
    suspended = sum(s for s, _b in hidden.values())
    buried = sum(b for _s, b in hidden.values())
    out = [f"{n} {what}" for n, what in ((suspended, "suspended"), (buried, "buried until tomorrow")) if n]
    return text + (f"  ·  {', '.join(out)}" if out else "")


class DeckListScreen(QWidget):
    """Emits ``study_requested(deck)`` (Enter, double-click, Study) and ``import_requested``."""

    study_requested = Signal(str)
    custom_study_requested = Signal(str)
    practice_requested = Signal(str)
    import_requested = Signal()
    import_folder_requested = Signal()

    def __init__(self, state: CollectionState, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        super().__init__(parent)
        self._state = state
        self.clock = clock                  # "now" (aware) for the exam outlooks
        self.exam_dialog: ExamDateDialog | None = None
        self.exam_lines: dict[str, str] = {}   # deck -> its exam outlook line, as shown
        self._dirty = True
        self._hidden: dict[str, tuple[int, int]] = {}
        self.total_due = 0
        self.setAccessibleName("Decks")
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._build_tree_page()
        self._build_empty_page()
        state.changed.connect(self._on_changed)
        state.busy_changed.connect(lambda busy: None if busy else self._on_changed(OpChanges("idle")))
        self._clock = QTimer(self)          # learning cards fall due and days roll over while it is shown
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()

    # ------------------------------------------------------------------ layout
    def _build_tree_page(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(40, 28, 40, 20)
        outer.setSpacing(14)
        header = QHBoxLayout()
        header.addWidget(_label("Decks", "title"), 1, Qt.AlignmentFlag.AlignBottom)
        # Today's totals on a line of their own under the title and buttons: beside the buttons
        # they wrapped mid-phrase ("0 to / review") in a window of ordinary width.
        self.due_label = _label("", "subtitle", "dueToday")
        self.import_button = QPushButton("Import decks…")
        self.import_button.setAccessibleName("Import decks")
        self.import_button.setToolTip("Import deck files (.yaml) into your collection")
        self.import_button.clicked.connect(self.import_requested)
        self.study_button = QPushButton("Study")
        self.study_button.setObjectName("primaryButton")
        self.study_button.setAccessibleName("Study the selected deck")
        self.study_button.setToolTip("Study the selected deck (Enter)")
        self.study_button.clicked.connect(self._study_current)
        self.custom_button = QPushButton("&Custom study…")
        self.custom_button.setAccessibleName("Custom study for the selected deck")
        self.custom_button.setToolTip("More new cards or reviews today, forgotten cards, review ahead (Alt+C)")
        self.custom_button.clicked.connect(lambda: self._emit_current(self.custom_study_requested))
        self.practice_button = QPushButton("&Practice test…")
        self.practice_button.setAccessibleName("Practice test on the selected deck")
        self.practice_button.setToolTip("A quiz on the selected deck that never changes your schedule "
                                        "(beyond Anki) (Alt+P)")
        self.practice_button.clicked.connect(lambda: self._emit_current(self.practice_requested))
        for button in (self.import_button, self.practice_button, self.custom_button, self.study_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        outer.addLayout(header)
        outer.addWidget(self.due_label)

        self.tree = QTreeWidget()
        self.tree.setObjectName("deckTree")
        self.tree.setAccessibleName("Deck list")
        self.tree.setAccessibleDescription("Arrow keys choose a deck, Enter starts studying it")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([c[0] for c in COLUMNS])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAnimated(False)
        self.tree.setIndentation(22)
        head = self.tree.header()
        head.setStretchLastSection(False)
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            head.resizeSection(col, 104)
            self.tree.headerItem().setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.itemActivated.connect(lambda item, _col: self._study_item(item))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        outer.addWidget(self.tree, 1)
        self.exam_label = _label("", "section", "examOutlook")   # one line per deck with an exam date
        self.exam_label.hide()
        outer.addWidget(self.exam_label)
        outer.addWidget(_label(f"↑ ↓ choose a deck  ·  Enter study  ·  {EXAM_DATE_KEY} exam date  ·  "
                               "Ctrl+Z undo the last answer  ·  Ctrl+, settings", "hint"))
        outer.addStretch(0)
        self.setTabOrder(self.tree, self.study_button)       # Tab: the list, then the header buttons
        self.setTabOrder(self.study_button, self.custom_button)
        self.setTabOrder(self.custom_button, self.practice_button)
        self.setTabOrder(self.practice_button, self.import_button)
        for seq in ("Return", "Enter"):
            shortcut = QShortcut(QKeySequence(seq), page)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self._enter)
        exam_key = QShortcut(QKeySequence(EXAM_DATE_KEY), page)
        exam_key.setContext(Qt.ShortcutContext.WindowShortcut)
        exam_key.activated.connect(self.edit_exam_date)
        self.tree_page = page
        self.pages.addWidget(page)

    def _build_empty_page(self) -> None:
        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(40, 40, 40, 40)
        outer.addStretch(2)
        title = _label("No decks yet", "title", "emptyTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = _label("Import a folder of deck files (.yaml) — for example the decks that come with "
                      "Flashcards — to start studying.", "subtitle")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(title)
        outer.addWidget(text)
        outer.addSpacing(16)
        row = QHBoxLayout()
        row.addStretch(1)
        self.empty_import = QPushButton("Import decks…")
        self.empty_import.setObjectName("primaryButton")
        self.empty_import.setAccessibleName("Import deck files")
        self.empty_import.clicked.connect(self.import_requested)
        self.empty_folder = QPushButton("Import a folder…")
        self.empty_folder.setAccessibleName("Import a folder of decks")
        self.empty_folder.clicked.connect(self.import_folder_requested)
        row.addWidget(self.empty_import)
        row.addWidget(self.empty_folder)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(3)
        self.empty_page = page
        self.pages.addWidget(page)

    # ------------------------------------------------------------------ data
    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Reload the tree and counts from the collection (kept selection, all expanded)."""
        if self._state.busy:
            self._dirty = True
            return
        self._dirty = False
        nodes = self._state.col.deck_tree()
        self._hidden = self._state.col.sched.hidden_counts()
        if not nodes:
            self.pages.setCurrentWidget(self.empty_page)
            self.total_due = 0
            return
        self.pages.setCurrentWidget(self.tree_page)
        selected = self.current_deck()
        colors = count_colors()
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        items = [self._item(node, colors) for node in nodes]
        self.tree.addTopLevelItems(items)
        self.tree.expandAll()
        self.tree.setUpdatesEnabled(True)
        self._fit_tree()
        self.total_due = sum(node.counts.total for node in nodes)
        self.due_label.setText(today_sentence(nodes, self._hidden))
        self._show_exams()
        self.select(selected or self._first_due(nodes) or nodes[0].name)

    def _item(self, node: DeckNode, colors: dict[str, str]) -> QTreeWidgetItem:
        counts = {"new": node.counts.new, "learn": node.counts.learning, "due": node.counts.review}
        item = QTreeWidgetItem([node.short_name] + [str(counts[k]) for _t, k in COLUMNS[1:]])
        item.setData(0, NAME_ROLE, node.name)
        suspended, buried = hidden_in(node, self._hidden)
        extra = "".join(f"\n{n} {what}" for n, what in ((suspended, "suspended"), (buried, "buried until tomorrow"))
                        if n)
        item.setToolTip(0, plain_tooltip(node.name.replace("::", " › ") + extra))
        for col, (title, kind) in enumerate(COLUMNS[1:], start=1):
            value = counts[kind]
            item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setForeground(col, QBrush(QColor(colors[kind] if value else colors["zero"])))
            item.setToolTip(col, f"{value} {title.lower()} card(s) to study now")
        if not node.counts.total:
            item.setForeground(0, QBrush(QColor(colors["zero"])))
        if "::" not in node.name:
            font = item.font(0)
            font.setWeight(QFont.Weight.DemiBold)
            item.setFont(0, font)
        item.addChildren([self._item(child, colors) for child in node.children])
        return item

    def _show_exams(self) -> None:
        """The exam outlook of each deck with an exam date (computed in the core, for those only)."""
        lines = exam_lines(self._state.col, self.clock())
        self.exam_lines = lines
        self.exam_label.setText("\n".join(f"{deck.replace('::', ' › ')}: {line}" for deck, line in lines.items()))
        self.exam_label.setVisible(bool(lines))
        for item in self.items():
            line = lines.get(item.data(0, NAME_ROLE))
            if line:
                item.setToolTip(0, plain_tooltip(f"{item.toolTip(0)}\n{line}"))

    def _fit_tree(self) -> None:
        """Let the tree end below its last row instead of filling the page with an empty box."""
        items = self.items()
        if not items:
            return
        row = self.tree.visualItemRect(items[0]).height() or self.tree.fontMetrics().height() + 18
        frame = 2 * self.tree.frameWidth() + 6
        self.tree.setMaximumHeight(self.tree.header().sizeHint().height() + row * len(items) + frame)

    @staticmethod
    def _first_due(nodes: list[DeckNode]) -> str | None:
        for node in nodes:
            if node.counts.total:
                return node.name
        return None

    def items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item is None:
                continue
            out.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return out

    def select(self, deck: str) -> None:
        for item in self.items():
            if item.data(0, NAME_ROLE) == deck:
                self.tree.setCurrentItem(item)
                return

    def current_deck(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, NAME_ROLE) if item is not None else None

    def focus_list(self) -> None:
        (self.tree if self.pages.currentWidget() is self.tree_page else self.empty_import).setFocus()

    # ---------------------------------------------------------------- actions
    def _enter(self) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QAbstractButton) and self.isAncestorOf(focus):
            focus.click()
        else:
            self._study_current()

    def _study_current(self) -> None:
        deck = self.current_deck()
        if deck:
            self.study_requested.emit(deck)

    def _study_item(self, item: QTreeWidgetItem) -> None:
        self.study_requested.emit(item.data(0, NAME_ROLE))

    def _update_buttons(self) -> None:
        for button in (self.study_button, self.custom_button, self.practice_button):
            button.setEnabled(self.current_deck() is not None)

    def _emit_current(self, signal: SignalInstance) -> None:
        deck = self.current_deck()
        if deck:
            signal.emit(deck)

    def context_menu(self, deck: str) -> QMenu:
        """The actions on ``deck``: study, custom study, practice test, exam date."""
        menu = QMenu(self)
        menu.setAccessibleName("Deck actions")
        for text, slot in (("Study", lambda: self.study_requested.emit(deck)),
                           ("Custom Study…", lambda: self.custom_study_requested.emit(deck)),
                           ("Practice Test…", lambda: self.practice_requested.emit(deck)),
                           ("Exam Date…", lambda: self.edit_exam_date(deck))):
            action = menu.addAction(text)
            action.triggered.connect(slot)
        menu.actions()[-1].setShortcut(QKeySequence(EXAM_DATE_KEY))
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = self.context_menu(item.data(0, NAME_ROLE))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def edit_exam_date(self, deck: str | None = None) -> None:
        """Open the exam date dialog for ``deck`` (default: the selected deck)."""
        deck = deck or self.current_deck()
        if not deck or self._state.busy:
            return
        today = self._state.col.conf.learner_day.day_of(self.clock())
        self.exam_dialog = ExamDateDialog(self._state, deck, today, self)
        self.exam_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.exam_dialog.destroyed.connect(self._exam_dialog_gone)
        self.exam_dialog.open()

    def _exam_dialog_gone(self) -> None:
        self.exam_dialog = None

    def _on_changed(self, changes: OpChanges) -> None:
        if changes.affects_study:
            self.invalidate()

    def invalidate(self) -> None:
        """Refresh now if shown, else when next shown."""
        if self.isVisible():
            self.refresh()
        else:
            self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        else:
            self._fit_tree()
