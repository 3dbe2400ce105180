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
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from .clock import LearnerDay, ensure_aware, to_ms
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


_DAY_SQL = ("SELECT count(*), sum(rating = 1), sum(rating = 2), sum(rating = 3), sum(rating = 4), "
            "sum(duration_ms) FROM revlog WHERE time >= ? AND time < ?")


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
