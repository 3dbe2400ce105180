"""The class report: a folder of students' progress files (:mod:`.progress_file`) read into
per-section mastery and the weakest cards, per student and for the whole class, and written as
one self-contained HTML file like the progress report (inline CSS and SVG, no scripts).

Recall is predicted from each student's stored stability with their own FSRS parameters, at the
moment the report is made (fractional days since the last review; new cards count 0). A section
is a deck holding cards, as in the progress report. Every deck-derived text is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from pathlib import Path

from . import svg
from .clock import ensure_aware, to_ms
from .progress_file import StudentProgress, read_folder
from .report import _CSS, _pct, _tile, write_report
from .scheduling import DEFAULT_PARAMETERS, SECONDS_PER_DAY, forgetting_curve

WEAKEST_CLASS = 15            # weakest cards listed for the class
WEAKEST_STUDENT = 3           # and per student


@dataclass(frozen=True)
class Section:
    """One section: students who have it, their cards, the share studied, average recall now
    and the share of cards at or above each student's desired retention."""

    deck: str
    students: int
    cards: int
    studied: float
    mean_recall: float
    above_target: float


@dataclass(frozen=True)
class Student:
    """One student: cards, studied, reviews, last review (ms UTC, or None), average recall per
    section and overall, and the keys of their weakest cards."""

    name: str
    cards: int
    studied: int
    reviews: int
    last_review_ms: int | None
    mean_recall: float
    sections: dict[str, float]
    weakest: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ClassCard:
    """A card across the class: students who studied it, their average recall, lapses in all,
    and how many have it as a leech."""

    deck: str
    key: str
    studied: int
    mean_recall: float
    lapses: int
    leeches: int


@dataclass(frozen=True)
class ClassReport:
    generated: datetime
    students: list[Student]
    sections: list[Section]
    weakest: list[ClassCard]
    problems: list[str] = field(default_factory=list)      # files skipped, ``path: what is wrong``

    @property
    def mean_recall(self) -> float | None:
        return sum(s.mean_recall for s in self.students) / len(self.students) if self.students else None


def _recall(stability: float | None, last_ms: int | None, state: int, now_ms: int,
            params: Sequence[float]) -> float:
    if state == 0 or stability is None or last_ms is None:
        return 0.0
    return forgetting_curve(max(0, now_ms - last_ms) / 1000 / SECONDS_PER_DAY, stability, params)


def summarise(students: Sequence[StudentProgress], now: datetime | None = None,
              problems: Sequence[str] = ()) -> ClassReport:
    """The class report of ``students`` at ``now`` (UTC; None: the current time)."""
    now = ensure_aware(now)
    now_ms = to_ms(now)
    per_section: dict[str, list[tuple[float, bool, bool]]] = defaultdict(list)   # recall, studied, above
    section_students: dict[str, set[str]] = defaultdict(set)
    per_card: dict[tuple[str, str], list[tuple[float, int, bool]]] = defaultdict(list)
    rows: list[Student] = []
    for st in students:
        params = st.parameters or DEFAULT_PARAMETERS
        mine: dict[str, list[float]] = defaultdict(list)
        weak: list[tuple[bool, int, float, str, str]] = []
        recalls: list[float] = []
        last = None
        for c in st.cards:
            r = _recall(c.stability, c.last_review, c.state, now_ms, params)
            studied = c.state != 0
            recalls.append(r)
            mine[c.deck].append(r)
            per_section[c.deck].append((r, studied, r >= st.desired_retention))
            section_students[c.deck].add(st.name)
            if studied:
                per_card[(c.deck, c.key)].append((r, c.lapses, c.leech))
                if c.leech or c.lapses or r < st.desired_retention:
                    weak.append((not c.leech, -c.lapses, r, c.deck, c.key))
            if c.last_review is not None and (last is None or c.last_review > last):
                last = c.last_review
        weak.sort()
        rows.append(Student(st.name, len(st.cards), sum(c.state != 0 for c in st.cards),
                            sum(len(c.reviews) for c in st.cards), last,
                            sum(recalls) / len(recalls) if recalls else 0.0,
                            {d: sum(v) / len(v) for d, v in sorted(mine.items())},
                            tuple((w[3], w[4]) for w in weak[:WEAKEST_STUDENT])))
    sections = [Section(d, len(section_students[d]), len(v), sum(x[1] for x in v) / len(v),
                        sum(x[0] for x in v) / len(v), sum(x[2] for x in v) / len(v))
                for d, v in sorted(per_section.items())]
    cards = [ClassCard(d, k, len(v), sum(x[0] for x in v) / len(v), sum(x[1] for x in v), sum(x[2] for x in v))
             for (d, k), v in per_card.items()]
    cards.sort(key=lambda c: (-c.leeches, c.mean_recall, -c.lapses, c.deck, c.key))
    weakest = [c for c in cards if c.leeches or c.lapses or c.mean_recall < 0.9][:WEAKEST_CLASS]
    return ClassReport(now, rows, sections, weakest, list(problems))


def render_html(report: ClassReport, questions: Mapping[tuple[str, str], str] | None = None) -> str:
    """The report as HTML text; ``questions`` maps (deck, key) to a card's question where the
    instructor's collection has the deck (otherwise the key is shown)."""
    questions = questions or {}

    def card_label(deck: str, key: str) -> str:
        return escape(questions.get((deck, key), key))

    p = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Class report</title><style>{_CSS}</style></head><body>", "<h1>Class report</h1>",
        (f'<p class="muted">{len(report.students)} student(s) · generated '
        f"{escape(report.generated.strftime('%Y-%m-%d %H:%M %Z'))} · recall predicted for now</p>"),
        '<h2>Summary</h2><div class="tiles">', _tile("students", str(len(report.students))),
        _tile("sections", str(len(report.sections))), _tile("average recall now", _pct(report.mean_recall)),
        _tile("reviews in all", str(sum(s.reviews for s in report.students))), "</div>",
    ]
    if report.problems:
        p.append("<h2>Files skipped</h2><ul>" + "".join(f"<li>{escape(x)}</li>" for x in report.problems) + "</ul>")
    p.append("<h2>Mastery per section (whole class)</h2>")
    if report.sections:
        p.append(svg.horizontal_bars("Average predicted recall now", [(s.deck, s.mean_recall) for s in report.sections]))
        p.append("<table><tr><th>Section</th><th>Students</th><th>Studied</th><th>Recall now</th>"
                 "<th>At or above target</th></tr>")
        p += [f"<tr><td>{escape(s.deck)}</td><td class=n>{s.students}</td><td class=n>{_pct(s.studied)}</td>"
              f"<td class=n>{_pct(s.mean_recall)}</td><td class=n>{_pct(s.above_target)}</td></tr>"
              for s in report.sections]
        p.append("</table>")
    else:
        p.append('<p class="muted">No progress files.</p>')
    p.append("<h2>Weakest cards across the class</h2>")
    if report.weakest:
        p.append("<table><tr><th>Card</th><th>Section</th><th>Studied by</th><th>Recall now</th><th>Lapses</th>"
                 "<th>Leech for</th></tr>")
        p += [f"<tr><td>{card_label(c.deck, c.key)}</td><td>{escape(c.deck)}</td><td class=n>{c.studied}</td>"
              f"<td class=n>{_pct(c.mean_recall)}</td><td class=n>{c.lapses}</td><td class=n>{c.leeches}</td></tr>"
              for c in report.weakest]
        p.append("</table>")
    else:
        p.append('<p class="muted">None: no card was forgotten or is below 90% recall.</p>')
    p.append("<h2>Per student</h2>")
    if report.students:
        p.append(svg.horizontal_bars("Average predicted recall now, per student",
                                     [(s.name, s.mean_recall) for s in report.students]))
        names = [s.deck for s in report.sections]
        p.append("<table><tr><th>Student</th><th>Studied</th><th>Reviews</th><th>Last review</th>"
                 + "".join(f"<th>{escape(n)}</th>" for n in names) + "<th>Weakest cards</th></tr>")
        for s in report.students:
            last = datetime.fromtimestamp(s.last_review_ms / 1000).astimezone().strftime("%Y-%m-%d") \
                if s.last_review_ms else "–"
            cells = "".join(f"<td class=n>{_pct(s.sections.get(n))}</td>" for n in names)
            weak = ", ".join(card_label(d, k) for d, k in s.weakest) or "–"
            p.append(f"<tr><td>{escape(s.name)}</td><td class=n>{s.studied} of {s.cards}</td>"
                     f"<td class=n>{s.reviews}</td><td>{last}</td>{cells}<td>{weak}</td></tr>")
        p.append("</table>")
    p.append("</body></html>")
    return "\n".join(p)


def build_class_report(folder: str | Path, now: datetime | None = None,
                       questions: Mapping[tuple[str, str], str] | None = None) -> tuple[str, ClassReport]:
    """Read ``folder``'s progress files and render the report (HTML text and the figures)."""
    students, problems = read_folder(Path(folder))
    report = summarise(students, now, problems)
    return render_html(report, questions), report


def questions_of(col: object) -> dict[tuple[str, str], str]:
    """(deck, key) → question text of every card of the instructor's collection."""
    from .collection import Collection
    assert isinstance(col, Collection)
    return {(c.deck, c.key): c.question() for c in col.cards()}


__all__ = ["ClassCard", "ClassReport", "Section", "Student", "build_class_report", "questions_of", "render_html",
           "summarise", "write_report"]
