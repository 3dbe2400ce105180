"""The statistics window: the figures of :mod:`flashcards.core.progress` drawn with QtCharts for
the whole collection or one deck over a chosen period, the weakest cards with "Study now",
the HTML report and printing it to PDF. It computes nothing itself; deck-derived text is plain."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCharts import QChart
from PySide6.QtCore import QByteArray, QMarginsF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from flashcards.core import progress as pg
from flashcards.core.clock import utcnow
from flashcards.core.report import build_report, write_report

from . import charts
from .operations import CollectionState, OpChanges, error_text, show_error
from .plain import plain_label, plain_title

ALL_DECKS = "All decks"


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def _short(iso_day: str) -> str:
    """"2026-03-02" → "2 Mar"."""
    d = date.fromisoformat(iso_day)
    return f"{d.day} {d.strftime('%b')}"


def _minutes(ms: int) -> str:
    return f"{ms / 60000:.0f} min"


def svg_as_images(doc: QTextDocument, html: str) -> str:
    """``html`` with every inline ``<svg>`` replaced by an image resource of ``doc`` (drawn at 2×)."""
    def image(match: re.Match[str]) -> str:
        source = match.group(0)
        renderer = QSvgRenderer(QByteArray(source.encode("utf-8")))
        size = renderer.defaultSize()
        img = QImage(size * 2, QImage.Format.Format_ARGB32)
        img.fill(Qt.GlobalColor.white)
        painter = QPainter(img)
        renderer.render(painter)
        painter.end()
        name = f"chart{len(names)}"
        names.append(name)
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), img)
        return f'<img src="{name}" width="{size.width()}" height="{size.height()}">'

    names: list[str] = []
    return re.sub(r"<svg\b.*?</svg>", image, html, flags=re.DOTALL)


#: The difficulty and calibration row is taller: the calibration chart has a legend and two axis titles.
CALIBRATION_ROW_HEIGHT = 280


def calibration_title(p: pg.Progress) -> str:
    """The calibration chart's title; it names the sample when only some cards were replayed."""
    title = "Predicted vs actual recall"
    if p.calibration_cards < p.calibration_answered:
        title += f" ({p.calibration_cards:,} of {p.calibration_answered:,} cards)"
    return title


class StatsWindow(QDialog):
    """Emits ``study_requested(deck)`` when the learner asks to study the weakest cards' deck."""

    study_requested = Signal(str)

    def __init__(self, state: CollectionState, deck: str | None = None, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = utcnow):
        super().__init__(parent)
        self._state, self._clock = state, clock
        self.progress: pg.Progress | None = None
        self.charts: dict[str, QChart] = {}
        self.setWindowTitle("Statistics")
        self.setAccessibleName("Statistics")
        self.resize(1000, 760)
        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.deck_box = QComboBox()
        self.deck_box.setAccessibleName("Deck")
        self.deck_box.addItem(ALL_DECKS, None)
        for name in state.col.decks.names():
            self.deck_box.addItem(name, name)       # combo box items are plain text
        if deck is not None:
            self.deck_box.setCurrentIndex(max(0, self.deck_box.findData(deck)))
        self.period_box = QComboBox()
        self.period_box.setAccessibleName("Period")
        for label, days in pg.PERIODS.items():
            self.period_box.addItem(label, days)
        self.report_button = QPushButton("Save Report…")
        self.report_button.setAccessibleName("Save report")
        self.pdf_button = QPushButton("Print to PDF…")
        self.pdf_button.setAccessibleName("Print report to PDF")
        for button in (self.report_button, self.pdf_button):
            button.setAutoDefault(False)        # not the window's default: no bold text clipped on focus
        bar.addWidget(self.deck_box, 1)
        bar.addWidget(self.period_box)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        bar.addWidget(self.pdf_button)
        outer.addLayout(bar)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._body = QWidget()
        self._grid = QGridLayout(self._body)
        scroll.setWidget(self._body)
        outer.addWidget(scroll, 1)
        self._build_body()
        self.deck_box.currentIndexChanged.connect(self.refresh)
        self.period_box.currentIndexChanged.connect(self.refresh)
        self.report_button.clicked.connect(lambda: self.save_report())
        self.pdf_button.clicked.connect(lambda: self.print_pdf())
        state.changed.connect(self._on_changed)
        self.refresh()

    # ------------------------------------------------------------------ layout
    def _build_body(self) -> None:
        g = self._grid
        self.today_label = QLabel()
        self.today_label.setTextFormat(Qt.TextFormat.PlainText)
        self.today_label.setObjectName("statsToday")
        self.today_label.setAccessibleName("Today")
        g.addWidget(self.today_label, 0, 0, 1, 2)
        self.heatmap = charts.Heatmap()
        g.addWidget(self.heatmap, 1, 0, 1, 2)
        self._views: dict[str, tuple[int, int, int]] = {
            "reviews": (2, 0, 1), "time": (2, 1, 1), "forecast": (3, 0, 1), "counts": (3, 1, 1),
            "intervals": (4, 0, 1), "stability": (4, 1, 1), "difficulty": (5, 0, 1), "calibration": (5, 1, 1),
            "retention_week": (6, 0, 2), "retention_deck": (7, 0, 2), "mastery": (8, 0, 2)}   # deck names need the width
        self._chart_views: dict[str, QWidget] = {}
        weak = QWidget()
        wl = QVBoxLayout(weak)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(plain_label(QLabel(), "Weakest cards (leeches, most lapses, lowest predicted recall)"))
        self.weak_list = QListWidget()
        self.weak_list.setAccessibleName("Weakest cards")
        self.weak_list.setMinimumHeight(180)
        wl.addWidget(self.weak_list)
        self.study_button = QPushButton("Study Now")
        self.study_button.setAccessibleName("Study the weakest cards' deck now")
        self.study_button.clicked.connect(self._study_weakest)
        wl.addWidget(self.study_button, 0, Qt.AlignmentFlag.AlignRight)
        g.addWidget(weak, 9, 0, 1, 2)

    def _place(self, key: str, chart: QChart, height: int = 220) -> None:
        self.charts[key] = chart
        old = self._chart_views.pop(key, None)
        if old is not None:
            self._grid.removeWidget(old)
            old.deleteLater()
        v = charts.view(chart, height)
        row, col, span = self._views[key]
        self._grid.addWidget(v, row, col, 1, span)
        self._chart_views[key] = v

    # ----------------------------------------------------------------- drawing
    @property
    def deck(self) -> str | None:
        return self.deck_box.currentData()

    def _on_changed(self, changes: OpChanges, _initiator: object | None = None) -> None:
        if self.isVisible() and (changes.card or changes.deck or changes.config):
            self.refresh()

    def refresh(self) -> None:
        """Recompute the figures (core) and redraw every chart."""
        p = pg.progress(self._state.col, self.deck, now=self._clock(), period_days=self.period_box.currentData())
        self.progress = p
        self.setWindowTitle(plain_title(f"Statistics — {self.deck or ALL_DECKS}"))
        t = p.today
        self.today_label.setText(
            f"Today: {t.studied} cards studied · {t.reviews} answers · {_minutes(t.time_ms)} · "
            f"again {_pct(t.again_rate)} · streak {t.streak} day(s)     Period: {_minutes(p.period_time_ms)}, "
            f"true retention {_pct(p.period_retention.share)}")
        self.heatmap.set_days([(d.day, d.total) for d in p.days])
        days = p.period
        labels = [d.day.strftime("%d %b") for d in days]
        span = f" ({labels[0]} – {labels[-1]})"
        self._place("reviews", charts.bars("Answers per day" + span, labels, [
            ("Learning", "learning", [d.learning for d in days]), ("Review", "review", [d.review for d in days]),
            ("Relearning", "relearning", [d.relearning for d in days])], stacked=True))
        self._place("time", charts.bars("Minutes per day" + span, labels,
                                        [("Minutes", "one", [d.time_ms / 60000 for d in days])]))
        self._place("forecast", charts.bars(f"Due in the next {len(p.forecast)} days",
                                            [f"+{i}" for i in range(len(p.forecast))],
                                            [("Due", "one", p.forecast)]))
        c = p.counts
        self._place("counts", charts.pie("Cards", [("New", c.new, "learning"), ("Learning", c.learning, "relearning"),
                                                   ("Young", c.young, "two"), ("Mature", c.mature, "review"),
                                                   ("Suspended", c.suspended, "grey")]))
        for key, title, buckets in (("intervals", "Intervals (days; each bar from its label up)", p.intervals),
                                    ("stability", "Stability (days; each bar from its label up)", p.stability),
                                    ("difficulty", "Difficulty", p.difficulty)):
            # "30–60" → "30", "365+" → "365": fits a narrow bar (the title says each bar starts at its label)
            labels = [b.label.split("–")[0].rstrip("+") if "from its label" in title else b.label for b in buckets]
            self._place(key, charts.bars(title, labels, [("Cards", "one", [b.count for b in buckets])]),
                        CALIBRATION_ROW_HEIGHT if key == "difficulty" else 220)
        self._place("calibration", charts.calibration(
            calibration_title(p), [(b.predicted, b.actual) for b in p.calibration]), CALIBRATION_ROW_HEIGHT)
        weeks = p.retention_by_week
        self._place("retention_week", charts.bars("True retention by week", [_short(w.label) for w in weeks],
                                                  [("Retention", "review", [w.share or 0 for w in weeks])],
                                                  percent=True))
        decks = p.retention_by_deck
        short = [r.label.rsplit("::", 1)[-1] for r in decks]
        names = short if len(set(short)) == len(short) else [r.label for r in decks]   # unique categories
        self._place("retention_deck", charts.bars("True retention by deck", names,
                                                  [("Retention", "review", [r.share or 0 for r in decks])],
                                                  horizontal=True, percent=True), max(160, 40 + 28 * len(decks)))
        m = p.mastery
        self._place("mastery", charts.bars(
            f"Mastery per section (desired retention {_pct(p.desired_retention)})", [x.deck for x in m],
            [("Average recall now", "one", [x.mean_recall for x in m]),
             ("Share at or above target", "review", [x.above_target for x in m])],
            horizontal=True, percent=True), max(180, 60 + 40 * len(m)))
        self.weak_list.clear()
        for w in p.weakest:
            flag = " · leech" + (" (suspended)" if w.suspended else "") if w.leech else ""
            item = QListWidgetItem(f"{w.question}  —  {w.deck} · {w.lapses} lapses · recall {_pct(w.recall)}{flag}")
            item.setData(Qt.ItemDataRole.UserRole, w.deck)
            self.weak_list.addItem(item)          # list items are plain text
        self.study_button.setEnabled(bool(p.weakest))

    # ----------------------------------------------------------------- actions
    def _study_weakest(self) -> None:
        item = self.weak_list.currentItem() or self.weak_list.item(0)
        if item is not None:
            self.study_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def report_html(self) -> str:
        return build_report(self._state.col, self.deck, now=self._clock(), period_days=self.period_box.currentData())

    def save_report(self, path: str | None = None) -> None:
        """Write the HTML report (asks where unless ``path`` is given)."""
        path = path or QFileDialog.getSaveFileName(self, "Save Report", "report.html", "HTML (*.html)")[0]
        if not path:
            return
        try:
            write_report(self.report_html(), Path(path))
        except OSError as exc:
            show_error(self, "Could not save the report", error_text(exc))

    def print_pdf(self, path: str | None = None) -> None:
        """Print the report to a PDF file (QTextDocument has no SVG: each chart goes in as an image)."""
        path = path or QFileDialog.getSaveFileName(self, "Print Report to PDF", "report.pdf", "PDF (*.pdf)")[0]
        if not path:
            return
        doc = QTextDocument()
        doc.setHtml(svg_as_images(doc, self.report_html()))
        writer = QPdfWriter(path)
        writer.setResolution(96)                  # the report's CSS pixels are screen pixels
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
        doc.print_(writer)
