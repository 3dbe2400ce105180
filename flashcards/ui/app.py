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

    from flashcards import Collection, CollectionLockedError, SchemaError

    QCoreApplication.setApplicationName("Flashcards")
    QCoreApplication.setOrganizationName("Flashcards")
    QGuiApplication.setApplicationDisplayName("Flashcards")
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)

    from .main_window import MainWindow
    from .operations import CollectionState
    from .prefs import load_ui_prefs
    from .theme import apply_theme, icon

    app.setWindowIcon(icon("app"))
    try:
        col = Collection.open(collection_path)
    except SchemaError as exc:
        apply_theme(app, "system")
        col = offer_backup(exc, collection_path)
        if col is None:
            return 1
    except (CollectionLockedError, OSError) as exc:
        apply_theme(app, "system")
        QMessageBox.critical(None, "Cannot open your collection", f"{exc}\n\nFile: {collection_path}")
        return 1
    state = CollectionState(col)
    try:
        apply_theme(app, load_ui_prefs(col).theme)
        window = MainWindow(state, decks_dir)
        window.show()
        return app.exec()
    finally:
        state.col.close(backup=True)  # the window may have swapped in a restored collection


def offer_backup(exc: Exception, collection_path: Path):  # noqa: ANN201 - Collection | None
    """Explain why the collection cannot be opened and offer its newest good backup.

    Returns the reopened collection after a restore, or None if the learner quits (the bad
    file is never overwritten: a restore keeps its exact bytes as a backup first).
    """
    from PySide6.QtWidgets import QMessageBox

    from flashcards import Collection
    from flashcards.core import backup as backups

    info = getattr(exc, "backup", None)
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open your collection",
                      str(exc).split("\nThe newest good backup")[0])
    restore = None
    if info is not None:
        when = info.time.astimezone().strftime("%a %d %b %Y, %H:%M")
        box.setInformativeText(f"The newest intact backup is from {when}. Restore it? "
                               "The current file is kept unchanged in the backups folder.")
        restore = box.addButton("Restore Backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(f"No intact backup was found. The file was not changed:\n{collection_path}")
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return None
    try:
        backups.restore(info.path, collection_path)
        return Collection.open(collection_path)
    except Exception as error:  # noqa: BLE001 - shown to the learner
        QMessageBox.critical(None, "Could not restore the backup", str(error))
        return None
