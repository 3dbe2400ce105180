"""The statistics window: the series each chart holds, for the whole collection and one deck;
deck-derived text plain; the report and its PDF."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import (
    QBarSeries,
    QHorizontalBarSeries,
    QPieSeries,
    QScatterSeries,
    QStackedBarSeries,
)

from flashcards import Collection, Rating
from flashcards.ui.operations import CollectionState
from flashcards.ui.stats_window import StatsWindow

from .app_fixtures import make_deck

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
HOSTILE = "<b>Bold</b> & co"


@pytest.fixture
def state(tmp_path: Path):
    make_deck(tmp_path / "decks" / "a.yaml", "Art::One", 6, "a")
    make_deck(tmp_path / "decks" / "b.yaml", f"Art::{HOSTILE}", 4, "b")
    col = Collection.open(tmp_path / "c.sqlite3")
    col.update_settings(timezone="UTC", fuzz=False)
    col.import_decks([tmp_path / "decks"])
    for i, card in enumerate(col.sched.cards()[:8]):
        t = NOW - timedelta(days=20 - i)
        col.sched.answer(card, Rating.Good, now=t, duration_ms=6000)
        col.sched.answer(card.id, Rating.Good, now=t + timedelta(minutes=15), duration_ms=4000)
        col.sched.answer(card.id, (Rating.Again, Rating.Good)[i % 2], now=NOW - timedelta(hours=1), duration_ms=5000)
    yield CollectionState(col)
    col.close()


def _bar_values(chart) -> dict[str, list[float]]:
    series = chart.series()[0]
    return {s.label(): [s.at(i) for i in range(s.count())] for s in series.barSets()}


def test_whole_collection(qtbot, state: CollectionState) -> None:
    window = StatsWindow(state, clock=lambda: NOW)
    qtbot.addWidget(window)
    p = window.progress
    assert p is not None and p.deck is None
    reviews = window.charts["reviews"].series()[0]
    assert isinstance(reviews, QStackedBarSeries)
    values = _bar_values(window.charts["reviews"])
    assert sorted(values) == ["Learning", "Relearning", "Review"] and len(values["Review"]) == 30
    assert sum(values["Learning"]) == 16 and values["Review"][-1] == 8
    assert sum(_bar_values(window.charts["time"])["Minutes"]) == pytest.approx(8 * 15000 / 60000)
    assert _bar_values(window.charts["forecast"])["Due"] == [float(v) for v in p.forecast]
    pie = window.charts["counts"].series()[0]
    assert isinstance(pie, QPieSeries) and sum(s.value() for s in pie.slices()) == 10
    assert isinstance(window.charts["mastery"].series()[0], QHorizontalBarSeries)
    mastery = _bar_values(window.charts["mastery"])
    assert [round(v, 6) for v in mastery["Average recall now"]] == [round(100 * m.mean_recall, 6) for m in p.mastery]
    assert isinstance(window.charts["intervals"].series()[0], QBarSeries)
    scatter = next(s for s in window.charts["calibration"].series() if isinstance(s, QScatterSeries))
    assert scatter.count() == len(p.calibration)
    assert window.weak_list.count() == len(p.weakest) >= 4
    assert "Today: 8 cards studied" in window.today_label.text() and "streak 1" in window.today_label.text()
    assert sum(n for _, n in window.heatmap.days) == 24
    with qtbot.waitSignal(window.study_requested) as signal:
        window.study_button.click()
    assert signal.args[0] == p.weakest[0].deck


def test_one_deck_and_plain_names(qtbot, state: CollectionState, tmp_path: Path) -> None:
    window = StatsWindow(state, f"Art::{HOSTILE}", clock=lambda: NOW)
    qtbot.addWidget(window)
    assert window.progress is not None and window.progress.deck == f"Art::{HOSTILE}"
    assert sum(sum(v) for v in _bar_values(window.charts["reviews"]).values()) == 12
    axis = window.charts["mastery"].axes()[0]
    labels = axis.categories() if hasattr(axis, "categories") else window.charts["mastery"].axes()[1].categories()
    assert labels == ["Art::‹b›Bold‹/b› ＆ co"]
    assert HOSTILE in window.windowTitle()
    window.period_box.setCurrentIndex(2)                      # a year
    assert len(_bar_values(window.charts["reviews"])["Review"]) == 365
    window.save_report(str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html and "<b>Bold" not in html
    window.print_pdf(str(tmp_path / "r.pdf"))
    assert (tmp_path / "r.pdf").read_bytes()[:5] == b"%PDF-"
