"""File → Restore from Backup…: pick one of the collection's backups, newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from flashcards.core.backup import BackupInfo

REASONS = {"before-restore": "saved before a restore", "damaged": "damaged file kept for rescue"}


def describe(info: BackupInfo) -> str:
    """One line for the list: local time, size and why it was made."""
    when = info.time.astimezone().strftime("%a %d %b %Y, %H:%M")
    reason = REASONS.get(info.reason, "saved before an upgrade" if info.reason.startswith("before-migration")
                         else "")
    return f"{when}   ·   {info.size / 1024:,.0f} KiB" + (f"   ·   {reason}" if reason else "")


class RestoreBackupDialog(QDialog):
    """Lists backups; ``chosen()`` is the selected one after ``exec()`` returns Accepted."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from Backup")
        self.setMinimumWidth(460)
        self._backups = [b for b in backups if b.reason != "damaged"]
        layout = QVBoxLayout(self)
        intro = QLabel("Choose the backup to go back to. Your current collection is saved as a "
                       "backup first, so this can be undone by restoring that one.")
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("Backups, newest first")
        for info in self._backups:
            item = QListWidgetItem(describe(info))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)
        layout.addWidget(self.list)
        self.empty = QLabel("No backups yet. One is made when you close the app and every "
                            "30 minutes while you study.")
        self.empty.setWordWrap(True)
        self.empty.setVisible(not self._backups)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("primaryButton")
        self.restore_button.setEnabled(bool(self._backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self._backups:
            self.list.setCurrentRow(0)
            self.list.setFocus()

    def chosen(self) -> BackupInfo | None:
        row = self.list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None
