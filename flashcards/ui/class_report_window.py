"""The class report window: a folder of students' progress files shown as per-section mastery,
the weakest cards across the class and one row per student, with "Save HTML…" for the same
report as ``flashcards class-report``. It computes nothing itself (:mod:`flashcards.core.class_report`);
every cell is plain text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flashcards.core.class_report import ClassReport, build_class_report, questions_of
from flashcards.core.report import write_report

from .operations import CollectionState, error_text
from .plain import plain_label, plain_title


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))          # items are plain text
    table.resizeColumnsToContents()
    return table


class ClassReportWindow(QDialog):
    """The class report of ``folder`` (``now``: the moment recall is predicted for; None: now)."""

    def __init__(self, folder: Path, state: CollectionState | None = None, parent: QWidget | None = None,
                 now: datetime | None = None):
        super().__init__(parent)
        self.folder = folder
        self.setWindowTitle(plain_title(f"Class report: {folder.name}"))
        self.setObjectName("classReportWindow")
        layout = QVBoxLayout(self)
        questions = questions_of(state.col) if state is not None and not state.col.closed else {}
        self.html = ""
        self.report: ClassReport | None = None
        try:
            self.html, self.report = build_class_report(folder, now, questions)
        except OSError as exc:
            layout.addWidget(plain_label(QLabel(), f"Cannot read {folder}: {error_text(exc)}"))
        if self.report is not None:
            self._fill(layout, self.report, questions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = QPushButton("Save HTML…")
        self.save_button.setEnabled(self.report is not None)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 640)

    def _fill(self, layout: QVBoxLayout, report: ClassReport, questions: dict[tuple[str, str], str]) -> None:
        self.summary = plain_label(QLabel(), f"{len(report.students)} student(s), {len(report.sections)} section(s), "
                                             f"average recall now {_pct(report.mean_recall)}")
        self.summary.setObjectName("classSummary")
        layout.addWidget(self.summary)
        if report.problems:
            skipped = plain_label(QLabel(), "Skipped: " + "; ".join(report.problems))
            skipped.setWordWrap(True)
            layout.addWidget(skipped)
        layout.addWidget(plain_label(QLabel(), "Mastery per section"))
        self.sections = _table(["Section", "Students", "Studied", "Recall now", "At or above target"],
                               [[s.deck, str(s.students), _pct(s.studied), _pct(s.mean_recall), _pct(s.above_target)]
                                for s in report.sections], "classSections")
        layout.addWidget(self.sections)
        layout.addWidget(plain_label(QLabel(), "Weakest cards across the class"))
        self.weakest = _table(["Card", "Section", "Studied by", "Recall now", "Lapses", "Leech for"],
                              [[questions.get((c.deck, c.key), c.key), c.deck, str(c.studied), _pct(c.mean_recall),
                                str(c.lapses), str(c.leeches)] for c in report.weakest], "classWeakest")
        layout.addWidget(self.weakest)
        layout.addWidget(plain_label(QLabel(), "Students"))
        names = [s.deck for s in report.sections]
        self.students = _table(["Student", "Studied", "Reviews", "Recall now", *names],
                               [[s.name, f"{s.studied} of {s.cards}", str(s.reviews), _pct(s.mean_recall),
                                 *(_pct(s.sections.get(n)) for n in names)] for s in report.students], "classStudents")
        layout.addWidget(self.students)

    def save(self, path: str | None = None) -> bool:
        """Write the HTML report (asks where when ``path`` is None); False if nothing was written."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save class report", "class-report.html", "HTML (*.html)")
        if not path or not self.html:
            return False
        write_report(self.html, Path(path))
        return True
