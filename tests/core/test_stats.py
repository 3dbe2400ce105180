"""Review statistics: per learner day counts, retention, time spent, answer buttons."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from flashcards import Collection, Rating
from flashcards.core.clock import LearnerDay
from flashcards.core.stats import review_stats

from .conftest import T0


def test_empty_log_gives_a_zero_row_per_day(col: Collection) -> None:
    stats = review_stats(col, days=3, now=T0)
    assert [d.day for d in stats.days] == [date(2026, 2, 28), date(2026, 3, 1), date(2026, 3, 2)]
    assert all(d.reviews == 0 and d.retention is None for d in stats.days)
    assert stats.total.reviews == 0 and stats.total.buttons == (0, 0, 0, 0)


def test_counts_per_learner_day(col: Collection) -> None:
    cards = col.cards()
    yesterday = T0 - timedelta(days=1)
    col.answer(cards[0].id, Rating.Again, now=yesterday, duration_ms=4000)
    col.answer(cards[1].id, Rating.Good, now=yesterday, duration_ms=6000)
    col.answer(cards[2].id, Rating.Easy, now=T0, duration_ms=2000)
    # 03:00 UTC the next morning is still today's learner day (it starts at 04:00).
    col.answer(cards[3].id, Rating.Hard, now=T0.replace(hour=3) + timedelta(days=1), duration_ms=90_000)
    col.answer(cards[4].id, Rating.Good, now=T0 - timedelta(days=5))          # outside the period

    stats = review_stats(col, days=2, now=T0)
    before, today = stats.days
    assert (before.day, before.reviews, before.buttons, before.time_ms) == (date(2026, 3, 1), 2, (1, 0, 1, 0), 10_000)
    assert before.retention == 0.5
    assert (today.day, today.reviews, today.buttons, today.time_ms) == (date(2026, 3, 2), 2, (0, 1, 0, 1), 62_000)
    assert today.retention == 1.0
    assert stats.total.reviews == 4 and stats.total.buttons == (1, 1, 1, 1)
    assert stats.total.retention == 0.75 and stats.total.time_ms == 72_000

    assert review_stats(col.db.conn, days=2, now=T0) == stats   # a plain connection works too
    assert col.review_stats(days=2, now=T0) == stats
    shifted = review_stats(col, days=2, now=T0, learner_day=LearnerDay(0, "UTC"))
    assert [d.reviews for d in shifted.days] == [2, 1]       # midnight days: the 03:00 answer is tomorrow


def test_days_must_be_positive(col: Collection) -> None:
    with pytest.raises(ValueError):
        review_stats(col, days=0, now=T0)
