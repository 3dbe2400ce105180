"""Start the desktop app: ``run(collection_path, decks_dir)`` (called by ``flashcards`` with no command)."""

from __future__ import annotations

import sys
from pathlib import Path

from .platform_check import check_platform


def run(collection_path: Path, decks_dir: Path | None, argv: list[str] | None = None) -> int:
    """Open the collection in the main window and run the event loop; returns the exit code.

    Returns 1 with a readable message (instead of a Qt plugin crash) when there is no display or
    Qt's X11 libraries are missing, and 1 after an error box when the collection cannot be opened.
    """
    problem = check_platform()
    if problem:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from flashcards import Collection, SchemaError
    from flashcards.core.lock import LockError

    QCoreApplication.setApplicationName("Flashcards")
    QCoreApplication.setOrganizationName("Flashcards")
    QGuiApplication.setApplicationDisplayName("Flashcards")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)

    from .backup_dialog import IntegrityWatch, report_integrity
    from .main_window import MainWindow
    from .operations import CollectionState
    from .prefs import load_ui_prefs
    from .theme import apply_theme, icon

    app.setWindowIcon(icon("app"))
    try:
        col = Collection.open(collection_path)
    except SchemaError as exc:
        apply_theme(app, "system")
        if not exc.reason.is_damage:  # a healthy file we cannot write: never offer a restore over it
            plain_box(QMessageBox.Icon.Critical, "Cannot open your collection",
                      f"{problem_text(exc)}\n\nFile: {collection_path}").exec()
            return 1
        col = offer_backup(exc, collection_path)
        if col is None:
            return 1
    except (LockError, OSError) as exc:
        apply_theme(app, "system")
        plain_box(QMessageBox.Icon.Critical, "Cannot open your collection",
                  f"{exc}\n\nFile: {collection_path}").exec()
        return 1
    state = CollectionState(col)
    try:
        apply_theme(app, load_ui_prefs(col).theme)
        window = MainWindow(state, decks_dir)
        window.show()
        window.raise_()
        window.activateWindow()   # keyboard shortcuts need an active window, also without a window manager
        if col.integrity_report is not None:  # the check run after an unclean shutdown
            report_integrity(window, col.integrity_report)
        IntegrityWatch(window, state).start()   # full checks in the background from now on
        return app.exec()
    finally:
        try:
            state.col.close(backup=True)  # the window may have swapped in a restored collection
        except Exception as exc:
            print(f"warning: no backup was made at quit: {exc}", file=sys.stderr)


def plain_box(icon, title: str, text: str, informative: str = ""):
    """A message box that shows ``text`` as plain text: no HTML, no clickable links."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMessageBox

    box = QMessageBox(icon, title, text)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if informative:
        box.setInformativeText(informative)
    for label in box.findChildren(QLabel):  # the informative text too
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)
    return box


PROBLEMS = {
    "damaged": "Your collection is damaged.",
    "empty": "Your collection file is empty (0 bytes): it was emptied or cut short.",
    "foreign": "This file is not a Flashcards collection.",
    "newer": "Your collection was saved by a newer version of Flashcards. Update the app to open it.",
    "missing": "There is no collection here.",
    "unreadable": "Your collection cannot be read.",
    "permission": "Flashcards has no permission to write your collection (the file or its folder "
                  "is read-only). The file is not damaged; make it writable and start again.",
    "disk_full": "The disk is full, so Flashcards cannot open your collection for writing. The file "
                 "is not damaged; free some space and start again.",
}


def problem_text(exc) -> str:
    """What the learner reads: a sentence for the error's reason, then SQLite's detail."""
    text = PROBLEMS.get(str(exc.reason.value), str(exc))
    return f"{text}\n\nDetails: {exc.detail}" if exc.detail else text


def offer_backup(exc: Exception, collection_path: Path):
    """Explain why the collection cannot be opened and offer its newest good backup.

    Returns the reopened collection after a restore, or None if the learner quits (the bad
    file is never overwritten: a restore keeps its exact bytes as a backup first).
    """
    from PySide6.QtWidgets import QMessageBox

    from flashcards import Collection
    from flashcards.core import backup as backups

    info = getattr(exc, "backup", None)
    if info is not None:
        when = info.time.astimezone().strftime("%a %d %b %Y, %H:%M")
        informative = (f"The newest intact backup is from {when}. Restore it? "
                       "The current file is kept unchanged in the backups folder.")
    else:
        informative = f"No intact backup was found. The file was not changed:\n{collection_path}"
    box = plain_box(QMessageBox.Icon.Critical, "Cannot open your collection", problem_text(exc), informative)
    restore = None
    if info is not None:
        restore = box.addButton("Restore Backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is None or info is None or box.clickedButton() is not restore:
        return None
    try:
        backups.restore(info.path, collection_path)
        return Collection.open(collection_path)
    except Exception as error:
        plain_box(QMessageBox.Icon.Critical, "Could not restore the backup", str(error)).exec()
        return None
