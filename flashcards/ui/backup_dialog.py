"""File → Restore from Backup… (pick one of the collection's backups, newest first), and the
background integrity check that tells the learner about damage."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.backup import BackupInfo
from flashcards.core.integrity import IntegrityReport, Status

from .operations import CollectionOp, CollectionState

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


INTEGRITY_CHECK_FIRST_MS = 2 * 60 * 1000        # first background check, after the deck list is up
INTEGRITY_CHECK_EVERY_MS = 6 * 60 * 60 * 1000   # then every 6 hours while the app runs


def report_integrity(parent: QWidget, report: IntegrityReport) -> QMessageBox | None:
    """Tell the learner what a check found (nothing when all is well); returns the box shown."""
    if report.status is Status.OK:
        return None
    if report.status is Status.REPAIRED:
        icon, title = QMessageBox.Icon.Information, "Collection repaired"
        text = ("A check found damage in your collection's indexes and repaired it. "
                "No cards or reviews were lost.")
    else:
        icon, title = QMessageBox.Icon.Warning, "Your collection is damaged"
        text = ("A check found damage in your collection that cannot be repaired automatically. "
                "No new backups will be made from it. Use File → Restore from Backup… to go back "
                "to the newest good backup.")
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText("\n".join(report.details))
    box.setObjectName("integrityBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class IntegrityWatch(QObject):
    """Runs the collection's full integrity check in the background now and then.

    Not on every open (that made opening slow): a first check a couple of minutes after the
    window is shown, then every few hours. Index damage is repaired by the core; the learner is
    told about any damage found.
    """

    def __init__(self, window: QWidget, state: CollectionState,
                 first_ms: int = INTEGRITY_CHECK_FIRST_MS, every_ms: int = INTEGRITY_CHECK_EVERY_MS):
        super().__init__(window)
        self._window, self._state = window, state
        self._running = False
        self.last_report: IntegrityReport | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(first_ms)
        self._every_ms = every_ms
        self.timer.timeout.connect(self.check_now)

    def start(self) -> None:
        self.timer.start()

    def check_now(self) -> None:
        """Start one background check (skipped while another runs or an import holds the collection)."""
        self.timer.setInterval(self._every_ms)
        self.timer.start()
        if self._running or self._state.busy or self._state.col.closed:
            return
        self._running = True
        CollectionOp(self._window, self._state, "backup", lambda col: col.check_integrity()) \
            .success(self._done).failure(self._failed).in_background().run()

    def _done(self, report: IntegrityReport) -> None:
        self._running = False
        self.last_report = report
        report_integrity(self._window, report)

    def _failed(self, _exc: BaseException) -> None:
        self._running = False  # e.g. the collection was swapped by a restore meanwhile: next time
