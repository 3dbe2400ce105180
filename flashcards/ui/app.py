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

    from .pyside_fix import guard_none_refcount

    guard_none_refcount()

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
    except (SchemaError, CollectionLockedError, OSError) as exc:
        apply_theme(app, "system")
        QMessageBox.critical(None, "Cannot open your collection", f"{exc}\n\nFile: {collection_path}")
        return 1
    try:
        apply_theme(app, load_ui_prefs(col).theme)
        window = MainWindow(CollectionState(col), decks_dir)
        window.show()
        return app.exec()
    finally:
        col.close(backup=True)
