"""The main window's article actions: File → New Decks from Article…, Tools → Article Reader…,
File → Import of an article (opens the wizard) and "Show Source" from a card (study screen,
browser) into the reader and back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from .operations import CollectionState

if TYPE_CHECKING:
    from .article_reader import ArticleReader
    from .article_wizard import ArticleWizard
    from .main_window import MainWindow

SHOW_SOURCE_KEY = "Ctrl+L"     # study screen and browser: the card's line in its article


class ArticleActions:
    """Owns the wizard and the reader of one main window."""

    def __init__(self, window: MainWindow, state: CollectionState, file_menu: QMenu, tools_menu: QMenu):
        self._window, self._state = window, state
        self.wizard: ArticleWizard | None = None
        self.reader: ArticleReader | None = None
        self._came_from: QWidget | None = None
        new = QAction("New Decks from &Article…", window)
        new.triggered.connect(lambda _checked=False: self.open_wizard())
        file_menu.insertAction(file_menu.actions()[2], new)
        reader = QAction("Article &Reader…", window)
        reader.triggered.connect(lambda _checked=False: self.open_reader())
        tools_menu.insertAction(tools_menu.actions()[3], reader)
        window.study.source_requested.connect(self.show_source)

    def open_wizard(self, path: Path | None = None) -> ArticleWizard:
        """The article wizard (on ``path`` when given: it starts at the proposed cards)."""
        from .article_wizard import ArticleWizard

        self.wizard = ArticleWizard(self._state, path, self._window)
        self.wizard.imported.connect(self._imported)
        self.wizard.open()
        return self.wizard

    def _imported(self, decks: list[str]) -> None:
        self._window.statusBar().showMessage(f"Imported {len(decks)} deck(s) from the article", 8000)
        if self._window.stack.currentWidget() is not self._window.study:
            self._window.show_decks()

    def _reader(self) -> ArticleReader:
        if self.reader is None:
            from .article_reader import ArticleReader

            self.reader = ArticleReader(self._state, self._window)
            self.reader.browse_requested.connect(self._browse)
            self.reader.back_requested.connect(self._back)
        return self.reader

    def open_reader(self, source: str | None = None) -> ArticleReader:
        """Tools → Article Reader…: the first article behind the decks (or ``source``)."""
        reader = self._reader()
        reader.back_button.hide()
        names = reader.fill_sources()
        if source or names:
            reader.show_article(source or names[0])
        self._raise(reader)
        return reader

    def show_source(self, card_id: int) -> ArticleReader:
        """The reader at card ``card_id``'s source line; Back returns to the window it came from."""
        active = self._window.browser if getattr(self._window, "browser", None) is not None \
            and self._window.browser.isActiveWindow() else self._window
        self._came_from = active
        reader = self._reader()
        reader.show_card(card_id)
        self._raise(reader)
        return reader

    def _browse(self, query: str) -> None:
        self._window.open_browser(query)
        browser = self._window.browser
        browser.search_box.setText(query)
        browser.run_search()

    def _back(self) -> None:
        target, self._came_from = self._came_from or self._window, None
        self._raise(target)

    @staticmethod
    def _raise(widget: QWidget) -> None:
        widget.show()
        widget.raise_()
        widget.activateWindow()

