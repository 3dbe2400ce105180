"""Deck management: create, rename, nest/move and delete decks, and per-deck options (daily
limits, order). Each change is a :class:`CollectionOp` on ``col.decks``; deleting asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flashcards.core import bounds
from flashcards.core.deck_options import ORDERS

from .operations import CollectionOp, CollectionState, OpChanges
from .plain import message_box

_ORDER_LABELS = {"mixed": "Mix new cards and reviews", "new_first": "New cards first",
                 "reviews_first": "Reviews first"}


class DeckOptionsDialog(QDialog):
    """Daily limits (or the collection's default) and the order of one deck."""

    def __init__(self, state: CollectionState, deck: str, parent: QWidget | None = None):
        super().__init__(parent)
        self._state, self.deck = state, deck
        self.setWindowTitle("Deck Options")
        options = state.col.decks.options(deck)
        form = QFormLayout(self)
        self.limits: dict[str, tuple[QCheckBox, QSpinBox]] = {}
        for name, label in (("new_per_day", "New cards a day"), ("reviews_per_day", "Reviews a day")):
            value = getattr(options, name)
            own = QCheckBox("this deck's own limit")
            spin = QSpinBox()
            spin.setRange(*bounds.DAILY_LIMITS[name])
            spin.setValue(value if value is not None else getattr(state.col.settings, name))
            spin.setEnabled(value is not None)
            own.setChecked(value is not None)
            own.toggled.connect(spin.setEnabled)
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(own)
            form.addRow(label, row)
            self.limits[name] = (own, spin)
        self.order = QComboBox()
        for key in ORDERS:
            self.order.addItem(_ORDER_LABELS.get(key, key), key)
        self.order.setCurrentIndex(ORDERS.index(options.order))
        form.addRow("Order", self.order)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def changes(self) -> dict[str, object]:
        out: dict[str, object] = {name: spin.value() if own.isChecked() else None
                                  for name, (own, spin) in self.limits.items()}
        out["order"] = self.order.currentData()
        return out

    def save(self) -> None:
        changes, deck = self.changes(), self.deck
        CollectionOp(self, self._state, "deck_options", lambda col: col.decks.update_options(deck, **changes),
                     error_title="Could not save the deck options").success(lambda _c: self.accept()).run()


class DeckManagerDialog(QDialog):
    """Every deck in a list with New, Rename, Move, Delete and Options buttons."""

    def __init__(self, state: CollectionState, parent: QWidget | None = None):
        super().__init__(parent)
        self._state = state
        self.setWindowTitle("Manage Decks")
        self.resize(520, 420)
        layout = QHBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName("Decks")
        layout.addWidget(self.list, 1)
        side = QVBoxLayout()
        for text, slot in (("New…", self.create_deck), ("Rename…", self.rename_deck), ("Move…", self.move_deck),
                           ("Delete…", self.delete_deck), ("Options…", self.options)):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            side.addWidget(button)
        side.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        side.addWidget(close)
        layout.addLayout(side)
        state.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        current = select or self.current()
        self.list.clear()
        for name in self._state.col.deck_names():
            item = QListWidgetItem("    " * name.count("::") + name.rsplit("::", 1)[-1])
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.list.addItem(item)
            if name == current:
                self.list.setCurrentItem(item)

    def current(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select(self, name: str) -> None:
        self.refresh(name)

    def _run(self, kind: str, call, select: str | None = None) -> None:
        CollectionOp(self, self._state, kind, call, error_title="Could not change the deck") \
            .success(lambda _c: self.refresh(select)).run()

    def create_deck(self, name: str | None = None) -> None:
        if name is None:
            parent = self.current()
            name, ok = QInputDialog.getText(self, "New Deck", "Name ('::' nests it):",
                                            text=f"{parent}::" if parent else "")
            if not ok:
                return
        name = name.strip()
        if name:
            self._run("create_deck", lambda col: col.decks.create(name), name)

    def rename_deck(self, new_name: str | None = None) -> None:
        old = self.current()
        if old is None:
            return
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, "Rename Deck", "New full name ('::' nests it):", text=old)
            if not ok:
                return
        target = new_name.strip()
        self._run("rename_deck", lambda col: col.decks.rename(old, target), target)

    def move_deck(self, parent: str | None = None, ask: bool = True) -> None:
        """Nest the selected deck under ``parent`` ("" or None with ``ask=False``: top level)."""
        name = self.current()
        if name is None:
            return
        if ask and parent is None:
            choices = ["(top level)"] + [n for n in self._state.col.deck_names()
                                         if n != name and not n.startswith(name + "::")]
            parent, ok = QInputDialog.getItem(self, "Move Deck", f"Move '{name}' under:", choices, 0, False)
            if not ok:
                return
            parent = None if parent == "(top level)" else parent
        short = name.rsplit("::", 1)[-1]
        target = f"{parent}::{short}" if parent else short
        self._run("rename_deck", lambda col: col.decks.move(name, parent or None), target)

    def delete_deck(self, confirm: bool = True) -> None:
        """Delete the selected deck, its children and their cards, after asking."""
        name = self.current()
        if name is None:
            return
        if confirm:
            count = self._state.col.decks.card_count(name)
            box = message_box(self, QMessageBox.Icon.Warning, "Delete Deck",
                              f"Delete the deck '{name}', its sub-decks and their {count} card(s) with their "
                              "review history? This cannot be undone.",
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if box.exec() != QMessageBox.StandardButton.Yes:
                return
        self._run("delete_deck", lambda col: col.decks.delete(name))

    def options(self) -> None:
        name = self.current()
        if name is not None:
            DeckOptionsDialog(self._state, name, self).exec()

    def _on_changed(self, changes: OpChanges, _initiator: object | None = None) -> None:
        if changes.deck:
            self.refresh()
