"""QtCharts helpers for the statistics window: bar, stacked, horizontal, pie and scatter charts
in the theme's colours, and the calendar heatmap (painted). Labels are plain text: QtCharts
draws category and series names as text, and titles go through :func:`plain_title`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QScatterSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from .palette import dark_mode, theme_colors

# Series colours (light, dark): learning, review, relearning, and one accent for single series.
SERIES = {False: {"learning": "#2f6fd0", "review": "#2a8743", "relearning": "#c8412e", "one": "#0f7f8c",
                  "two": "#9a6ad6", "grey": "#9aa7af"},
          True: {"learning": "#7ab4ff", "review": "#74d18c", "relearning": "#ff8a66", "one": "#2fa9b8",
                 "two": "#c3a3f5", "grey": "#5c676e"}}


def chart_text(text: str) -> str:
    """``text`` safe for QtCharts, which draws titles, axis labels and legend entries as rich
    text: the characters that could start markup become look-alikes (‹ › ＆)."""
    return text.replace("&", "＆").replace("<", "‹").replace(">", "›")


def series_color(name: str) -> QColor:
    return QColor(SERIES[dark_mode()][name])


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(chart_text(title))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    c = theme_colors()
    chart.setBackgroundBrush(QColor(c["base"]))
    chart.setTitleBrush(QColor(c["text"]))
    chart.legend().setLabelColor(QColor(c["text"]))
    chart.setMargins(chart.margins() * 0)
    return chart


def _style_axis(axis: QValueAxis | QBarCategoryAxis) -> None:
    c = theme_colors()
    font = axis.labelsFont()
    font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
    axis.setLabelsFont(font)
    axis.setLabelsColor(QColor(c["muted"]))
    axis.setGridLineColor(QColor(c["border"]))
    axis.setLinePenColor(QColor(c["border"]))


def view(chart: QChart, height: int = 220) -> QChartView:
    v = QChartView(chart)
    v.setRenderHint(QPainter.RenderHint.Antialiasing)
    v.setMinimumHeight(height)
    v.setAccessibleName(chart.title() or "Chart")
    return v


def bars(title: str, categories: Sequence[str], sets: Sequence[tuple[str, str, Sequence[float]]],
         stacked: bool = False, horizontal: bool = False, percent: bool = False,
         max_labels: int = 14) -> QChart:
    """A bar chart of ``sets`` ((name, colour key, values)) over ``categories`` (unique); with
    more than ``max_labels`` categories their labels are hidden (long day axes). ``percent``:
    the values are shares (0..1), drawn as 0–100 % with a tick every 20 %; otherwise the value
    axis has whole-number ticks (counts never read as 0.3 cards)."""
    chart = _new_chart(title)
    series = QHorizontalBarSeries() if horizontal else QStackedBarSeries() if stacked else QBarSeries()
    scale = 100.0 if percent else 1.0
    for name, colour, values in sets:
        bar_set = QBarSet(chart_text(name))
        bar_set.append([float(v) * scale for v in values])
        bar_set.setColor(series_color(colour))
        bar_set.setBorderColor(series_color(colour))
        series.append(bar_set)
    series.setBarWidth(0.8)
    chart.addSeries(series)
    cat_axis = QBarCategoryAxis()
    cat_axis.append([chart_text(c) for c in categories] or [""])
    cat_axis.setLabelsVisible(len(categories) <= max_labels)
    cat_axis.setTruncateLabels(False)            # "Causes", "180–365": shown whole, never "…"
    value_axis = QValueAxis()
    if percent:
        value_axis.setRange(0, 100)
        value_axis.setTickCount(6)
        value_axis.setLabelFormat("%.0f%%")
    else:
        top = max([sum(s[2][i] for s in sets) if stacked else max((s[2][i] for s in sets), default=0)
                   for i in range(len(categories))] + [0.0])
        if top <= 5:                             # small counts: a tick at every whole number
            high = max(1, math.ceil(top))
            value_axis.setRange(0, high)
            value_axis.setTickCount(high + 1)
        else:
            value_axis.setRange(0, top * 1.1)
            value_axis.applyNiceNumbers()
        value_axis.setLabelFormat("%.0f")
    for axis in (cat_axis, value_axis):
        _style_axis(axis)
    chart.addAxis(cat_axis, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(value_axis, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(cat_axis)
    series.attachAxis(value_axis)
    chart.legend().setVisible(len(sets) > 1)
    return chart


def pie(title: str, slices: Sequence[tuple[str, int, str]]) -> QChart:
    """A pie of (label, count, colour key) slices; empty slices are left out."""
    chart = _new_chart(title)
    series = QPieSeries()
    for label, count, colour in slices:
        if count:
            s = series.append(chart_text(f"{label} {count}"), count)
            s.setColor(series_color(colour))
            s.setBorderColor(QColor(theme_colors()["base"]))
    chart.addSeries(series)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    return chart


def calibration(title: str, points: Sequence[tuple[float, float]]) -> QChart:
    """Predicted (x) against actual (y) recall with the diagonal of perfect calibration."""
    chart = _new_chart(title)
    ideal = QLineSeries()
    ideal.setName("perfect")
    ideal.append([QPointF(0, 0), QPointF(1, 1)])
    ideal.setColor(series_color("grey"))
    dots = QScatterSeries()
    dots.setName("your reviews")
    dots.setMarkerSize(11)
    dots.setColor(series_color("one"))
    dots.setBorderColor(series_color("one"))
    dots.append([QPointF(x, y) for x, y in points])
    x_axis, y_axis = QValueAxis(), QValueAxis()
    for axis, name in ((x_axis, "predicted recall"), (y_axis, "actual recall")):
        axis.setRange(0, 1)
        axis.setTitleText(name)
        axis.setTitleBrush(QColor(theme_colors()["muted"]))
        _style_axis(axis)
    chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
    for s in (ideal, dots):
        chart.addSeries(s)
        s.attachAxis(x_axis)
        s.attachAxis(y_axis)
    return chart


class Heatmap(QWidget):
    """Answers per learner day as a calendar: one column per week, Monday on top."""

    CELL = 11

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.days: list[tuple[date, int]] = []
        self.setAccessibleName("Reviews per day over the past year")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(8 * (self.CELL + 2) + 4)

    def set_days(self, days: Sequence[tuple[date, int]]) -> None:
        self.days = list(days)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(54 * (self.CELL + 2), 8 * (self.CELL + 2) + 4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.days:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = theme_colors()
        accent = QColor(series_color("review"))
        empty = QColor(c["alt_base"])
        peak = max(n for _, n in self.days) or 1
        first = self.days[0][0]
        monday = first - timedelta(days=first.weekday())
        step = self.CELL + 2
        for day, n in self.days:
            col, row = (day - monday).days // 7, day.weekday()
            colour = QColor(accent)
            colour.setAlphaF(0.25 + 0.75 * min(1.0, n / peak))
            p.setPen(QColor(c["border"]) if not n else Qt.PenStyle.NoPen)
            p.setBrush(colour if n else empty)
            p.drawRoundedRect(QRectF(2 + col * step, 2 + row * step, self.CELL, self.CELL), 2, 2)
        p.end()
