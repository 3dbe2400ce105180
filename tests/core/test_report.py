"""The HTML report: self-contained, every deck-derived text escaped (a hostile deck name)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from flashcards import Collection, Rating
from flashcards.core import svg
from flashcards.core.report import build_report, write_report

from .conftest import make_deck

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
HOSTILE = "<script>alert('x')</script> & <img src=x onerror=1>"


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    decks = tmp_path / "decks"
    decks.mkdir()
    make_deck(decks / "h.yaml", f"Top::{HOSTILE}", 3, "h")
    with Collection.open(tmp_path / "c.sqlite3") as col:
        col.update_settings(timezone="UTC")
        col.import_decks([decks])
        card = col.sched.cards()[0]
        col.sched.answer(card, Rating.Good, now=NOW - timedelta(days=9))
        col.sched.answer(card.id, Rating.Good, now=NOW - timedelta(days=9, minutes=-15))
        col.sched.answer(card.id, Rating.Again, now=NOW - timedelta(days=1))
        html = build_report(col, f"Top::{HOSTILE}", now=NOW)
        whole = build_report(col, None, now=NOW)
    for text in (html, whole):
        assert "<script" not in text and "<img" not in text and "onerror=1>" not in text
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;img" in text
    assert "Weakest cards" in html and "Question h0?" in html
    out = tmp_path / "r.html"
    write_report(html, out)
    assert out.read_text(encoding="utf-8") == html and list(tmp_path.glob(".r.html.*")) == []


def test_svg_charts_escape_and_scale() -> None:
    chart = svg.horizontal_bars("T <b>", [("a<b", 0.5), ("c", 1.5)], marker=0.9)
    assert "a&lt;b" in chart and "<b>" not in chart and "50%" in chart and "150%" in chart
    bars = svg.stacked_bars("S", ["d1", "d2"], [("x", "#000", [1, 3]), ("y", "#111", [1, 0])])
    assert bars.count("<rect") == 3 and "d1" in bars
    dots = svg.calibration_plot("C", [(0.9, 0.85, 10), (0.5, 0.2, 1)])
    assert dots.count("<circle") == 2
