"""Settings → "Sync through a folder", and the main window's syncing (File → Sync Now, on open,
after a session, on close).

Every sync runs as a quiet ``CollectionOp(...).in_background()``; a sync that fails (the folder
is on a USB stick that is not plugged in) says so in the status bar, never in a box that blocks
studying. Deck-derived text (deck names, card keys, the losing version's text) is shown plain.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from flashcards.core import sync as syncing

from .operations import CollectionOp, CollectionState, error_text
from .plain import plain_label

STATUS_MS = 8000          # how long a sync message stays in the status bar


def conflict_text(c: syncing.Conflict) -> str:
    """One line of the conflicts list (plain text)."""
    when = datetime.fromtimestamp(c.time_ms / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    side = c.fields.get("text") or c.fields.get("front") or ""
    return f"{c.deck} / {c.key}: replaced version from {c.device} ({when}): {side}"


class SyncSettingsDialog(QDialog):
    """The folder to sync with, this device's id, Sync Now, and the conflicts list."""

    def __init__(self, state: CollectionState, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.setWindowTitle("Sync through a folder")
        self.setObjectName("syncSettingsDialog")
        layout = QVBoxLayout(self)
        intro = plain_label(QLabel(), (
            "Pick a folder that a program you already use keeps in step between your computers "
            "(Syncthing, Nextcloud, Dropbox, OneDrive, a USB stick). Each computer writes only its own "
            "files there; reviews from all of them are merged. Flashcards syncs on opening, after a "
            "session and on closing."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setObjectName("syncFolder")
        self.folder.setPlaceholderText("No folder chosen: sync is off")
        folder = syncing.sync_folder(state.col)
        self.folder.setText(str(folder) if folder else "")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self.choose_folder)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        layout.addLayout(row)
        self.device = plain_label(QLabel(), f"This computer's id in the folder: {syncing.device_id(state.col)}")
        layout.addWidget(self.device)
        self.sync_button = QPushButton("Sync Now")
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        layout.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.status_label = plain_label(QLabel(), "")
        self.status_label.setObjectName("syncResult")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        layout.addWidget(plain_label(QLabel(), "Conflicts (edited on two computers; the later edit was kept):"))
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("syncConflicts")
        layout.addWidget(self.conflicts, 1)
        self.dismiss = QPushButton("Dismiss")
        self.dismiss.clicked.connect(self.dismiss_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.dismiss, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load_conflicts()
        self.setMinimumWidth(560)

    def load_conflicts(self) -> None:
        self.conflicts.clear()
        for c in syncing.conflicts(self.state.col):
            item = QListWidgetItem(conflict_text(c))      # a list item is always plain text
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.conflicts.addItem(item)
        self.dismiss.setEnabled(self.conflicts.count() > 0)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Sync folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def sync_now(self) -> None:
        """Remember the folder, then sync with it in the background."""
        text = self.folder.text().strip()
        if not text:
            CollectionOp(self, self.state, "config", lambda col: syncing.set_sync_folder(col, None)).run()
            self.status_label.setText("Sync is off.")
            return
        folder = Path(text).expanduser()
        if not folder.is_dir():
            self.status_label.setText(f"{folder}: no such folder")
            return
        self.sync_button.setEnabled(False)
        self.status_label.setText("Syncing…")

        def run(col: Any) -> syncing.SyncResult:
            result = syncing.sync(col, folder)
            syncing.set_sync_folder(col, folder)
            return result

        CollectionOp(self, self.state, "sync", run).success(self._synced).failure(self._failed).in_background().run()

    def _synced(self, result: syncing.SyncResult) -> None:
        self.sync_button.setEnabled(True)
        self.status_label.setText(result.summary())
        self.load_conflicts()

    def _failed(self, exc: BaseException) -> None:
        self.sync_button.setEnabled(True)
        self.status_label.setText(f"Sync failed: {error_text(exc)}")

    def dismiss_selected(self) -> None:
        item = self.conflicts.currentItem() or self.conflicts.item(0)
        if item is None:
            return
        conflict_id = int(item.data(Qt.ItemDataRole.UserRole))
        CollectionOp(self, self.state, "config", lambda col: syncing.dismiss_conflict(col, conflict_id)) \
            .success(lambda _r: self.load_conflicts()).run()


class SyncActions(QObject):
    """The main window's sync: File menu actions and the automatic syncs."""

    def __init__(self, window: QMainWindow, state: CollectionState, file_menu: QMenu, before: Any = None):
        super().__init__(window)
        self.window, self.state = window, state
        self.running = False
        actions = [("S&ync Now", self.sync_now, "Ctrl+Shift+Y"), ("Export &Progress…", self.export_progress, None),
                   ("&Class Report…", self.class_report, None)]
        for text, slot, shortcut in actions:
            action = file_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, run=slot: run())
            if shortcut:
                action.setShortcut(shortcut)
            if before is not None:
                file_menu.removeAction(action)
                file_menu.insertAction(before, action)
        if before is not None:
            file_menu.insertSeparator(before)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    def sync_quietly(self) -> None:
        """Sync if a folder was chosen (on open, after a session, on close); one at a time."""
        if syncing.sync_folder(self.state.col) is None or self.running or self.state.col.closed:
            return
        self.sync_now()

    def sync_now(self) -> None:
        folder = syncing.sync_folder(self.state.col)
        if folder is None:
            self.open_settings()
            return
        if self.running:
            return
        self.running = True

        def done(result: syncing.SyncResult) -> None:
            self.running = False
            self._status(result.summary())

        def failed(exc: BaseException) -> None:
            self.running = False
            self._status(f"Sync failed: {error_text(exc)}")

        CollectionOp(self.window, self.state, "sync", lambda col: syncing.sync(col, folder)) \
            .success(done).failure(failed).in_background().run()

    def open_settings(self) -> None:
        SyncSettingsDialog(self.state, self.window).exec()

    def export_progress(self) -> None:
        from flashcards.core.progress_file import export_progress

        path, _ = QFileDialog.getSaveFileName(self.window, "Export progress", "progress.json", "Progress (*.json)")
        if not path:
            return
        CollectionOp(self.window, self.state, "none", lambda col: export_progress(col, path)) \
            .success(lambda n: self._status(f"Wrote {path} ({n} cards; card ids, times and ratings only)")).run()

    def class_report(self) -> None:
        from .class_report_window import ClassReportWindow

        folder = QFileDialog.getExistingDirectory(self.window, "Folder of progress files")
        if folder:
            window = ClassReportWindow(Path(folder), self.state, self.window)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.show()
