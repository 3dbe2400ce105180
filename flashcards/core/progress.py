"""Where a learner stands: every figure of the statistics window, the report and
``flashcards stats --json`` (Qt-free; the UI only draws these).

Days are learner days (they start at the collection's day-start hour in its time zone);
intervals and stability in days; times in ms; recall as a probability 0..1 from the scheduler
(:meth:`Scheduler.retrievability`: fractional days since the last review, new cards 0).
``now`` is passed in (None: the current time) so every figure can be computed for a fixed clock.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from . import card_stats, stats, study_queue
from .calibration import Calibration, CalibrationBin, calibration
from .clock import ensure_aware
from .models import CardState

HEATMAP_DAYS = 365            # the calendar heatmap: the past year, today included
PERIODS = {"1 month": 30, "3 months": 91, "1 year": 365}    # periods the window offers (days)
DEFAULT_PERIOD_DAYS = 30
FORECAST_DAYS = 30            # cards due per day from today on
MATURE_DAYS = 21              # a review card with an interval this long or longer is mature (Anki)
WEAKEST_COUNT = 10
INTERVAL_EDGES = (1, 2, 3, 7, 14, 21, 30, 60, 90, 180, 365)      # bucket edges, days
DIFFICULTY_EDGES = (2, 3, 4, 5, 6, 7, 8, 9)                      # FSRS difficulty is 1..10


@dataclass(frozen=True)
class Bucket:
    """One bar of a distribution: its label ("7–14 d") and how many cards fall in it."""

    label: str
    count: int


@dataclass(frozen=True)
class Today:
    """Today's learner day: distinct cards answered, answers, answer time (ms), share of
    answers that were Again (None without answers), consecutive study days ending today (or
    yesterday, while today has no answer yet)."""

    studied: int
    reviews: int
    time_ms: int
    again_rate: float | None
    streak: int


@dataclass(frozen=True)
class CardCounts:
    """Cards by stage (suspended ones only under ``suspended``); ``leeches`` overlaps the rest."""

    new: int = 0
    learning: int = 0          # learning and relearning
    young: int = 0             # review cards with an interval under MATURE_DAYS
    mature: int = 0
    suspended: int = 0
    leeches: int = 0

    @property
    def total(self) -> int:
        return self.new + self.learning + self.young + self.mature + self.suspended


@dataclass(frozen=True)
class Retention:
    """True retention of one week or deck: review-state answers and the Agains among them."""

    label: str
    reviews: int
    again: int

    @property
    def share(self) -> float | None:
        """Share of review answers that were not Again (None without any)."""
        return (self.reviews - self.again) / self.reviews if self.reviews else None


@dataclass(frozen=True)
class Mastery:
    """One section deck (a deck holding cards itself): its cards, how many were studied, the
    average predicted recall now (new cards count 0) and the share at or above the desired
    retention."""

    deck: str
    cards: int
    studied: int
    mean_recall: float
    above_target: float


@dataclass(frozen=True)
class WeakCard:
    """A card that is hard for the learner: most lapses first, then lowest predicted recall."""

    id: int
    deck: str
    question: str
    lapses: int
    recall: float
    leech: bool
    suspended: bool


@dataclass(frozen=True)
class Progress:
    """Everything the statistics window shows, for ``deck`` (None: the whole collection)."""

    deck: str | None
    today_date: date
    period_days: int
    desired_retention: float
    today: Today
    days: list[stats.DayActivity]          # HEATMAP_DAYS learner days, oldest first, today last
    forecast: list[int]                    # cards due on each of the next FORECAST_DAYS days (overdue: today)
    counts: CardCounts
    intervals: list[Bucket]
    stability: list[Bucket]
    difficulty: list[Bucket]
    retention_by_week: list[Retention]
    retention_by_deck: list[Retention]
    mastery: list[Mastery]
    weakest: list[WeakCard]
    calibration: list[CalibrationBin] = field(default_factory=list)
    calibration_cards: int = 0             # cards whose reviews the calibration covers (a sample …
    calibration_answered: int = 0          # … when fewer than the cards answered in the period)

    @property
    def period(self) -> list[stats.DayActivity]:
        """The days of the chosen period, oldest first."""
        return self.days[-self.period_days:]

    @property
    def period_time_ms(self) -> int:
        return sum(d.time_ms for d in self.period)

    @property
    def period_retention(self) -> Retention:
        days = self.period
        return Retention("period", sum(d.review for d in days), sum(d.review_again for d in days))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data (dates as ISO strings)."""
        data = asdict(self)
        data["today_date"] = self.today_date.isoformat()
        data["days"] = [{**asdict(d), "day": d.day.isoformat()} for d in self.days]
        for key in ("retention_by_week", "retention_by_deck"):
            data[key] = [{**asdict(r), "share": r.share} for r in getattr(self, key)]
        data["period_retention"] = self.period_retention.share
        return data


# ------------------------------------------------------------------------------- helpers
def _bucket_labels(edges: Sequence[float], unit: str) -> list[str]:
    lows = [0, *edges]
    unit = f" {unit}" if unit else ""
    return [f"{lo}–{hi}{unit}" for lo, hi in zip(lows, edges)] + [f"{edges[-1]}+{unit}"]


def histogram(values: Sequence[float], edges: Sequence[float], unit: str, start: float = 0) -> list[Bucket]:
    """Counts of ``values`` in the buckets [start, e0), [e0, e1), …, [e_last, ∞)."""
    counts = [0] * (len(edges) + 1)
    for v in values:
        counts[bisect.bisect_right(edges, v)] += 1       # the number of edges <= v
    labels = _bucket_labels(edges, unit)
    if start:
        labels[0] = f"{start:g}–{edges[0]}" + (f" {unit}" if unit else "")
    return [Bucket(lab, n) for lab, n in zip(labels, counts)]


def streak(days: Sequence[stats.DayActivity]) -> int:
    """Consecutive days with answers ending on the last day (or the day before it when the last
    day has none yet)."""
    i = len(days) - 1
    if i >= 0 and days[i].total == 0:
        i -= 1
    n = 0
    while i >= 0 and days[i].total > 0:
        n += 1
        i -= 1
    return n


def card_counts(db: Any, deck_ids: Sequence[int], interval: dict[int, int],
                rows: Sequence[card_stats.CardRow]) -> CardCounts:
    """Cards by stage; ``interval``: {card id: current interval} of the review cards (days)."""
    c = card_stats.count_sql(db, deck_ids)
    mature = sum(interval[r.id] >= MATURE_DAYS for r in rows if r.state == CardState.Review and not r.suspended)
    return CardCounts(c["new"], c["learning"], c["review"] - mature, mature, c["suspended"], c["leeches"])


# ---------------------------------------------------------------------------- the whole
def scope(col: Any, deck: str | None) -> tuple[list[int] | None, dict[int, str]]:
    """The deck ids of ``deck`` and its children (None: every deck) and {id: name} of those
    decks. ``KeyError`` for an unknown deck."""
    rows = [d for d in study_queue.subtree(col.decks.row(deck)) if d.id]
    return (None if deck is None else [d.id for d in rows]), {d.id: d.name for d in rows}


def mastery(rows: Sequence[card_stats.CardRow], recall: dict[int, float], target: float) -> list[Mastery]:
    """Per deck holding cards: cards, studied, average recall now, share at or above ``target``."""
    by_deck: dict[str, list[card_stats.CardRow]] = {}
    for row in rows:
        by_deck.setdefault(row.deck, []).append(row)
    out = []
    for name in sorted(by_deck):
        group = by_deck[name]
        values = [recall[c.id] for c in group]
        out.append(Mastery(name, len(group), sum(c.state != CardState.New for c in group),
                           sum(values) / len(values), sum(v >= target for v in values) / len(values)))
    return out


def weakest(col: Any, rows: Sequence[card_stats.CardRow], recall: dict[int, float], target: float,
            now: datetime, count: int = WEAKEST_COUNT) -> list[WeakCard]:
    """Studied cards that are leeches, were forgotten or are predicted below ``target``: leeches
    first, then most lapses, then lowest predicted recall. Only these are read as cards."""
    studied = [c for c in rows if c.state != CardState.New and (c.leech or c.lapses or recall[c.id] < target)]
    out = []
    for r in heapq.nsmallest(count, studied, key=lambda c: (not c.leech, -c.lapses, recall[c.id], c.id)):
        card = col.sched.card(r.id, now=now)
        out.append(WeakCard(r.id, r.deck, card.question(), r.lapses, recall[r.id], bool(r.leech),
                            bool(r.suspended)))
    return out


def weekly_retention(days: Sequence[stats.DayActivity]) -> list[Retention]:
    """True retention per 7-day block ending on the last day (labelled by the block's first day;
    the oldest block may be shorter)."""
    out = []
    for end in range(len(days), 0, -7):
        week = days[max(0, end - 7):end]
        out.append(Retention(week[0].day.isoformat(), sum(d.review for d in week),
                             sum(d.review_again for d in week)))
    return out[::-1]


def progress(col: Any, deck: str | None = None, now: datetime | None = None,
             period_days: int = DEFAULT_PERIOD_DAYS, with_calibration: bool = True) -> Progress:
    """Every figure for ``deck`` (None: the whole collection) at ``now`` over the last
    ``period_days`` learner days. ``KeyError`` for an unknown deck."""
    if not 1 <= period_days <= HEATMAP_DAYS:
        raise ValueError(f"the period must be 1–{HEATMAP_DAYS} days")
    now = ensure_aware(now)
    day = col.conf.learner_day
    scheduler = col.conf.scheduler
    today = day.day_of(now)
    deck_ids, names = scope(col, deck)
    # The year of daily activity is read on a second connection while the card figures are computed.
    days_later = stats.daily_activity_later(col, today - timedelta(days=HEATMAP_DAYS - 1), today, day, deck_ids)
    ids = list(names)
    rows = card_stats.card_rows(col.db, ids)
    recall = card_stats.recall(rows, scheduler, now)
    interval = card_stats.intervals(rows, day, max(INTERVAL_EDGES[-1], MATURE_DAYS))
    with_memory = [r for r in rows if r.stability is not None and r.state != CardState.New]
    period_start = day.start_of(today - timedelta(days=period_days - 1))
    by_deck = stats.review_retention_by_deck(col, period_start, list(names))
    calib = calibration(col, deck, since=period_start, until=now) if with_calibration else Calibration([])
    forecast = card_stats.forecast(col.db, ids, today, day, FORECAST_DAYS)
    counts = card_counts(col.db, ids, interval, rows)
    days = days_later()
    run = streak(days)
    first = days[0].day
    while run >= len(days) and run > 0:                        # the streak is older than the heatmap
        earlier = stats.daily_activity(col, first - timedelta(days=HEATMAP_DAYS), first - timedelta(days=1),
                                       day, deck_ids)
        more = streak([*earlier, stats.DayActivity(first, 1)]) - 1
        run += more
        if more < len(earlier):
            break
        first = earlier[0].day
    t = days[-1]
    start, end = day.start_of(today), day.start_of(today + timedelta(days=1))
    today_stats = Today(stats.cards_studied(col, start, end, deck_ids), t.total, t.time_ms,
                        t.again / t.total if t.total else None, run)
    return Progress(
        deck, today, period_days, scheduler.desired_retention, today_stats, days,
        forecast, counts,
        histogram([interval[r.id] for r in rows if r.state == CardState.Review], INTERVAL_EDGES, ""),
        histogram([r.stability or 0.0 for r in with_memory], INTERVAL_EDGES, ""),
        histogram([r.difficulty or 1.0 for r in with_memory], DIFFICULTY_EDGES, "", start=1),
        weekly_retention(days[-7 * -(-period_days // 7):]),
        [Retention(names[i], *by_deck[i]) for i in sorted(by_deck, key=lambda i: names[i])],
        mastery(rows, recall, scheduler.desired_retention),
        weakest(col, rows, recall, scheduler.desired_retention, now),
        calib.bins, calib.cards, calib.answered,
    )
