"""The main window's file jobs: importing deck files, exporting a deck, backing up and restoring
the collection. Long work runs on a worker thread through :class:`CollectionOp`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMessageBox, QStackedWidget

from flashcards.core.collection import Collection
from flashcards.core.deckfile import DECK_SUFFIXES
from flashcards.core.models import ImportReport

from .interop_dialogs import IMPORT_FILTER, choose_export_format, choose_export_target, show_import_summary
from .operations import CollectionOp, CollectionState

if TYPE_CHECKING:
    from .article_actions import ArticleActions
    from .study import StudyScreen


def has_deck_files(folder: Path | None) -> bool:
    """True if ``folder`` holds at least one ``.yaml``/``.yml`` file (at any depth)."""
    if folder is None or not folder.is_dir():
        return False
    return any(p.suffix.lower() in DECK_SUFFIXES for p in folder.rglob("*") if p.is_file())


@dataclass(frozen=True)
class Reopened:
    """The collection to carry on with after a restore: the restored one, or (``error`` set) the
    previous file reopened as it was because the restore failed."""

    col: Collection
    error: Exception | None = None


def restore_or_reopen(col: Collection, backup: Path) -> Reopened:
    """Replace ``col``'s file with ``backup`` (worker thread). If that fails after ``col`` was
    closed, the unchanged file is opened again; only a failure to reopen it raises."""
    path = col.path
    try:
        return Reopened(col.restore_backup(backup))
    except Exception as exc:
        if not col.closed:
            return Reopened(col, exc)
        return Reopened(Collection.open(path), exc)


class FileFlows(QMainWindow):
    """The base of :class:`~flashcards.ui.main_window.MainWindow` that holds its file jobs."""

    state: CollectionState
    decks_dir: Path | None
    stack: QStackedWidget
    study: StudyScreen
    articles: ArticleActions

    def show_decks(self) -> None:
        """Show the deck list (the main window's)."""
        raise NotImplementedError

    def _choose_export_format(self) -> str | None:
        return choose_export_format(self)

    def _choose_export_target(self, deck: str, fmt: str) -> Path | None:
        return choose_export_target(self, deck, fmt, self.decks_dir or Path.home())

    def export_deck(self, deck: str | None = None, path: Path | None = None, fmt: str | None = None) -> None:
        """File → Export Deck…: a deck (and its sub-decks) as YAML deck files with their media/, an
        Anki package (with the review history) or CSV, written on a worker thread."""
        if deck is None:
            names = self.state.col.deck_names()
            if not names:
                return
            from PySide6.QtWidgets import QInputDialog

            deck, ok = QInputDialog.getItem(self, "Export Deck", "Deck:", names, 0, False)
            if not ok:
                return
        if fmt is None:
            fmt = {".apkg": "apkg", ".csv": "csv", ".tsv": "csv"}.get(path.suffix.lower(), "yaml") if path \
                else self._choose_export_format()
            if fmt is None:
                return
        if path is None:
            path = self._choose_export_target(deck, fmt)
            if path is None:
                return
        target, name, kind = path, deck, fmt
        op: CollectionOp[Any] = CollectionOp(
            self, self.state, "export",
            lambda col: col.decks.export(name, target, kind, with_history=kind == "apkg", progress=op.report),
            error_title="Could not export the deck")
        op.in_background("Exporting the deck…").success(
            lambda r: self.statusBar().showMessage(
                f"Exported {r.notes} note(s) to {target}" if kind != "yaml"
                else f"Exported {len(r.files)} deck file(s) to {target}", 8000)).run()

    def _backup_while_studying(self) -> None:
        if self.stack.currentWidget() is self.study and not self.state.busy:
            self.backup()

    def backup(self) -> None:
        """A backup in the background if the last one is older than the core's interval."""
        CollectionOp(self, self.state, "backup", lambda col: col.maybe_backup(),
                     error_title="Could not back up the collection").in_background().run()

    def _choose_import_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import", str(self.decks_dir or Path.home()), IMPORT_FILTER)
        return paths

    def _choose_import_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, "Import a folder of decks", str(self.decks_dir or Path.home()))

    def _ask_history(self) -> bool:
        """Whether to replay an Anki package's reviews (scheduling continues where Anki left off)."""
        answer = QMessageBox.question(self, "Import", "Also import the review history of the Anki package?\n"
                                      "Scheduling then continues where Anki left off.")
        return answer == QMessageBox.StandardButton.Yes

    def import_files(self) -> None:
        paths = self._choose_import_files()
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = self._choose_import_folder()
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import deck files/folders, Anki packages, CSV/TSV or Markdown (chosen by content) in the
        background, with a progress dialog."""
        from flashcards.core.interop import InteropError
        from flashcards.core.interop.detect import detect, import_paths

        try:
            found = {p: detect(p) for p in paths}
        except InteropError:
            found = dict.fromkeys(paths, "other")     # the import itself reports the problem
        articles = [p for p, kind in found.items() if kind == "article"]
        if articles:                                # an article goes to the wizard, not the importer
            self.articles.open_wizard(articles[0])
            paths = [p for p in paths if found[p] != "article"]
            if not paths:
                return
        kinds = {found[p] for p in paths}
        history = "apkg" in kinds and self._ask_history()

        def run(col: Collection) -> object:
            return (col.decks.import_files(paths, progress=op.report).report if kinds == {"yaml"}
                    else import_paths(col, paths, None, history, progress=op.report))

        op: CollectionOp[object] = CollectionOp(self, self.state, "import", run, error_title="Import failed")
        op.in_background("Importing…").success(self._imported).run()

    def _imported(self, result: object) -> None:
        if isinstance(result, ImportReport):
            self.statusBar().showMessage(f"Imported {result.summary()}", 8000)
        else:
            self.statusBar().showMessage(show_import_summary(self, result), 8000)  # type: ignore[arg-type]
        if self.stack.currentWidget() is not self.study:
            self.show_decks()

    def _first_run(self) -> None:
        if not self.state.col.deck_names() and has_deck_files(self.decks_dir):
            self.import_paths([self.decks_dir])  # type: ignore[list-item]

    def restore_backup(self) -> None:
        """Pick a backup and replace the collection with it (the current file is kept first)."""
        from .backup_dialog import RestoreBackupDialog, describe

        dialog = RestoreBackupDialog(self.state.col.backups(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or (chosen := dialog.chosen()) is None:
            return
        answer = QMessageBox.question(
            self, "Restore from Backup",
            f"Replace your collection with the backup of {describe(chosen).split('   ·')[0]}?\n\n"
            "Your current collection is saved as a backup first.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        QThreadPool.globalInstance().waitForDone()  # no background op may hold the old collection
        CollectionOp(self, self.state, "restore", lambda col: restore_or_reopen(col, chosen.path),
                     error_title="Could not reopen your collection") \
            .in_background("Restoring the backup…").success(self._restored).run()

    def _restored(self, outcome: Reopened) -> None:
        self.state.col = outcome.col
        self.show_decks()
        if outcome.error is not None:
            from .operations import error_text, show_error

            show_error(self, "Could not restore the backup", error_text(outcome.error))
        else:
            self.statusBar().showMessage("Backup restored; your previous collection was saved as a backup.", 8000)
