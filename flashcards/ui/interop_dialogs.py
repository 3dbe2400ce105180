"""The file and format choices of File → Import… and File → Export Deck…, and the import summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from .plain import plain_message_box

if TYPE_CHECKING:
    from flashcards.core.interop import ImportSummary

IMPORT_FILTER = ("All supported (*.yaml *.yml *.apkg *.colpkg *.csv *.tsv *.txt *.md);;Deck files (*.yaml *.yml);;"
                 "Anki packages (*.apkg *.colpkg);;CSV/TSV (*.csv *.tsv *.txt);;Markdown (*.md);;All files (*)")
#: The export dialog's choices and the format each means.
EXPORT_FORMATS = {"YAML deck files (a folder)": "yaml", "Anki package (.apkg)": "apkg", "CSV/TSV": "csv"}


def choose_export_format(parent: QWidget) -> str | None:
    """The export format ("yaml", "apkg", "csv"), or None when cancelled."""
    label, ok = QInputDialog.getItem(parent, "Export Deck", "Format:", list(EXPORT_FORMATS), 0, False)
    return EXPORT_FORMATS[label] if ok else None


def choose_export_target(parent: QWidget, deck: str, fmt: str, start: Path) -> Path | None:
    """A folder (``<folder>/<deck>``) for YAML, a file name for apkg/csv; None when cancelled."""
    base = deck.replace("::", " - ")
    if fmt == "yaml":
        chosen = QFileDialog.getExistingDirectory(parent, "Export to folder", str(start))
        return Path(chosen) / base if chosen else None
    suffix, kinds = (".apkg", "Anki package (*.apkg)") if fmt == "apkg" else (".csv", "CSV (*.csv);;TSV (*.tsv)")
    chosen, _ = QFileDialog.getSaveFileName(parent, "Export Deck", str(start / (base + suffix)), kinds)
    return Path(chosen) if chosen else None


def show_import_summary(parent: QWidget, summaries: list[ImportSummary]) -> str:
    """The status-bar line for ``summaries``; when notes were skipped, also a box saying why."""
    lines = [s.summary() for s in summaries]
    if any(s.skipped for s in summaries):
        box = QMessageBox(QMessageBox.Icon.Information, "Import", "\n".join(lines), parent=parent)
        box.setObjectName("importSummary")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        plain_message_box(box).open()
    return "Imported " + "; ".join(line.split("\n", 1)[0] for line in lines)
