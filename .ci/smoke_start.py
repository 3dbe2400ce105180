"""Start the installed app offscreen on a temporary collection and check it found what it ships.

Run with the interpreter of the install under test, from outside the checkout::

    QT_QPA_PLATFORM=offscreen fresh/bin/python .ci/smoke_start.py

Checks: the bundled decks are found and imported (one deck file → cards in the collection), every
icon and both stylesheets load (and every image a stylesheet names exists), the main window shows
the deck list. Prints one line per check; exits 1 with ``error: ...`` on the first failure.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import NoReturn

IMPORT_TIMEOUT_S = 60.0   # generous: a slow CI machine importing the bundled decks


def fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QSize
    from PySide6.QtWidgets import QApplication

    import flashcards
    from flashcards import Collection
    from flashcards.core import paths
    from flashcards.core.deckfile import DECK_SUFFIXES
    from flashcards.ui import theme
    from flashcards.ui.main_window import MainWindow
    from flashcards.ui.operations import CollectionState

    print(f"package: {Path(flashcards.__file__).parent}")
    decks = paths.bundled_decks_dir()
    if decks is None:
        fail("no bundled decks folder in this install")
    deck_files = sorted(p for p in decks.rglob("*") if p.suffix in DECK_SUFFIXES)
    if not deck_files:
        fail(f"no deck files in {decks}")
    print(f"decks: {len(deck_files)} file(s) in {decks}")

    app = QApplication.instance() or QApplication(sys.argv[:1])
    QCoreApplication.setApplicationName("FlashcardsSmokeTest")
    theme.apply_theme(app, "light")  # type: ignore[arg-type]
    for dark in (False, True):
        sheet = theme.stylesheet(dark)
        if not sheet.strip():
            fail(f"empty {'dark' if dark else 'light'} stylesheet")
        for url in re.findall(r"url\(([^)]+)\)", sheet):
            if not Path(url.strip("\"'")).is_file():
                fail(f"stylesheet image missing: {url}")
    print(f"stylesheets: light and dark from {paths.resources_dir() / 'style'}")
    names = theme.icon_names()
    if not names:
        fail("no icons found")
    for name in names:
        if theme.icon(name).pixmap(QSize(16, 16)).isNull():
            fail(f"icon {name!r} does not render")
    print(f"icons: {len(names)} render")

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection.open(Path(tmp) / "collection.sqlite3")
        try:
            window = MainWindow(CollectionState(col), decks)
            window.show()
            deadline = time.monotonic() + IMPORT_TIMEOUT_S
            while (window.state.busy or not window.deck_list.items()) and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.01)
            if not window.deck_list.items():
                fail(f"the bundled decks were not imported within {IMPORT_TIMEOUT_S:.0f} s")
            cards = len(col.cards())
            if cards == 0:
                fail("the bundled decks gave no cards")
            if window.windowIcon().isNull():
                fail("the window has no icon")
            print(f"window: {len(col.deck_names())} decks, {cards} cards shown in the deck list")
            window.close()
        finally:
            col.close()
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
