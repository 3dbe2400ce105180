"""The progress report: one self-contained HTML file (inline CSS and SVG; no scripts, nothing
remote) an instructor can read or print: mastery per section, weakest cards, study time,
retention, forecast, calibration and the exam outlook. Every deck-derived text is escaped."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from . import svg
from .exam import ExamOutlook, exam_outlook
from .progress import Progress, progress

_CSS = """
body { font-family: sans-serif; color: #1f2937; max-width: 760px; margin: 24px auto; line-height: 1.4; }
h1 { font-size: 22px; margin-bottom: 0; } h2 { font-size: 16px; margin-top: 28px; border-bottom: 1px solid #e5e7eb; }
.muted { color: #6b7280; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 12px; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #f3f4f6; } td.n { text-align: right; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; }
.tile { border: 1px solid #e5e7eb; border-radius: 6px; padding: 8px 12px; min-width: 120px; }
.tile b { display: block; font-size: 18px; }
"""


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v * 100:.0f}%"


def _minutes(ms: int) -> str:
    minutes = ms / 60000
    return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"


def _tile(label: str, value: str) -> str:
    return f'<div class="tile"><b>{escape(value)}</b> {escape(label)}</div>'


def render_html(p: Progress, generated: datetime, exam: ExamOutlook | None = None) -> str:
    """The report of ``p`` as HTML text (``generated``: the moment printed in the header)."""
    scope = p.deck or "All decks"
    period = p.period
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Progress report: {escape(scope)}</title><style>{_CSS}</style></head><body>",
        f"<h1>Progress report: {escape(scope)}</h1>",
        (f'<p class="muted">Learner day {p.today_date.isoformat()} · last {p.period_days} days · '
        f"generated {escape(generated.strftime('%Y-%m-%d %H:%M %Z'))} · desired retention "
        f"{_pct(p.desired_retention)}</p>"),
        '<h2>Summary</h2><div class="tiles">',
        _tile("study time (period)", _minutes(p.period_time_ms)),
        _tile("answers (period)", str(sum(d.total for d in period))),
        _tile("true retention (period)", _pct(p.period_retention.share)),
        _tile("study streak (days)", str(p.today.streak)),
        _tile("cards studied today", str(p.today.studied)),
        _tile("cards", f"{p.counts.total - p.counts.new} of {p.counts.total} studied"),
        _tile("leeches", str(p.counts.leeches)),
        "</div>",
    ]
    if exam is not None:
        parts.append(f"<h2>Exam on {exam.exam_date.isoformat()}</h2><p>{exam.days_left} day(s) left. "
                     f"Without more study, about {_pct(exam.recall_on_exam)} of the deck would be recalled "
                     f"that day; reaching the desired retention takes about {exam.reviews_per_day:.0f} "
                     f"answers a day ({exam.reviews_needed} in all).</p>")
    parts.append("<h2>Mastery per section</h2>")
    if p.mastery:
        parts.append(svg.horizontal_bars("Average predicted recall now (dashed: desired retention)",
                                         [(m.deck, m.mean_recall) for m in p.mastery], marker=p.desired_retention))
        parts.append("<table><tr><th>Section</th><th>Cards</th><th>Studied</th><th>Recall now</th>"
                     "<th>At or above target</th></tr>")
        for m in p.mastery:
            parts.append(f"<tr><td>{escape(m.deck)}</td><td class=n>{m.cards}</td><td class=n>{m.studied}</td>"
                         f"<td class=n>{_pct(m.mean_recall)}</td><td class=n>{_pct(m.above_target)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append('<p class="muted">No cards.</p>')
    parts.append("<h2>Study</h2>")
    labels = [d.day.strftime("%d %b") for d in period]
    parts.append(svg.stacked_bars("Answers per day", labels, [
        ("learning", svg.COLORS["learning"], [d.learning for d in period]),
        ("review", svg.COLORS["review"], [d.review for d in period]),
        ("relearning", svg.COLORS["relearning"], [d.relearning for d in period])]))
    parts.append(svg.stacked_bars("Minutes per day", labels,
                                  [("minutes", svg.COLORS["bar"], [d.time_ms / 60000 for d in period])]))
    weeks = [w for w in p.retention_by_week if w.share is not None]
    if weeks:
        parts.append(svg.horizontal_bars("True retention by week (review answers not Again)",
                                         [(f"week of {w.label}", w.share or 0.0) for w in weeks],
                                         marker=p.desired_retention))
    decks = [r for r in p.retention_by_deck if r.share is not None]
    if decks:
        parts.append(svg.horizontal_bars("True retention by deck", [(r.label, r.share or 0.0) for r in decks],
                                         marker=p.desired_retention))
    parts.append(svg.stacked_bars("Cards due in the next 30 days", [f"+{i}" for i in range(len(p.forecast))],
                                  [("due", svg.COLORS["bar"], p.forecast)]))
    parts.append("<h2>Weakest cards</h2>")
    if p.weakest:
        parts.append("<table><tr><th>Card</th><th>Deck</th><th>Lapses</th><th>Recall now</th><th></th></tr>")
        for w in p.weakest:
            flag = "leech, suspended" if w.leech and w.suspended else "leech" if w.leech else ""
            parts.append(f"<tr><td>{escape(w.question)}</td><td>{escape(w.deck)}</td><td class=n>{w.lapses}</td>"
                         f"<td class=n>{_pct(w.recall)}</td><td>{flag}</td></tr>")
        parts.append("</table>")
    else:
        parts.append('<p class="muted">None: no card was forgotten or is below the desired retention.</p>')
    parts.append("<h2>Calibration</h2>")
    if p.calibration:
        title = "Predicted vs actual recall"
        if p.calibration_cards < p.calibration_answered:
            title += f" (sample of {p.calibration_cards:,} of {p.calibration_answered:,} cards)"
        parts.append(svg.calibration_plot(title, [(b.predicted, b.actual, b.count) for b in p.calibration]))
        parts.append('<p class="muted">Each dot is a group of reviews with similar predicted recall; on the '
                     "dashed line the predictions held exactly.</p>")
    else:
        parts.append('<p class="muted">Not enough reviews yet.</p>')
    parts.append("</body></html>")
    return "\n".join(parts)


def build_report(col: Any, deck: str | None = None, now: datetime | None = None, period_days: int = 30) -> str:
    """The report of ``deck`` (None: the whole collection) at ``now``. ``KeyError`` for an unknown deck."""
    p = progress(col, deck, now=now, period_days=period_days)
    exam = exam_outlook(col, deck, now=now) if deck else None
    generated = now or datetime.now().astimezone()
    return render_html(p, generated.astimezone(), exam)


def write_report(html: str, path: Path) -> None:
    """Write ``html`` to ``path`` atomically (a temporary file beside it, then renamed)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(html)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
