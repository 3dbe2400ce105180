"""Review statistics from the review log: per learner day and in total, computed in SQL.

Days are learner days (they start at the collection's day-start hour, DST-safe). The day
boundaries are computed in Python; each day is then one aggregate query over an indexed range
of ``revlog(time)``. (One ``GROUP BY`` query over the whole period is slower: SQLite sorts every
row to group it, while these range scans read the rows in index order and sort nothing.)
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .clock import LearnerDay, ensure_aware, from_ms, to_ms
from .settings import Settings
from .storage import Storage


@dataclass(frozen=True)
class DayReviews:
    """The answers of one learner day (or of a whole period, for totals)."""

    day: date | None
    reviews: int = 0
    again: int = 0
    hard: int = 0
    good: int = 0
    easy: int = 0
    time_ms: int = 0                 # answer time spent, as logged (capped per answer)

    @property
    def buttons(self) -> tuple[int, int, int, int]:
        """How often Again, Hard, Good and Easy were pressed."""
        return (self.again, self.hard, self.good, self.easy)

    @property
    def retention(self) -> float | None:
        """Share of answers that were not Again (None without answers)."""
        return (self.reviews - self.again) / self.reviews if self.reviews else None


@dataclass(frozen=True)
class ReviewStats:
    """``days`` oldest first, one entry for every learner day of the period (zeros included)."""

    days: list[DayReviews] = field(default_factory=list)
    total: DayReviews = DayReviews(None)


_DAY_SQL = ("SELECT count(*), count(*) FILTER (WHERE rating = 1), count(*) FILTER (WHERE rating = 2), "
            "count(*) FILTER (WHERE rating = 3), count(*) FILTER (WHERE rating = 4), sum(duration_ms) "
            "FROM revlog WHERE time >= ? AND time < ?")


def review_stats(source: Any, days: int = 30, now: datetime | None = None,
                 learner_day: LearnerDay | None = None) -> ReviewStats:
    """Statistics of the last ``days`` learner days, today included.

    ``source`` is a :class:`~flashcards.core.collection.Collection`, its
    :class:`~flashcards.core.storage.Storage` (``col.db``) or an open ``sqlite3.Connection`` to a
    collection file. ``learner_day`` defaults to the collection's day-start hour and time zone.
    """
    if days < 1:
        raise ValueError("days must be at least 1")
    db = _storage(source)
    if learner_day is None:
        learner_day = getattr(source, "learner_day", None) or _learner_day(db)
    today = learner_day.day_of(ensure_aware(now))
    first = today - timedelta(days=days - 1)
    dates = [first + timedelta(days=i) for i in range(days)]
    starts = [to_ms(learner_day.start_of(d)) for d in dates]
    starts.append(to_ms(learner_day.start_of(today + timedelta(days=1))))
    with db.read() as conn:
        rows = [conn.execute(_DAY_SQL, (starts[i], starts[i + 1])).fetchone() for i in range(days)]
    per_day = [DayReviews(d, *(v or 0 for v in row)) for d, row in zip(dates, rows)]
    total = DayReviews(None, *(sum(col) for col in zip(*((d.reviews, d.again, d.hard, d.good, d.easy,
                                                          d.time_ms) for d in per_day))))
    return ReviewStats(per_day, total)


def _storage(source: Any) -> Storage:
    if isinstance(source, sqlite3.Connection):
        return Storage(source, Path(""), threading.RLock(), read_only=True)
    if isinstance(source, Storage):
        return source
    return source.db


def _learner_day(db: Storage) -> LearnerDay:
    with db.read() as conn:
        row = conn.execute("SELECT value FROM config WHERE key = 'settings'").fetchone()
    raw = json.loads(row[0]) if row else {}
    settings = Settings.from_json(raw if isinstance(raw, dict) else {})
    return LearnerDay(settings.day_start_hour, settings.timezone)


# --------------------------------------------------------------------------- activity per day


@dataclass(frozen=True)
class DayActivity:
    """One learner day's answers by the card's state before them, the review-state answers and
    their Agains (true retention), and the answer time (ms)."""

    day: date
    learning: int = 0            # answers of new and learning cards
    review: int = 0
    relearning: int = 0
    again: int = 0               # Again answers, any state
    review_again: int = 0        # Again answers of review-state cards
    time_ms: int = 0

    @property
    def total(self) -> int:
        return self.learning + self.review + self.relearning


# One learner day's answers; read from the covering index revlog_stats alone (schema v5).
# ``count(*) FILTER`` is about twice as fast in SQLite as ``sum(condition)``.
_ACTIVITY_SQL = ("SELECT count(*) FILTER (WHERE r.state_before <= 1), count(*) FILTER (WHERE r.state_before = 2), "
                 "count(*) FILTER (WHERE r.state_before = 3), count(*) FILTER (WHERE r.rating = 1), "
                 "count(*) FILTER (WHERE r.state_before = 2 AND r.rating = 1), sum(r.duration_ms) "
                 "FROM revlog r WHERE r.time >= ? AND r.time < ?{deck}")


def _deck_filter(deck_ids: list[int] | None) -> str:
    """A condition on ``r.card_id`` for a query over ``revlog r`` (the ``+`` keeps SQLite on the
    time index instead of looking up every card's reviews)."""
    if deck_ids is None:
        return ""
    return f" AND +r.card_id IN (SELECT id FROM cards WHERE deck_id IN ({','.join(str(int(i)) for i in deck_ids)}))"


def _deck_join(deck_ids: list[int] | None) -> str:
    if deck_ids is None:
        return ""
    return f"JOIN cards c ON c.id = r.card_id AND c.deck_id IN ({','.join(str(int(i)) for i in deck_ids)})"


def daily_activity(source: Any, first: date, last: date, learner_day: LearnerDay,
                   deck_ids: list[int] | None = None) -> list[DayActivity]:
    """One :class:`DayActivity` per learner day from ``first`` to ``last`` (both included),
    zeros included; ``deck_ids``: only the answers of cards in these decks (None: all).

    One aggregate query per day over its range of the covering index ``revlog_stats`` (a single
    ``GROUP BY`` over the period is slower: SQLite sorts every row to group it); the day
    boundaries come from :class:`LearnerDay` (DST-safe)."""
    db = _storage(source)
    dates = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    bounds = [to_ms(learner_day.start_of(d)) for d in dates]
    bounds.append(to_ms(learner_day.start_of(last + timedelta(days=1))))
    sql = _ACTIVITY_SQL.format(deck=_deck_filter(deck_ids))
    with db.read() as conn:
        rows = [conn.execute(sql, (bounds[i], bounds[i + 1])).fetchone() for i in range(len(dates))]
    return [DayActivity(d, *(v or 0 for v in row)) for d, row in zip(dates, rows)]


def daily_activity_later(source: Any, first: date, last: date, learner_day: LearnerDay,
                         deck_ids: list[int] | None = None) -> Callable[[], list[DayActivity]]:
    """:func:`daily_activity` computed meanwhile on a thread of its own, through a read-only
    connection of its own (SQLite runs without holding Python's GIL, so the caller's Python
    work goes on in parallel); call the result to wait for the days. A collection that is not a
    file on disk is read at once, on the caller's connection."""
    db = _storage(source)
    path = Path(db.path) if str(db.path) else None
    if path is None or not path.is_file():
        days = daily_activity(db, first, last, learner_day, deck_ids)
        return lambda: days

    def work() -> list[DayActivity]:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            return daily_activity(conn, first, last, learner_day, deck_ids)
        finally:
            conn.close()

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="daily-activity")
    future = pool.submit(work)
    pool.shutdown(wait=False)          # the thread ends with its one task
    return future.result


def cards_studied(source: Any, start: datetime, end: datetime, deck_ids: list[int] | None = None) -> int:
    """Distinct cards answered from ``start`` to ``end`` (UTC)."""
    db = _storage(source)
    sql = f"SELECT count(DISTINCT r.card_id) FROM revlog r {_deck_join(deck_ids)} WHERE r.time >= ? AND r.time < ?"
    with db.read() as conn:
        return int(conn.execute(sql, (to_ms(start), to_ms(end))).fetchone()[0])


def review_retention_by_deck(source: Any, since: datetime, deck_ids: list[int]) -> dict[int, tuple[int, int]]:
    """{deck id: (review-state answers, Agains among them)} since ``since`` (UTC)."""
    db = _storage(source)
    # The period's rows from the covering index revlog_stats, then each one's card by its id (the
    # ``+`` keeps SQLite from reading every card's reviews through revlog_card and the table).
    ids = ",".join(str(int(i)) for i in deck_ids)
    sql = ("SELECT c.deck_id, count(*), count(*) FILTER (WHERE r.rating = 1) FROM revlog r "
           f"JOIN cards c ON c.id = +r.card_id WHERE r.time >= ? AND r.state_before = 2 AND c.deck_id IN ({ids}) "
           "GROUP BY c.deck_id")
    with db.read() as conn:
        return {r[0]: (r[1], r[2] or 0) for r in conn.execute(sql, (to_ms(since),))}


def first_review_day(source: Any, learner_day: LearnerDay, deck_ids: list[int] | None = None) -> date | None:
    """The learner day of the oldest answer (None: no answers)."""
    db = _storage(source)
    sql = f"SELECT min(r.time) FROM revlog r {_deck_join(deck_ids)}"
    with db.read() as conn:
        ms = conn.execute(sql).fetchone()[0]
    moment = from_ms(ms)
    return None if moment is None else learner_day.day_of(moment)
