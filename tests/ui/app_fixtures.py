"""Fixtures for driving the real main window (imported by the app test modules)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from flashcards import Collection
from flashcards.ui.main_window import MainWindow
from flashcards.ui.operations import CollectionState

FIXTURES = Path(__file__).parents[1] / "fixtures" / "decks"


@pytest.fixture(autouse=True)
def isolated_qsettings(qapp: QApplication, tmp_path: Path) -> None:
    """Window geometry and UI toggles go to a temporary folder, never the user's settings."""
    QCoreApplication.setOrganizationName("FlashcardsTests")
    QCoreApplication.setApplicationName("FlashcardsTests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def decks_dir(tmp_path: Path) -> Path:
    target = tmp_path / "decks"
    shutil.copytree(FIXTURES, target)
    return target


def make_deck(path: Path, name: str, count: int, prefix: str = "q") -> Path:
    """Write a deck file with ``count`` basic cards."""
    lines = [f'deck: "{name}"', "cards:"]
    for i in range(count):
        lines += [f"  - id: {prefix}{i}", f'    front: "Question {prefix}{i}?"', f'    back: "Answer {i}"']
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


OpenWindow = Callable[..., MainWindow]


@pytest.fixture
def open_window(qtbot, tmp_path: Path) -> Iterator[OpenWindow]:
    """``open_window(decks_dir)`` → a shown, active main window on a fresh collection in tmp_path;
    it waits until the first-run import has finished."""
    opened: list[tuple[MainWindow, Collection]] = []

    def _open(decks: Path | None, data_dir: Path | None = None, wait_import: bool = True,
              size: tuple[int, int] | None = (1000, 720)) -> MainWindow:
        col = Collection.open((data_dir or tmp_path / "data") / "collection.sqlite3")
        window = MainWindow(CollectionState(col), decks)
        qtbot.addWidget(window)
        if size:
            window.resize(*size)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        if wait_import:
            qtbot.waitUntil(lambda: not window.state.busy and bool(window.deck_list.items()), timeout=10_000)
        opened.append((window, col))
        return window

    yield _open
    for window, col in opened:
        window.close()
        col.close()


def key(qtbot, window: MainWindow, k: Qt.Key | str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on the window (shortcuts route it to the visible screen)."""
    qtbot.keyClick(window, k, modifier)
