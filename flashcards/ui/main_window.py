"""The main window: deck list, study screen, summary and "nothing due" pages, menus, first run.

Import, export, backup and restore are in :mod:`.window_files` (its base class)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QStackedWidget, QWidget

from .deck_list import DeckListScreen
from .operations import CollectionOp, CollectionState, OpChanges
from .session import SessionStats
from .study import StudyScreen
from .summary import NothingDueScreen, SummaryScreen
from .theme import icon, notifier
from .window_files import FileFlows, Reopened, has_deck_files, restore_or_reopen

__all__ = ["GEOMETRY_KEY", "MainWindow", "Reopened", "has_deck_files", "restore_or_reopen"]

GEOMETRY_KEY = "main/geometry"
BACKUP_CHECK_MS = 5 * 60 * 1000   # how often to ask the core whether a backup is due


class MainWindow(FileFlows):
    """Everything in one window; pages switch in a QStackedWidget."""

    def __init__(self, state: CollectionState, decks_dir: Path | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self.decks_dir = decks_dir
        self.setWindowTitle("Flashcards")
        self.setWindowIcon(icon("app"))
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.deck_list = DeckListScreen(state)
        self.study = StudyScreen(state)
        self.summary = SummaryScreen()
        self.nothing_due = NothingDueScreen()
        for page in (self.deck_list, self.study, self.summary, self.nothing_due):
            self.stack.addWidget(page)
        self.deck_list.study_requested.connect(self.start_study)
        self.deck_list.custom_study_requested.connect(self.open_custom_study)
        self.deck_list.practice_requested.connect(self.open_practice)
        self.deck_list.import_requested.connect(self.import_files)
        self.deck_list.import_folder_requested.connect(self.import_folder)
        self.study.finished.connect(self._session_finished)
        self.study.back.connect(self.show_decks)
        self.study.resumed.connect(self._resume_study)
        self.study.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.summary.back.connect(self.show_decks)
        self.nothing_due.back.connect(self.show_decks)
        state.changed.connect(self._on_changed)
        notifier().changed.connect(self._theme_changed)
        self._theme_hooked = True
        self._build_menus()
        self.statusBar().setSizeGripEnabled(True)
        self._restore_geometry()
        # While the learner studies, back up at most every 30 minutes (the core decides).
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self._backup_while_studying)
        self._backup_timer.start()
        self.show_decks()
        QTimer.singleShot(0, self._first_run)
        QTimer.singleShot(0, self.sync.sync_quietly)          # sync on open (if a folder was chosen)

    # ------------------------------------------------------------------ menus
    def _action(self, text: str, slot,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda _checked=False: slot())   # never pass `checked` on as an argument
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self._action("&Import Decks…", self.import_files, "Ctrl+I", "import"))
        file_menu.addAction(self._action("Import Deck &Folder…", self.import_folder, None, "folder"))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Restore from Backup…", self.restore_backup, None, "undo"))
        file_menu.addSeparator()
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")
        quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)   # also from the browser
        file_menu.addAction(quit_action)
        from .sync_settings import SyncActions

        # File → Sync Now, Export Progress…, Class Report… (and the automatic syncs)
        self.sync = SyncActions(self, self.state, file_menu, before=quit_action)
        edit_menu = bar.addMenu("&Edit")
        self.undo_action = self._action("Undo", self.undo, QKeySequence.StandardKey.Undo, "undo")
        self.undo_action.setEnabled(False)
        edit_menu.addAction(self.undo_action)
        tools_menu = bar.addMenu("&Tools")
        tools_menu.addAction(self._action("&Settings…", self.open_settings, "Ctrl+,", "settings"))
        self._build_authoring_menu(file_menu, tools_menu)
        from .article_actions import ArticleActions

        self.articles = ArticleActions(self, self.state, file_menu, tools_menu)   # wizard, reader, Show Source
        self._add_progress_actions(tools_menu)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&Keyboard Shortcuts", self.open_shortcuts, "F1", "keyboard"))
        help_menu.addAction(self._action("&About Flashcards", self.open_about, None, "about"))

    # ------------------------------------------------------------ authoring (browser, editor, decks)
    def _build_authoring_menu(self, file_menu, tools_menu) -> None:
        """File → Export Deck…; Tools → Browse Cards, Add Card, Manage Decks."""
        file_menu.insertAction(file_menu.actions()[2], self._action("&Export Deck…", self.export_deck, "Ctrl+Shift+E"))
        tools_menu.insertSeparator(tools_menu.actions()[0])
        for action in reversed((self._action("&Browse Cards…", self.open_browser, "Ctrl+B"),
                                self._action("&Add Card…", self.open_editor, "Ctrl+Shift+N"),
                                self._action("&Manage Decks…", self.open_deck_manager, "Ctrl+Shift+D"))):
            tools_menu.insertAction(tools_menu.actions()[0], action)
        self.study.edit_requested.connect(self.edit_card)

    def open_browser(self, query: str = "") -> None:
        from .browser import BrowserWindow

        if getattr(self, "browser", None) is None:
            self.browser = BrowserWindow(self.state, self, query)
            self.browser.edit_requested.connect(self.edit_card)
            self.browser.source_requested.connect(self.articles.show_source)
        self.browser.show()
        self.browser.raise_()
        self.browser.activateWindow()

    def open_editor(self) -> None:
        """Add a card to the deck selected in the deck list (or studied)."""
        from .editor import EditorDialog

        deck = self.study.deck if self.stack.currentWidget() is self.study else self.deck_list.current_deck()
        self.editor = EditorDialog(self.state, None, deck, self)
        self.editor.open()

    def edit_card(self, card_id: int) -> None:
        """Edit ``card_id``'s note; on the study screen the same card is shown again afterwards."""
        from .editor import EditorDialog

        parent = self.browser if getattr(self, "browser", None) is not None and self.browser.isActiveWindow() else self
        self.editor = EditorDialog(self.state, card_id, None, parent)
        self.editor.open()          # window-modal; the study screen keeps its card and redraws it

    def open_deck_manager(self) -> None:
        from .deck_dialogs import DeckManagerDialog

        self.deck_manager = DeckManagerDialog(self.state, self)
        self.deck_manager.open()

    # ------------------------------------------------------------------ pages
    def _show_page(self, page: QWidget, title: str = "") -> None:
        from .plain import plain_title  # deck names as typed (Qt hides "[*]" in titles)

        self.stack.setCurrentWidget(page)
        self.setWindowTitle(plain_title(f"{title} — Flashcards") if title else "Flashcards")

    def show_decks(self) -> None:
        self._show_page(self.deck_list)
        self.deck_list.refresh()
        self.deck_list.focus_list()

    def start_study(self, deck: str) -> None:
        title = deck.rsplit("::", 1)[-1]
        if self.study.start(deck):
            self._show_page(self.study, title)
        else:
            self.nothing_due.show_deck(deck, self.state.col.next_due_time(deck))
            self._show_page(self.nothing_due, title)
            self.nothing_due.setFocus()

    # ------------------------------------------------------ custom study, practice
    def open_custom_study(self, deck: str) -> None:
        """Custom study for ``deck``: a one-day limit increase, or a session over chosen cards."""
        from flashcards.core.custom_study import start_session

        from .custom_study_dialog import CustomStudyDialog

        dialog = CustomStudyDialog(deck, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, number = dialog.choice()
        CollectionOp(self, self.state, "custom_study", lambda col: start_session(col, deck, kind, number),
                     error_title="Could not start custom study") \
            .success(lambda session: self._custom_study_ready(deck, session)).run()

    def _custom_study_ready(self, deck: str, session: object) -> None:
        title = deck.rsplit("::", 1)[-1]
        if session is None:                                    # a limit increase: study the deck
            self.start_study(deck)
        elif self.study.start(deck, session):                  # type: ignore[arg-type]
            self._show_page(self.study, title)
        else:
            self.statusBar().showMessage("No cards match that custom study.", 6000)

    def open_practice(self, deck: str, decks: list[str] | None = None) -> None:
        """A practice test on ``deck`` (never changes the schedule); its missed cards may be studied."""
        from .practice import PracticeDialog

        dialog = PracticeDialog(self.state.col, deck, self)
        dialog.exec()
        if dialog.study_missed is not None:
            self._custom_study_ready(deck, dialog.study_missed)

    def _session_finished(self, stats: SessionStats) -> None:
        self.sync.sync_quietly()                               # sync after a session
        self.summary.show_stats(stats, self.state.col.next_due_time(stats.deck), hidden=self._hidden_in(stats.deck))
        self._show_page(self.summary, stats.deck.rsplit("::", 1)[-1])
        self.summary.setFocus()
        self.backup()

    def _hidden_in(self, deck: str) -> tuple[int, int]:
        hidden = self.state.col.sched.hidden(deck)
        return len(hidden.suspended), len(hidden.buried)

    # ---------------------------------------------------------------- actions
    def undo(self) -> None:
        """Edit → Undo: in a session (study or summary page) the study screen's controller undoes
        and asks the card again; elsewhere the undo is only reported."""
        if not self.state.undo_status().can_undo:
            return
        if self.stack.currentWidget() in (self.study, self.summary) and self.study.deck:
            self.study.undo()
            return
        CollectionOp(self, self.state, "undo", lambda col: col.undo(), error_title="Could not undo") \
            .success(self._undone_elsewhere).run()

    def _undone_elsewhere(self, result: object) -> None:
        if result is not None:
            self.statusBar().showMessage(f"Undid {getattr(result, 'action', '')}", 5000)

    def _resume_study(self) -> None:
        if self.stack.currentWidget() is not self.study:
            self._show_page(self.study, self.study.deck.rsplit("::", 1)[-1])

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.state, self).exec()   # saves through one CollectionOp, which tells every view

    # ------------------------------------------------------------ statistics
    def _add_progress_actions(self, menu) -> None:
        """Tools ▸ Statistics… and Report… (the statistics window has Save/Print too)."""
        menu.addSeparator()
        menu.addAction(self._action("S&tatistics…", self.open_statistics, "Ctrl+Shift+S"))
        menu.addAction(self._action("Progress &Report…", self.save_progress_report))

    def _stats_window(self):
        from .stats_window import StatsWindow

        window = StatsWindow(self.state, self.deck_list.current_deck(), self)

        def study(deck: str) -> None:
            window.close()
            self.start_study(deck)

        window.study_requested.connect(study)
        return window

    def open_statistics(self) -> None:
        window = self._stats_window()
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()

    def save_progress_report(self) -> None:
        window = self._stats_window()
        window.save_report()
        window.deleteLater()

    def open_about(self) -> None:
        from .about_dialog import AboutDialog

        AboutDialog(self.state.col, self).exec()

    def open_shortcuts(self) -> None:
        from .shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def _theme_changed(self, _dark: bool) -> None:
        """Colours painted by hand (deck counts, card HTML) follow a theme switch."""
        if not self.isVisible():
            return
        self.deck_list.invalidate()
        if self.stack.currentWidget() is self.study:
            self.study.render_card()

    def _on_changed(self, changes: OpChanges, _initiator: object | None = None) -> None:
        """The Undo action follows the core's undo status after every change."""
        self.undo_action.setText(changes.undo.label)
        self.undo_action.setEnabled(changes.undo.can_undo)

    # ------------------------------------------------------------ geometry
    def _restore_geometry(self) -> None:
        saved = QSettings().value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and not saved.isEmpty() and self.restoreGeometry(saved):
            self.fit_to_screen()
            return
        self.resize(1040, 740)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """A saved size larger than the screen (after a scale or monitor change) is fitted to it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = max(0, frame.width() - self.width()), max(0, frame.height() - self.height())
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        frame = self.frameGeometry()
        if not area.contains(frame):
            self.move(min(max(frame.x(), area.x()), area.right() - frame.width() + 1),
                      min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.state.busy:
            from .plain import message_box

            box = message_box(self, QMessageBox.Icon.Information, "Flashcards",
                              "Please wait until the import has finished.")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            event.ignore()
            return
        QSettings().setValue(GEOMETRY_KEY, self.saveGeometry())
        self.sync.sync_quietly()                               # sync on close: waited for just below
        QThreadPool.globalInstance().waitForDone()   # a quiet backup (or that sync) still running
        if self._theme_hooked:
            notifier().changed.disconnect(self._theme_changed)
            self._theme_hooked = False
        super().closeEvent(event)

